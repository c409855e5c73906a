"""trafilatura side of bench/run.mjs.

  python trafilatura_bench.py extract JOBS OUT.jsonl
      extract() for every job in JOBS, one a line: a path (default settings),
      or a JSON object {"key", "file", "includeComments"} (includeComments
      false: extract(html, include_comments=False)); writes {"file", "key",
      "articleBody"} lines (an "error" too where extract() raised), flushed
      line by line so that a caller can follow progress.
  python trafilatura_bench.py version
      prints {"trafilatura", "lxml"} versions as JSON.
  python trafilatura_bench.py time LIST PROCESSES MIN_SECONDS OUT.json
      in-process throughput: pages decoded to str up front (the same decoding
      as Chaff: bench/lib/text.mjs), then whole passes over all pages until
      MIN_SECONDS have passed (at least 2 passes; the first is a warm-up and
      not counted). PROCESSES=1: a plain loop; otherwise a
      multiprocessing.Pool of that many workers (created and warmed before
      timing), imap_unordered with chunksize 1.

Pages stored gzip-compressed (html/<id>.html.gz in the benchmark corpora)
are decompressed first, recognised by their magic bytes as the Rust side
does (src/bin/chaff/batch.rs). Input pages are decoded the way src/adapter/charset.rs decodes them (BOM,
then valid UTF-8, then <meta>, then windows-1252) so that all tools see the
same text.
"""
import gzip
import json
import multiprocessing
import re
import sys
import time
import warnings

warnings.filterwarnings("ignore")
import logging

logging.disable(logging.CRITICAL)

import trafilatura  # noqa: E402


def decode(data: bytes) -> str:
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(enc)
    try:
        text = data.decode("utf-8")
        valid = True
    except UnicodeDecodeError:
        valid = False
    if valid and any(b >= 0x80 for b in data):
        return text
    m = re.search(rb"<meta[^>]*?charset\s*=\s*[\"']?([^\"';/\s>]+)", data[:1024].lower())
    if m:
        try:
            return data.decode(m.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass
    return text if valid else data.decode("cp1252", errors="replace")


def read_page(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)  # all members, as flate2's MultiGzDecoder
    return data


def load(list_path):
    with open(list_path, encoding="utf-8") as f:
        files = [l.strip() for l in f if l.strip()]
    pages = []
    total = 0
    for p in files:
        data = read_page(p)
        total += len(data)
        pages.append((p, decode(data)))
    return pages, total


def peak_rss_kb(task=None):
    import os
    import resource

    if task is not None:
        time.sleep(0.02)  # let the tasks spread over all workers
    return os.getpid(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def work(html):
    out = trafilatura.extract(html)
    return len(out) if out else 0


def cmd_extract(jobs_path, out_path):
    with open(jobs_path, encoding="utf-8") as f:
        jobs = [json.loads(l) if l.startswith("{") else {"file": l.strip()} for l in f if l.strip()]
    with open(out_path, "w", encoding="utf-8") as out:
        for job in jobs:
            path = job["file"]
            row = {"file": path, "key": job.get("key")}
            try:
                html = decode(read_page(path))
                if job.get("includeComments", True):
                    text = trafilatura.extract(html)
                else:
                    text = trafilatura.extract(html, include_comments=False)
                row["articleBody"] = text or ""
            except Exception as e:  # keep going: an error scores as empty
                row["articleBody"] = ""
                row["error"] = f"{type(e).__name__}: {e}"
                print(f"{path}: {e}", file=sys.stderr)
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            out.flush()


def cmd_version():
    import lxml.etree

    print(json.dumps({"trafilatura": trafilatura.__version__, "lxml": ".".join(map(str, lxml.etree.LXML_VERSION))}))


def cmd_time(list_path, processes, min_seconds, out_path):
    pages, total = load(list_path)
    htmls = [h for _, h in pages]
    processes = int(processes)
    min_seconds = float(min_seconds)
    pool = None
    if processes > 1:
        pool = multiprocessing.Pool(processes)

    def one_pass():
        if pool is None:
            for h in htmls:
                work(h)
        else:
            for _ in pool.imap_unordered(work, htmls, chunksize=1):
                pass

    one_pass()  # warm-up: imports, caches, pool workers
    passes = 0
    cpu_start = time.process_time()
    start = time.perf_counter()
    while passes < 1 or time.perf_counter() - start < min_seconds:
        one_pass()
        passes += 1
    elapsed = (time.perf_counter() - start) / passes
    # CPU time of this process: the whole work with one process; with a pool
    # only the parent's share, so it is reported for one process only.
    cpu = (time.process_time() - cpu_start) / passes if pool is None else None
    total_rss = peak_rss_kb()[1]
    if pool is not None:
        # Each worker's own peak (tasks spread over all workers in practice).
        seen = dict(pool.map(peak_rss_kb, range(processes * 16), chunksize=1))
        total_rss += sum(seen.values())
        pool.close()
        pool.join()
    result = {
        "tool": "trafilatura",
        "version": trafilatura.__version__,
        "processes": processes,
        "pages": len(htmls),
        "bytes": total,
        "passes": passes,
        "secondsPerPass": elapsed,
        "cpuSecondsPerPass": cpu,
        "pagesPerSecond": len(htmls) / elapsed,
        "mbPerSecond": total / 1e6 / elapsed,
        "totalRssKB": total_rss,
    }
    with open(out_path, "w") as f:
        json.dump(result, f)


if __name__ == "__main__":
    if sys.argv[1] == "extract":
        cmd_extract(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "version":
        cmd_version()
    elif sys.argv[1] == "time":
        cmd_time(*sys.argv[2:6])
    else:
        sys.exit(__doc__)
