//! Native adapter: HTML bytes -> html5ever -> `Snapshot`.
//!
//! The parser writes into an arena whose nodes are linked both ways, so every
//! tree edit the HTML spec asks for (foster parenting, adoption agency) is
//! O(1) and nothing is recursive: pages nest 100 000 deep in the wild.

use std::borrow::Cow;
use std::cell::{Ref, RefCell};

use std::cell::Cell;
use std::collections::HashMap;

use html5ever::interface::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer};
use html5ever::tree_builder::TreeBuilder;
use html5ever::{ns, Attribute, LocalName, ParseOpts, QualName, TokenizerResult};

use crate::classify::text::is_whitespace_only;
use crate::snapshot::{is_opaque, NodeData, NodeId, Snapshot, NO_PARENT};

mod streamed;

/// Parses page bytes (any charset a browser would accept) into a snapshot.
#[cfg(feature = "charset")]
pub fn parse_bytes(bytes: &[u8]) -> Snapshot {
    let (text, _) = super::charset::decode(bytes);
    parse_str(&text)
}

/// Parses as a browser that runs scripts does, leaving `<noscript>` out. A
/// page whose `<noscript>` holds more text than its body shows (an app's shell,
/// with what crawlers should read there: a forum's posts, a shop's
/// products) is parsed again as a browser without scripts shows it, and
/// read so if that shows more than `NOSCRIPT_GAIN` times the text.
pub fn parse_str(html: &str) -> Snapshot {
    let (scripted, noscript_bytes) = parse_as(html, true);
    // Most pages have no `<noscript>` text: their own is not summed.
    if noscript_bytes == 0 {
        return scripted;
    }
    let shown = body_text_bytes(&scripted);
    if noscript_bytes <= shown {
        return scripted;
    }
    let (unscripted, _) = parse_as(html, false);
    if body_text_bytes(&unscripted) > NOSCRIPT_GAIN * shown {
        unscripted
    } else {
        scripted
    }
}

/// How many times the text a page shows its `<noscript>` view must show for
/// it to be read instead.
const NOSCRIPT_GAIN: usize = 2;

/// The bytes of text in the body outside opaque elements, whitespace
/// included.
fn body_text_bytes(s: &Snapshot) -> usize {
    s.find_tag("body").map_or(0, |body| {
        s.subtree(body)
            .filter_map(|id| s.node(id).text())
            .filter(|t| !is_whitespace_only(t))
            .map(str::len)
            .sum()
    })
}

/// The text a `<noscript>`'s raw markup would show, in bytes, whitespace,
/// tags and the insides of `<style>` and `<script>` left out: an image's
/// fallback tag or a stylesheet link shows none. Escaped markup ("&lt;div>")
/// is no markup: it shows as text in a browser without scripts too, and
/// counts for nothing here.
fn markup_text_bytes(raw: &str) -> usize {
    if !raw.contains('<') {
        return 0;
    }
    let bytes = raw.as_bytes();
    let (mut shown, mut at) = (0, 0);
    while let Some(&b) = bytes.get(at) {
        if b != b'<' {
            shown += usize::from(!b.is_ascii_whitespace());
            at += 1;
            continue;
        }
        let rest = bytes.get(at + 1..).unwrap_or_default();
        let raw_text_end = [&b"style"[..], b"script"]
            .into_iter()
            .find(|name| {
                rest.get(..name.len())
                    .is_some_and(|t| t.eq_ignore_ascii_case(name))
            })
            .map(|name| {
                let close = [b"</", name].concat();
                find_ignoring_case(bytes, at, &close)
            });
        at = match raw_text_end {
            Some(close) => close.unwrap_or(bytes.len()),
            None => bytes[at..]
                .iter()
                .position(|&c| c == b'>')
                .map_or(bytes.len(), |end| at + end + 1),
        };
    }
    shown
}

/// Where `needle` (ASCII) next starts in `bytes` from `from`, ignoring case.
fn find_ignoring_case(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    (from..bytes.len()).find(|&i| {
        bytes
            .get(i..i + needle.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(needle))
    })
}

