//! `spm remind --send`: each person mailed their own items through a real SMTP server
//! (aiosmtpd on 127.0.0.1, `crate::smtp`); nothing leaves the machine.

use crate::common::Env;
use crate::smtp::Smtp;

/// The demo, mailing through `smtp`, with the coordinator's address set.
fn demo_mailing(smtp: &Smtp) -> Env {
    let env = Env::demo();
    smtp.configure(&env);
    env.ok(&[
        "settings",
        "set",
        "coordinator-email",
        "partnerships@example.ac.uk",
    ]);
    env
}

#[test]
fn each_person_gets_exactly_their_own_items() {
    let smtp = Smtp::start();
    let env = demo_mailing(&smtp);
    let out = env.run(&["remind", "--send"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(out.stdout.is_empty());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.starts_with("sent 3 reminders by SMTP at 127.0.0.1:"),
        "{said}"
    );
    let got = smtp.messages();
    let to: Vec<&str> = got.iter().map(|m| m.to[0].as_str()).collect();
    assert_eq!(
        to,
        [
            "a.khan@example.ac.uk",
            "j.osei@example.ac.uk",
            "partnerships@example.ac.uk"
        ]
    );
    for m in &got {
        assert_eq!(m.to.len(), 1, "one recipient a message");
        let headers = m.raw.split("\r\n\r\n").next().unwrap_or_default();
        for header in ["Date: ", "Message-ID: <", "Subject: ", "From: "] {
            assert!(headers.contains(header), "{header} in {headers}");
        }
    }
    // The lead: their review alone, UTF-8 subject decoded as sent.
    let khan = &got[0];
    assert_eq!(
        khan.subject.as_deref(),
        Some("Partnership reminders for 2026-11-23 \u{2013} 1 project review")
    );
    assert!(khan.raw.contains("=?utf-8?"), "the subject is encoded");
    assert_eq!(
        khan.to_header.as_deref(),
        Some("\"Dr A. Khan\" <a.khan@example.ac.uk>")
    );
    let body = khan.body.replace("\r\n", "\n");
    assert!(body.starts_with("Dear Dr A. Khan,\n"), "{body}");
    assert!(body.contains("mh-peer-2025"));
    for other in [
        "catalyst-access-2025",
        "#5",
        "#4",
        "Tom Evans",
        "Amira Hassan",
        "#6",
    ] {
        assert!(
            !body.contains(other),
            "{other} in the lead's letter: {body}"
        );
    }
    // The owner: their recommendation alone.
    let osei = got[1].body.replace("\r\n", "\n");
    assert!(
        osei.contains("#5  Publish a course-level statement"),
        "{osei}"
    );
    for other in [
        "mh-peer-2025",
        "#4",
        "Tom Evans",
        "#6",
        "Student Education Panel",
    ] {
        assert!(
            !osei.contains(other),
            "{other} in the owner's letter: {osei}"
        );
    }
    // The coordinator: the rest, and whose items came because they have no email.
    let rest = got[2].body.replace("\r\n", "\n");
    for line in [
        "Dr P. Murphy has no email address, so their review is below.",
        "L. Halls has no email address, so their review is below.",
        "1 recommendation due has no owner, so it is below.",
        "catalyst-access-2025",
        "cm-commuter-2025",
        "#4  Open a common room",
        "access request from Tom Evans",
        "Amira Hassan (person 3)\n      consent expires 2026-12-15",
        "#6  Rewrite every marking rubric",
        "The autumn term of 2026/27 has begun and the panel has not met in it.",
    ] {
        assert!(rest.contains(line), "{line} not in {rest}");
    }
    assert!(
        !rest.contains("mh-peer-2025") && !rest.contains("#5"),
        "{rest}"
    );
}

#[test]
fn a_refused_recipient_leaves_the_others_delivered_and_the_exit_code_says_so() {
    let smtp = Smtp::start();
    let env = demo_mailing(&smtp);
    env.ok(&[
        "person",
        "edit",
        "Prof. J. Osei",
        "--email",
        "refused.osei@example.ac.uk",
    ]);
    let out = env.run(&["remind", "--send"]);
    assert_eq!(out.status.code(), Some(69));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("error: not sent to Prof. J. Osei <refused.osei@example.ac.uk>: "),
        "{stderr}"
    );
    assert!(stderr.contains("sent 2 reminders"), "{stderr}");
    assert!(
        stderr
            .trim_end()
            .ends_with("error: 1 reminder of 3 not sent"),
        "{stderr}"
    );
    let to: Vec<String> = smtp.messages().iter().map(|m| m.to[0].clone()).collect();
    assert_eq!(to, ["a.khan@example.ac.uk", "partnerships@example.ac.uk"]);
}

#[test]
fn without_a_coordinator_address_the_rest_is_not_sent_and_said() {
    let smtp = Smtp::start();
    let env = Env::demo();
    smtp.configure(&env);
    let out = env.run(&["remind", "--send"]);
    assert_eq!(out.status.code(), Some(69));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("the coordinator's reminders (2 project reviews, 1 recommendation, 1 data-protection request, 1 consent expiring, 1 impact to check and a panel session) were not sent: no address is set for the coordinator"),
        "{stderr}"
    );
    assert_eq!(smtp.messages().len(), 2);
}

#[test]
fn dry_run_prints_each_message_and_sends_nothing() {
    let smtp = Smtp::start();
    let env = demo_mailing(&smtp);
    let text = env.ok(&["remind", "--send", "--dry-run"]);
    assert!(smtp.messages().is_empty());
    assert_eq!(
        text.matches("\nSubject: ").count() + usize::from(text.starts_with("Subject")),
        3
    );
    assert!(text.starts_with("From: "), "{text}");
    assert!(text.contains("To: Dr A. Khan <a.khan@example.ac.uk>\nSubject: Partnership reminders for 2026-11-23 \u{2013} 1 project review\n\nDear Dr A. Khan,"), "{text}");
    assert!(
        text.contains("To: the coordinator <partnerships@example.ac.uk>"),
        "{text}"
    );
}

#[test]
fn nothing_due_sends_nothing_and_says_nothing() {
    let smtp = Smtp::start();
    let env = Env::fresh();
    smtp.configure(&env);
    env.ok(&[
        "panel",
        "add",
        "--term",
        "autumn",
        "--on",
        "2026-10-14",
        "--topic",
        "Belonging",
    ]);
    let out = env.run(&["remind", "--send", "--exit-code"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty() && out.stderr.is_empty(), "{out:?}");
    assert!(smtp.messages().is_empty());
}

#[test]
fn bad_mail_settings_and_flags_are_refused_before_anything_is_sent() {
    let env = Env::demo();
    // No mail-from: nothing can be sent.
    env.refused(&["remind", "--send"], 65, "mail-from is not set");
    env.clap_fails(&["remind", "--dry-run"], "--send");
    env.refused(&["--format", "json", "remind", "--send"], 64, "not json");
    // A login without its password in the environment.
    let smtp = Smtp::start();
    smtp.configure(&env);
    env.ok(&["settings", "set", "smtp-user", "sap"]);
    let out = env.run_with(&[("SPM_SMTP_PASSWORD", "")], &["remind", "--send"]);
    assert_ne!(out.status.code(), Some(0));
    assert!(smtp.messages().is_empty());
}
