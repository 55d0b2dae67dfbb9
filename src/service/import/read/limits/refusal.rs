//! Saying where a refused workbook went past a limit: the sheet by the name a person sees
//! (found through the workbook's own relationships) and the cell, also for a shared string,
//! which is named by the first cell that uses it.

use super::*;

/// What a person reads when a cell is too long.
fn cell_message(caps: &Caps) -> String {
    format!(
        "a cell holds more than {} of text, far more than any value spm keeps; check that this is the right file",
        size(caps.node)
    )
}

/// `1 MB`, `256 MB`, `2 GB`.
fn size(bytes: u64) -> String {
    if bytes >= 1 << 30 {
        format!("{} GB", bytes >> 30)
    } else if bytes >= 1 << 20 {
        format!("{} MB", bytes >> 20)
    } else {
        format!("{bytes} bytes")
    }
}

/// The refusal for what stopped the check of the part `name` (of kind `kind`).
pub(super) fn refusal<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    name: &str,
    stop: Stop<Found>,
    kind: Kind,
    caps: &Caps,
) -> Refusal {
    let place = |zip: &mut ZipArchive<R>, part: &str| match sheet_name(zip, part) {
        Some(sheet) => format!("sheet {}", quoted(&sheet)),
        None => format!("the part {}", quoted(part)),
    };
    let refused = |at: Option<String>, message: String| Refusal { at, message };
    match stop {
        Stop::Found(Found::Cell(cell)) => {
            let at = format!("{}, cell {cell}", place(zip, name));
            refused(Some(at), cell_message(caps))
        }
        Stop::Found(Found::String(index)) => match first_use(zip, index, caps) {
            Some((part, cell)) => {
                let at = format!("{}, cell {cell}", place(zip, &part));
                refused(Some(at), cell_message(caps))
            }
            None => refused(
                None,
                format!(
                    "the workbook's shared string {} (used by no cell) holds more than {} of text, far more than any value spm keeps; check that this is the right file",
                    index + 1,
                    size(caps.node)
                ),
            ),
        },
        Stop::Found(Found::Node) => refused(
            Some(place(zip, name)),
            format!(
                "it holds more than {} of XML in one piece (a tag, a comment or text outside any cell), which no spreadsheet program writes; the file is damaged or not a real workbook",
                size(caps.node)
            ),
        ),
        Stop::Found(Found::Reference(what)) => refused(
            Some(place(zip, name)),
            format!(
                "it places a cell at {what}, outside any sheet (columns A to XFD, rows 1 to 1048576); the file is damaged or not a real workbook"
            ),
        ),
        Stop::Found(Found::Strings(n)) => refused(
            None,
            format!(
                "the workbook holds {n} different texts or more, and spm reads at most {}; save the sheet as CSV UTF-8 and import that",
                caps.strings
            ),
        ),
        Stop::Part => match kind {
            Kind::Strings => refused(
                None,
                format!(
                    "the workbook's texts unpack to more than {}, more than spm holds in memory; save the sheet as CSV UTF-8 and import that",
                    size(caps.strings_bytes)
                ),
            ),
            Kind::Held => refused(
                Some(place(zip, name)),
                format!(
                    "it unpacks to more than {}, far more than a spreadsheet program writes there; the file is damaged or not a real workbook",
                    size(caps.held)
                ),
            ),
            Kind::Sheet => refused(
                Some(place(zip, name)),
                format!(
                    "it unpacks to more than {}, more than spm reads from one sheet; split the rows over several files",
                    size(caps.part)
                ),
            ),
            Kind::Unknown | Kind::Other => refused(
                Some(place(zip, name)),
                format!(
                    "it unpacks to more than {}, more than spm reads from one part of a workbook; save the sheet as CSV UTF-8 and import that",
                    size(caps.part)
                ),
            ),
        },
        Stop::Damaged(why) => refused(
            Some(place(zip, name)),
            format!(
                "it cannot be unpacked ({}); the file is damaged: save it again from the spreadsheet program",
                crate::model::text::escaped(&why, 80)
            ),
        ),
        Stop::Total => refused(
            None,
            format!(
                "the workbook unpacks to more than {}, more than spm reads; split it into smaller files",
                size(caps.total)
            ),
        ),
    }
}

/// The name of the sheet stored in the part `part`, as the workbook names it; `None` when
/// the part is not a sheet, or the workbook's relationships cannot be followed.
fn sheet_name<R: Read + Seek>(zip: &mut ZipArchive<R>, part: &str) -> Option<String> {
    let package = tags(zip, "_rels/.rels", b"Relationship")?;
    let book = package.iter().find_map(|t| {
        let kind = attr(t, b"Type")?;
        kind.ends_with(b"/officeDocument")
            .then(|| attr(t, b"Target"))
            .flatten()
    })?;
    let book = resolve("", &unescape(book));
    let (dir, file) = book.rsplit_once('/').unwrap_or(("", book.as_str()));
    let dir = if dir.is_empty() {
        String::new()
    } else {
        format!("{dir}/")
    };
    let links = tags(zip, &format!("{dir}_rels/{file}.rels"), b"Relationship")?;
    for sheet in tags(zip, &book, b"sheet")? {
        let (Some(name), Some(id)) = (attr(&sheet, b"name"), attr(&sheet, b"id")) else {
            continue;
        };
        let target = links
            .iter()
            .find(|l| attr(l, b"Id") == Some(id))
            .and_then(|l| attr(l, b"Target"));
        if let Some(target) = target
            && same_path(&resolve(&dir, &unescape(target)), part)
        {
            return Some(unescape(name));
        }
    }
    None
}

