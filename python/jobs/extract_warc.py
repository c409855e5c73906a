#!/usr/bin/env python3
"""Spark job: extract the article of every response in WARC files with Chaff.

One output record per WARC response: warc, url, title, byline, date,
articleBody and error (null unless the page failed: not HTML, over a
per-page limit, unreadable). Written as JSON Lines or Parquet.

Spark distributes the work; Chaff brings only the per-partition function
(chaff.warc.extract_partition, through DataFrame.mapInArrow). Each task
handles whole WARC files, or with --records-per-task, ranges of records of
a file, so that a few large files still spread over every core.

Locally (the tests run it like this):
  python python/jobs/extract_warc.py --master 'local[2]' --out out/ data/*.warc.gz
On a cluster, see the README ("Python and Spark"):
  spark-submit --master yarn python/jobs/extract_warc.py --out s3://bucket/out s3://bucket/warc/*.warc.gz
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import sys
import time
from functools import partial


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("warcs", nargs="+", help="WARC files (local paths or URIs; local globs are expanded)")
    ap.add_argument("--out", required=True, help="output folder (Spark writes part files into it)")
    ap.add_argument("--format", choices=["jsonl", "parquet"], default="jsonl")
    ap.add_argument("--master", help="Spark master, e.g. local[2] (default: from spark-submit)")
    ap.add_argument("--partitions", type=int, help="tasks (default: one per file or range)")
    ap.add_argument(
        "--records-per-task", type=int, default=0,
        help="cut files into ranges of about this many responses (default 0: whole files)",
    )
    ap.add_argument("--batch-size", type=int, default=64, help="pages per call to Chaff (default 64)")
    ap.add_argument("--max-bytes", type=int, help="per-page size limit (default chaff.DEFAULT_MAX_BYTES)")
    ap.add_argument("--max-nodes", type=int, help="per-page node limit (default chaff.DEFAULT_MAX_NODES)")
    ap.add_argument("--timeout", type=float, help="per-page time limit in seconds (default chaff.DEFAULT_TIMEOUT)")
    ap.add_argument(
        "--extractor", choices=["chaff", "trafilatura"], default="chaff",
        help="trafilatura: the same job with trafilatura, for measurements",
    )
    ap.add_argument("--stats-dir", help="local mode only: per-partition stats (pages, CPU, peak memory) as JSON")
    ap.add_argument("--summary", action="store_true", help="print a JSON summary line (pages, errors, seconds)")
    return ap.parse_args(argv)


def expand(paths):
    out = []
    for p in paths:
        if "://" in p:
            out.append(p)
        else:
            matches = sorted(glob.glob(p))
            if not matches:
                raise SystemExit(f"extract_warc: no file matches {p}")
            out.extend(matches)
    return out


def run(args) -> dict:
    from pyspark.sql import SparkSession

    import chaff.warc

    if (args.master or "").startswith("local"):
        # Local workers run this interpreter (the venv with chaff), not
        # whatever python3 is first on PATH.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("chaff-extract-warc")
    if args.master:
        builder = builder.master(args.master)
    # Arrow batches sized like Chaff's batches; no JVM-side UI for local runs.
    builder = builder.config("spark.sql.execution.arrow.maxRecordsPerBatch", str(max(args.batch_size, 1)))
    builder = builder.config("spark.ui.enabled", "false")
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    try:
        paths = expand(args.warcs)
        limits = {
            k: v
            for k, v in {"max_bytes": args.max_bytes, "max_nodes": args.max_nodes, "timeout": args.timeout}.items()
            if v is not None
        }
        started = time.perf_counter()
        df = spark.createDataFrame([(p,) for p in paths], "path string")
        if args.records_per_task > 0:
            df = df.repartition(len(paths)).mapInArrow(
                partial(chaff.warc.split_partition, records_per_range=args.records_per_task),
                chaff.warc.spark_ddl(chaff.warc.RANGE_SCHEMA),
            )
            df = df.repartition(args.partitions or spark.sparkContext.defaultParallelism * 4)
        else:
            df = df.repartition(args.partitions or len(paths))
        records = df.mapInArrow(
            partial(
                chaff.warc.extract_partition,
                batch_size=args.batch_size,
                threads=1,
                extractor=args.extractor,
                limits=limits,
                stats_dir=args.stats_dir,
            ),
            chaff.warc.spark_ddl(chaff.warc.SCHEMA),
        )
        if args.format == "parquet":
            records.write.mode("overwrite").parquet(args.out)
        else:
            records.write.mode("overwrite").option("ignoreNullFields", "false").json(args.out)
        seconds = time.perf_counter() - started
        written = spark.read.parquet(args.out) if args.format == "parquet" else spark.read.json(args.out)
        pages = written.count()
        errors = written.filter("error IS NOT NULL").count() if "error" in written.columns else 0
        return {"pages": pages, "errors": errors, "seconds": seconds, "files": len(paths)}
    finally:
        spark.stop()


def main(argv=None) -> int:
    args = parse_args(argv)
    summary = run(args)
    if args.summary:
        print(json.dumps(summary))
    else:
        print(
            f"extract_warc: {summary['pages']} records ({summary['errors']} errors) "
            f"from {summary['files']} file(s) in {summary['seconds']:.1f} s -> {args.out}",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