/// The snapshot, and the text that the `<noscript>` elements left out of it
/// would show (`markup_text_bytes`).
fn parse_as(html: &str, scripting: bool) -> (Snapshot, usize) {
    let mut opts = ParseOpts::default();
    opts.tree_builder.scripting_enabled = scripting;
    let builder = TreeBuilder::new(
        Arena {
            noscript_opaque: scripting,
            ..Arena::default()
        },
        opts.tree_builder,
    );
    let tokenizer = Tokenizer::new(
        DepthLimit {
            builder,
            dropped: Default::default(),
        },
        opts.tokenizer,
    );
    let input = BufferQueue::default();
    input.push_back(StrTendril::from(html));
    while !matches!(tokenizer.feed(&input), TokenizerResult::Done) {}
    tokenizer.end();
    tokenizer.sink.builder.sink.into_snapshot()
}

// Start tags past `MAX_DEPTH` open elements are dropped (their text is kept):
// the tree builder's scope checks walk the stack of open elements, so
// unbounded nesting would make parsing quadratic.
pub use crate::snapshot::MAX_DEPTH;

struct DepthLimit {
    builder: TreeBuilder<usize, Arena>,
    dropped: RefCell<HashMap<LocalName, usize>>,
}

impl TokenSink for DepthLimit {
    type Handle = usize;

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<usize> {
        if let Token::TagToken(tag) = &token {
            let mut dropped = self.dropped.borrow_mut();
            match tag.kind {
                TagKind::StartTag
                    if self.builder.sink.open.get() >= MAX_DEPTH
                        && !tag.self_closing
                        && !changes_tokenizer_state(&tag.name) =>
                {
                    *dropped.entry(tag.name.clone()).or_default() += 1;
                    return TokenSinkResult::Continue;
                }
                TagKind::EndTag => {
                    if let Some(count) = dropped.get_mut(&tag.name).filter(|c| **c > 0) {
                        *count -= 1;
                        return TokenSinkResult::Continue;
                    }
                    let open = &self.builder.sink.open;
                    open.set(open.get().saturating_sub(1));
                }
                TagKind::StartTag => {}
            }
        }
        self.builder.process_token(token, line)
    }

    fn end(&self) {
        self.builder.end();
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.builder
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}

fn changes_tokenizer_state(tag: &LocalName) -> bool {
    matches!(
        &**tag,
        "script"
            | "style"
            | "textarea"
            | "title"
            | "xmp"
            | "iframe"
            | "noembed"
            | "noframes"
            | "noscript"
            | "plaintext"
            | "svg"
            | "math"
    )
}

const NONE: usize = usize::MAX;

enum Kind {
    Document,
    Element {
        attrs: Vec<Attribute>,
        template: usize,
    },
    Text(StrTendril),
    Doctype(StrTendril),
    /// A comment that opens or closes a streamed boundary (`streamed.rs`).
    Mark(Mark),
    Ignored,
}

#[derive(Clone, Copy)]
enum Mark {
    /// `<!--$-->`, `<!--$?-->`, `<!--$!-->`
    Open,
    /// `<!--/$-->`
    Close,
}

struct ArenaNode {
    name: QualName,
    kind: Kind,
    parent: usize,
    first_child: usize,
    last_child: usize,
    prev: usize,
    next: usize,
    depth: usize,
}

#[derive(Default)]
struct Arena {
    nodes: RefCell<Vec<ArenaNode>>,
    /// The depth of the builder's current node, estimated from where it last
    /// inserted and from end tags since (html5ever does not report every pop).
    open: Cell<usize>,
    /// Whether `<noscript>`'s content stays out, as in a browser that runs
    /// scripts.
    noscript_opaque: bool,
    /// Declarative shadow roots: each host's `<template shadowrootmode>`
    /// contents, or NONE for a closed root, which no page script (and no
    /// walker) can read.
    shadows: RefCell<HashMap<usize, usize>>,
    /// Whether the page marks a streamed boundary (`<!--$-->` and the
    /// like): only then may its scripts move segments (`streamed.rs`).
    streamed: Cell<bool>,
}

fn blank_name() -> QualName {
    QualName::new(None, ns!(), LocalName::from(""))
}

impl Arena {
    fn push(&self, name: QualName, kind: Kind) -> usize {
        let mut nodes = self.nodes.borrow_mut();
        if nodes.is_empty() {
            nodes.push(new_node(blank_name(), Kind::Document));
        }
        nodes.push(new_node(name, kind));
        nodes.len() - 1
    }