/// Whether two paths in the zip are the same part, as calamine compares them: whatever
/// their case, `\\` read as `/`.
fn same_path(a: &str, b: &str) -> bool {
    a.replace('\\', "/")
        .eq_ignore_ascii_case(&b.replace('\\', "/"))
}

/// The path of a relationship's target: from the root when it begins with `/`, else from
/// `dir`; `.` and `..` followed.
pub(super) fn resolve(dir: &str, target: &str) -> String {
    let joined = match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None => format!("{dir}{target}"),
    };
    let mut parts: Vec<&str> = Vec::new();
    for segment in joined.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// An attribute's text with XML's entities decoded.
pub(super) fn unescape(raw: &[u8]) -> String {
    let text = String::from_utf8_lossy(raw);
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_ref();
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let Some(end) = after.find(';').filter(|&e| e <= 10) else {
            out.push('&');
            rest = after;
            continue;
        };
        let entity = &after[..end];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .map(|h| u32::from_str_radix(h, 16))
                .or_else(|| entity.strip_prefix('#').map(str::parse))
                .and_then(Result::ok)
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Collects the start tags named `element` of the part at `path` (matched whatever its
/// case, as calamine does), within the caps for parts read whole.
fn tags<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    path: &str,
    element: &[u8],
) -> Option<Vec<Vec<u8>>> {
    let index = (0..zip.len()).find(|&i| {
        zip.name_for_index(i)
            .and_then(Result::ok)
            .is_some_and(|n| same_path(&n, path))
    })?;
    let mut entry = zip.by_index(index).ok()?;
    let mut collect = Collect {
        element,
        found: Vec::new(),
    };
    let caps = Caps::DEFAULT;
    let mut total = 0;
    let mut buf = vec![0u8; 1 << 16];
    unpack(&mut entry, &mut buf, &mut total, &caps, &mut collect).ok()?;
    Some(collect.found)
}

/// Keeps the start tags of one element.
struct Collect<'a> {
    element: &'a [u8],
    found: Vec<Vec<u8>>,
}

impl Capped for Collect<'_> {
    fn cap(&self, caps: &Caps) -> u64 {
        caps.held
    }
}

impl Visit for Collect<'_> {
    type Stop = ();

    fn start(&mut self, tag: &[u8], _: bool, _: u64) -> Result<(), ()> {
        if local_name(tag) == self.element {
            // Far more sheets than a workbook can hold: stop rather than keep collecting.
            if self.found.len() >= 100_000 {
                return Err(());
            }
            self.found.push(tag.to_vec());
        }
        Ok(())
    }

    fn end(&mut self, _: &[u8], _: u64) -> Result<(), ()> {
        Ok(())
    }

    fn text(&mut self, _: &[u8], _: u64) -> Result<(), ()> {
        Ok(())
    }

    fn too_long(&mut self) {}
}

/// The first cell, in the order of the zip's parts, that shows the shared string `index`:
/// its part and its reference.
fn first_use<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    index: u64,
    caps: &Caps,
) -> Option<(String, CellRef)> {
    let mut buf = vec![0u8; 1 << 16];
    let mut total = 0;
    for i in 0..zip.len() {
        let Ok(mut entry) = zip.by_index(i) else {
            continue;
        };
        let mut uses = Uses {
            wanted: index,
            root: false,
            position: Position::default(),
            cell: None,
            value: None,
        };
        match unpack(&mut entry, &mut buf, &mut total, caps, &mut uses) {
            Err(Stop::Found(Some(cell))) => {
                return Some((entry.name().map(|n| n.into_owned()).ok()?, cell));
            }
            Err(Stop::Total) => return None,
            _ => {}
        }
    }
    None
}

/// Looks through a sheet for a cell showing one shared string; stops with `Some(cell)` when
/// it finds one, `None` when the part is not a sheet.
struct Uses {
    wanted: u64,
    root: bool,
    position: Position,
    /// The cell being read, when it shows a shared string.
    cell: Option<CellRef>,
    /// The text of its `<v>`, while it is read.
    value: Option<Vec<u8>>,
}

impl Capped for Uses {
    fn cap(&self, caps: &Caps) -> u64 {
        caps.part
    }
}

impl Visit for Uses {
    type Stop = Option<CellRef>;

    fn start(&mut self, tag: &[u8], empty: bool, _: u64) -> Result<(), Self::Stop> {
        let name = local_name(tag);
        if !self.root {
            self.root = true;
            return if name == b"worksheet" {
                Ok(())
            } else {
                Err(None)
            };
        }
        match name {
            // A sheet that places cells outside any sheet tells nothing about where.
            b"row" => self.position.row(tag).map_err(|_| None)?,
            b"c" => {
                let cell = self.position.cell(tag).map_err(|_| None)?;
                self.cell = (!empty && attr(tag, b"t") == Some(b"s")).then_some(cell);
            }
            b"v" if self.cell.is_some() && !empty => self.value = Some(Vec::new()),
            _ => {}
        }
        Ok(())
    }

    fn end(&mut self, name: &[u8], _: u64) -> Result<(), Self::Stop> {
        match local_name(name) {
            b"v" => {
                let value = self.value.take();
                if value.as_deref().and_then(number) == Some(self.wanted) {
                    return Err(self.cell.take());
                }
            }
            b"c" => self.cell = None,
            _ => {}
        }
        Ok(())
    }

    fn text(&mut self, text: &[u8], _: u64) -> Result<(), Self::Stop> {
        if let Some(value) = &mut self.value
            && value.len() < 32
        {
            value.extend_from_slice(&text[..text.len().min(32)]);
        }
        Ok(())
    }

    fn too_long(&mut self) -> Self::Stop {
        None
    }
}
