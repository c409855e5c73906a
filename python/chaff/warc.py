"""WARC files to article records: the per-partition work of the Spark job.

Nothing here needs Spark: the functions take and yield pyarrow record
batches, the shape of ``DataFrame.mapInArrow``. ``python/jobs/extract_warc.py``
plugs them into a Spark job; any other engine that hands a worker a batch of
file paths can call them the same way.

WARC files are read with warcio, through ``pyarrow.fs`` so that local paths,
``file://``, ``s3://``, ``gs://`` and ``hdfs://`` URIs all open on a worker.
Needs the extra ``chaff[spark]`` (pyarrow, warcio).
"""

from __future__ import annotations

import time
from typing import Any, Dict, Iterable, Iterator, List, Optional, Tuple

import pyarrow as pa

import chaff

#: One output record per WARC response (and one per unreadable file or range).
SCHEMA = pa.schema(
    [
        pa.field("warc", pa.string()),
        pa.field("url", pa.string()),
        pa.field("title", pa.string()),
        pa.field("byline", pa.string()),
        pa.field("date", pa.string()),
        pa.field("articleBody", pa.string()),
        pa.field("error", pa.string()),
    ]
)

#: A byte range of a WARC file that starts on a record boundary; ``end`` is
#: -1 for "to the end of the file".
RANGE_SCHEMA = pa.schema(
    [
        pa.field("path", pa.string()),
        pa.field("start", pa.int64()),
        pa.field("end", pa.int64()),
    ]
)

_DDL_TYPES = {pa.string(): "string", pa.int64(): "bigint"}


def spark_ddl(schema: pa.Schema) -> str:
    """The schema as a Spark DDL string, as ``mapInArrow`` takes it."""
    return ", ".join(f"`{f.name}` {_DDL_TYPES[f.type]}" for f in schema)


HTML_TYPES = ("text/html", "application/xhtml+xml")


def _open(path: str):
    from pyarrow import fs

    filesystem, inner = fs.FileSystem.from_uri(path if "://" in path else _absolute(path))
    # No transparent decompression: warcio reads gzip record by record.
    return filesystem.open_input_file(inner)


def _absolute(path: str) -> str:
    import os

    return os.path.abspath(path)


def _is_html(content_type: Optional[str]) -> bool:
    if not content_type:
        return True
    mime = content_type.split(";", 1)[0].strip().lower()
    return mime in HTML_TYPES or mime == ""


Response = Tuple[Optional[str], Optional[bytes], Optional[str]]


def iter_responses(
    path: str, start: int = 0, end: int = -1, max_bytes: int = chaff.DEFAULT_MAX_BYTES
) -> Iterator[Response]:
    """Yield ``(url, html, error)`` for each response record of a WARC file.

    Args:
        path: A local path or a URI that ``pyarrow.fs`` opens.
        start: Byte offset of the first record to read (a record boundary).
        end: Stop at the first record that starts at or after this offset;
            -1 reads to the end.
        max_bytes: Read at most this much of a response (after its
            Content-Encoding is undone); a longer one becomes an error, so
            one huge or compressed-bomb record cannot fill a worker's memory.

    Responses that are not HTML yield ``html=None`` and an ``error`` naming
    their content type. A file that cannot be opened or read yields one
    ``(None, None, error)`` and stops.
    """
    from warcio.archiveiterator import ArchiveIterator

    try:
        stream = _open(path)
    except Exception as e:  # noqa: BLE001 -- any failure becomes an error record
        yield None, None, f"cannot open {path}: {e}"
        return
    with stream:
        try:
            if start:
                stream.seek(start)
            records = ArchiveIterator(stream)
            first = None
            for record in records:
                url, body, error = None, None, None
                if record.rec_type == "response":
                    url = record.rec_headers.get_header("WARC-Target-URI")
                    headers = record.http_headers
                    content_type = headers.get_header("Content-Type") if headers else None
                    if not _is_html(content_type):
                        error = f"not HTML ({content_type})"
                    else:
                        try:
                            body = record.content_stream().read(max_bytes + 1)
                        except Exception as e:  # noqa: BLE001
                            error = f"cannot read the response: {e}"
                        if body is not None and len(body) > max_bytes:
                            body, error = None, f"response over the limit of {max_bytes} bytes"
                # warcio knows a record's offset once it has read it. The
                # first record read starts at `start`, whether warcio counts
                # from the seek or from the file's start.
                offset = records.get_record_offset()
                first = offset if first is None else first
                if end >= 0 and start + offset - first >= end:
                    break
                if record.rec_type == "response":
                    yield url, body, error
        except Exception as e:  # noqa: BLE001
            yield None, None, f"cannot read {path}: {e}"


def record_ranges(path: str, records_per_range: int) -> List[Tuple[str, int, int]]:
    """Cut a WARC file into ranges of about ``records_per_range`` responses.

    Each range starts on a record boundary, so that several tasks can share
    one large file. Reads the whole file once (headers only are parsed).
    """
    from warcio.archiveiterator import ArchiveIterator

    ranges: List[Tuple[str, int, int]] = []
    start, count = 0, 0
    with _open(path) as stream:
        records = ArchiveIterator(stream)
        for record in records:
            if record.rec_type != "response":
                continue
            if count == records_per_range:
                offset = records.get_record_offset()
                ranges.append((path, start, offset))
                start, count = offset, 0
            count += 1
    ranges.append((path, start, -1))
    return ranges


