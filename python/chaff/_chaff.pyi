"""Type stubs for ``chaff._chaff``, the Rust extension module."""

from typing import Any, Iterable, List, Optional, TypedDict, Union

__version__: str

DEFAULT_MAX_BYTES: int
"""Default ``max_bytes``: 10,000,000."""
DEFAULT_MAX_NODES: int
"""Default ``max_nodes``: 500,000 elements and text nodes."""
DEFAULT_TIMEOUT: float
"""Default ``timeout``: 10.0 seconds."""

Page = Union[bytes, str]

class Article(TypedDict):
    """The article of one page, as returned by :func:`extract`."""

    title: str
    byline: Optional[str]
    date: Optional[str]
    articleBody: str
    markdown: str

class BatchRecord(TypedDict):
    """One page's result in :func:`extract_batch`.

    On success ``error`` is None and the other fields are as in
    :class:`Article`; on failure ``error`` says why and the others are None.
    """

    title: Optional[str]
    byline: Optional[str]
    date: Optional[str]
    articleBody: Optional[str]
    markdown: Optional[str]
    error: Optional[str]

class Block(TypedDict):
    """One labelled block of a page, as returned by :func:`classify`."""

    node: int
    tag: str
    label: str
    confidence: float
    reason: str
    text: str

class PageLimitError(ValueError):
    """A page broke a per-page limit (bytes, nodes or time), or is not HTML."""

def extract(
    html: Page,
    url: Optional[str] = None,
    *,
    max_bytes: int = ...,
    max_nodes: int = ...,
    timeout: Optional[float] = ...,
) -> Article:
    """Extract the article from one HTML page.

    Args:
        html: The page. Bytes are decoded as a browser would (byte order
            mark, then ``<meta charset>``, then UTF-8 if valid, else
            windows-1252); a str is taken as already decoded.
        url: The address the page was fetched from. When given, relative
            links and image addresses in ``markdown`` are made absolute
            against it (or against the page's ``<base href>``, resolved
            against it).
        max_bytes: Refuse pages larger than this many bytes (UTF-8 bytes
            for a str).
        max_nodes: Refuse pages that parse into more elements and text
            nodes than this.
        timeout: Refuse pages that take longer than this many seconds, or
            None for no limit. It is checked between the pipeline's stages
            (parse, classify, render), so a page can run over it by one
            stage; ``max_bytes`` and ``max_nodes`` bound how long a stage
            takes.

    Returns:
        A dict with ``title``, ``byline`` (None if not found), ``date``
        (the publication date as the page states it, usually ISO 8601, or
        None), ``articleBody`` (plain text, one block per line; empty if
        the page has no article) and ``markdown`` (the article as Markdown,
        without the title).

    Raises:
        PageLimitError: The page breaks a limit, or is binary data.
        ValueError: ``url`` is not an absolute URL, or ``timeout`` is not
            positive.
        TypeError: ``html`` is neither bytes nor str.
        RuntimeError: The core panicked on this page (caught, so the
            interpreter goes on).

    The GIL is released while the page is processed.
    """

def classify(
    html: Page,
    *,
    max_bytes: int = ...,
    max_nodes: int = ...,
    timeout: Optional[float] = ...,
) -> List[Block]:
    """Label the blocks of one HTML page.

    Args:
        html: The page, as for :func:`extract`.
        max_bytes: As for :func:`extract`.
        max_nodes: As for :func:`extract`.
        timeout: As for :func:`extract`.

    Returns:
        The labelled blocks in document order. Each has ``node`` (the
        block's index in the parsed page), ``tag``, ``label`` (``content``,
        ``title``, ``byline``, ``dateline``, ``paywall``, ``app-promo``,
        ``link-farm``, ``newsletter``, ``social``, ``ad``, ``consent``,
        ``comments``, ``navigation`` or ``other``), ``confidence`` (0 to 1),
        ``reason`` (why, in words) and ``text`` (its text, whitespace
        collapsed).

    Raises:
        PageLimitError: The page breaks a limit, or is binary data.
        TypeError: ``html`` is neither bytes nor str.
        RuntimeError: The core panicked on this page (caught).
    """

def extract_batch(
    pages: Union[Iterable[Optional[Page]], Any],
    urls: Union[Iterable[Optional[str]], Any, None] = None,
    *,
    max_bytes: int = ...,
    max_nodes: int = ...,
    timeout: Optional[float] = ...,
    threads: Optional[int] = None,
) -> List[BatchRecord]:
    """Extract the articles of many pages in parallel.

    Args:
        pages: The pages: a list or other iterable of bytes or str, or a
            pyarrow ``Array`` or ``ChunkedArray`` of binary or string type.
            A None (null) page gets an error record.
        urls: The address of each page (same length as ``pages``; None
            items allowed), as ``url`` in :func:`extract`, or None. A URL
            that is not absolute is ignored for its page (its links stay
            as they are) rather than costing the article.
        max_bytes: As for :func:`extract`, per page.
        max_nodes: As for :func:`extract`, per page.
        timeout: As for :func:`extract`, per page.
        threads: Worker threads. None uses one per core (a shared pool);
            1 runs on the calling thread. Under Spark, where each task
            already has its core, pass 1.

    Returns:
        One record per page, in order. A page that breaks a limit, is not
        HTML, has a bad URL or makes the core fail gets a record whose
        ``error`` says why; the other pages are not affected.

    Raises:
        TypeError: A page is neither bytes, str nor None.
        ValueError: ``urls`` has a different length, or ``threads`` is 0.

    The GIL is released while the pages are processed.
    """
