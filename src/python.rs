//! The Python extension module `chaff._chaff` (feature `python`), built by
//! maturin. The Python package `chaff` (python/chaff/) re-exports it; its
//! documentation for Python users is in python/chaff/_chaff.pyi.
//!
//! Every page goes through `page::Page::from_*_within`, so the per-page
//! limits (bytes, nodes, time) are the core's, and a panic in the core is
//! caught per page: in a batch it becomes that page's error record.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};
use rayon::prelude::*;

use crate::classify::text::collapse_whitespace;
use crate::output::{self, links::Base, markdown};
use crate::page::{Limits, Page, PageError};

pyo3::create_exception!(
    chaff,
    PageLimitError,
    PyValueError,
    "A page broke a per-page limit (bytes, nodes or time), or is not HTML."
);

/// Default per-page limits for Python callers (see _chaff.pyi).
const DEFAULT_MAX_BYTES: usize = 10_000_000;
const DEFAULT_MAX_NODES: usize = 500_000;
const DEFAULT_TIMEOUT: f64 = 10.0;

/// One page as handed over by Python, owned so it can cross threads.
enum Doc {
    Bytes(Vec<u8>),
    Text(String),
    Missing,
}

impl Doc {
    fn from_py(obj: &Bound<'_, PyAny>) -> PyResult<Doc> {
        if obj.is_none() {
            Ok(Doc::Missing)
        } else if let Ok(b) = obj.cast::<PyBytes>() {
            Ok(Doc::Bytes(b.as_bytes().to_vec()))
        } else if let Ok(s) = obj.cast::<PyString>() {
            Ok(Doc::Text(s.to_cow()?.into_owned()))
        } else if let Ok(b) = obj.extract::<Vec<u8>>() {
            // bytearray, memoryview and the like.
            Ok(Doc::Bytes(b))
        } else {
            Err(PyTypeError::new_err(format!(
                "a page must be bytes or str, not {}",
                obj.get_type().name()?
            )))
        }
    }
}

/// Why a page has no result.
enum Failure {
    Limit(PageError),
    BadUrl(String),
    Missing,
    Panic(String),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Limit(e) => write!(f, "{e}"),
            Failure::BadUrl(e) => write!(f, "{e}"),
            Failure::Missing => write!(f, "no page (None)"),
            Failure::Panic(m) => write!(f, "internal error: {m}"),
        }
    }
}

impl From<Failure> for PyErr {
    fn from(f: Failure) -> PyErr {
        match f {
            Failure::Limit(_) | Failure::Missing => PageLimitError::new_err(f.to_string()),
            Failure::BadUrl(_) => PyValueError::new_err(f.to_string()),
            Failure::Panic(_) => PyRuntimeError::new_err(f.to_string()),
        }
    }
}

struct Article {
    title: String,
    byline: Option<String>,
    date: Option<String>,
    body: String,
    markdown: String,
}

struct BlockRow {
    node: u32,
    tag: String,
    label: &'static str,
    confidence: f32,
    reason: String,
    text: String,
}

/// Runs `work` on the parsed and classified page, within `limits`, catching
/// panics.
fn with_page<T>(
    doc: &Doc,
    limits: &Limits,
    work: impl FnOnce(&Page, Instant) -> Result<T, Failure>,
) -> Result<T, Failure> {
    let start = Instant::now();
    let run = || {
        let page = match doc {
            Doc::Bytes(b) => Page::from_bytes_within(b, limits, start),
            Doc::Text(t) => Page::from_str_within(t, limits, start),
            Doc::Missing => return Err(Failure::Missing),
        }
        .map_err(Failure::Limit)?;
        work(&page, start)
    };
    catch_unwind(AssertUnwindSafe(run)).unwrap_or_else(|panic| {
        let message = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".into());
        Err(Failure::Panic(message))
    })
}

/// How a URL that is not absolute is taken: an error for one page asked for
/// by hand, no base at all in a batch (the URL only makes the Markdown's
/// links absolute, and a crawl's odd URL must not cost the article).
#[derive(Clone, Copy, PartialEq)]
enum BadUrl {
    Refuse,
    Ignore,
}

