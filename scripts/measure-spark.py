#!/usr/bin/env python3
"""Chaff against trafilatura in the same Spark job, on the same WARC.

Runs python/jobs/extract_warc.py four times, each in a fresh Spark (local
mode): {chaff, trafilatura} x {local[1], local[2]}. The WARC is cut into
ranges of --records-per-task responses so that both cores get work. Prints a
Markdown table:

  * pages/s per core: records written / the job's wall time / cores. The
    wall time runs from the job's first DataFrame to the end of the write
    (the SparkSession's start-up is left out).
  * pages per worker CPU-second: records / CPU seconds spent in the Python
    workers' partition functions (JVM time left out).
  * peak memory per worker: the largest VmHWM (peak resident set) of any
    Python worker process, read at the end of each partition.
  * scaling: wall time on local[1] / wall time on local[2] (2.0 is perfect).

  .venv/bin/python scripts/measure-spark.py                # builds target/warc/bench.warc.gz first
  .venv/bin/python scripts/measure-spark.py --count 600 --repeat 1

Needs the chaff wheel installed in the venv (make test-python does it) and
trafilatura (python/requirements.txt).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(warc: Path, extractor: str, cores: int, records_per_task: int, work: Path) -> dict:
    out, stats = work / f"out-{extractor}-{cores}", work / f"stats-{extractor}-{cores}"
    for d in (out, stats):
        shutil.rmtree(d, ignore_errors=True)
    cmd = [
        sys.executable, str(ROOT / "python" / "jobs" / "extract_warc.py"), str(warc),
        "--out", str(out), "--master", f"local[{cores}]", "--extractor", extractor,
        "--records-per-task", str(records_per_task), "--stats-dir", str(stats), "--summary",
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "PYSPARK_PYTHON": sys.executable})
    if done.returncode != 0:
        sys.exit(f"measure-spark: {' '.join(cmd)} failed:\n{done.stderr[-3000:]}")
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    parts = [json.loads(p.read_text()) for p in stats.glob("*.json")]
    peak_by_pid: dict = {}
    for p in parts:
        peak_by_pid[p["pid"]] = max(peak_by_pid.get(p["pid"], 0), p["peak_kib"])
    return {
        "extractor": extractor,
        "cores": cores,
        "pages": summary["pages"],
        "errors": summary["errors"],
        "seconds": summary["seconds"],
        "worker_cpu": sum(p["cpu"] for p in parts),
        "workers": len(peak_by_pid),
        "peak_mib": max(peak_by_pid.values()) / 1024 if peak_by_pid else float("nan"),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--warc", default=str(ROOT / "target" / "warc" / "bench.warc.gz"))
    ap.add_argument("--sets", default="modern,dragnet,cleaneval")
    ap.add_argument("--count", type=int, default=1200, help="pages in the WARC when it is built (default 1200)")
    ap.add_argument("--records-per-task", type=int, default=100)
    ap.add_argument("--repeat", type=int, default=1, help="runs per configuration; the fastest counts")
    args = ap.parse_args()

    warc = Path(args.warc)
    if not warc.exists():
        subprocess.run(
            [sys.executable, str(ROOT / "scripts" / "make-test-warc.py"), "--out", str(warc),
             "--sets", args.sets, "--count", str(args.count)],
            check=True,
        )
    import chaff
    import trafilatura

    rows = {}
    with tempfile.TemporaryDirectory(prefix="chaff-measure-") as tmp:
        for extractor in ["chaff", "trafilatura"]:
            for cores in [1, 2]:
                runs = [run(warc, extractor, cores, args.records_per_task, Path(tmp)) for _ in range(args.repeat)]
                best = min(runs, key=lambda r: r["seconds"])
                best["peak_mib"] = max(r["peak_mib"] for r in runs)
                rows[extractor, cores] = best
                print(f"measure-spark: {extractor} local[{cores}]: {best['pages']} pages in {best['seconds']:.1f} s",
                      file=sys.stderr)

    load = os.getloadavg()
    print(f"WARC: {warc.name}, {rows['chaff', 1]['pages']} responses, {warc.stat().st_size / 1e6:.1f} MB; "
          f"chaff {chaff.__version__}, trafilatura {trafilatura.__version__}; "
          f"{os.cpu_count()} cores, load average {load[0]:.1f} at the end\n")
    print("| | Chaff | trafilatura | Chaff / trafilatura |")
    print("| --- | --- | --- | --- |")

    def line(name, fmt, value):
        c, t = value("chaff"), value("trafilatura")
        print(f"| {name} | {fmt.format(c)} | {fmt.format(t)} | {c / t:.1f}× |")

    for cores in [1, 2]:
        line(f"pages/s per core, local[{cores}]", "{:.1f}",
             lambda e: rows[e, cores]["pages"] / rows[e, cores]["seconds"] / cores)
    for cores in [1, 2]:
        line(f"pages per worker CPU-second, local[{cores}]", "{:.1f}",
             lambda e: rows[e, cores]["pages"] / rows[e, cores]["worker_cpu"])
    for cores in [1, 2]:
        line(f"peak memory per Python worker, local[{cores}] (MiB)", "{:.0f}",
             lambda e: rows[e, cores]["peak_mib"])
    line("job wall time, local[1] (s)", "{:.1f}", lambda e: rows[e, 1]["seconds"])
    line("job wall time, local[2] (s)", "{:.1f}", lambda e: rows[e, 2]["seconds"])
    line("scaling, local[1] → local[2] (wall-time ratio)", "{:.2f}",
         lambda e: rows[e, 1]["seconds"] / rows[e, 2]["seconds"])
    errors = {e: rows[e, 1]["errors"] for e in ("chaff", "trafilatura")}
    print(f"\nError records: chaff {errors['chaff']}, trafilatura {errors['trafilatura']}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
