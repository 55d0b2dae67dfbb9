//! Text from outside (a file being imported, a workbook's sheet names, a reader's own error)
//! made safe to put in a message: a value can hold escape sequences that retitle or clear a
//! terminal, bidirectional overrides that make a line read differently from what it says, or
//! a megabyte of someone's personal data. Every such value goes through [`quoted`] (or
//! [`escaped`], where the quotes would be in the way) before it reaches an error.

/// The most characters of a value a message shows; longer ones end in `…`.
pub const SHOWN: usize = 60;

/// `s` in double quotes as a message shows it: control characters, bidirectional controls
/// and invisible format characters written as escapes (`\u{1b}`, `\n`, as Rust's `{:?}`
/// writes them, with `"` and `\` escaped too), and cut after [`SHOWN`] characters with `…`.
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len().min(SHOWN) + 8);
    out.push('"');
    push_escaped(&mut out, s, SHOWN, true);
    out.push('"');
    out
}

/// `s` as [`quoted`] shows it, without the quotes and without escaping `"` and `\`, cut
/// after `max` characters with `…`: for a name in parentheses, or an error a library wrote.
pub fn escaped(s: &str, max: usize) -> String {
    let mut out = String::with_capacity(s.len().min(max) + 8);
    push_escaped(&mut out, s, max, false);
    out
}

/// Appends `s` escaped, stopping (with `…`) before the output passes `max` characters, so a
/// long value costs no more than its first few characters.
fn push_escaped(out: &mut String, s: &str, max: usize, quotes: bool) {
    let mut shown = 0;
    for c in s.chars() {
        let piece: Piece = match c {
            '"' | '\\' if quotes => Piece::Pair('\\', c),
            '\t' => Piece::Pair('\\', 't'),
            '\n' => Piece::Pair('\\', 'n'),
            '\r' => Piece::Pair('\\', 'r'),
            c if hidden(c) => Piece::Code(c),
            c => Piece::Char(c),
        };
        let width = piece.width();
        if shown + width > max {
            out.push('…');
            return;
        }
        shown += width;
        match piece {
            Piece::Char(c) => out.push(c),
            Piece::Pair(a, b) => {
                out.push(a);
                out.push(b);
            }
            Piece::Code(c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
        }
    }
}

/// One character of the output, as it is written.
enum Piece {
    Char(char),
    Pair(char, char),
    Code(char),
}

impl Piece {
    /// How many characters it takes in the message.
    fn width(&self) -> usize {
        match self {
            Piece::Char(_) => 1,
            Piece::Pair(..) => 2,
            // `\u{` + hex digits + `}`
            Piece::Code(c) => 4 + format!("{:x}", u32::from(*c)).len(),
        }
    }
}

/// Whether a character must not reach a terminal as it is: control characters (C0, DEL,
/// C1: escape sequences begin with them), bidirectional controls (which reorder what
/// follows them), and characters that take no room (which hide text, or join it).
fn hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}'                      // Arabic letter mark
            | '\u{115f}' | '\u{1160}'       // Hangul fillers
            | '\u{180e}'                    // Mongolian vowel separator
            | '\u{200b}'..='\u{200f}'       // zero-width space, joiners, LRM, RLM
            | '\u{2028}' | '\u{2029}'       // line and paragraph separators
            | '\u{202a}'..='\u{202e}'       // embeddings and overrides
            | '\u{2060}'..='\u{206f}'       // word joiner, invisible operators, isolates
            | '\u{3164}' | '\u{ffa0}'       // Hangul fillers
            | '\u{feff}'                    // byte order mark
            | '\u{fff9}'..='\u{fffb}'       // interlinear annotation
            | '\u{e0000}'..='\u{e007f}' // tags
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_and_bidi_characters_are_escaped() {
        assert_eq!(quoted("colour"), "\"colour\"");
        assert_eq!(
            quoted("a\u{1b}]0;x\u{7}\u{1b}[2J"),
            "\"a\\u{1b}]0;x\\u{7}\\u{1b}[2J\""
        );
        assert_eq!(quoted("evil\u{202e}gpj.exe"), "\"evil\\u{202e}gpj.exe\"");
        assert_eq!(quoted("a\tb\r\nc"), "\"a\\tb\\r\\nc\"");
        assert_eq!(quoted("say \"hi\" \\"), "\"say \\\"hi\\\" \\\\\"");
        assert_eq!(quoted("\u{9b}31m"), "\"\\u{9b}31m\"");
        assert_eq!(quoted("O'Brien, Zoë 👩‍🔬"), "\"O'Brien, Zoë 👩\\u{200d}🔬\"");
        assert_eq!(escaped("a\u{1b}b \"c\"", 80), "a\\u{1b}b \"c\"");
    }

    #[test]
    fn long_values_are_cut() {
        let long = "x".repeat(900_000);
        let shown = quoted(&long);
        assert_eq!(shown.chars().count(), SHOWN + 3, "{shown}");
        assert!(shown.ends_with("x…\""));
        assert_eq!(
            quoted(&"x".repeat(SHOWN)),
            format!("\"{}\"", "x".repeat(SHOWN))
        );
        // Escapes count at their written width.
        let escapes = quoted(&"\u{1b}".repeat(100));
        assert!(escapes.chars().count() <= SHOWN + 3, "{escapes}");
        assert!(!escapes.contains('\u{1b}'));
        assert_eq!(escaped("abcdef", 3), "abc…");
        assert_eq!(escaped("", 3), "");
    }

    #[test]
    fn nothing_hidden_survives() {
        let all: String = (0..0x11_0000u32).filter_map(char::from_u32).collect();
        let shown = escaped(&all, usize::MAX);
        assert!(!shown.chars().any(hidden));
    }
}