fn extract_one(
    doc: &Doc,
    url: Option<&str>,
    limits: &Limits,
    bad_url: BadUrl,
) -> Result<Article, Failure> {
    with_page(doc, limits, |page, start| {
        let (s, c) = (&page.snapshot, &page.classification);
        let base = match url.map(|u| (u, Base::for_page(s, u))) {
            None => None,
            Some((_, Ok(base))) => Some(base),
            Some((_, Err(_))) if bad_url == BadUrl::Ignore => None,
            Some((u, Err(e))) => return Err(Failure::BadUrl(format!("url {u:?}: {e}"))),
        };
        let e = page.extract();
        let body = output::Body::new(s, c, output::ExtractOptions::default());
        let markdown =
            markdown::render_with_links(
                s,
                body.roots(),
                |id| body.skips(id),
                &|link| match &base {
                    Some(b) => b.resolve(link).into_owned(),
                    None => link.to_string(),
                },
            );
        limits
            .check_time(start, "extracting")
            .map_err(Failure::Limit)?;
        Ok(Article {
            title: e.title,
            byline: e.byline,
            date: e.date,
            body: e.article_body,
            markdown,
        })
    })
}

fn classify_one(doc: &Doc, limits: &Limits) -> Result<Vec<BlockRow>, Failure> {
    with_page(doc, limits, |page, start| {
        let s = &page.snapshot;
        Ok(page
            .classification
            .blocks
            .iter()
            .map(|b| BlockRow {
                node: b.node,
                tag: s.node(b.node).tag().to_string(),
                label: b.label.name(),
                confidence: b.confidence,
                reason: b.reason.clone(),
                text: collapse_whitespace(
                    &s.subtree(b.node)
                        .filter_map(|d| s.node(d).text())
                        .collect::<Vec<_>>()
                        .join(" "),
                ),
            })
            .collect::<Vec<_>>())
        .and_then(|rows| {
            // Nested blocks each carry their subtree's text; on a deep page
            // that is the slow part, so the deadline is checked after it.
            limits
                .check_time(start, "listing blocks")
                .map_err(Failure::Limit)?;
            Ok(rows)
        })
    })
}

fn limits(max_bytes: usize, max_nodes: usize, timeout: Option<f64>) -> PyResult<Limits> {
    let max_time = match timeout {
        None => None,
        Some(t) if t.is_finite() && t > 0.0 => Some(Duration::from_secs_f64(t)),
        Some(t) => {
            return Err(PyValueError::new_err(format!(
                "timeout must be a positive number of seconds or None, not {t}"
            )))
        }
    };
    Ok(Limits {
        max_bytes,
        max_nodes,
        max_time,
    })
}

fn article_dict<'py>(py: Python<'py>, a: Article) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("title", a.title)?;
    d.set_item("byline", a.byline)?;
    d.set_item("date", a.date)?;
    d.set_item("articleBody", a.body)?;
    d.set_item("markdown", a.markdown)?;
    Ok(d)
}

/// Pages from a list, any iterable, or a pyarrow Array / ChunkedArray.
fn docs_from_py(obj: &Bound<'_, PyAny>) -> PyResult<Vec<Doc>> {
    let items = if obj.hasattr("to_pylist")? {
        obj.call_method0("to_pylist")?
    } else {
        obj.clone()
    };
    items.try_iter()?.map(|o| Doc::from_py(&o?)).collect()
}

fn urls_from_py(obj: Option<&Bound<'_, PyAny>>, n: usize) -> PyResult<Vec<Option<String>>> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(vec![None; n]);
    };
    let items = if obj.hasattr("to_pylist")? {
        obj.call_method0("to_pylist")?
    } else {
        obj.clone()
    };
    let urls: Vec<Option<String>> = items
        .try_iter()?
        .map(|o| o?.extract::<Option<String>>())
        .collect::<PyResult<_>>()?;
    if urls.len() != n {
        return Err(PyValueError::new_err(format!(
            "urls has {} items for {n} pages",
            urls.len()
        )));
    }
    Ok(urls)
}

