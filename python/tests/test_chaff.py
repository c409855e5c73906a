"""The Python bindings: extract, classify, extract_batch, limits, stubs."""

from __future__ import annotations

import ast
import threading
import time
from pathlib import Path

import pytest

import chaff

ARTICLE = """<!DOCTYPE html><html><head><title>Harbour bridge reopens after eight months | The Gazette</title>
<meta property="article:published_time" content="2024-05-06T07:08:09Z">
<meta name="author" content="Ada Lovelace">
{base}</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Harbour bridge reopens after eight months</h1>
{paragraphs}
<p>See <a href="/maps/bridge">the map</a> and <a href="notes.html">our notes</a>,
or <a href="#corrections">corrections</a>. <img src="img/bridge.jpg" alt="The bridge"></p>
</article></body></html>"""

PARAGRAPH = (
    "<p>The harbour bridge reopened on Monday after eight months of repairs, and the "
    "first buses crossed it at dawn while commuters, cyclists and a few curious "
    "tourists watched from the quay beside the old customs house.</p>"
)


def article(base: str = "", n: int = 6) -> str:
    return ARTICLE.format(base=base, paragraphs="\n".join([PARAGRAPH] * n))


def big_page(paragraphs: int) -> bytes:
    return ("<html><body><article>" + PARAGRAPH * paragraphs + "</article></body></html>").encode()


# --- extract ---------------------------------------------------------------------


def test_extract_returns_the_article_without_chrome(seed):
    a = chaff.extract(seed)
    assert set(a) == {"title", "byline", "date", "articleBody", "markdown"}
    assert "Revolutionary Guards" in a["title"]
    assert "Iran will not abandon plans to avenge" in a["articleBody"]
    for chrome in ["Sign up to read this article", "Download the app", "Our Picks", "Related Stories"]:
        assert chrome not in a["articleBody"]
        assert chrome not in a["markdown"]
    assert "Khatibzadeh" in a["markdown"]


def test_extract_takes_str_as_well_as_bytes(seed):
    assert chaff.extract(seed.decode("utf-8")) == chaff.extract(seed)


def test_extract_finds_byline_and_date():
    a = chaff.extract(article())
    assert a["title"] == "Harbour bridge reopens after eight months"
    assert a["byline"] == "Ada Lovelace"
    assert a["date"] == "2024-05-06T07:08:09Z"
    assert "first buses crossed it at dawn" in a["articleBody"]


def test_date_is_none_when_the_page_states_none():
    assert chaff.extract(big_page(5))["date"] is None


def test_url_makes_links_absolute():
    a = chaff.extract(article(), url="https://gazette.example/news/2024/bridge.html")
    md = a["markdown"]
    assert "[the map](https://gazette.example/maps/bridge)" in md
    assert "[our notes](https://gazette.example/news/2024/notes.html)" in md
    assert "![The bridge](https://gazette.example/news/2024/img/bridge.jpg)" in md
    # Links within the page stay as they are (and Markdown drops them).
    assert "#corrections" not in md
    assert "corrections" in md


def test_a_base_element_counts_and_no_url_leaves_links_alone():
    a = chaff.extract(article(base='<base href="https://cdn.example/g/">'), url="https://gazette.example/x")
    assert "[our notes](https://cdn.example/g/notes.html)" in a["markdown"]
    assert "[the map](/maps/bridge)" in chaff.extract(article())["markdown"]


def test_a_bad_url_is_a_value_error():
    with pytest.raises(ValueError, match="not a url"):
        chaff.extract(article(), url="not a url")


def test_a_page_that_is_not_bytes_or_str_is_a_type_error():
    with pytest.raises(TypeError, match="bytes or str"):
        chaff.extract(42)


# --- classify --------------------------------------------------------------------


def test_classify_labels_blocks_with_reasons(seed):
    blocks = chaff.classify(seed)
    labels = {b["label"] for b in blocks}
    assert {"paywall", "app-promo", "link-farm", "content"} <= labels
    for b in blocks:
        assert set(b) == {"node", "tag", "label", "confidence", "reason", "text"}
        assert 0.0 <= b["confidence"] <= 1.0
        assert b["reason"]
    assert sum(b["label"] == "link-farm" for b in blocks) >= 3


# --- extract_batch ---------------------------------------------------------------


def test_batch_gives_one_record_per_page_in_order(seed):
    pages = [seed, article(), None, bytes(range(256)) * 8, b""]
    records = chaff.extract_batch(pages)
    assert len(records) == len(pages)
    for r in records:
        assert set(r) == {"title", "byline", "date", "articleBody", "markdown", "error"}
    assert records[0]["error"] is None and "Iran" in records[0]["articleBody"]
    assert records[1]["error"] is None and records[1]["title"] == "Harbour bridge reopens after eight months"
    assert records[2]["error"] == "no page (None)" and records[2]["articleBody"] is None
    assert "binary data" in records[3]["error"]
    assert records[4]["error"] is None and records[4]["articleBody"] == ""
    single = chaff.extract(seed)
    assert {k: records[0][k] for k in single} == single