    fn detach(nodes: &mut [ArenaNode], id: usize) {
        let (parent, prev, next) = (nodes[id].parent, nodes[id].prev, nodes[id].next);
        if parent == NONE {
            return;
        }
        if prev != NONE {
            nodes[prev].next = next;
        } else {
            nodes[parent].first_child = next;
        }
        if next != NONE {
            nodes[next].prev = prev;
        } else {
            nodes[parent].last_child = prev;
        }
        let node = &mut nodes[id];
        node.parent = NONE;
        node.prev = NONE;
        node.next = NONE;
    }

    /// Inserts `child` under `parent` before `before` (or last when NONE),
    /// merging text into an adjacent text node as the DOM does.
    fn insert(&self, parent: usize, before: usize, child: NodeOrText<usize>) {
        let mut nodes = self.nodes.borrow_mut();
        let prev = if before == NONE {
            nodes[parent].last_child
        } else {
            nodes[before].prev
        };
        let child = match child {
            NodeOrText::AppendText(text) => {
                if prev != NONE {
                    if let Kind::Text(existing) = &mut nodes[prev].kind {
                        existing.push_tendril(&text);
                        self.open.set(nodes[parent].depth);
                        return;
                    }
                }
                nodes.push(new_node(blank_name(), Kind::Text(text)));
                nodes.len() - 1
            }
            NodeOrText::AppendNode(node) => {
                Self::detach(&mut nodes, node);
                node
            }
        };
        let depth = nodes[parent].depth + 1;
        let is_element = matches!(nodes[child].kind, Kind::Element { .. });
        self.open.set(if is_element { depth } else { depth - 1 });
        nodes[child].depth = depth;
        Self::link(&mut nodes, parent, before, child);
    }

    /// Links the detached `child` under `parent`, before `before` (last if
    /// NONE).
    fn link(nodes: &mut [ArenaNode], parent: usize, before: usize, child: usize) {
        let prev = if before == NONE {
            nodes[parent].last_child
        } else {
            nodes[before].prev
        };
        nodes[child].parent = parent;
        nodes[child].prev = prev;
        nodes[child].next = before;
        if prev != NONE {
            nodes[prev].next = child;
        } else {
            nodes[parent].first_child = child;
        }
        if before != NONE {
            nodes[before].prev = child;
        } else {
            nodes[parent].last_child = child;
        }
    }