#[pyfunction]
#[pyo3(signature = (html, url=None, *, max_bytes=DEFAULT_MAX_BYTES, max_nodes=DEFAULT_MAX_NODES, timeout=Some(DEFAULT_TIMEOUT)))]
fn extract<'py>(
    py: Python<'py>,
    html: &Bound<'py, PyAny>,
    url: Option<&str>,
    max_bytes: usize,
    max_nodes: usize,
    timeout: Option<f64>,
) -> PyResult<Bound<'py, PyDict>> {
    let doc = Doc::from_py(html)?;
    let limits = limits(max_bytes, max_nodes, timeout)?;
    let article = py.detach(|| extract_one(&doc, url, &limits, BadUrl::Refuse))?;
    article_dict(py, article)
}

#[pyfunction]
#[pyo3(signature = (html, *, max_bytes=DEFAULT_MAX_BYTES, max_nodes=DEFAULT_MAX_NODES, timeout=Some(DEFAULT_TIMEOUT)))]
fn classify<'py>(
    py: Python<'py>,
    html: &Bound<'py, PyAny>,
    max_bytes: usize,
    max_nodes: usize,
    timeout: Option<f64>,
) -> PyResult<Bound<'py, PyList>> {
    let doc = Doc::from_py(html)?;
    let limits = limits(max_bytes, max_nodes, timeout)?;
    let rows = py.detach(|| classify_one(&doc, &limits))?;
    let out = PyList::empty(py);
    for r in rows {
        let d = PyDict::new(py);
        d.set_item("node", r.node)?;
        d.set_item("tag", r.tag)?;
        d.set_item("label", r.label)?;
        d.set_item("confidence", r.confidence)?;
        d.set_item("reason", r.reason)?;
        d.set_item("text", r.text)?;
        out.append(d)?;
    }
    Ok(out)
}

#[pyfunction]
#[pyo3(signature = (pages, urls=None, *, max_bytes=DEFAULT_MAX_BYTES, max_nodes=DEFAULT_MAX_NODES, timeout=Some(DEFAULT_TIMEOUT), threads=None))]
fn extract_batch<'py>(
    py: Python<'py>,
    pages: &Bound<'py, PyAny>,
    urls: Option<&Bound<'py, PyAny>>,
    max_bytes: usize,
    max_nodes: usize,
    timeout: Option<f64>,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyList>> {
    let docs = docs_from_py(pages)?;
    let urls = urls_from_py(urls, docs.len())?;
    let limits = limits(max_bytes, max_nodes, timeout)?;
    let work = |(doc, url): (&Doc, &Option<String>)| {
        extract_one(doc, url.as_deref(), &limits, BadUrl::Ignore)
    };
    let results: Vec<Result<Article, Failure>> = py.detach(|| match threads {
        Some(0) => Err(PyValueError::new_err("threads must be at least 1, or None")),
        Some(1) => Ok(docs.iter().zip(&urls).map(work).collect()),
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .map_err(|e| PyRuntimeError::new_err(format!("cannot start {n} threads: {e}")))
            .map(|pool| pool.install(|| docs.par_iter().zip(&urls).map(work).collect())),
        None => Ok(docs.par_iter().zip(&urls).map(work).collect()),
    })?;
    let out = PyList::empty(py);
    for r in results {
        let d = match r {
            Ok(a) => {
                let d = article_dict(py, a)?;
                d.set_item("error", py.None())?;
                d
            }
            Err(f) => {
                let d = PyDict::new(py);
                for key in ["title", "byline", "date", "articleBody", "markdown"] {
                    d.set_item(key, py.None())?;
                }
                d.set_item("error", f.to_string())?;
                d
            }
        };
        out.append(d)?;
    }
    Ok(out)
}

/// Chaff's core: extracts articles from HTML and labels page blocks.
#[pymodule]
fn _chaff(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(classify, m)?)?;
    m.add_function(wrap_pyfunction!(extract_batch, m)?)?;
    m.add("PageLimitError", m.py().get_type::<PageLimitError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("DEFAULT_MAX_BYTES", DEFAULT_MAX_BYTES)?;
    m.add("DEFAULT_MAX_NODES", DEFAULT_MAX_NODES)?;
    m.add("DEFAULT_TIMEOUT", DEFAULT_TIMEOUT)?;
    Ok(())
}