def test_batch_takes_pyarrow_arrays_and_urls():
    pa = pytest.importorskip("pyarrow")
    pages = [article().encode(), article(n=4).encode()]
    urls = ["https://a.example/x/y.html", None]
    from_list = chaff.extract_batch(pages, urls)
    assert "https://a.example/maps/bridge" in from_list[0]["markdown"]
    assert "(/maps/bridge)" in from_list[1]["markdown"]
    for array in [
        pa.array(pages, type=pa.binary()),
        pa.array(pages, type=pa.large_binary()),
        pa.array([p.decode() for p in pages], type=pa.string()),
        pa.chunked_array([pages[:1], pages[1:]], type=pa.binary()),
    ]:
        assert chaff.extract_batch(array, pa.array(urls)) == from_list


def test_batch_threads_give_the_same_records(seed):
    pages = [seed, article()] * 4
    assert chaff.extract_batch(pages, threads=1) == chaff.extract_batch(pages) == chaff.extract_batch(pages, threads=2)
    with pytest.raises(ValueError, match="threads"):
        chaff.extract_batch(pages, threads=0)
    with pytest.raises(ValueError, match="urls has 1 items for 8 pages"):
        chaff.extract_batch(pages, ["https://a.example/"])
    with pytest.raises(TypeError):
        chaff.extract_batch([seed, 3])


def test_batch_releases_the_gil(seed):
    """While a batch runs (on one thread), this thread keeps running Python."""
    began = time.perf_counter()
    for _ in range(5):
        chaff.extract(seed)
    per_page = (time.perf_counter() - began) / 5
    pages = [seed] * min(5000, max(50, int(1.0 / per_page)))  # about a second of work
    gaps = []
    worker = threading.Thread(target=chaff.extract_batch, args=(pages,), kwargs={"threads": 1})
    began = time.perf_counter()
    worker.start()
    last = time.perf_counter()
    while worker.is_alive():
        now = time.perf_counter()
        gaps.append(now - last)
        last = now
    took = time.perf_counter() - began
    worker.join()
    assert took > 0.3, f"batch too quick ({took:.2f} s) to tell"
    assert max(gaps) < took / 2, f"this thread stalled {max(gaps):.2f} s of the batch's {took:.2f} s"


# --- per-page limits ----------------------------------------------------------------


def test_limits_turn_big_pages_into_errors_not_hangs():
    big = big_page(12_000)  # 3 MB, 24k nodes
    assert len(big) > 2_000_000
    assert chaff.extract(big)["articleBody"].count("harbour bridge reopened") == 12_000
    with pytest.raises(chaff.PageLimitError, match="over the limit of 1000000 bytes"):
        chaff.extract(big, max_bytes=1_000_000)
    with pytest.raises(chaff.PageLimitError, match="over the limit of 5000 nodes"):
        chaff.extract(big, max_nodes=5_000)
    began = time.perf_counter()
    with pytest.raises(chaff.PageLimitError, match="time limit of 0.001 s"):
        chaff.extract(big, timeout=0.001)
    assert time.perf_counter() - began < 5
    with pytest.raises(ValueError, match="timeout"):
        chaff.extract(big, timeout=0)
    assert issubclass(chaff.PageLimitError, ValueError)


def test_in_a_batch_a_page_over_a_limit_is_an_error_record(seed):
    huge = big_page(60_000)  # 15 MB: over the default 10 MB
    records = chaff.extract_batch([seed, huge, big_page(12_000), seed], max_nodes=20_000, timeout=None)
    assert [r["error"] is None for r in records] == [True, False, False, True]
    assert "over the limit of 10000000 bytes" in records[1]["error"]
    assert "over the limit of 20000 nodes" in records[2]["error"]
    timed = chaff.extract_batch([big_page(12_000), article()], timeout=0.001)
    assert "time limit" in timed[0]["error"]


def test_defaults_are_exported():
    assert chaff.DEFAULT_MAX_BYTES == 10_000_000
    assert chaff.DEFAULT_MAX_NODES == 500_000
    assert chaff.DEFAULT_TIMEOUT == 10.0
    assert chaff.__version__


# --- typing -------------------------------------------------------------------------


def test_the_stubs_match_the_module():
    package = Path(chaff.__file__).parent
    assert (package / "py.typed").is_file()
    stub = ast.parse((package / "_chaff.pyi").read_text())
    stubbed = {n.name for n in stub.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
    stubbed |= {t.id for n in stub.body if isinstance(n, ast.AnnAssign) for t in [n.target]}
    exported = {name for name in dir(chaff._chaff) if not name.startswith("_")} | {"__version__"}
    assert exported <= stubbed | {"__version__"}, exported - stubbed
    for fn in [n for n in stub.body if isinstance(n, ast.FunctionDef)]:
        assert ast.get_docstring(fn), f"{fn.name} has no docstring in the stub"


def test_a_bad_url_in_a_batch_costs_the_links_not_the_article():
    page = "<html><body><article><h1>T</h1>" + "<p>" + "A sentence of the article, with words. " * 20 + "<a href='/x'>link</a></p></article></body></html>"
    [record] = chaff.extract_batch([page], ["not a url"])
    assert record["error"] is None
    assert "A sentence of the article" in record["articleBody"]
