//! A streaming look at the XML of a workbook's parts, a chunk at a time, for the limits check
//! ([`super::limits`]) that runs before calamine reads the workbook.
//!
//! It does not parse XML: it finds where each node (a tag, a run of text, a comment, a
//! CDATA section, a processing instruction, a DOCTYPE) begins and ends, the way quick-xml
//! (calamine's parser) reads them into one buffer each, and refuses any node longer than a
//! cap before anything has held it. Start and end tags and text are handed to
//! a [`Visit`], with how far into the part they end.

use memchr::{memchr, memchr2, memchr3};

/// How much of a start tag is kept for its attributes: far more than any tag a spreadsheet
/// writes for a cell, a row, a sheet or a relationship.
const KEEP: usize = 4096;

/// What the scan tells, and how it stops.
pub(super) trait Visit {
    /// Why the scan stopped.
    type Stop;
    /// A start tag: its bytes after `<` (the first [`KEEP`] of them), whether it is empty
    /// (`<c/>`), and the offset just past its `>`.
    fn start(&mut self, tag: &[u8], empty: bool, at: u64) -> Result<(), Self::Stop>;
    /// An end tag's name (after `</`, the first [`KEEP`] bytes), and the offset past its `>`.
    fn end(&mut self, name: &[u8], at: u64) -> Result<(), Self::Stop>;
    /// Some text between tags, and the offset just past it.
    fn text(&mut self, text: &[u8], at: u64) -> Result<(), Self::Stop>;
    /// A node has passed the cap.
    fn too_long(&mut self) -> Self::Stop;
}

/// Where the scan is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Text,
    /// Just after `<`.
    Open,
    /// Just after `<!`.
    Bang,
    /// Inside a tag; `quote` is the quote of an attribute value being read, or 0.
    Tag {
        quote: u8,
    },
    Comment,
    CData,
    /// `<?...?>`
    Pi,
    /// `<!DOCTYPE ...>` and other declarations, whose `<` and `>` nest.
    Declaration {
        depth: u32,
    },
}

/// The scan of one part.
pub(super) struct Tokens {
    state: State,
    /// Bytes read so far.
    pos: u64,
    /// Bytes of the node being read so far.
    node: u64,
    /// The start of the tag being read.
    tag: Vec<u8>,
    /// The last two bytes read (to find `-->`, `]]>` and `?>` across chunks).
    tail: [u8; 2],
    /// Markup is not looked for (a part that is not XML): only runs without `<` count.
    plain: bool,
    /// The longest node allowed, in bytes.
    max_node: u64,
}

impl Tokens {
    /// A scan from the start of a part that allows nodes of up to `max_node` bytes; `plain`
    /// for a part that is not XML.
    pub(super) fn new(plain: bool, max_node: u64) -> Self {
        Tokens {
            state: State::Text,
            pos: 0,
            node: 0,
            tag: Vec::with_capacity(256),
            tail: [0; 2],
            plain,
            max_node,
        }
    }

    /// Adds `n` bytes to the node being read.
    fn grow<V: Visit>(&mut self, n: usize, v: &mut V) -> Result<(), V::Stop> {
        self.node += n as u64;
        self.pos += n as u64;
        if self.node > self.max_node {
            return Err(v.too_long());
        }
        Ok(())
    }

    /// Whether the bytes just before `chunk[i]` (reaching back into earlier chunks) are `pair`.
    fn follows(&self, chunk: &[u8], i: usize, pair: &[u8; 2]) -> bool {
        let before = |k: usize| {
            if i >= k {
                chunk[i - k]
            } else {
                self.tail[2 - (k - i)]
            }
        };
        before(2) == pair[0] && before(1) == pair[1]
    }

    /// Remembers the last two bytes of `done`, what was read of this chunk.
    fn keep_tail(&mut self, done: &[u8]) {
        match done.len() {
            0 => {}
            1 => self.tail = [self.tail[1], done[0]],
            n => self.tail = [done[n - 2], done[n - 1]],
        }
    }

    /// Reads the next chunk of the part.
    pub(super) fn feed<V: Visit>(&mut self, chunk: &[u8], v: &mut V) -> Result<(), V::Stop> {
        let mut rest = chunk;
        while !rest.is_empty() {
            let used = self.step(rest, v)?;
            self.keep_tail(&rest[..used]);
            rest = &rest[used..];
        }
        Ok(())
    }

