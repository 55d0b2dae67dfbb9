//! The mail layer (`spm::service::mail`) against a real SMTP server (`smtp.rs`): settings
//! made through the real binary, letters sent by the library, messages read back as Python's
//! mail parser reads them. (`spm remind --send` is tested with the same server.)

use std::fs;
use std::os::unix::fs::PermissionsExt;

use spm::service::mail::{Letter, Mailer};
use spm::service::settings;

use crate::common::Env;
use crate::smtp::{FROM, LOGIN, PASSWORD, Smtp};

fn letter(to: &str, subject: &str) -> Letter {
    Letter {
        to_name: Some("Zoë Ångström".into()),
        to: to.into(),
        subject: subject.into(),
        body: "Bonjour Zoë,\n\nl’évaluation est dûe. ✓\n".into(),
    }
}

fn mailer(env: &Env, password: Option<&str>) -> spm::error::Result<Mailer> {
    Mailer::new(&settings::mail(&env.conn())?, password)
}

#[test]
fn letters_reach_the_server_and_a_refused_one_does_not_stop_the_rest() {
    let smtp = Smtp::start();
    let env = Env::fresh();
    smtp.configure(&env);
    env.run_ok(&["settings", "set", "smtp-user", LOGIN]);
    let m = mailer(&env, Some(PASSWORD)).expect("a mailer");
    assert_eq!(m.describe(), format!("SMTP at 127.0.0.1:{}", smtp.port));

    let subject = "Rappel : l’évaluation de « Café » — ✓ 日本語";
    let outcome = m.send(&[
        letter("a@example.ac.uk", subject),
        letter("refused@example.ac.uk", "not this one"),
        letter("b@example.ac.uk", "plain"),
    ]);
    assert!(outcome[0].is_ok(), "{outcome:?}");
    let why = outcome[1].as_ref().expect_err("refused");
    assert!(why.contains("550"), "{why}");
    assert!(!why.contains('\n'), "{why}");
    assert!(outcome[2].is_ok(), "{outcome:?}");

    let got = smtp.messages();
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].from, "sap@example.ac.uk");
    assert_eq!(got[0].to, ["a@example.ac.uk"]);
    assert_eq!(got[0].login.as_deref(), Some(LOGIN));
    assert_eq!(got[0].subject.as_deref(), Some(subject));
    assert_eq!(got[0].from_header.as_deref(), Some(FROM));
    assert_eq!(
        got[0].to_header.as_deref(),
        Some("Zoë Ångström <a@example.ac.uk>")
    );
    assert_eq!(
        got[0].body.replace("\r\n", "\n"),
        "Bonjour Zoë,\n\nl’évaluation est dûe. ✓\n"
    );
    for header in [
        "\r\nDate: ",
        "\r\nMessage-ID: <spm.",
        "\r\nAuto-Submitted: auto-generated",
    ] {
        assert!(got[0].raw.contains(header), "{header} in {}", got[0].raw);
    }
    assert_eq!(got[1].to, ["b@example.ac.uk"]);

    // The preview is the message sent, but for its Date and Message-ID.
    assert!(
        got[0].raw.ends_with("=E2=9C=93\r\n"),
        "no blank line added at the end"
    );
    let preview = m
        .preview(&letter("a@example.ac.uk", subject))
        .expect("a preview");
    let same = |text: &str| -> Vec<String> {
        text.split("\r\n")
            .filter(|l| !l.starts_with("Date:") && !l.starts_with("Message-ID:"))
            .map(String::from)
            .collect()
    };
    assert_eq!(same(&preview), same(&got[0].raw));
}

#[test]
fn a_wrong_password_or_a_server_away_fails_every_letter_at_once() {
    let smtp = Smtp::start();
    let env = Env::fresh();
    smtp.configure(&env);
    env.run_ok(&["settings", "set", "smtp-user", LOGIN]);
    let m = mailer(&env, Some("wrong")).expect("a mailer");
    let outcome = m.send(&[
        letter("a@example.ac.uk", "s"),
        letter("b@example.ac.uk", "s"),
    ]);
    for o in &outcome {
        let why = o.as_ref().expect_err("a wrong password");
        assert!(why.starts_with("cannot reach SMTP at 127.0.0.1:"), "{why}");
        assert!(why.contains("535"), "{why}");
    }
    // No password at all is caught before anything is sent.
    let err = mailer(&env, None).expect_err("no password").to_string();
    assert!(err.contains("SPM_SMTP_PASSWORD"), "{err}");

    // STARTTLS asked of a server that does not offer it: nothing goes in the clear.
    env.run_ok(&["settings", "set", "smtp-starttls", "yes"]);
    let m = mailer(&env, Some(PASSWORD)).expect("a mailer");
    let outcome = m.send(&[letter("a@example.ac.uk", "s")]);
    let why = outcome[0].as_ref().expect_err("no STARTTLS");
    assert!(why.starts_with("cannot reach"), "{why}");
    assert!(smtp.messages().is_empty());

    // A server that has gone away.
    env.run_ok(&["settings", "set", "smtp-starttls", "no"]);
    let m = mailer(&env, Some(PASSWORD)).expect("a mailer");
    drop(smtp);
    let outcome = m.send(&[letter("a@example.ac.uk", "s")]);
    let why = outcome[0].as_ref().expect_err("no server");
    assert!(why.starts_with("cannot reach"), "{why}");
}

#[test]
fn letters_go_through_the_sendmail_program() {
    let env = Env::fresh();
    // A stand-in for sendmail that keeps its arguments and the message it is given.
    let program = env.path("fake-sendmail");
    fs::write(
        &program,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" >> '{dir}/args'\ncat >> '{dir}/messages'\n",
            dir = env.dir.path().display()
        ),
    )
    .expect("the program");
    fs::set_permissions(&program, fs::Permissions::from_mode(0o755)).expect("executable");
    env.run_ok(&["settings", "set", "mail-from", FROM]);
    env.run_ok(&[
        "settings",
        "set",
        "sendmail",
        &program.display().to_string(),
    ]);
    let m = mailer(&env, None).expect("a mailer");
    assert!(m.describe().starts_with("the sendmail program"));
    let outcome = m.send(&[letter("a@example.ac.uk", "café")]);
    assert!(outcome[0].is_ok(), "{outcome:?}");
    let args = fs::read_to_string(env.path("args")).expect("arguments");
    assert_eq!(args, "-i\n-f\nsap@example.ac.uk\n--\na@example.ac.uk\n");
    let message = fs::read_to_string(env.path("messages")).expect("a message");
    assert!(message.contains("Subject: =?utf-8?"), "{message}");

    // A program that fails says so, letter by letter.
    fs::write(
        &program,
        "#!/bin/sh\necho 'no route to host' >&2\nexit 75\n",
    )
    .expect("program");
    let outcome = m.send(&[
        letter("a@example.ac.uk", "s"),
        letter("b@example.ac.uk", "s"),
    ]);
    for o in outcome {
        let why = o.expect_err("a failing program");
        assert!(why.contains("did not take it"), "{why}");
    }
}
