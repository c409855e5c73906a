"""The Ray job (python/jobs/extract_warc_ray.py) on a Ray started for the test."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import chaff
import chaff.warc
from conftest import need

ROOT = Path(__file__).resolve().parents[2]
JOB = ROOT / "python" / "jobs" / "extract_warc_ray.py"


def test_ray_job_writes_one_record_per_response(test_warc, tmp_path):
    try:
        import ray.data  # noqa: F401
    except ImportError:
        need(False, "ray[data] is not installed (python/requirements.txt has it)")
    out = tmp_path / "ray"
    cmd = [sys.executable, str(JOB), str(test_warc), "--out", str(out), "--num-cpus", "2",
           "--max-bytes", "2000000", "--records-per-task", "10", "--summary"]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-4000:]
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    assert summary["pages"] == 33 and summary["errors"] == 3
    rows = []
    for part in sorted(out.glob("*.json*")):
        opener = gzip.open if part.suffix == ".gz" else open
        with opener(part, "rt") as f:
            rows.extend(json.loads(line) for line in f if line.strip())
    assert len(rows) == 33
    direct = {url: html for url, html, _ in chaff.warc.iter_responses(str(test_warc)) if html}
    checked = 0
    for row in rows:
        if row["error"] is None and checked < 5:
            assert row["articleBody"] == chaff.extract(direct[row["url"]], row["url"])["articleBody"]
            checked += 1
    assert checked == 5
