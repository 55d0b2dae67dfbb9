//! Composing letters: the messages are read back with a small reader of their own (headers
//! unfolded, RFC 2047 words and quoted-printable decoded), so what is checked is what a mail
//! program would show.

use super::*;

fn mailer() -> Mailer {
    let settings = MailSettings {
        from: Some("Students as Partners <sap@example.ac.uk>".into()),
        ..MailSettings::default()
    };
    Mailer::new(&settings, None).expect("a mailer")
}

fn letter(subject: &str, body: &str) -> Letter {
    Letter {
        to_name: Some("Zoë Ångström".into()),
        to: "z.angstrom@example.ac.uk".into(),
        subject: subject.into(),
        body: body.into(),
    }
}

/// A message read back: its headers (unfolded, in order) and its body (raw).
struct Read {
    headers: Vec<(String, String)>,
    body: String,
}

impl Read {
    fn parse(text: &str) -> Read {
        let (head, body) = text
            .split_once("\r\n\r\n")
            .expect("a blank line after the headers");
        let mut headers: Vec<(String, String)> = Vec::new();
        for line in head.split("\r\n") {
            assert!(line.len() <= 998, "a header line too long: {line}");
            assert!(line.is_ascii(), "a header that is not ASCII: {line}");
            if line.starts_with([' ', '\t']) {
                let last = headers.last_mut().expect("a header to continue");
                last.1.push_str(line);
            } else {
                let (name, value) = line.split_once(':').expect("name: value");
                headers.push((name.to_string(), value.trim_start().to_string()));
            }
        }
        Read {
            headers,
            body: body.to_string(),
        }
    }

    fn raw(&self, name: &str) -> &str {
        let found: Vec<&str> = self
            .headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect();
        assert_eq!(found.len(), 1, "one {name} header in {:?}", self.headers);
        found[0]
    }

    /// A header's value with its encoded words decoded.
    fn decoded(&self, name: &str) -> String {
        decode_words(self.raw(name))
    }

    /// The body, its transfer encoding undone.
    fn text(&self) -> String {
        match self.raw("Content-Transfer-Encoding") {
            "7bit" | "8bit" => self.body.replace("\r\n", "\n"),
            "quoted-printable" => String::from_utf8(unquote(&self.body, false))
                .expect("UTF-8")
                .replace("\r\n", "\n"),
            "base64" => String::from_utf8(unbase64(&self.body.replace("\r\n", "")))
                .expect("UTF-8")
                .replace("\r\n", "\n"),
            other => panic!("an unknown transfer encoding {other}"),
        }
    }
}

/// Decodes RFC 2047 encoded words (`=?utf-8?b?...?=` and `=?utf-8?q?...?=`); whitespace
/// between two encoded words is dropped, as the RFC says.
fn decode_words(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    let mut last_was_word = false;
    while !rest.is_empty() {
        match rest.find("=?") {
            Some(start) => {
                let between = &rest[..start];
                if !(last_was_word && between.trim().is_empty()) {
                    out.push_str(between);
                }
                let word = &rest[start + 2..];
                let mut parts = word.splitn(3, '?');
                let charset = parts.next().expect("a charset");
                let encoding = parts.next().expect("an encoding");
                let tail = parts.next().expect("text");
                let end = tail.find("?=").expect("the end of the word");
                assert!(charset.eq_ignore_ascii_case("utf-8"), "{charset}");
                let bytes = match encoding {
                    "b" | "B" => unbase64(&tail[..end]),
                    "q" | "Q" => unquote(&tail[..end], true),
                    other => panic!("encoding {other}"),
                };
                out.push_str(&String::from_utf8(bytes).expect("UTF-8"));
                rest = &tail[end + 2..];
                last_was_word = true;
            }
            None => {
                out.push_str(rest);
                rest = "";
            }
        }
    }
    out
}

fn unbase64(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0);
    for b in text.bytes().filter(|b| *b != b'=') {
        let v = ALPHABET.iter().position(|a| *a == b).expect("base64") as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

/// Undoes quoted-printable (`in_word`: the Q encoding of a header word, where `_` is a space).
fn unquote(text: &str, in_word: bool) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'=' if bytes[i + 1..].starts_with(b"\r\n") => i += 3,
            b'=' => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).expect("hex");
                out.push(u8::from_str_radix(hex, 16).expect("hex"));
                i += 3;
            }
            b'_' if in_word => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

#[test]
fn a_letter_has_every_header_a_mail_program_wants() {
    let text = mailer()
        .preview(&letter(
            "Reminder: review due",
            "Hello,\nthe review is due.\n",
        ))
        .expect("a message");
    let read = Read::parse(&text);
    assert_eq!(
        read.decoded("From"),
        "\"Students as Partners\" <sap@example.ac.uk>"
    );
    assert_eq!(
        read.decoded("To"),
        "Zoë Ångström <z.angstrom@example.ac.uk>"
    );
    assert_eq!(read.decoded("Subject"), "Reminder: review due");
    assert_eq!(read.raw("Content-Type"), "text/plain; charset=utf-8");
    assert_eq!(read.raw("Auto-Submitted"), "auto-generated");
    let date = read.raw("Date");
    assert!(
        chrono::DateTime::parse_from_rfc2822(date).is_ok(),
        "an RFC 5322 date: {date}"
    );
    let id = read.raw("Message-ID");
    assert!(
        id.starts_with("<spm.") && id.ends_with("@example.ac.uk>"),
        "{id}"
    );
    assert_eq!(read.text(), "Hello,\nthe review is due.\n");

    // Two messages never share an id.
    let again = Read::parse(&mailer().preview(&letter("x", "y")).expect("a message"));
    assert_ne!(again.raw("Message-ID"), id);
}

