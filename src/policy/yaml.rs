//! The YAML hive format (documented in `config/README.md`) ↔ [`Registry`].
//!
//! ```yaml
//! HKEY_CURRENT_USER:                # or HKCU; HKEY_LOCAL_MACHINE / HKLM
//!   Software\Policies\Microsoft\Office\16.0\Outlook\Options\Shutdown:
//!     FastShutdownBehavior: 1       # a plain integer is a REG_DWORD
//!     Note: { type: REG_SZ, data: "any type in the explicit form" }
//! ```
//!
//! Loading goes in two steps: `serde_norway` reads the document into a small tree (`Node`), which is then
//! checked into a new `Registry`. A problem found in the tree carries the path of the node at fault; its line
//! and column are recovered by reading the document again and stopping at that node (errors are rare, so
//! the second read costs nothing in the normal case). Keys and value names compare case-insensitively, as the
//! hive does, and a repeated one is an error that names both places.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_norway::{Mapping, Value};

use super::hive::{check_value_data, KeyPath, RegValue, Registry, RootKey};
use super::load::LoadError;

/// A YAML node, as much of it as the hive format needs.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    Null,
    Bool(bool),
    /// Any integer that fits an `i128`.
    Int(i128),
    /// An integer larger than `i128::MAX`.
    HugeInt,
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    /// Entries in document order; keys are the key scalars' text.
    Map(Vec<(String, Node)>),
}

impl Node {
    /// What the node is, for messages ("a string", "a list", ...).
    pub(crate) fn describe(&self) -> &'static str {
        match self {
            Node::Null => "nothing (an empty or null value)",
            Node::Bool(_) => "a boolean",
            Node::Int(_) | Node::HugeInt => "an integer",
            Node::Float(_) => "a floating-point number",
            Node::Str(_) => "a string",
            Node::Seq(_) => "a list",
            Node::Map(_) => "a mapping",
        }
    }
}

/// One step from a node to a child.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    /// The key of the n-th mapping entry.
    Key(usize),
    /// The value of the n-th mapping entry.
    Value(usize),
    /// The n-th list item.
    Item(usize),
}

/// A problem in a parsed tree: the node at fault and the message. For a repeated key, `earlier` is the first
/// one, and `{earlier}` in the message is replaced by its position.
#[derive(Debug, Clone)]
pub(crate) struct Problem {
    pub path: Vec<Step>,
    pub earlier: Option<Vec<Step>>,
    pub message: String,
}

impl Problem {
    pub(crate) fn new(path: &[Step], message: impl Into<String>) -> Problem {
        Problem {
            path: path.to_vec(),
            earlier: None,
            message: message.into(),
        }
    }

    /// Turn into a [`LoadError`], finding the positions in `text`.
    pub(crate) fn into_error(self, origin: &str, text: &str) -> LoadError {
        let (line, column) = locate(text, &self.path).unwrap_or((1, 1));
        let mut message = self.message;
        if let Some(earlier) = &self.earlier {
            let at = match locate(text, earlier) {
                Some((l, c)) => format!("line {l} column {c}"),
                None => "earlier".to_owned(),
            };
            message = message.replace("{earlier}", &at);
        }
        LoadError::at(origin, line, column, message)
    }
}

fn with(path: &[Step], step: Step) -> Vec<Step> {
    let mut p = path.to_vec();
    p.push(step);
    p
}

// ---- reading the tree ------------------------------------------------------------------------------------

struct NodeVisitor;

/// A map key: the key scalar's text, whatever it resolves to (`16.0`, `1`, `true` stay text).
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = String;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = String;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a plain text key")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
                Ok(v.to_owned())
            }
        }
        d.deserialize_str(KeyVisitor)
    }
}