    fn into_snapshot(self) -> (Snapshot, usize) {
        let mut nodes = self.nodes.into_inner();
        if nodes.is_empty() {
            return (Snapshot::default(), 0);
        }
        if self.streamed.get() {
            streamed::reveal(&mut nodes);
        }
        let shadows = self.shadows.into_inner();
        let mut noscript_bytes = 0;
        let mut items: Vec<(NodeId, NodeData)> = Vec::with_capacity(nodes.len());
        let mut raw_text = Vec::new();
        let mut doctype = None;
        // (arena node, snapshot parent) pairs still to visit, last on top.
        let mut stack: Vec<(usize, NodeId)> = Vec::new();
        push_children(&nodes, 0, NO_PARENT, &mut stack);
        while let Some((id, parent)) = stack.pop() {
            let node = &mut nodes[id];
            match &mut node.kind {
                Kind::Text(text) => {
                    let text = std::mem::take(text);
                    items.push((
                        parent,
                        NodeData::Text(text.replace('\0', "\u{FFFD}").into()),
                    ));
                }
                Kind::Element { attrs, .. } => {
                    let tag = node.name.local.to_ascii_lowercase().to_string();
                    let attrs = std::mem::take(attrs)
                        .into_iter()
                        .map(|a| (attribute_name(&a.name).into(), Box::<str>::from(&*a.value)))
                        .collect();
                    let me = items.len() as NodeId;
                    let opaque = is_opaque(&tag) && (tag != "noscript" || self.noscript_opaque);
                    if tag == "style" {
                        raw_text.push((me, child_text(&nodes, id).into()));
                    } else if opaque && tag == "noscript" {
                        noscript_bytes += markup_text_bytes(&child_text(&nodes, id));
                    }
                    items.push((
                        parent,
                        NodeData::Element {
                            tag: tag.into(),
                            attrs,
                        },
                    ));
                    if !opaque {
                        push_children(&nodes, id, me, &mut stack);
                        // An open shadow root's children come first, as the
                        // walker reads the composed tree (src/snapshot.rs).
                        // (Most pages have none: no lookup.)
                        let root = (!shadows.is_empty()).then(|| shadows.get(&id)).flatten();
                        if let Some(&root) = root.filter(|&&r| r != NONE) {
                            push_children(&nodes, root, me, &mut stack);
                        }
                    }
                }
                Kind::Doctype(name) => doctype = Some(Box::from(&**name)),
                Kind::Document | Kind::Mark(_) | Kind::Ignored => {}
            }
        }
        let mut snapshot =
            Snapshot::from_preorder(items).expect("a depth-first walk yields pre-order");
        snapshot.raw_text = raw_text;
        snapshot.doctype = doctype;
        (snapshot, noscript_bytes)
    }
}

fn new_node(name: QualName, kind: Kind) -> ArenaNode {
    ArenaNode {
        name,
        kind,
        parent: NONE,
        first_child: NONE,
        last_child: NONE,
        prev: NONE,
        next: NONE,
        depth: 0,
    }
}

fn push_children(nodes: &[ArenaNode], id: usize, parent: NodeId, stack: &mut Vec<(usize, NodeId)>) {
    let mut child = nodes[id].last_child;
    while child != NONE {
        stack.push((child, parent));
        child = nodes[child].prev;
    }
}

fn child_text(nodes: &[ArenaNode], id: usize) -> String {
    let mut text = String::new();
    let mut child = nodes[id].first_child;
    while child != NONE {
        if let Kind::Text(t) = &nodes[child].kind {
            text.push_str(t);
        }
        child = nodes[child].next;
    }
    text
}

fn attribute_name(name: &QualName) -> String {
    match &name.prefix {
        Some(prefix) => format!("{}:{}", prefix, name.local),
        None => name.local.to_ascii_lowercase().to_string(),
    }
}

impl TreeSink for Arena {
    type Handle = usize;
    type Output = Self;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Self {
        self
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> usize {
        let mut nodes = self.nodes.borrow_mut();
        if nodes.is_empty() {
            nodes.push(new_node(blank_name(), Kind::Document));
        }
        0
    }

    fn elem_name<'a>(&'a self, target: &'a usize) -> Ref<'a, QualName> {
        Ref::map(self.nodes.borrow(), |nodes| &nodes[*target].name)
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> usize {
        let template = if flags.template {
            self.push(blank_name(), Kind::Ignored)
        } else {
            NONE
        };
        self.push(name, Kind::Element { attrs, template })
    }

    fn create_comment(&self, text: StrTendril) -> usize {
        let kind = match &*text {
            "$" | "$?" | "$!" => Kind::Mark(Mark::Open),
            "/$" => Kind::Mark(Mark::Close),
            _ => Kind::Ignored,
        };
        if matches!(kind, Kind::Mark(_)) {
            self.streamed.set(true);
        }
        self.push(blank_name(), kind)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> usize {
        self.push(blank_name(), Kind::Ignored)
    }

    fn append(&self, parent: &usize, child: NodeOrText<usize>) {
        self.insert(*parent, NONE, child);
    }

    fn append_based_on_parent_node(&self, element: &usize, prev: &usize, child: NodeOrText<usize>) {
        let has_parent = self.nodes.borrow()[*element].parent != NONE;
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev, child);
        }
    }

    fn append_doctype_to_document(
        &self,
        name: StrTendril,
        _public: StrTendril,
        _system: StrTendril,
    ) {
        let id = self.push(blank_name(), Kind::Doctype(name));
        self.insert(0, NONE, NodeOrText::AppendNode(id));
    }

    fn attach_declarative_shadow(
        &self,
        host: &usize,
        template: &usize,
        attrs: &[Attribute],
    ) -> bool {
        let mode = attrs.iter().find(|a| &*a.name.local == "shadowrootmode");
        let open = mode.is_some_and(|a| &*a.value == "open");
        let mut shadows = self.shadows.borrow_mut();
        if shadows.contains_key(host) {
            return false;
        }
        let contents = if open {
            self.get_template_contents(template)
        } else {
            NONE
        };
        shadows.insert(*host, contents);
        true
    }

    fn get_template_contents(&self, target: &usize) -> usize {
        match self.nodes.borrow()[*target].kind {
            Kind::Element { template, .. } if template != NONE => template,
            _ => *target,
        }
    }

    fn same_node(&self, x: &usize, y: &usize) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &usize, child: NodeOrText<usize>) {
        let parent = self.nodes.borrow()[*sibling].parent;
        if parent != NONE {
            self.insert(parent, *sibling, child);
        }
    }