def split_partition(
    batches: Iterable[pa.RecordBatch], records_per_range: int
) -> Iterator[pa.RecordBatch]:
    """mapInArrow function: ``path`` batches in, ``RANGE_SCHEMA`` batches out."""
    for batch in batches:
        rows: List[Tuple[str, int, int]] = []
        for path in batch.column("path").to_pylist():
            try:
                rows.extend(record_ranges(path, records_per_range))
            except Exception:  # noqa: BLE001 -- the extract stage reports it
                rows.append((path, 0, -1))
        yield pa.RecordBatch.from_pylist(
            [{"path": p, "start": s, "end": e} for p, s, e in rows], schema=RANGE_SCHEMA
        )


def _chaff_records(
    pages: List[bytes], urls: List[Optional[str]], threads: int, limits: Dict[str, Any]
) -> List[Dict[str, Optional[str]]]:
    return chaff.extract_batch(pages, urls, threads=threads, **limits)


def _trafilatura_records(
    pages: List[bytes], urls: List[Optional[str]]
) -> List[Dict[str, Optional[str]]]:
    import trafilatura

    out: List[Dict[str, Optional[str]]] = []
    for page, url in zip(pages, urls):
        try:
            doc = trafilatura.bare_extraction(
                page, url=url, with_metadata=True, include_comments=False
            )
        except Exception as e:  # noqa: BLE001
            out.append({"error": f"trafilatura: {e}"})
            continue
        if doc is None:
            out.append({"title": None, "byline": None, "date": None, "articleBody": "", "error": None})
        else:
            out.append(
                {
                    "title": doc.title,
                    "byline": doc.author,
                    "date": doc.date,
                    "articleBody": doc.text or "",
                    "error": None,
                }
            )
    return out


def extract_range(
    path: str,
    start: int = 0,
    end: int = -1,
    *,
    batch_size: int = 64,
    threads: int = 1,
    extractor: str = "chaff",
    limits: Optional[Dict[str, Any]] = None,
) -> Iterator[pa.RecordBatch]:
    """Extract the articles of one WARC file (or range), as ``SCHEMA`` batches.

    Args:
        path: As for :func:`iter_responses`.
        start: As for :func:`iter_responses`.
        end: As for :func:`iter_responses`.
        batch_size: Pages per call to the extractor, and rows per batch.
        threads: Threads for :func:`chaff.extract_batch` (1 under Spark).
        extractor: ``"chaff"``, or ``"trafilatura"`` to measure against it.
        limits: ``max_bytes``, ``max_nodes`` and ``timeout`` for
            :func:`chaff.extract_batch`.
    """
    limits = dict(limits or {})
    pending: List[Tuple[Optional[str], Optional[bytes], Optional[str]]] = []

    def flush() -> pa.RecordBatch:
        todo = [(i, r) for i, r in enumerate(pending) if r[1] is not None]
        pages = [r[1] for _, r in todo]
        urls = [r[0] for _, r in todo]
        if extractor == "chaff":
            done = _chaff_records(pages, urls, threads, limits)
        elif extractor == "trafilatura":
            done = _trafilatura_records(pages, urls)
        else:
            raise ValueError(f"unknown extractor {extractor!r}")
        results: List[Dict[str, Optional[str]]] = [{} for _ in pending]
        for (i, _), result in zip(todo, done):
            results[i] = result
        rows = []
        for (url, _, error), result in zip(pending, results):
            rows.append(
                {
                    "warc": path,
                    "url": url,
                    "title": result.get("title"),
                    "byline": result.get("byline"),
                    "date": result.get("date"),
                    "articleBody": result.get("articleBody"),
                    "error": error or result.get("error"),
                }
            )
        pending.clear()
        return pa.RecordBatch.from_pylist(rows, schema=SCHEMA)

    for response in iter_responses(path, start, end, limits.get("max_bytes", chaff.DEFAULT_MAX_BYTES)):
        pending.append(response)
        if len(pending) >= batch_size:
            yield flush()
    if pending:
        yield flush()


def extract_partition(
    batches: Iterable[pa.RecordBatch],
    *,
    batch_size: int = 64,
    threads: int = 1,
    extractor: str = "chaff",
    limits: Optional[Dict[str, Any]] = None,
    stats_dir: Optional[str] = None,
) -> Iterator[pa.RecordBatch]:
    """mapInArrow function: WARC paths (or ranges) in, ``SCHEMA`` batches out.

    The input batches have a ``path`` column, and optionally ``start`` and
    ``end`` (see :data:`RANGE_SCHEMA`). Keyword arguments are as for
    :func:`extract_range`. ``stats_dir``, for measurements on one machine
    (local mode), makes each partition write its page count, CPU time and
    the worker's peak memory there as a JSON file.
    """
    began_cpu, began = time.process_time(), time.perf_counter()
    pages = 0
    for batch in batches:
        columns = batch.schema.names
        paths = batch.column("path").to_pylist()
        starts = batch.column("start").to_pylist() if "start" in columns else [0] * len(paths)
        ends = batch.column("end").to_pylist() if "end" in columns else [-1] * len(paths)
        for path, start, end in zip(paths, starts, ends):
            for out in extract_range(
                path,
                start,
                end,
                batch_size=batch_size,
                threads=threads,
                extractor=extractor,
                limits=limits,
            ):
                pages += out.num_rows
                yield out
    if stats_dir:
        _write_stats(stats_dir, pages, time.process_time() - began_cpu, time.perf_counter() - began)


def _write_stats(stats_dir: str, pages: int, cpu: float, wall: float) -> None:
    import json
    import os
    import uuid

    peak_kib = 0
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    peak_kib = int(line.split()[1])
    except OSError:
        pass
    os.makedirs(stats_dir, exist_ok=True)
    name = os.path.join(stats_dir, f"{os.getpid()}-{uuid.uuid4().hex}.json")
    with open(name, "w") as f:
        json.dump({"pid": os.getpid(), "pages": pages, "cpu": cpu, "wall": wall, "peak_kib": peak_kib}, f)