#[test]
fn text_that_is_not_ascii_is_encoded_and_comes_back_whole() {
    let subject = "Rappel : l’évaluation de « Café » est dûe — ✓ 日本語";
    let body = "Bonjour Zoë,\n\nl’évaluation est dûe le 3 mars. ✓\nUne ligne très longue: "
        .to_string()
        + &"é".repeat(120)
        + "\n";
    let text = mailer()
        .preview(&letter(subject, &body))
        .expect("a message");
    let read = Read::parse(&text);
    assert!(
        read.raw("Subject").contains("=?utf-8?"),
        "{}",
        read.raw("Subject")
    );
    assert_eq!(read.decoded("Subject"), subject);
    // A body in base64 ends where its text does; the line break after it is SMTP's.
    assert_eq!(read.text().trim_end(), body.trim_end());
    assert!(text.is_ascii(), "the message as sent is 7-bit");
}

#[test]
fn a_subject_is_one_line_and_not_too_long() {
    let text = mailer()
        .preview(&letter("two\r\nlines\tand\u{7}a bell", "x"))
        .expect("a message");
    assert_eq!(
        Read::parse(&text).decoded("Subject"),
        "two lines and a bell"
    );
    let long = "word ".repeat(100);
    let text = mailer().preview(&letter(&long, "x")).expect("a message");
    let subject = Read::parse(&text).decoded("Subject");
    assert_eq!(subject.chars().count(), MAX_SUBJECT);
    assert!(subject.ends_with('…'));
}

#[test]
fn a_letter_without_a_name_or_with_a_bad_address() {
    let mut l = letter("s", "b");
    l.to_name = None;
    let read = Read::parse(&mailer().preview(&l).expect("a message"));
    assert_eq!(read.raw("To"), "z.angstrom@example.ac.uk");
    l.to = "nobody at all".into();
    let err = mailer().preview(&l).expect_err("a bad address").to_string();
    assert!(err.contains("is not an email address"), "{err}");
    let outcome = mailer().send(&[l]);
    assert_eq!(outcome.len(), 1);
    assert!(
        outcome[0]
            .as_ref()
            .is_err_and(|e| e.contains("nobody at all"))
    );
}

#[test]
fn a_mailer_needs_a_sender_a_host_and_a_password() {
    let mut s = MailSettings::default();
    let err = Mailer::new(&s, None).expect_err("no sender").to_string();
    assert!(err.starts_with("mail-from is not set"), "{err}");
    s.from = Some("sap@example.ac.uk".into());
    let m = Mailer::new(&s, None).expect("sendmail by default");
    assert_eq!(m.describe(), "the sendmail program \"sendmail\"");
    s.via_set = Some(MailVia::Smtp);
    let err = Mailer::new(&s, None).expect_err("no host").to_string();
    assert!(err.contains("smtp-host is not set"), "{err}");
    s.smtp_host = Some("127.0.0.1".into());
    s.smtp_user = Some("sap".into());
    for password in [None, Some("")] {
        let err = Mailer::new(&s, password)
            .expect_err("no password")
            .to_string();
        assert!(err.contains("SPM_SMTP_PASSWORD"), "{err}");
    }
    let m = Mailer::new(&s, Some("secret")).expect("a mailer");
    assert_eq!(m.describe(), "SMTP at 127.0.0.1:587");
    assert!(!format!("{m:?}").contains("secret"));
}

#[test]
fn nothing_to_send_sends_nothing() {
    assert!(mailer().send(&[]).is_empty());
}

#[test]
fn a_missing_sendmail_program_fails_each_letter_with_a_reason() {
    let settings = MailSettings {
        from: Some("sap@example.ac.uk".into()),
        sendmail: "/nonexistent/spm-test/sendmail".into(),
        ..MailSettings::default()
    };
    let m = Mailer::new(&settings, None).expect("a mailer");
    let outcome = m.send(&[letter("a", "b"), letter("c", "d")]);
    assert_eq!(outcome.len(), 2);
    for o in outcome {
        let why = o.expect_err("no such program");
        assert!(why.contains("/nonexistent/spm-test/sendmail"), "{why}");
        assert!(!why.contains('\n'), "{why}");
    }
}

#[test]
fn the_coordinator_is_read_from_the_settings() -> anyhow::Result<()> {
    let mut conn = crate::service::database::open_in_memory()?;
    assert_eq!(coordinator(&conn)?, None);
    settings::set_mail(
        &mut conn,
        crate::model::mail::MailKey::CoordinatorEmail,
        "sap@example.ac.uk",
    )?;
    assert_eq!(coordinator(&conn)?.as_deref(), Some("sap@example.ac.uk"));
    Ok(())
}
