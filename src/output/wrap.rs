//! Text broken into lines between words: chart labels and the text of reminders.

/// What to do with a word longer than a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Long {
    /// Break it where it must be (a chart label has only so much room).
    Break,
    /// Keep it whole on a line of its own (an address or a code in a mail stays usable).
    Keep,
}

/// `text` in lines of at most `width` characters, broken between words; a word longer than
/// a line is broken or kept whole as `long` says. Empty text is one empty line.
pub(crate) fn lines(text: &str, width: usize, long: Long) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        while long == Long::Break && word.len() > width {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            lines.push(word.drain(..width).collect());
        }
        let word: String = word.into_iter().collect();
        let needed = line.chars().count() + usize::from(!line.is_empty()) + word.chars().count();
        if needed > width && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}
