"""The Spark job (python/jobs/extract_warc.py) in local mode, on a WARC made
from the dev corpus, and the WARC reading it relies on."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import chaff
import chaff.warc

ROOT = Path(__file__).resolve().parents[2]
JOB = ROOT / "python" / "jobs" / "extract_warc.py"
EXTRAS = {
    "https://extras.corpus.invalid/logo.png": "not HTML (image/png)",
    "https://extras.corpus.invalid/big.html": "over the limit of 2000000 bytes",
    "https://extras.corpus.invalid/binary.html": "binary data",
}


def run_job(warc: Path, out: Path, *extra: str) -> dict:
    cmd = [sys.executable, str(JOB), str(warc), "--out", str(out), "--max-bytes", "2000000",
           "--summary", *extra]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=600, env={**os.environ, "PYSPARK_PYTHON": sys.executable})
    assert done.returncode == 0, f"{' '.join(cmd)} failed:\n{done.stderr[-4000:]}"
    return json.loads(done.stdout.strip().splitlines()[-1])


def read_jsonl(folder: Path) -> list:
    rows = []
    for part in sorted(folder.glob("part-*")):
        opener = gzip.open if part.suffix == ".gz" else open
        with opener(part, "rt") as f:
            rows.extend(json.loads(line) for line in f if line.strip())
    return rows


def test_the_warc_holds_every_response(test_warc):
    responses = list(chaff.warc.iter_responses(str(test_warc)))
    assert len(responses) == 33
    by_url = {url: (html, error) for url, html, error in responses}
    assert by_url["https://extras.corpus.invalid/logo.png"] == (None, "not HTML (image/png)")
    pages = [html for html, error in by_url.values() if error is None]
    assert len(pages) == 32 and all(pages)


def test_record_ranges_cover_the_file_once(test_warc):
    ranges = chaff.warc.record_ranges(str(test_warc), 10)
    assert len(ranges) == 4
    urls = [url for _, start, end in ranges for url, _, _ in chaff.warc.iter_responses(str(test_warc), start, end)]
    assert urls == [url for url, _, _ in chaff.warc.iter_responses(str(test_warc))]


def test_a_response_over_the_size_limit_is_an_error_record_not_a_read(test_warc):
    responses = list(chaff.warc.iter_responses(str(test_warc), max_bytes=1000))
    assert len(responses) == 33
    over = [error for _, html, error in responses if html is None and error and "over the limit of 1000 bytes" in error]
    assert len(over) == 32, responses[:2]


def test_a_missing_file_is_an_error_record(tmp_path):
    [(url, html, error)] = list(chaff.warc.iter_responses(str(tmp_path / "nope.warc.gz")))
    assert url is None and html is None and "cannot open" in error


def test_spark_job_writes_one_record_per_response(test_warc, tmp_path, java):
    out = tmp_path / "jsonl"
    summary = run_job(test_warc, out, "--master", "local[2]")
    rows = read_jsonl(out)
    assert summary["pages"] == len(rows) == 33
    assert summary["errors"] == 3
    for row in rows:
        assert set(row) == {"warc", "url", "title", "byline", "date", "articleBody", "error"}, row
        assert row["warc"] == str(test_warc)
    by_url = {row["url"]: row for row in rows}
    for url, error in EXTRAS.items():
        assert error in by_url[url]["error"], by_url[url]
        assert by_url[url]["articleBody"] is None
    pages = [row for row in rows if row["url"] not in EXTRAS]
    assert all(row["error"] is None for row in pages)
    assert sum(bool(row["articleBody"]) for row in pages) >= 25
    # The same text as chaff.extract on the same bytes.
    direct = {url: html for url, html, _ in chaff.warc.iter_responses(str(test_warc)) if html}
    for row in pages[:5]:
        expected = chaff.extract(direct[row["url"]], row["url"])
        assert row["articleBody"] == expected["articleBody"]
        assert row["title"] == expected["title"]


def test_spark_job_splits_a_file_into_ranges_and_writes_parquet(test_warc, tmp_path, java):
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "parquet"
    summary = run_job(test_warc, out, "--master", "local[2]", "--format", "parquet", "--records-per-task", "8")
    table = pq.read_table(out)
    assert summary["pages"] == table.num_rows == 33
    assert sorted(table.column("url").to_pylist()) == sorted(u for u, _, _ in chaff.warc.iter_responses(str(test_warc)))
    assert table.schema.names == chaff.warc.SCHEMA.names