    fn add_attrs_if_missing(&self, target: &usize, attrs: Vec<Attribute>) {
        if let Kind::Element {
            attrs: existing, ..
        } = &mut self.nodes.borrow_mut()[*target].kind
        {
            for attr in attrs {
                if !existing.iter().any(|a| a.name == attr.name) {
                    existing.push(attr);
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &usize) {
        Self::detach(&mut self.nodes.borrow_mut(), *target);
    }

    fn reparent_children(&self, node: &usize, new_parent: &usize) {
        loop {
            let child = self.nodes.borrow()[*node].first_child;
            if child == NONE {
                break;
            }
            self.insert(*new_parent, NONE, NodeOrText::AppendNode(child));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &Snapshot) -> Vec<&str> {
        s.nodes.iter().filter_map(|n| n.text()).collect()
    }

    #[test]
    fn noscript_is_read_only_where_it_holds_more_than_the_page_shows() {
        let shell = "<body><div id=app></div><noscript><p>Posted by Ann</p></noscript></body>";
        assert_eq!(texts(&parse_str(shell)), ["Posted by Ann"]);
        let page = "<body><p>The post, which says more than the notice</p>\
                    <noscript><p>Turn on JavaScript</p></noscript></body>";
        assert_eq!(
            texts(&parse_str(page)),
            ["The post, which says more than the notice"]
        );
        let forum = "<body><header><a href=/>Forums</a> <a href=/latest>Latest</a></header>\
                     <noscript><div class=post><p>I moved my resolver to the host network \
                     and the containers found each other again.</p></div></noscript></body>";
        let forum = parse_str(forum);
        let read = texts(&forum);
        assert!(read.iter().any(|t| t.contains("resolver")), "{read:?}");
        let escaped =
            "<body><header><a href=/>News</a></header><noscript>&lt;img src=\"/pixel?id=1\" \
                       width=1 height=1 alt=\"\"&gt;</noscript></body>";
        assert_eq!(
            texts(&parse_str(escaped)),
            ["News"],
            "escaped markup is no view"
        );
        // More text in `<noscript>` than the page shows, but most of it shown
        // without scripts either (a template's): the scripted view stays.
        let hidden = "<body><p>The post itself</p><noscript><p>Turn it on</p><template><p>A long \
                      notice that no browser shows, scripts or not.</p></template></noscript></body>";
        assert_eq!(texts(&parse_str(hidden)), ["The post itself"]);
    }

    #[test]
    fn noscript_counts_the_text_its_markup_would_show() {
        let lazy = "<img src=\"/a.jpg\" srcset=\"/a-2x.jpg 2x, /a-3x.jpg 3x\" alt=\"\">";
        assert_eq!(markup_text_bytes(lazy), 0);
        let style = "<link rel=stylesheet href=/nojs.css><STYLE>body { opacity: 1 }</Style>";
        assert_eq!(markup_text_bytes(style), 0);
        assert_eq!(markup_text_bytes("<script>var a = 1;</script>"), 0);
        assert_eq!(markup_text_bytes("<p>Posted by Ann</p>\n <p>Hi</p>"), 13);
        assert_eq!(markup_text_bytes("&lt;img src=/pixel&gt; and more"), 0);
        assert_eq!(markup_text_bytes("<p>cut off <b"), 6);
    }

    /// React's streamed rendering: the page's own `$RC` and `$RS` calls put
    /// its hidden segments where their fallback and placeholder were.
    #[test]
    fn streamed_segments_go_where_the_page_s_script_puts_them() {
        let page = "<body><main><h1>Sofas</h1><!--$?--><template id=\"B:0\"></template>\
                    <p>Loading…</p><!--/$--><p>Free delivery</p><template id=\"P:1\"></template></main>\
                    <div hidden id=\"S:0\"><ul><li>Harbour sofa</li><li>Pier loveseat</li></ul></div>\
                    <script>$RC=function(b,c){};$RC(\"B:0\",\"S:0\")</script>\
                    <div hidden id=\"S:1\"><p>Reviews: 4.5 of 5</p></div>\
                    <script>$RS(\"S:1\",\"P:1\")</script><!--$?--><template id=\"B:2\"></template><!--/$-->\
                    <div hidden id=\"S:2\"><p>Styled</p></div>\
                    <script>$RR(\"B:2\",\"S:2\",[[\"/a.css\",\"high\"]])</script></body>";
        let s = parse_str(page);
        assert_eq!(
            texts(&s),
            [
                "Sofas",
                "Harbour sofa",
                "Pier loveseat",
                "Free delivery",
                "Reviews: 4.5 of 5",
                "Styled"
            ]
        );
        let main = s.find_tag("main").unwrap();
        let ul = s.find_tag("ul").unwrap();
        assert!(
            s.is_ancestor(main, ul),
            "the list is in <main>, not hidden at the foot"
        );
        assert!(s.find_tag("template").is_none());
        assert!(
            (0..s.len() as NodeId).all(|i| s.node(i).attr("hidden").is_none()),
            "every segment moved out of its hidden box"
        );
    }

    /// A declarative shadow root is read as the walker reads an attached
    /// one: an open root's children first under its host, then the light
    /// children; a closed root's not at all.
    #[test]
    fn declarative_shadow_roots_read_as_the_composed_tree() {
        let page = "<body><div id=host><template shadowrootmode=\"open\"><p>Shadow text</p>\
                    <slot></slot></template><span>Light text</span></div>\
                    <div id=closed><template shadowrootmode=\"closed\"><p>Private</p></template>\
                    <span>Shown</span></div></body>";
        let s = parse_str(page);
        assert_eq!(texts(&s), ["Shadow text", "Light text", "Shown"]);
        assert!(s.find_tag("template").is_none());
        let host = (0..s.len() as NodeId)
            .find(|&i| s.node(i).attr("id") == Some("host"))
            .unwrap();
        let p = s.find_tag("p").unwrap();
        assert_eq!(s.parent(p), Some(host));
    }

    /// A hidden segment the page never moves (its script moves another)
    /// stays where it is, hidden.
    #[test]
    fn a_segment_without_a_call_stays_put() {
        let page =
            "<body><main><!--$?--><template id=\"B:0\"></template><p>Loading…</p><!--/$--></main>\
                    <div hidden id=\"S:0\"><p>Harbour sofa</p></div>\
                    <script>$RC(\"B:9\",\"S:9\")</script></body>";
        let s = parse_str(page);
        assert_eq!(texts(&s), ["Loading…", "Harbour sofa"]);
        let div = s.find_tag("div").unwrap();
        assert!(s.node(div).attr("hidden").is_some());
    }

    #[test]
    fn builds_preorder_tree_without_opaque_content() {
        let s = parse_str(
            "<title>T</title><p class=a>Hi <b>you</b></p><script>x()</script><style>p{}</style>",
        );
        let tags: Vec<_> = s
            .nodes
            .iter()
            .map(|n| n.text().map_or(n.tag().to_string(), |t| format!("'{t}'")))
            .collect();
        assert_eq!(
            tags,
            [
                "html", "head", "title", "'T'", "body", "p", "'Hi '", "b", "'you'", "script",
                "style"
            ]
        );
        assert_eq!(s.node(5).attr("class"), Some("a"));
        assert_eq!(s.raw_text, vec![(10, "p{}".into())]);
    }

    #[test]
    fn foster_parented_and_adopted_nodes_stay_consistent() {
        let s = parse_str("<table><tr><td>a</td></tr>b<p>c</table><b><i>x</b>y</i>");
        for (i, n) in s.nodes.iter().enumerate() {
            if n.parent != NO_PARENT {
                assert!(s.is_ancestor(n.parent, i as NodeId));
            }
        }
        let text: String = s.nodes.iter().filter_map(|n| n.text()).collect();
        assert_eq!(text, "bcaxy");
    }

    #[test]
    fn deep_nesting_does_not_recurse() {
        let html = "<div>".repeat(100_000) + "deep" + &"</div>".repeat(100_000) + "<p>after";
        let s = parse_str(&html);
        let depth = |id| s.ancestors(id).count();
        assert!((0..s.len() as NodeId).all(|id| depth(id) <= MAX_DEPTH + 2));
        let text: String = s.nodes.iter().filter_map(|n| n.text()).collect();
        assert_eq!(text, "deepafter");
        let p = s.find_tag("p").unwrap();
        assert_eq!(s.node(p).parent, s.find_tag("body").unwrap());
    }
}
