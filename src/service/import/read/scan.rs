//! The bytes of a CSV file on their way to the parser: line endings made LF, quoting
//! followed to find an unterminated quote or a field too long, lines counted.

use super::*;

/// The state of the quote-aware scan of CSV bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    FieldStart,
    Unquoted,
    Quoted,
    QuoteInQuoted,
}

/// A reader between the file and the CSV parser: it turns CRLF and a lone CR into LF (so
/// CR-only and mixed files read, and lines are counted right), and follows quoting to stop at an unterminated
/// quote or a field that is too long, naming the line where it began.
pub(super) struct Scan<R> {
    inner: R,
    buf: Vec<u8>,
    pos: usize,
    len: usize,
    eof: bool,
    pub(super) delimiter: u8,
    state: State,
    line: u64,
    column: usize,
    field_line: u64,
    field_len: usize,
    failed: bool,
}

impl<R: Read> Scan<R> {
    pub(super) fn new(inner: R, delimiter: u8) -> Self {
        Scan {
            inner,
            buf: vec![0; 64 * 1024],
            pos: 0,
            len: 0,
            eof: false,
            delimiter,
            state: State::FieldStart,
            line: 1,
            column: 0,
            field_line: 1,
            field_len: 0,
            failed: false,
        }
    }

    /// Moves what is left to the front and reads more after it.
    pub(super) fn fill(&mut self) -> io::Result<()> {
        self.buf.copy_within(self.pos..self.len, 0);
        self.len -= self.pos;
        self.pos = 0;
        loop {
            match self.inner.read(&mut self.buf[self.len..]) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(());
                }
                Ok(n) => {
                    self.len += n;
                    return Ok(());
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }

    pub(super) fn fail(&mut self, problem: Problem) -> io::Error {
        self.failed = true;
        io::Error::other(problem)
    }

    pub(super) fn step(&mut self, b: u8) -> io::Result<()> {
        let newline = b == b'\n';
        let delim = b == self.delimiter;
        match self.state {
            State::FieldStart => {
                self.field_line = self.line;
                self.field_len = 0;
                if b == b'"' {
                    self.state = State::Quoted;
                } else if delim {
                    self.column += 1;
                } else if newline {
                    self.column = 0;
                } else {
                    self.state = State::Unquoted;
                    self.field_len = 1;
                }
            }
            State::Unquoted | State::QuoteInQuoted if delim => {
                self.state = State::FieldStart;
                self.column += 1;
            }
            State::Unquoted | State::QuoteInQuoted if newline => {
                self.state = State::FieldStart;
                self.column = 0;
            }
            State::Unquoted => self.field_len += 1,
            State::QuoteInQuoted => {
                self.state = if b == b'"' {
                    State::Quoted
                } else {
                    State::Unquoted
                };
                self.field_len += 1;
            }
            State::Quoted if b == b'"' => self.state = State::QuoteInQuoted,
            State::Quoted => self.field_len += 1,
        }
        if newline {
            self.line += 1;
        }
        if self.field_len > MAX_FIELD {
            let problem = Problem::at(
                self.field_line,
                Some(self.column),
                format!(
                    "a field longer than {} MB begins here; no value spm keeps is that long (is this the right file, or is a quote left open?)",
                    MAX_FIELD >> 20
                ),
            );
            return Err(self.fail(problem));
        }
        Ok(())
    }
}

impl<R: Read> Read for Scan<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if self.failed {
            return Ok(0);
        }
        loop {
            if self.pos == self.len {
                if self.eof {
                    if self.state == State::Quoted {
                        let problem = Problem::at(
                            self.field_line,
                            Some(self.column),
                            "a quoted field begins here and its closing quote never comes; close the quote (a quote inside a quoted field is written twice: \"\")",
                        );
                        return Err(self.fail(problem));
                    }
                    return Ok(0);
                }
                self.fill()?;
                continue;
            }
            let mut n = 0;
            while n < out.len() && self.pos < self.len {
                let mut b = self.buf[self.pos];
                if b == b'\r' {
                    if self.pos + 1 < self.len {
                        if self.buf[self.pos + 1] == b'\n' {
                            // CRLF reads as LF, so the parser sees one kind of line ending.
                            self.pos += 1;
                            continue;
                        }
                        b = b'\n';
                    } else if !self.eof {
                        // A CR at the end of what is read: whether it is a line ending on
                        // its own depends on the next byte.
                        if n > 0 {
                            return Ok(n);
                        }
                        self.fill()?;
                        continue;
                    } else {
                        b = b'\n';
                    }
                }
                self.step(b)?;
                out[n] = b;
                n += 1;
                self.pos += 1;
            }
            return Ok(n);
        }
    }
}
