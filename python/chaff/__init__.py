"""Chaff: article extraction and page-block labels, from a Rust core.

The functions are implemented in Rust (the extension module ``chaff._chaff``);
their documentation is in ``_chaff.pyi``. ``chaff.warc`` reads WARC files and
holds the per-partition function of the Spark job.
"""

from ._chaff import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_NODES,
    DEFAULT_TIMEOUT,
    PageLimitError,
    __version__,
    classify,
    extract,
    extract_batch,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_NODES",
    "DEFAULT_TIMEOUT",
    "PageLimitError",
    "__version__",
    "classify",
    "extract",
    "extract_batch",
]