impl<'de> de::Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Node, D::Error> {
        d.deserialize_any(NodeVisitor)
    }
}

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a YAML value")
    }
    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_none<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        d.deserialize_any(NodeVisitor)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
        Ok(Node::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
        Ok(Node::Int(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
        Ok(Node::Int(v.into()))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Node, E> {
        Ok(Node::Int(v))
    }
    fn visit_u128<E>(self, v: u128) -> Result<Node, E> {
        Ok(i128::try_from(v).map_or(Node::HugeInt, Node::Int))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Node, E> {
        Ok(Node::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Node, E> {
        Ok(Node::Str(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Node, E> {
        Ok(Node::Str(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Node>()? {
            items.push(item);
        }
        Ok(Node::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key_seed(KeySeed)? {
            entries.push((key, map.next_value::<Node>()?));
        }
        Ok(Node::Map(entries))
    }
    fn visit_enum<A: de::EnumAccess<'de>>(self, _data: A) -> Result<Node, A::Error> {
        Err(de::Error::custom(TAG_MESSAGE))
    }
}

const TAG_MESSAGE: &str =
    "YAML tags (!name) are not used in mockmapi files; give the type in the explicit \
                           form instead: { type: REG_SZ, data: \"...\" }";

/// How deep flow collections (`[...]`, `{...}`) may nest. The hive format needs five levels; the limit matches
/// `serde_norway`'s own for block nesting.
const MAX_FLOW_DEPTH: usize = 128;

const DEPTH_MESSAGE: &str = "the YAML is nested more than 128 levels deep; a hive file needs at most five \
                             (hives, keys, values, the explicit form, a list): check the indentation and the \
                             brackets";

/// The position of the first flow collection nested deeper than [`MAX_FLOW_DEPTH`], by a quick scan. libyaml
/// takes time quadratic in the flow depth, so such a document is refused before it is parsed. Brackets count
/// only where a node can start (after a line start, `[`, `{`, `,`, `:`, `-` or `?`), outside quotes and comments.
fn too_deep(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut prev: Option<char> = None; // last non-blank character on this line
    let mut quote: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if let Some(q) = quote {
            match c {
                '\\' if q == '"' => {
                    chars.next();
                }
                '\'' if q == '\'' && chars.peek().map(|p| p.1) == Some('\'') => {
                    chars.next();
                }
                _ if c == q => quote = None,
                _ => {}
            }
            continue;
        }
        let node_start = matches!(prev, None | Some('[' | '{' | ',' | ':' | '-' | '?'));
        match c {
            '\n' => {
                prev = None;
                continue;
            }
            '#' if i == 0 || text[..i].ends_with(char::is_whitespace) => {
                while chars.peek().is_some_and(|p| p.1 != '\n') {
                    chars.next();
                }
                continue;
            }
            '"' | '\'' if node_start => quote = Some(c),
            '[' | '{' if node_start => {
                depth += 1;
                if depth > MAX_FLOW_DEPTH {
                    return Some(i);
                }
            }
            '[' | '{' => {
                // Inside a plain scalar: the next bracket does not start a node either.
                prev = Some('a');
                continue;
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if !c.is_whitespace() {
            prev = Some(c);
        }
    }
    None
}

/// Read a YAML document into a tree, turning `serde_norway`'s errors into precise, actionable ones.
///
/// The common shape of a hive file (block mappings of plain keys whose values are mappings, plain decimal
/// integers or `{}`, with comments) is read by [`read_plain_blocks`] at a fraction of the cost; anything
/// else, and every error, goes through `serde_norway`, so what a document means and every message about it
/// are the same either way.
pub(crate) fn parse_document(origin: &str, text: &str) -> Result<Node, LoadError> {
    use serde::Deserialize as _;
    if let Some(node) = read_plain_blocks(text) {
        return Ok(node);
    }
    if let Some(at) = too_deep(text) {
        let (line, column) = super::load::line_column(text, at);
        return Err(LoadError::at(origin, line, column, DEPTH_MESSAGE));
    }
    Node::deserialize(serde_norway::Deserializer::from_str(text))
        .map_err(|e| syntax_error(origin, text, &e))
}

/// Read a document made only of the simplest YAML: block mappings (two or more spaces per level is not
/// required; any consistent deeper indentation opens the value's mapping), plain keys, and values that are
/// a nested mapping, nothing, `{}`, or a plain decimal integer; blank lines and comments anywhere. `None` for
/// anything else (quotes, flow collections other than `{}`, lists, anchors, tags, tabs, other scalars,
/// documents markers, a byte-order mark, CR line ends, irregular indentation, ...): the caller then reads the
/// document with `serde_norway`, which decides what it means or reports the error. Every accepted document
/// gives the tree `serde_norway` gives (`plain_blocks_agree_with_serde_norway` checks it).
fn read_plain_blocks(text: &str) -> Option<Node> {
    // Close the innermost mapping into its parent's last entry (the entry that opened it).
    fn close(levels: &mut Vec<Vec<(String, Node)>>) {
        let done = levels.pop().expect("an open mapping");
        let parent = levels.last_mut().expect("a parent");
        parent.last_mut().expect("the entry that opened it").1 = Node::Map(done);
    }
    let mut levels: Vec<Vec<(String, Node)>> = Vec::new();
    scan_plain_blocks(text, |depth, key, value| {
        while levels.len() > depth + 1 {
            close(&mut levels);
        }
        if levels.len() == depth {
            levels.push(Vec::new());
        }
        let node = match value {
            Plain::Nothing => Node::Null,
            Plain::Empty => Node::Map(Vec::new()),
            Plain::Int(v) => Node::Int(v),
        };
        levels[depth].push((key.to_owned(), node));
        Some(())
    })?;
    while levels.len() > 1 {
        close(&mut levels);
    }
    levels.pop().map(Node::Map)
}

/// A value [`scan_plain_blocks`] takes: nothing on the line (a deeper mapping may follow), `{}`, an integer.
#[derive(Debug, Clone, Copy)]
enum Plain {
    Nothing,
    Empty,
    Int(i128),
}

/// The entries of a document of the shape [`read_plain_blocks`] takes, in document order, with their depth
/// (0 for the top mapping); `None` as soon as the document leaves that shape, or when `entry` gives up.
fn scan_plain_blocks<'t>(
    text: &'t str,
    mut entry: impl FnMut(usize, &'t str, Plain) -> Option<()>,
) -> Option<()> {
    if text.starts_with('\u{feff}') || text.contains(['\r', '\t']) {
        return None;
    }
    // The indentation of each open mapping, outermost first.
    let mut indents: Vec<usize> = Vec::new();
    // The last entry had no value on its line: a deeper mapping may follow.
    let mut awaiting = false;
    for line in text.split('\n') {
        let content = line.trim_start_matches(' ');
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let indent = line.len() - content.len();
        // The key ends at the first ':' followed by a space or the end of the line.
        let colon = content
            .match_indices(':')
            .map(|(i, _)| i)
            .find(|&i| content[i + 1..].is_empty() || content[i + 1..].starts_with(' '))?;
        let key = content[..colon].trim_end_matches(' ');
        let rest = content[colon + 1..].trim_start_matches(' ');
        let value = match rest.find(" #") {
            Some(c) => rest[..c].trim_end_matches(' '),
            None if rest.starts_with('#') => "",
            None => rest.trim_end_matches(' '),
        };
        if !plain_key(key) {
            return None;
        }
        let value = match value {
            "" => Plain::Nothing,
            "{}" => Plain::Empty,
            v => Plain::Int(plain_int(v)?),
        };
        match indents.last() {
            None if indent == 0 => indents.push(indent),
            None => return None,
            Some(&top) if indent > top => {
                // Deeper than any hive or configuration needs: serde_norway explains (or refuses) it.
                if !awaiting || indents.len() >= 8 {
                    return None;
                }
                indents.push(indent);
            }
            Some(_) => {
                while indents.last().is_some_and(|&o| indent < o) {
                    indents.pop();
                }
                if indents.last() != Some(&indent) {
                    return None;
                }
            }
        }
        awaiting = matches!(value, Plain::Nothing);
        entry(indents.len() - 1, key, value)?;
    }
    (!indents.is_empty()).then_some(())
}

/// A hive file of the shape [`read_plain_blocks`] takes (hives, key paths, DWORD values) read straight into a
/// new hive: the hive [`parse_hive`] gives for it, or `None` at the first thing that is not plainly right (then
/// `parse_hive` reads it the general way and describes the problem).
fn read_plain_hive(text: &str) -> Option<Registry> {
    /// The key being read and its values (created when the next key or hive begins, or at the end).
    struct Pending<'t> {
        written: String,
        values: Vec<(&'t str, u32)>,
    }
    fn flush(registry: &mut Registry, pending: Option<Pending<'_>>) -> Option<()> {
        let Some(p) = pending else { return Some(()) };
        // `None` for the same key written twice (perhaps in another case).
        let key = registry.create_new_key(&p.written).ok()??;
        for (name, v) in p.values {
            if !key.add_value(name, RegValue::Dword(v)).ok()? {
                return None;
            }
        }
        Some(())
    }
    let mut registry = Registry::new();
    let mut roots: Vec<RootKey> = Vec::new();
    let mut pending: Option<Pending<'_>> = None;
    scan_plain_blocks(text, |depth, key, value| match (depth, value) {
        (0, Plain::Nothing | Plain::Empty) => {
            flush(&mut registry, pending.take())?;
            let root = RootKey::parse(key.trim())?;
            if roots.contains(&root) {
                return None;
            }
            roots.push(root);
            Some(())
        }
        (1, Plain::Nothing | Plain::Empty) => {
            flush(&mut registry, pending.take())?;
            if key
                .split('\\')
                .find(|s| !s.is_empty())
                .is_some_and(|s| RootKey::parse(s.trim()).is_some())
            {
                return None;
            }
            let root = roots.last()?;
            pending = Some(Pending {
                written: format!("{}\\{key}", root.short_name()),
                values: Vec::new(),
            });
            Some(())
        }
        (2, Plain::Int(v)) => {
            let v = u32::try_from(v).ok()?;
            pending.as_mut()?.values.push((key, v));
            Some(())
        }
        _ => None,
    })?;
    flush(&mut registry, pending.take())?;
    Some(registry)
}

/// A key [`read_plain_blocks`] takes as it is: text that YAML reads as a plain string in any position, and
/// that no schema resolves to anything but itself.
fn plain_key(key: &str) -> bool {
    let Some(first) = key.chars().next() else {
        return false;
    };
    if !(first.is_alphanumeric() || first == '_' || first == '\\') {
        return false;
    }
    // One pass over the bytes: YAML indicators, and ASCII control characters (other control characters are
    // not ASCII, and checked only in a key that is not).
    let special = |b: u8| {
        matches!(
            b,
            b'#' | b'"'
                | b'\''
                | b'['
                | b']'
                | b'{'
                | b'}'
                | b','
                | b'&'
                | b'*'
                | b'!'
                | b'|'
                | b'>'
                | b'%'
                | b'@'
                | b'`'
                | b':'
        ) || b < 0x20
            || b == 0x7f
    };
    if key.bytes().any(special) || (!key.is_ascii() && key.chars().any(char::is_control)) {
        return false;
    }
    // Words some YAML schemas read as null or a boolean, and anything that starts like a number.
    !(first.is_ascii_digit()
        || ["null", "true", "false", "yes", "no", "on", "off", "y", "n"]
            .iter()
            .any(|w| key.eq_ignore_ascii_case(w)))
}

/// A plain decimal integer without sign, leading zero or separator, small enough for any integer type YAML
/// readers use (up to 18 digits), or with a leading '-'.
fn plain_int(v: &str) -> Option<i128> {
    let digits = v.strip_prefix('-').unwrap_or(v);
    if digits.is_empty()
        || digits.len() > 18
        || !digits.bytes().all(|b| b.is_ascii_digit())
        || (digits.len() > 1 && digits.starts_with('0'))
        || v == "-0"
    {
        return None;
    }
    v.parse().ok()
}

/// `serde_norway`'s error, located and explained.
fn syntax_error(origin: &str, text: &str, e: &serde_norway::Error) -> LoadError {
    let raw = e.to_string();
    let (mut line, mut column) = e
        .location()
        .map_or((1, 1), |l| (l.line().max(1), l.column().max(1)));
    // The message without serde_norway's own " at line L column C".
    let mut message = match raw.find(" at line ") {
        Some(i) => {
            let rest = &raw[i + " at line ".len()..];
            let end = rest
                .find(',')
                .map_or(raw.len(), |j| i + " at line ".len() + j);
            format!("{}{}", &raw[..i], &raw[end..])
        }
        None => raw.clone(),
    };
    let tab_line = text
        .lines()
        .take(line)
        .enumerate()
        .find(|(_, l)| {
            l.chars()
                .take_while(|c| c.is_whitespace())
                .any(|c| c == '\t')
        })
        .map(|(i, _)| i + 1);
    if raw.contains("EOF while parsing") {
        return LoadError::at(
            origin,
            1,
            1,
            "the file contains no YAML document (nothing but blank lines or comments); write {} for an empty \
             hive",
        );
    }
    if raw.contains("more than one document") {
        message =
            "the file holds more than one YAML document (a second '---' line); keep one".into();
    } else if raw.contains("recursion limit exceeded") {
        message = DEPTH_MESSAGE.into();
    } else if raw.contains("repetition limit exceeded") {
        message = "the YAML aliases expand to too many nodes; write the values out instead of using *aliases"
            .into();
    } else if let (Some(tab), true) = (
        tab_line,
        raw.contains("cannot start any token") || raw.contains("tab"),
    ) {
        line = tab;
        column = text
            .lines()
            .nth(tab - 1)
            .and_then(|l| l.chars().position(|c| c == '\t'))
            .map_or(1, |c| c + 1);
        message = "a tab in the indentation: YAML forbids tabs for indentation; indent with spaces"
            .into();
    } else if raw.contains("while scanning a quoted scalar") {
        if let Some((l, c)) = context_mark(&raw, "while scanning a quoted scalar") {
            (line, column) = (l, c);
        }
        message = "this quoted string is never closed; add the closing quote (inside \"...\" write \\\" for a \
                   quote and \\\\ for a backslash; inside '...' write '' for a quote)"
            .into();
    } else if raw.contains("did not find expected key")
        || raw.contains("mapping values are not allowed")
        || raw.contains("did not find expected '-' indicator")
        || raw.contains("block sequence entries are not allowed")
        || raw.contains("did not find expected <document start>")
        || raw.contains("could not find expected ':'")
    {
        message = format!(
            "{message}: check the indentation of this line and the lines above it (entries of one mapping start \
             in the same column; a value's entries are indented further than its name) and that a key is \
             followed by ': '"
        );
    } else if raw.contains(TAG_MESSAGE) {
        message = TAG_MESSAGE.into();
    } else if let (Some(i), true) = (
        raw.find("invalid type: "),
        raw.contains("expected a plain text key"),
    ) {
        let what = raw[i + "invalid type: ".len()..]
            .split(',')
            .next()
            .unwrap_or("not text");
        message = format!(
            "this key is a {what}; keys must be plain text (a hive, a key path, a value name or a setting)"
        );
    } else if raw.contains("while parsing a flow") {
        message = format!("{message}: check that every [ has its ] and every {{ its }}");
    } else {
        let here = text
            .lines()
            .nth(line - 1)
            .and_then(|l| l.chars().nth(column - 1));
        let hint = match here {
            Some('@' | '`') => ": a value that starts with @ or ` must be quoted",
            _ => "; fix the YAML syntax here",
        };
        message = format!("{message}{hint}");
    }
    LoadError::at(origin, line, column, message)
}

/// The " at line L column C" that follows `context` in a libyaml message.
fn context_mark(raw: &str, context: &str) -> Option<(usize, usize)> {
    let rest = &raw[raw.find(context)? + context.len()..];
    let rest = rest.strip_prefix(" at line ")?;
    let (l, rest) = rest.split_once(" column ")?;
    let c: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((l.parse().ok()?, c.parse().ok()?))
}

// ---- locating a node -------------------------------------------------------------------------------------

const HERE: &str = "mockmapi: node located";

/// Read `text` again and stop at the node `path` leads to: its line and column.
pub(crate) fn locate(text: &str, path: &[Step]) -> Option<(usize, usize)> {
    let err = Locate(path)
        .deserialize(serde_norway::Deserializer::from_str(text))
        .err()?;
    if !err.to_string().contains(HERE) {
        return None;
    }
    let loc = err.location()?;
    Some((loc.line(), loc.column()))
}

struct Locate<'a>(&'a [Step]);

impl<'de> DeserializeSeed<'de> for Locate<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Locate<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Err(E::custom(HERE))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Err(E::custom(HERE))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Err(E::custom(HERE))
    }
    fn visit_i128<E: de::Error>(self, _: i128) -> Result<(), E> {
        Err(E::custom(HERE))
    }
    fn visit_u128<E: de::Error>(self, _: u128) -> Result<(), E> {
        Err(E::custom(HERE))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Err(E::custom(HERE))
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Err(E::custom(HERE))
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Err(E::custom(HERE))
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        Err(E::custom(HERE))
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
    fn visit_enum<A: de::EnumAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        Err(de::Error::custom(HERE))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let Some((Step::Item(n), rest)) = self.0.split_first() else {
            return Err(de::Error::custom(HERE));
        };
        for _ in 0..*n {
            seq.next_element::<IgnoredAny>()?;
        }
        seq.next_element_seed(Locate(rest))?;
        Err(de::Error::custom("mockmapi: node not found"))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let (n, rest, key) = match self.0.split_first() {
            Some((Step::Key(n), rest)) => (*n, rest, true),
            Some((Step::Value(n), rest)) => (*n, rest, false),
            _ => return Err(de::Error::custom(HERE)),
        };
        for _ in 0..n {
            map.next_entry::<IgnoredAny, IgnoredAny>()?;
        }
        if key {
            map.next_key_seed(Locate(&[]))?;
        } else {
            map.next_key::<IgnoredAny>()?;
            map.next_value_seed(Locate(rest))?;
        }
        Err(de::Error::custom("mockmapi: node not found"))
    }
}

// ---- the hive format -------------------------------------------------------------------------------------

/// The type names the explicit form accepts, in the order messages list them.
pub const TYPE_NAMES: [&str; 6] = [
    "REG_DWORD",
    "REG_QWORD",
    "REG_SZ",
    "REG_EXPAND_SZ",
    "REG_MULTI_SZ",
    "REG_BINARY",
];

/// Parse a YAML hive file: the hives at the top level.
pub fn parse_hive(origin: &str, text: &str) -> Result<Registry, LoadError> {
    if let Some(registry) = read_plain_hive(text) {
        return Ok(registry);
    }
    let node = parse_document(origin, text)?;
    let hive = match &node {
        Node::Map(_) => hive_from_node(&node, &[]),
        other => Err(Problem::new(
            &[],
            format!(
                "the top level is {}, but a hive file is a mapping of hives: start with a line \
                 HKEY_CURRENT_USER: (or HKCU:, HKEY_LOCAL_MACHINE:, HKLM:), or write {{}} for an empty hive",
                other.describe()
            ),
        )),
    };
    hive.map_err(|p| p.into_error(origin, text))
}

/// A mapping's keys, checked for repeats under `fold` (the repeat names both places).
fn check_repeats(
    entries: &[(String, Node)],
    path: &[Step],
    what: &str,
    fold: impl Fn(&str) -> String,
) -> Result<(), Problem> {
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (i, (k, _)) in entries.iter().enumerate() {
        if let Some(&first) = seen.get(&fold(k)) {
            let same = if entries[first].0 == *k {
                String::new()
            } else {
                format!(
                    " ('{}' and '{k}' are the same: case does not matter)",
                    entries[first].0
                )
            };
            return Err(Problem {
                path: with(path, Step::Key(i)),
                earlier: Some(with(path, Step::Key(first))),
                message: format!(
                    "{what} '{k}' is written twice, here and at {{earlier}}{same}; keep one of them"
                ),
            });
        }
        seen.insert(fold(k), i);
    }
    Ok(())
}

/// The hives mapping (the top of a hive file, or a configuration's `registry:`) at `path`, into a new hive.
///
/// A hive without any problem is built in one pass ([`hive_without_problems`]); any problem, and only then,
/// is found and described by the checks below, in the order they have always run.
pub(crate) fn hive_from_node(node: &Node, path: &[Step]) -> Result<Registry, Problem> {
    match hive_without_problems(node) {
        Some(registry) => Ok(registry),
        None => hive_with_checks(node, path),
    }
}

/// [`hive_from_node`] check by check, describing the first problem.
fn hive_with_checks(node: &Node, path: &[Step]) -> Result<Registry, Problem> {
    let mut registry = Registry::new();
    let entries = match node {
        Node::Map(e) => e.as_slice(),
        Node::Null => &[],
        other => {
            return Err(Problem::new(
                path,
                format!(
                "expected the hives (HKEY_CURRENT_USER: ..., HKEY_LOCAL_MACHINE: ...), found {}",
                other.describe()
            ),
            ))
        }
    };
    let mut roots = Vec::new();
    for (i, (name, _)) in entries.iter().enumerate() {
        let Some(root) = RootKey::parse(name.trim()) else {
            let hint = if ["registry", "office_version", "profiles"]
                .iter()
                .any(|k| name.eq_ignore_ascii_case(k))
            {
                " (this looks like a configuration file: point MOCKMAPI_CONFIG at it, or keep only the hives)"
            } else {
                ""
            };
            return Err(Problem::new(
                &with(path, Step::Key(i)),
                format!(
                    "unknown hive '{name}': use HKEY_CURRENT_USER (or HKCU) or HKEY_LOCAL_MACHINE (or HKLM){hint}"
                ),
            ));
        };
        if let Some(first) = roots.iter().position(|r| *r == root) {
            return Err(Problem {
                path: with(path, Step::Key(i)),
                earlier: Some(with(path, Step::Key(first))),
                message: format!(
                    "hive '{name}' is written twice, here and at {{earlier}} ({} and {} are the same hive); put \
                     all its keys under one",
                    root.long_name(),
                    root.short_name()
                ),
            });
        }
        roots.push(root);
    }
    for (i, ((_, keys), root)) in entries.iter().zip(roots).enumerate() {
        hive_keys(&mut registry, root, keys, &with(path, Step::Value(i)))?;
    }
    Ok(registry)
}

/// The hive `hive_from_node` builds, built in one pass without describing problems: `None` at the first thing
/// `hive_from_node` would refuse (then it runs its checks to say what and where). Repeats are found by the
/// insertions themselves instead of by a table of folded names.
fn hive_without_problems(node: &Node) -> Option<Registry> {
    let mut registry = Registry::new();
    let entries = match node {
        Node::Map(e) => e.as_slice(),
        Node::Null => &[],
        _ => return None,
    };
    let mut roots: Vec<RootKey> = Vec::with_capacity(entries.len());
    for (name, _) in entries {
        let root = RootKey::parse(name.trim())?;
        if roots.contains(&root) {
            return None;
        }
        roots.push(root);
    }
    for ((_, keys), root) in entries.iter().zip(roots) {
        let keys = match keys {
            Node::Map(e) => e.as_slice(),
            Node::Null => &[],
            _ => return None,
        };
        let mut written = String::from(root.short_name());
        written.push('\\');
        let base = written.len();
        for (key, values) in keys {
            if key
                .split('\\')
                .find(|s| !s.is_empty())
                .is_some_and(|s| RootKey::parse(s.trim()).is_some())
            {
                return None;
            }
            written.truncate(base);
            written.push_str(key);
            let values = match values {
                Node::Map(e) => e.as_slice(),
                Node::Null => &[],
                _ => return None,
            };
            // `None` for the same key written twice (perhaps in another case): described by the checks.
            let k = registry.create_new_key(&written).ok()??;
            for (name, node) in values {
                let value = parse_value(name, node, &[]).ok()?;
                if !k.add_value(name, value).ok()? {
                    return None;
                }
            }
        }
    }
    Some(registry)
}

fn hive_keys(
    registry: &mut Registry,
    root: RootKey,
    node: &Node,
    path: &[Step],
) -> Result<(), Problem> {
    let entries = match node {
        Node::Map(e) => e.as_slice(),
        Node::Null => &[],
        other => {
            return Err(Problem::new(
                path,
                format!(
                    "under {} expected key paths (Software\\...: followed by the key's values), found {}",
                    root.long_name(),
                    other.describe()
                ),
            ))
        }
    };
    let full = |k: &str| format!("{}\\{k}", root.short_name());
    check_repeats(entries, path, "key", |k| {
        KeyPath::parse(&full(k)).map_or_else(|_| k.to_lowercase(), |p| p.fold())
    })?;
    for (i, (key, values)) in entries.iter().enumerate() {
        let key_path = with(path, Step::Key(i));
        if key
            .split('\\')
            .find(|s| !s.is_empty())
            .is_some_and(|s| RootKey::parse(s.trim()).is_some())
        {
            return Err(Problem::new(
                &key_path,
                format!(
                    "key path '{key}' starts with a hive name, but it is already under {}: write the path below \
                     the hive (Software\\...)",
                    root.long_name()
                ),
            ));
        }
        let written = full(key);
        registry
            .create_key(&written)
            .map_err(|e| Problem::new(&key_path, e.to_string()))?;
        let value_path = with(path, Step::Value(i));
        let entries = match values {
            Node::Map(e) => e.as_slice(),
            Node::Null => &[],
            other => {
                return Err(Problem::new(
                    &value_path,
                    format!(
                        "expected the values of key '{key}' (Name: value, one per line), found {}; write {{}} for \
                         a key without values",
                        other.describe()
                    ),
                ))
            }
        };
        check_repeats(entries, &value_path, "value name", str::to_lowercase)?;
        for (j, (name, node)) in entries.iter().enumerate() {
            let at = with(&value_path, Step::Value(j));
            let value = parse_value(name, node, &at)?;
            check_value_data(name, &value).map_err(|e| Problem::new(&at, e.to_string()))?;
            registry
                .set_value(&written, name, value)
                .map_err(|e| Problem::new(&value_path, e.to_string()))?;
        }
    }
    Ok(())
}

const EXPLICIT_HINT: &str =
    "write a plain integer for a REG_DWORD, or the explicit form { type: REG_SZ, \
                             data: \"...\" } for any type";

fn dword(v: i128, path: &[Step], name: &str, explicit: bool) -> Result<u32, Problem> {
    u32::try_from(v).map_err(|_| {
        let what = if v < 0 { "is negative" } else { "is too large" };
        let alt = if explicit {
            ""
        } else if v > 0 && v <= u64::MAX as i128 {
            "; for a 64-bit value write { type: REG_QWORD, data: N }"
        } else {
            ""
        };
        Problem::new(
            path,
            format!(
                "value '{name}' = {v} {what}: a REG_DWORD is from 0 to 4294967295 (0xFFFFFFFF){alt}"
            ),
        )
    })
}

fn parse_value(name: &str, node: &Node, path: &[Step]) -> Result<RegValue, Problem> {
    match node {
        Node::Int(v) => dword(*v, path, name, false).map(RegValue::Dword),
        Node::HugeInt => Err(Problem::new(
            path,
            format!("value '{name}' is too large: a REG_DWORD is from 0 to 4294967295 (0xFFFFFFFF)"),
        )),
        Node::Float(f) if f.fract() == 0.0 && f.abs() >= 4294967296.0 => Err(Problem::new(
            path,
            format!("value '{name}' is too large: a REG_DWORD is from 0 to 4294967295 (0xFFFFFFFF)"),
        )),
        Node::Map(entries) => explicit_value(name, entries, path),
        Node::Str(s) => Err(Problem::new(
            path,
            format!(
                "value '{name}' is the string \"{s}\", and a plain value must be an integer (a REG_DWORD); for a \
                 string write {{ type: REG_SZ, data: \"{s}\" }}; for a number remove the quotes"
            ),
        )),
        other => Err(Problem::new(
            path,
            format!("value '{name}' is {}; {EXPLICIT_HINT}", other.describe()),
        )),
    }
}

fn explicit_value(
    name: &str,
    entries: &[(String, Node)],
    path: &[Step],
) -> Result<RegValue, Problem> {
    check_repeats(entries, path, "field", str::to_owned)?;
    let mut ty = None;
    let mut data = None;
    for (i, (k, v)) in entries.iter().enumerate() {
        match k.as_str() {
            "type" => ty = Some((i, v)),
            "data" => data = Some((i, v)),
            _ => {
                return Err(Problem::new(
                    &with(path, Step::Key(i)),
                    format!(
                        "unknown field '{k}' in value '{name}': the explicit form has exactly two fields, type and \
                         data, as in {{ type: REG_SZ, data: \"...\" }}"
                    ),
                ))
            }
        }
    }
    let Some((ti, ty)) = ty else {
        return Err(Problem::new(
            path,
            format!(
                "value '{name}' has no type: add type: with one of {}",
                TYPE_NAMES.join(", ")
            ),
        ));
    };
    let type_path = with(path, Step::Value(ti));
    let Node::Str(ty) = ty else {
        return Err(Problem::new(
            &type_path,
            format!(
                "the type of value '{name}' is {}; write one of {}",
                ty.describe(),
                TYPE_NAMES.join(", ")
            ),
        ));
    };
    let Some(kind) = TYPE_NAMES
        .iter()
        .position(|t| t.eq_ignore_ascii_case(ty.trim()))
    else {
        return Err(Problem::new(
            &type_path,
            format!(
                "unknown type '{ty}' for value '{name}': use one of {}",
                TYPE_NAMES.join(", ")
            ),
        ));
    };
    let Some((di, data)) = data else {
        return Err(Problem::new(
            path,
            format!(
                "value '{name}' has a type but no data: add data: ({})",
                data_shape(kind)
            ),
        ));
    };
    let data_path = with(path, Step::Value(di));
    let wrong = |node: &Node| {
        let quote = if matches!(
            node,
            Node::Int(_) | Node::HugeInt | Node::Float(_) | Node::Bool(_)
        ) && matches!(kind, 2..=5)
        {
            " (put it in quotes to make it a string)"
        } else {
            ""
        };
        Problem::new(
            &data_path,
            format!(
                "the data of {} value '{name}' is {}{quote}; it must be {}",
                TYPE_NAMES[kind],
                node.describe(),
                data_shape(kind)
            ),
        )
    };
    match (kind, data) {
        (0, Node::Int(v)) => dword(*v, &data_path, name, true).map(RegValue::Dword),
        (0 | 1, Node::HugeInt) => Err(Problem::new(
            &data_path,
            format!(
                "value '{name}' is too large: it must be {}",
                data_shape(kind)
            ),
        )),
        (1, Node::Int(v)) => u64::try_from(*v).map(RegValue::Qword).map_err(|_| {
            Problem::new(
                &data_path,
                format!(
                    "value '{name}' = {v} is negative: it must be {}",
                    data_shape(kind)
                ),
            )
        }),
        (2, Node::Str(s)) => Ok(RegValue::Sz(s.clone())),
        (3, Node::Str(s)) => Ok(RegValue::ExpandSz(s.clone())),
        (4, Node::Seq(items)) => {
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                match item {
                    Node::Str(s) => out.push(s.clone()),
                    other => {
                        return Err(Problem::new(
                            &with(&data_path, Step::Item(i)),
                            format!(
                                "item {} of REG_MULTI_SZ value '{name}' is {}; every item must be a string (quote \
                                 it)",
                                i + 1,
                                other.describe()
                            ),
                        ))
                    }
                }
            }
            Ok(RegValue::MultiSz(out))
        }
        (5, Node::Str(s)) => parse_hex_bytes(s)
            .map(RegValue::Binary)
            .map_err(|m| Problem::new(&data_path, format!("REG_BINARY value '{name}': {m}"))),
        (_, other) => Err(wrong(other)),
    }
}

fn data_shape(kind: usize) -> &'static str {
    match kind {
        0 => "an integer from 0 to 4294967295 (0xFFFFFFFF)",
        1 => "an integer from 0 to 18446744073709551615 (0xFFFFFFFFFFFFFFFF)",
        2 | 3 => "a string",
        4 => "a list of strings, such as [\"one\", \"two\"]",
        _ => "a string of hex bytes, such as \"01 02 ff\"",
    }
}

/// `"01 02 ff"`, `"0102ff"`, `"01,02,ff"`: pairs of hex digits, optionally separated by spaces or commas.
fn parse_hex_bytes(s: &str) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    for token in s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
    {
        if let Some(bad) = token.chars().find(|c| !c.is_ascii_hexdigit()) {
            return Err(format!(
                "'{bad}' in \"{token}\" is not a hex digit; write bytes as pairs of hex digits, such as \"01 02 ff\""
            ));
        }
        if token.len() % 2 != 0 {
            return Err(format!(
                "\"{token}\" has an odd number of hex digits; every byte is two hex digits (write 0f, not f)"
            ));
        }
        for pair in token.as_bytes().chunks(2) {
            let pair = std::str::from_utf8(pair).expect("ASCII hex");
            out.push(u8::from_str_radix(pair, 16).expect("checked hex"));
        }
    }
    Ok(out)
}

// ---- dumping ---------------------------------------------------------------------------------------------

fn explicit(ty: &str, data: Value) -> Value {
    let mut m = Mapping::new();
    m.insert(Value::String("type".into()), Value::String(ty.into()));
    m.insert(Value::String("data".into()), data);
    Value::Mapping(m)
}

fn to_yaml(value: &RegValue) -> Value {
    match value {
        RegValue::Dword(v) => Value::Number((*v).into()),
        RegValue::Qword(v) => explicit("REG_QWORD", Value::Number((*v).into())),
        RegValue::Sz(s) => explicit("REG_SZ", Value::String(s.clone())),
        RegValue::ExpandSz(s) => explicit("REG_EXPAND_SZ", Value::String(s.clone())),
        RegValue::MultiSz(v) => explicit(
            "REG_MULTI_SZ",
            Value::Sequence(v.iter().cloned().map(Value::String).collect()),
        ),
        RegValue::Binary(b) => {
            let hex: Vec<String> = b.iter().map(|x| format!("{x:02x}")).collect();
            explicit("REG_BINARY", Value::String(hex.join(" ")))
        }
    }
}

/// The hive as a YAML hive file (which [`parse_hive`] loads back to an equal hive).
pub fn dump(registry: &Registry) -> String {
    let mut top = Mapping::new();
    for root in [RootKey::CurrentUser, RootKey::LocalMachine] {
        let mut keys = Mapping::new();
        for key in registry.keys().filter(|k| k.path.root == root) {
            let mut values = Mapping::new();
            for (name, value) in key.values() {
                values.insert(Value::String(name.to_owned()), to_yaml(value));
            }
            keys.insert(
                Value::String(key.path.subkey.clone()),
                Value::Mapping(values),
            );
        }
        if !keys.is_empty() {
            top.insert(
                Value::String(root.long_name().to_owned()),
                Value::Mapping(keys),
            );
        }
    }
    serde_norway::to_string(&Value::Mapping(top)).expect("a YAML mapping of strings serializes")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A hive without problems is the same built in one pass or check by check; with a problem, the one-pass
    /// build gives up (and the checks describe it).
    #[test]
    fn one_pass_hive_equals_the_checked_one() {
        let good = [
            "HKCU:\n  Software\\A\\B:\n    V: 1\n    W: { type: REG_SZ, data: x }\n  Software\\C: {}\nHKLM:\n  Software\\A\\B:\n    V: 2\n",
            "{}",
            "HKCU:\n",
        ];
        for doc in good {
            let node = parse_document("t.yaml", doc).unwrap();
            let fast = hive_without_problems(&node).expect(doc);
            assert_eq!(
                Ok(fast),
                hive_with_checks(&node, &[]).map_err(|p| p.message),
                "{doc}"
            );
        }
        let bad = [
            "HKCU:\n  Software\\A:\n    V: 1\n    v: 2\n",
            "HKCU:\n  Software\\A:\n  software\\a:\n",
            "HKCU:\n  Software\\A:\nHKEY_CURRENT_USER:\n",
            "HKCU:\n  HKLM\\Software:\n",
            "HKXX:\n",
            "HKCU:\n  Software\\A:\n    V: -1\n",
            "HKCU:\n  Software\\A: 5\n",
        ];
        for doc in bad {
            let node = parse_document("t.yaml", doc).unwrap();
            assert_eq!(hive_without_problems(&node), None, "{doc}");
            assert!(hive_with_checks(&node, &[]).is_err(), "{doc}");
        }
    }

    /// The fast reader gives exactly serde_norway's tree for every document it takes, and leaves the rest
    /// (and every error) to serde_norway.
    #[test]
    fn plain_blocks_agree_with_serde_norway() {
        use serde::Deserialize as _;
        let taken = [
            "HKCU:\n  Software\\A\\B:\n    V: 1\n    W: 4294967295\n",
            "HKEY_CURRENT_USER:\n  Software\\Policies\\Microsoft\\Office\\16.0\\Outlook\\Options\\Shutdown:\n    FastShutdownBehavior: 2   # disabled\n",
            "# a comment\n\nHKCU:   \n    Software\\A:\n        V: -7\n        Empty: {}\n\n    Software\\B: {}  # none\n    Software\\C:\n    Software\\D:\nHKLM:\n  Software\\E:\n    X: 0\n",
            "HKCU:\n  Software\\A:\n    V: 1\n    v: 2\n",
            "HKCU:\n  Software\\A:\n    V: 1\n  Software\\A:\n    V: 2\n",
            "HKCU:\n  Key With Spaces  :\n    Name with spaces: 12\n",
            "HKCU:\n  Software\\A:\n    V: 1\nHKCU:\n  Software\\B:\n",
            "HKCU:\n  Software\\A:\n    V: 1",
            "registry:\n  HKCU:\n    Software\\A:\n      V: 5\noffice_version_typo: 3\n",
            "HKCU:\n  Software\\Ünïcode\\键:\n    Wert: 3\n",
        ];
        for doc in taken {
            let fast = read_plain_blocks(doc);
            let slow = Node::deserialize(serde_norway::Deserializer::from_str(doc)).ok();
            assert!(fast.is_some(), "the fast reader takes {doc:?}");
            assert_eq!(fast, slow, "{doc:?}");
            // Straight into a hive: the same hive as the checks build, or nothing where they find a problem.
            let checked = hive_with_checks(slow.as_ref().unwrap(), &[]).ok();
            match read_plain_hive(doc) {
                Some(hive) => assert_eq!(Some(hive), checked, "{doc:?}"),
                None => assert!(
                    checked.is_none() || doc.contains("{}") || doc.contains("registry:"),
                    "{doc:?} is a plain hive the direct reader should take"
                ),
            }
        }
        assert!(read_plain_hive(taken[0]).is_some());
        assert!(read_plain_hive(taken[1]).is_some());
        let left = [
            "",
            "# only a comment\n",
            "---\nHKCU:\n  Software\\A:\n    V: 1\n",
            "HKCU:\n  Software\\A:\n    V: 0x10\n",
            "HKCU:\n  Software\\A:\n    V: 010\n",
            "HKCU:\n  Software\\A:\n    V: +1\n",
            "HKCU:\n  Software\\A:\n    V: 1_000\n",
            "HKCU:\n  Software\\A:\n    V: 1.5\n",
            "HKCU:\n  Software\\A:\n    V: \"1\"\n",
            "HKCU:\n  Software\\A:\n    V: true\n",
            "HKCU:\n  Software\\A:\n    V: { type: REG_SZ, data: x }\n",
            "HKCU:\n  Software\\A:\n    V: 12345678901234567890123\n",
            "HKCU:\n  Software\\A:\n    V: 1\n      W: 2\n",
            "HKCU:\n    Software\\A:\n  Software\\B:\n",
            "HKCU:\n  Software\\A:\n\tV: 1\n",
            "HKCU:\r\n  Software\\A:\r\n    V: 1\r\n",
            "\u{feff}HKCU:\n  Software\\A:\n    V: 1\n",
            "  HKCU:\n    Software\\A:\n",
            "HKCU:\n  - Software\\A\n",
            "HKCU:\n  Software\\A:\n    null: 1\n",
            "HKCU:\n  Software\\A:\n    16.0: 1\n",
            "HKCU:\n  Software\\A:\n    V: &a 1\n",
            "HKCU:\n  Software\\A:\n    V: 1\n    W\n",
            "HKCU:\n  Software\\A:\n    'V': 1\n",
            "HKCU:\n  Software\\A:\n    V:1\n",
            "HKCU:\n  Software\\A:\n    V: !!int 1\n",
            "HKCU: [1, 2]\n",
        ];
        for doc in left {
            assert_eq!(
                read_plain_blocks(doc),
                None,
                "{doc:?} is left to serde_norway"
            );
        }
    }

    fn hive(text: &str) -> Registry {
        parse_hive("t.yaml", text).unwrap_or_else(|e| panic!("{e}"))
    }

    fn err(text: &str) -> LoadError {
        parse_hive("t.yaml", text).expect_err("must fail")
    }

    const POLICY: &str =
        "HKCU\\Software\\Policies\\Microsoft\\Office\\16.0\\Outlook\\Options\\Shutdown";

    #[test]
    fn every_type_loads() {
        let r = hive(
            r#"
HKEY_CURRENT_USER:
  Software\Policies\Microsoft\Office\16.0\Outlook\Options\Shutdown:
    FastShutdownBehavior: 1
    q: { type: REG_QWORD, data: 18446744073709551615 }
    s: { type: REG_SZ, data: "C:\\Program Files" }
    e: { type: reg_expand_sz, data: '%TEMP%\x' }
    m: { type: REG_MULTI_SZ, data: [a, "b c", ""] }
    b: { type: REG_BINARY, data: "00 01 fF" }
    b2: { type: REG_BINARY, data: "" }
    d: { type: REG_DWORD, data: 0xFFFFFFFF }
HKLM:
  Software\Empty: {}
  Software\AlsoEmpty:
"#,
        );
        let get = |n: &str| r.get_value(POLICY, n).unwrap().cloned().unwrap();
        assert_eq!(get("fastshutdownbehavior"), RegValue::Dword(1));
        assert_eq!(get("q"), RegValue::Qword(u64::MAX));
        assert_eq!(get("s"), RegValue::Sz("C:\\Program Files".into()));
        assert_eq!(get("e"), RegValue::ExpandSz("%TEMP%\\x".into()));
        assert_eq!(
            get("m"),
            RegValue::MultiSz(vec!["a".into(), "b c".into(), "".into()])
        );
        assert_eq!(get("b"), RegValue::Binary(vec![0, 1, 0xff]));
        assert_eq!(get("b2"), RegValue::Binary(vec![]));
        assert_eq!(get("d"), RegValue::Dword(u32::MAX));
        assert_eq!(r.keys().count(), 3);
    }

    #[test]
    fn dump_loads_back_to_the_same_hive() {
        let mut r = Registry::new();
        r.set_value(POLICY, "FastShutdownBehavior", RegValue::Dword(2))
            .unwrap();
        r.set_value("HKLM\\Software\\Odd Name: x", "", RegValue::Sz("1".into()))
            .unwrap();
        r.set_value(
            "HKLM\\S",
            "yes",
            RegValue::MultiSz(vec!["true".into(), "~".into(), "null".into()]),
        )
        .unwrap();
        r.set_value(
            "HKLM\\S",
            "n",
            RegValue::ExpandSz("line\nbreak\t\"q\" 'a' #x: y".into()),
        )
        .unwrap();
        r.set_value("HKLM\\S", "16.0", RegValue::Binary(vec![1, 2, 255]))
            .unwrap();
        r.set_value("HKLM\\S", "q", RegValue::Qword(5)).unwrap();
        r.create_key("HKCU\\Empty\\Key").unwrap();
        let text = dump(&r);
        assert_eq!(hive(&text), r, "{text}");
        assert_eq!(dump(&Registry::new()), "{}\n");
        assert_eq!(hive("{}"), Registry::new());
    }

    #[test]
    fn keys_and_names_compare_case_insensitively_and_repeats_name_both_lines() {
        let e = err("HKCU:\n  Software\\A:\n    v: 1\n  software\\a:\n    w: 2\n");
        assert_eq!((e.line, e.column), (4, 3), "{e}");
        assert!(e.message.contains("line 2 column 3"), "{e}");
        assert!(e.message.contains("case does not matter"), "{e}");
        let e = err("HKCU:\n  A:\n    Value: 1\n    VALUE: 2\n");
        assert_eq!((e.line, e.column), (4, 5), "{e}");
        assert!(
            e.message.contains("value name 'VALUE' is written twice"),
            "{e}"
        );
        assert!(e.message.contains("line 3 column 5"), "{e}");
        let e = err("HKCU: {}\nHKEY_CURRENT_USER: {}\n");
        assert_eq!(e.line, 2, "{e}");
        assert!(e.message.contains("same hive"), "{e}");
    }

    #[test]
    fn precise_errors() {
        let cases: &[(&str, (usize, usize), &str)] = &[
            ("HKCU:\n  A:\n    v: -1\n", (3, 8), "from 0 to 4294967295"),
            ("HKCU:\n  A:\n    v: 4294967296\n", (3, 8), "REG_QWORD"),
            (
                "HKCU:\n  A:\n    v: 99999999999999999999999999999999999999999\n",
                (3, 8),
                "too large",
            ),
            ("HKCU:\n  A:\n    v: \"1\"\n", (3, 8), "remove the quotes"),
            ("HKCU:\n  A:\n    v: 1.5\n", (3, 8), "floating-point"),
            ("HKCU:\n  A:\n    v: [1]\n", (3, 8), "a list"),
            (
                "HKCU:\n  A:\n    v: {type: REG_FOO, data: 1}\n",
                (3, 15),
                "REG_DWORD, REG_QWORD, REG_SZ, REG_EXPAND_SZ, REG_MULTI_SZ, REG_BINARY",
            ),
            (
                "HKCU:\n  A:\n    v: {type: REG_SZ, data: 16.0}\n",
                (3, 29),
                "put it in quotes",
            ),
            ("HKCU:\n  A:\n    v: {type: REG_SZ}\n", (3, 8), "no data"),
            ("HKCU:\n  A:\n    v: {data: 1}\n", (3, 8), "no type"),
            (
                "HKCU:\n  A:\n    v: {type: REG_SZ, data: x, extra: 1}\n",
                (3, 32),
                "unknown field 'extra'",
            ),
            (
                "HKCU:\n  A:\n    v: {type: REG_MULTI_SZ, data: [a, 2]}\n",
                (3, 39),
                "item 2",
            ),
            (
                "HKCU:\n  A:\n    v: {type: REG_BINARY, data: \"0 1\"}\n",
                (3, 33),
                "odd number of hex digits",
            ),
            (
                "HKCU:\n  A:\n    v: {type: REG_QWORD, data: -1}\n",
                (3, 32),
                "negative",
            ),
            (
                "HKCU:\n  A:\n    v: {type: REG_DWORD, data: 4294967296}\n",
                (3, 32),
                "4294967295",
            ),
            ("HKCR:\n  A: {}\n", (1, 1), "unknown hive 'HKCR'"),
            ("registry:\n  HKCU: {}\n", (1, 1), "configuration file"),
            (
                "HKCU:\n  HKCU\\Software: {}\n",
                (2, 3),
                "starts with a hive name",
            ),
            ("HKCU: 1\n", (1, 7), "expected key paths"),
            ("HKCU:\n  A: 1\n", (2, 6), "expected the values"),
            ("- a\n", (1, 1), "the top level is a list"),
            ("HKCU:\n  A:\n    v: !REG_SZ x\n", (3, 8), "YAML tags"),
        ];
        for (text, (line, column), needle) in cases {
            let e = err(text);
            assert!(e.message.contains(needle), "{text:?}: {e}");
            assert_eq!((e.line, e.column), (*line, *column), "{text:?}: {e}");
        }
    }

    #[test]
    fn syntax_errors_are_explained() {
        let e = err("HKCU:\n\tA:\n    v: 1\n");
        assert!(e.message.contains("YAML forbids tabs"), "{e}");
        assert_eq!((e.line, e.column), (2, 1), "{e}");
        let e = err("HKCU:\n  A:\n    v: 1\n   w: 2\n");
        assert!(e.message.contains("indentation"), "{e}");
        assert_eq!(e.line, 4, "{e}");
        let e = err("HKCU:\n  A:\n    v: {type: REG_SZ, data: \"abc}\n    w: 1\n");
        assert!(e.message.contains("never closed"), "{e}");
        assert_eq!((e.line, e.column), (3, 29), "{e}");
        let e = err("HKCU: {}\n---\nHKLM: {}\n");
        assert!(e.message.contains("more than one YAML document"), "{e}");
        let e = err("HKCU:\n  [a]: 1\n");
        assert!(e.message.contains("this key is a sequence"), "{e}");
        let e = err("HKCU:\n  A:\n    v: [\n");
        assert!(e.message.contains("every [ has its ]"), "{e}");
        let e = err("HKCU:\n  A:\n    v: @x\n");
        assert!(e.message.contains("must be quoted"), "{e}");
        assert_eq!((e.line, e.column), (3, 8), "{e}");
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let e = err(&deep);
        assert!(e.message.contains("nested"), "{e}");
        assert_eq!((e.line, e.column), (1, 129), "{e}");
        let deep = format!("HKCU:\n  A:\n    v: {}\n", "{a: ".repeat(100_000));
        let e = err(&deep);
        assert!(e.message.contains("nested"), "{e}");
        // Brackets inside quotes, comments and plain scalars do not count.
        let ok = format!(
            "HKCU: # {}\n  A:\n    v: {{type: REG_SZ, data: \"{}\"}}\n    w:\n      type: REG_SZ\n      data: a{}\n",
            "[".repeat(200),
            "[".repeat(200),
            "[".repeat(200)
        );
        if let Err(e) = parse_hive("t.yaml", &ok) {
            panic!("{e}");
        }
        let deep: String = (0..300)
            .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
            .collect();
        let e = err(&deep);
        assert!(e.message.contains("nested"), "{e}");
    }
}
