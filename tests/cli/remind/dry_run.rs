//! `spm remind --send --dry-run` before the mail settings are all made: it shows what would
//! go, and where a letter cannot.

use crate::common::Env;

#[test]
fn a_dry_run_without_the_coordinators_address_shows_their_letter_and_where_it_cannot_go() {
    let env = Env::demo();
    env.ok(&[
        "settings",
        "set",
        "mail-from",
        "Partnerships <p@example.ac.uk>",
    ]);
    let out = env.run(&["remind", "--send", "--dry-run"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(
            "To: the coordinator (no address is set: \"spm settings set coordinator-email ADDRESS\")\nSubject: "
        ),
        "{text}"
    );
    assert!(
        text.contains("To: Dr A. Khan <a.khan@example.ac.uk>"),
        "{text}"
    );
    // Sending for real refuses that letter, and says so (the others fail too: this machine
    // has no sendmail, mail's way when no SMTP host is set, and each failure is named).
    let out = env.run_with(&[("PATH", "/nonexistent")], &["remind", "--send"]);
    assert_eq!(out.status.code(), Some(69));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("no address is set for the coordinator"),
        "{stderr}"
    );
    assert!(
        stderr
            .contains("error: not sent to Dr A. Khan <a.khan@example.ac.uk>: the sendmail program"),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("error: 3 reminders of 3 not sent\n"),
        "{stderr}"
    );
}
