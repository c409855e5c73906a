#!/usr/bin/env python3
"""Ray job: the Spark job's work (extract_warc.py) on Ray Data.

The same per-partition function, chaff.warc.extract_partition, runs in
Dataset.map_batches on pyarrow batches of WARC paths (or record ranges); Ray
schedules the tasks. Output: one record per WARC response, as JSON Lines or
Parquet files in --out.

  python python/jobs/extract_warc_ray.py --num-cpus 2 --out out/ data/*.warc.gz
  python python/jobs/extract_warc_ray.py --address auto --out s3://bucket/out s3://bucket/warc/*.warc.gz
"""

from __future__ import annotations

import argparse
import glob
import json
import sys
import time
from functools import partial


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("warcs", nargs="+", help="WARC files (local paths or URIs; local globs are expanded)")
    ap.add_argument("--out", required=True, help="output folder")
    ap.add_argument("--format", choices=["jsonl", "parquet"], default="jsonl")
    ap.add_argument("--address", help="Ray cluster address (default: start Ray on this machine)")
    ap.add_argument("--num-cpus", type=int, help="CPUs for a Ray started here (default: all)")
    ap.add_argument("--records-per-task", type=int, default=0,
                    help="cut files into ranges of about this many responses (default 0: whole files)")
    ap.add_argument("--batch-size", type=int, default=64, help="pages per call to Chaff (default 64)")
    ap.add_argument("--max-bytes", type=int)
    ap.add_argument("--max-nodes", type=int)
    ap.add_argument("--timeout", type=float)
    ap.add_argument("--summary", action="store_true", help="print a JSON summary line")
    return ap.parse_args(argv)


def _extract(table, **kwargs):
    import pyarrow as pa

    import chaff.warc

    batches = list(chaff.warc.extract_partition(table.to_batches(), **kwargs))
    return pa.Table.from_batches(batches, schema=chaff.warc.SCHEMA)


def _ranges(row, records_per_range):
    import chaff.warc

    try:
        ranges = chaff.warc.record_ranges(row["path"], records_per_range)
    except Exception:  # noqa: BLE001 -- the extract stage reports it
        ranges = [(row["path"], 0, -1)]
    return [{"path": p, "start": s, "end": e} for p, s, e in ranges]


def run(args) -> dict:
    import ray

    paths = []
    for p in args.warcs:
        if "://" in p:
            paths.append(p)
        else:
            matches = sorted(glob.glob(p))
            if not matches:
                raise SystemExit(f"extract_warc_ray: no file matches {p}")
            paths.extend(matches)
    limits = {k: v for k, v in {"max_bytes": args.max_bytes, "max_nodes": args.max_nodes,
                                "timeout": args.timeout}.items() if v is not None}
    import logging

    ray.init(address=args.address, num_cpus=None if args.address else args.num_cpus,
             include_dashboard=False, log_to_driver=False, logging_level=logging.ERROR)
    ray.data.DataContext.get_current().enable_progress_bars = False
    logging.getLogger("ray.data").setLevel(logging.ERROR)
    try:
        started = time.perf_counter()
        ds = ray.data.from_items([{"path": p} for p in paths])
        if args.records_per_task > 0:
            ds = ds.flat_map(partial(_ranges, records_per_range=args.records_per_task))
        records = ds.map_batches(
            partial(_extract, batch_size=args.batch_size, threads=1, limits=limits),
            batch_format="pyarrow",
            batch_size=1,
            num_cpus=1,
        )
        if args.format == "parquet":
            records.write_parquet(args.out)
        else:
            records.write_json(args.out)
        seconds = time.perf_counter() - started
        written = ray.data.read_parquet(args.out) if args.format == "parquet" else ray.data.read_json(args.out)
        pages = written.count()
        errors = written.filter(lambda row: row["error"] is not None).count() if pages else 0
        return {"pages": pages, "errors": errors, "seconds": seconds, "files": len(paths)}
    finally:
        ray.shutdown()


def main(argv=None) -> int:
    args = parse_args(argv)
    summary = run(args)
    if args.summary:
        print(json.dumps(summary))
    else:
        print(f"extract_warc_ray: {summary['pages']} records ({summary['errors']} errors) "
              f"from {summary['files']} file(s) in {summary['seconds']:.1f} s -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