    /// Reads from the start of `chunk` up to the end of a node or of the chunk; returns how
    /// many bytes it read.
    fn step<V: Visit>(&mut self, chunk: &[u8], v: &mut V) -> Result<usize, V::Stop> {
        match self.state {
            State::Text => {
                let Some(i) = memchr(b'<', chunk) else {
                    self.grow(chunk.len(), v)?;
                    if !self.plain {
                        v.text(chunk, self.pos)?;
                    }
                    return Ok(chunk.len());
                };
                if i > 0 {
                    self.grow(i, v)?;
                    if !self.plain {
                        v.text(&chunk[..i], self.pos)?;
                    }
                }
                self.node = 0;
                self.grow(1, v)?;
                if !self.plain {
                    self.state = State::Open;
                    self.tag.clear();
                }
                Ok(i + 1)
            }
            State::Open => {
                self.state = match chunk[0] {
                    b'!' => State::Bang,
                    b'?' => State::Pi,
                    b => {
                        self.tag.push(b);
                        State::Tag { quote: 0 }
                    }
                };
                self.grow(1, v)?;
                Ok(1)
            }
            State::Bang => {
                self.state = match chunk[0] {
                    b'-' => State::Comment,
                    b'[' => State::CData,
                    _ => State::Declaration { depth: 1 },
                };
                self.grow(1, v)?;
                Ok(1)
            }
            State::Tag { quote } => {
                let found = if quote == 0 {
                    memchr3(b'>', b'"', b'\'', chunk)
                } else {
                    memchr(quote, chunk)
                };
                let Some(i) = found else {
                    self.keep(chunk);
                    self.grow(chunk.len(), v)?;
                    return Ok(chunk.len());
                };
                self.keep(&chunk[..i]);
                self.grow(i + 1, v)?;
                match chunk[i] {
                    b'>' if quote == 0 => {
                        self.state = State::Text;
                        self.node = 0;
                        let empty = i > 0 && chunk[i - 1] == b'/' || i == 0 && self.tail[1] == b'/';
                        self.tag_done(empty, v)?;
                    }
                    b if quote == 0 => {
                        self.keep(&[b]);
                        self.state = State::Tag { quote: b };
                    }
                    b => {
                        self.keep(&[b]);
                        self.state = State::Tag { quote: 0 };
                    }
                }
                Ok(i + 1)
            }
            State::Comment | State::CData | State::Pi => {
                let mut from = 0;
                loop {
                    let Some(i) = memchr(b'>', &chunk[from..]).map(|i| i + from) else {
                        self.grow(chunk.len(), v)?;
                        return Ok(chunk.len());
                    };
                    let ends = match self.state {
                        State::Comment => self.follows(chunk, i, b"--"),
                        State::CData => self.follows(chunk, i, b"]]"),
                        _ => (if i > 0 { chunk[i - 1] } else { self.tail[1] }) == b'?',
                    };
                    if ends {
                        self.grow(i + 1, v)?;
                        self.state = State::Text;
                        self.node = 0;
                        return Ok(i + 1);
                    }
                    from = i + 1;
                }
            }
            State::Declaration { depth } => {
                let Some(i) = memchr2(b'<', b'>', chunk) else {
                    self.grow(chunk.len(), v)?;
                    return Ok(chunk.len());
                };
                self.grow(i + 1, v)?;
                let depth = if chunk[i] == b'<' {
                    depth + 1
                } else {
                    depth - 1
                };
                if depth == 0 {
                    self.state = State::Text;
                    self.node = 0;
                } else {
                    self.state = State::Declaration { depth };
                }
                Ok(i + 1)
            }
        }
    }

    /// Keeps bytes of the tag being read, up to [`KEEP`].
    fn keep(&mut self, bytes: &[u8]) {
        let room = KEEP.saturating_sub(self.tag.len());
        self.tag.extend_from_slice(&bytes[..bytes.len().min(room)]);
    }

    /// Hands a whole tag to the visitor.
    fn tag_done<V: Visit>(&mut self, empty: bool, v: &mut V) -> Result<(), V::Stop> {
        match self.tag.strip_prefix(b"/") {
            Some(name) => {
                let end = name
                    .iter()
                    .position(|b| b.is_ascii_whitespace())
                    .unwrap_or(name.len());
                v.end(&name[..end], self.pos)
            }
            None => v.start(&self.tag, empty, self.pos),
        }
    }
}

/// A tag's element name without its namespace prefix: `c` for `<x:c r="A1">`.
pub(super) fn local_name(tag: &[u8]) -> &[u8] {
    let end = tag
        .iter()
        .position(|b| b.is_ascii_whitespace() || *b == b'/' || *b == b'>')
        .unwrap_or(tag.len());
    let name = &tag[..end];
    match memchr(b':', name) {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

/// The value of a tag's attribute `key` (matched on its name without a namespace prefix, so
/// `id` finds `r:id`), as written (entities not decoded).
pub(super) fn attr<'a>(tag: &'a [u8], key: &[u8]) -> Option<&'a [u8]> {
    let mut i = tag
        .iter()
        .position(|b| b.is_ascii_whitespace())
        .unwrap_or(tag.len());
    loop {
        while i < tag.len() && tag[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        while i < tag.len() && tag[i] != b'=' && !tag[i].is_ascii_whitespace() {
            i += 1;
        }
        let name = &tag[start..i];
        while i < tag.len() && (tag[i].is_ascii_whitespace() || tag[i] == b'=') {
            i += 1;
        }
        let quote = *tag.get(i).filter(|q| matches!(q, b'"' | b'\''))?;
        let value_start = i + 1;
        let len = memchr(quote, &tag[value_start..])?;
        let local = match memchr(b':', name) {
            Some(c) => &name[c + 1..],
            None => name,
        };
        if local == key {
            return Some(&tag[value_start..value_start + len]);
        }
        i = value_start + len + 1;
    }
}

/// The value of a tag's attribute named exactly `key`, read the way calamine reads the
/// attributes it trusts (a row's and cell's `r`, a sheet's `ref`, the strings' count): the
/// name runs to `=` (white space after it dropped), the value is quoted, and a malformed
/// attribute ends the search.
pub(super) fn exact_attr<'a>(tag: &'a [u8], key: &[u8]) -> Option<&'a [u8]> {
    let mut i = tag
        .iter()
        .position(|b| b.is_ascii_whitespace())
        .unwrap_or(tag.len());
    loop {
        while i < tag.len() && tag[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        i += memchr(b'=', &tag[i..])?;
        let name = tag[start..i].trim_ascii_end();
        i += 1;
        while i < tag.len() && tag[i].is_ascii_whitespace() {
            i += 1;
        }
        let quote = *tag.get(i).filter(|q| matches!(q, b'"' | b'\''))?;
        let value_start = i + 1;
        let len = memchr(quote, &tag[value_start..]).unwrap_or(tag.len() - value_start);
        if name == key {
            return Some(&tag[value_start..value_start + len]);
        }
        i = (value_start + len + 1).min(tag.len());
    }
}

#[cfg(test)]
mod tests;
