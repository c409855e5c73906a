#!/usr/bin/env python3
"""Build a WARC file from the development corpus, for the Spark job's tests
and measurements. Nothing is downloaded: the pages come from
../shared/corpus/<set>/html/<id>.html.gz (gzip-compressed HTML).

Each page becomes one `response` record (HTTP/1.1 200, Content-Type
text/html; charset=utf-8) with its `request` record, as a crawler writes
them. Its URL is the one `ground-truth.json` gives (modern/) if absolute,
else a made-up https://<set>.corpus.invalid/<id>.html. With --extras the file also holds:
  * a response that is not HTML (image/png): its record gets an error;
  * a generated page of --big-mb MB (many paragraphs): over the per-page
    limits of the job's tests, it becomes an error record;
  * binary data served as text/html: an error record.

  python3 scripts/make-test-warc.py --out target/warc/test.warc.gz --count 40 --extras
  python3 scripts/make-test-warc.py --out target/warc/bench.warc.gz --sets modern,dragnet --count 600

Needs warcio (in .venv, from scripts/setup.sh). The output is deterministic
for the same arguments and corpus.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = Path(os.environ.get("CHAFF_CORPUS", ROOT.parent / "shared" / "corpus"))
FALLBACK_CORPUS = Path("/work/shared/corpus")
WARC_DATE = "2026-01-01T00:00:00Z"


def corpus_dir(given: str | None) -> Path:
    for candidate in [Path(given)] if given else [DEFAULT_CORPUS, FALLBACK_CORPUS]:
        if candidate.is_dir():
            return candidate
    raise SystemExit(
        f"make-test-warc: no corpus at {given or DEFAULT_CORPUS} "
        f"(expected <corpus>/<set>/html/<id>.html.gz; set --corpus or CHAFF_CORPUS)"
    )


def pages(corpus: Path, sets: list[str], count: int):
    """(url, html bytes) for up to `count` pages, taken round-robin over `sets`."""
    per_set = []
    for name in sets:
        folder = corpus / name / "html"
        if not folder.is_dir():
            raise SystemExit(f"make-test-warc: {folder} missing")
        truth_path = corpus / name / "ground-truth.json"
        truth = json.loads(truth_path.read_text()) if truth_path.is_file() else {}
        files = sorted(folder.glob("*.html.gz"))
        per_set.append((name, truth, files))
    taken = 0
    index = 0
    while taken < count and any(index < len(files) for _, _, files in per_set):
        for name, truth, files in per_set:
            if index < len(files) and taken < count:
                path = files[index]
                page_id = path.name[: -len(".html.gz")]
                url = truth.get(page_id, {}).get("url") or ""
                if not url.startswith(("http://", "https://")):
                    # A crawler records absolute URLs; a few ground-truth
                    # entries hold a bare path.
                    url = f"https://{name}.corpus.invalid/{page_id}.html"
                yield url, gzip.decompress(path.read_bytes())
                taken += 1
        index += 1


def big_page(megabytes: float) -> bytes:
    paragraph = (
        "<p>This generated paragraph is one of very many: it makes the page far larger "
        "than any real article, to test the per-page limits of the bulk job.</p>\n"
    )
    n = int(megabytes * 1_000_000 / len(paragraph)) + 1
    return (
        "<!DOCTYPE html><html><head><title>A very big page</title></head><body><article>"
        + paragraph * n
        + "</article></body></html>"
    ).encode()


def record_id(n: int, kind: str) -> str:
    digest = hashlib.sha1(f"{n}:{kind}".encode()).hexdigest()
    return f"<urn:uuid:{digest[:8]}-{digest[8:12]}-{digest[12:16]}-{digest[16:20]}-{digest[20:32]}>"


def write(out: Path, items, gz: bool) -> int:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    n = 0
    with open(tmp, "wb") as f:
        writer = WARCWriter(f, gzip=gz)
        for n, (url, content_type, body) in enumerate(items, 1):
            http = StatusAndHeaders(
                "200 OK",
                [("Content-Type", content_type), ("Content-Length", str(len(body)))],
                protocol="HTTP/1.1",
            )
            warc_headers = {"WARC-Date": WARC_DATE, "WARC-Record-ID": record_id(n, "response")}
            response = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(body),
                length=len(body),
                http_headers=http,
                warc_headers_dict=warc_headers,
            )
            request = writer.create_warc_record(
                url,
                "request",
                payload=io.BytesIO(b""),
                length=0,
                http_headers=StatusAndHeaders(
                    f"GET {url} HTTP/1.1", [("User-Agent", "chaff-test")], is_http_request=True
                ),
                warc_headers_dict={"WARC-Date": WARC_DATE, "WARC-Record-ID": record_id(n, "request")},
            )
            writer.write_record(request)
            writer.write_record(response)
    tmp.replace(out)
    return n


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, help="WARC file to write (.warc.gz is gzip-compressed per record)")
    ap.add_argument("--corpus", help=f"corpus folder (default {DEFAULT_CORPUS})")
    ap.add_argument("--sets", default="modern", help="comma-separated sets, taken round-robin (default modern)")
    ap.add_argument("--count", type=int, default=40, help="corpus pages to write (default 40)")
    ap.add_argument("--extras", action="store_true", help="add a non-HTML, a binary and a big page")
    ap.add_argument("--big-mb", type=float, default=3.0, help="size of the big page in MB (default 3)")
    args = ap.parse_args()

    corpus = corpus_dir(args.corpus)
    items = [(url, "text/html; charset=utf-8", html) for url, html in pages(corpus, args.sets.split(","), args.count)]
    if args.extras:
        items.append(("https://extras.corpus.invalid/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64)))
        items.append(("https://extras.corpus.invalid/big.html", "text/html", big_page(args.big_mb)))
        items.append(("https://extras.corpus.invalid/binary.html", "text/html", bytes(range(256)) * 16))
    out = Path(args.out)
    n = write(out, items, gz=out.suffix == ".gz")
    print(f"make-test-warc: {n} responses, {out.stat().st_size:,} bytes -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
