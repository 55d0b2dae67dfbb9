//! `spm settings ...`: the institution's name, accent colour and logo, checked when set and
//! carried by every page.

use std::fs;

use crate::common::{Env, LOGO_PNG, json, stderr_of};

fn show(env: &Env) -> serde_json::Value {
    json(&env.ok(&["--format", "json", "settings", "show"]))
}

#[test]
fn the_look_is_set_shown_used_and_cleared() {
    let env = Env::demo();
    let before = show(&env);
    assert_eq!(before["institution"], serde_json::Value::Null);
    assert_eq!(before["accent"], "#1d4f91");
    assert_eq!(before["logo"], serde_json::Value::Null);

    let out = env.run_ok(&["settings", "set", "institution", "University of Exeter"]);
    assert!(out.stdout.is_empty());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "pages now name the institution \"University of Exeter\"\n"
    );
    let out = env.run_ok(&["settings", "set", "accent", "#6A1B9A"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "pages now have the accent #6a1b9a (9.3:1 against white)\n"
    );
    fs::write(env.path("logo.png"), LOGO_PNG).expect("a logo");
    let out = env.run_ok(&["settings", "set", "logo", "logo.png"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "pages now carry the logo \"logo.png\" (image/png, 69 bytes)\n"
    );
    let now = show(&env);
    assert_eq!(now["institution"], "University of Exeter");
    assert_eq!(now["accent"], "#6a1b9a");
    assert_eq!(now["accent_contrast"], 9.3);
    assert_eq!(now["logo"], "image/png");
    assert_eq!(now["logo_bytes"], 69);

    let page = env.ok(&["report", "summary", "--format", "html"]);
    assert!(page.contains("<title>The year at a glance – University of Exeter</title>"));
    assert!(page.contains(":root{--accent:#6a1b9a}"));
    assert!(
        page.contains("<img src=\"data:image/png;base64,iVBORw0KGgo"),
        "{page}"
    );
    assert!(page.contains("alt=\"\"><span>University of Exeter</span>"));

    env.run_ok(&["settings", "clear", "logo"]);
    let out = env.run_ok(&["settings", "clear", "logo"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "the logo was not set\n"
    );
    env.run_ok(&["settings", "clear", "accent"]);
    let cleared = show(&env);
    assert_eq!(cleared["logo"], serde_json::Value::Null);
    assert_eq!(cleared["accent"], "#1d4f91");
    assert_eq!(cleared["institution"], "University of Exeter");
    let page = env.ok(&["report", "summary", "--format", "html"]);
    assert!(!page.contains("<img") && page.contains(":root{--accent:#1d4f91}"));
}

#[test]
fn an_accent_too_light_for_text_is_refused_with_its_contrast() {
    let env = Env::demo();
    env.refused(
        &["settings", "set", "accent", "#ffcc00"],
        65,
        "accent #ffcc00 has a contrast of 1.5:1 against white; text needs at least 4.5:1",
    );
    env.refused(&["settings", "set", "accent", "#777777"], 65, "4.4:1");
    for bad in ["blue", "1d4f91", "#1d4f9", "#1d4g91", ""] {
        env.refused(&["settings", "set", "accent", bad], 65, "is not #rrggbb");
    }
}

#[test]
fn a_logo_that_is_not_a_safe_image_is_refused() {
    let env = Env::demo();
    let file = |name: &str, bytes: &[u8]| {
        fs::write(env.path(name), bytes).expect("a file");
        name.to_string()
    };
    let gif = file("logo.gif", b"GIF89a\x01\x00\x01\x00");
    env.refused(
        &["settings", "set", "logo", &gif],
        65,
        "is not a PNG, JPEG or SVG image",
    );
    // A name that says PNG does not make it one.
    let text = file("fake.png", b"just text");
    env.refused(
        &["settings", "set", "logo", &text],
        65,
        "is not a PNG, JPEG or SVG",
    );
    let mut big = LOGO_PNG.to_vec();
    big.resize((1 << 20) + 1, 0);
    let big = file("big.png", &big);
    env.refused(&["settings", "set", "logo", &big], 65, "over the 1 MB");
    let script = file("crest.svg", b"<svg><script>alert(1)</script></svg>");
    env.refused(
        &["settings", "set", "logo", &script],
        65,
        "an SVG with a script in it",
    );
    let handler = file("onload.svg", b"<svg onload=\"alert(1)\"></svg>");
    env.refused(
        &["settings", "set", "logo", &handler],
        65,
        "event attribute",
    );
    let empty = file("empty.png", b"");
    env.refused(&["settings", "set", "logo", &empty], 65, "is empty");
    env.refused(
        &["settings", "set", "logo", "missing.png"],
        66,
        "no file \"missing.png\"",
    );
    env.refused(&["settings", "set", "logo", "."], 65, "is a folder");
    // A clean SVG is taken.
    let svg = file(
        "crest.svg",
        b"<svg viewBox=\"0 0 1 1\"><rect width=\"1\" height=\"1\"/></svg>",
    );
    env.ok(&["settings", "set", "logo", &svg]);
    assert_eq!(show(&env)["logo"], "image/svg+xml");
}

#[test]
fn a_bad_name_or_key_is_refused() {
    let env = Env::demo();
    env.refused(
        &["settings", "set", "institution", "  "],
        65,
        "the institution's name is empty",
    );
    let long = "x".repeat(201);
    env.refused(
        &["settings", "set", "institution", &long],
        65,
        "at most 200 characters",
    );
    env.clap_fails(
        &["settings", "set", "colour", "#000000"],
        "invalid value 'colour'",
    );
    env.clap_fails(&["settings", "clear", "terms"], "invalid value 'terms'");
    env.clap_fails(&["settings", "set", "accent"], "");
}

#[test]
fn showing_the_settings_never_makes_a_database() {
    let env = Env::new();
    env.fails(&["settings", "show"], 66);
    assert!(!env.db.exists());
}

#[test]
fn a_large_logo_survives_an_export_to_a_workbook_and_back() {
    let env = Env::demo();
    let mut logo = LOGO_PNG.to_vec();
    logo.resize(200_000, 1);
    fs::write(env.path("big.png"), &logo).expect("a logo");
    env.ok(&["settings", "set", "logo", "big.png"]);
    let page = env.ok(&["report", "summary", "--format", "html"]);
    env.ok(&["export", "-o", "all.xlsx"]);
    let restored = Env::new();
    let file = env.path("all.xlsx");
    let file = file.to_str().expect("a path");
    restored.ok(&["import", file]);
    let shown = show(&restored);
    assert_eq!(shown["logo"], "image/png");
    assert_eq!(shown["logo_bytes"], 200_000);
    assert_eq!(
        restored.ok(&["report", "summary", "--format", "html"]),
        page,
        "the same page from the restored database"
    );
}

#[test]
fn the_mail_settings_are_set_shown_and_cleared() {
    let env = Env::fresh();
    let before = show(&env);
    assert_eq!(before["coordinator_email"], serde_json::Value::Null);
    assert_eq!(before["mail_from"], serde_json::Value::Null);
    assert_eq!(before["mail_via"], "sendmail");
    assert_eq!(before["smtp_host"], serde_json::Value::Null);
    assert_eq!(before["smtp_port"], 587);
    assert_eq!(before["smtp_starttls"], true);
    assert_eq!(before["smtp_user"], serde_json::Value::Null);
    assert_eq!(before["smtp_password_set"], false);
    assert_eq!(before["sendmail"], "sendmail");

    let said = |args: &[&str]| stderr_of(&env.run_ok(args));
    assert_eq!(
        said(&[
            "settings",
            "set",
            "coordinator-email",
            " SaP@Example.ac.uk "
        ]),
        "coordinator-email is now \"SaP@Example.ac.uk\"\n"
    );
    assert_eq!(
        said(&[
            "settings",
            "set",
            "mail-from",
            "Students as Partners <sap@example.ac.uk>"
        ]),
        "mail-from is now \"Students as Partners <sap@example.ac.uk>\"\n"
    );
    assert_eq!(
        said(&["settings", "set", "smtp-host", "SMTP.example.ac.uk"]),
        "smtp-host is now \"smtp.example.ac.uk\"\n"
    );
    said(&["settings", "set", "smtp-port", "2525"]);
    said(&["settings", "set", "smtp-starttls", "No"]);
    assert_eq!(
        said(&["settings", "set", "smtp-user", "sap"]),
        "smtp-user is now \"sap\"; the password is read from SPM_SMTP_PASSWORD\n"
    );
    let now = show(&env);
    assert_eq!(now["coordinator_email"], "SaP@Example.ac.uk");
    assert_eq!(now["mail_from"], "Students as Partners <sap@example.ac.uk>");
    assert_eq!(now["mail_via"], "smtp", "a host set means SMTP");
    assert_eq!(now["smtp_host"], "smtp.example.ac.uk");
    assert_eq!(now["smtp_port"], 2525);
    assert_eq!(now["smtp_starttls"], false);
    assert_eq!(now["smtp_user"], "sap");
    let with_password = env.run_with(
        &[("SPM_SMTP_PASSWORD", "secret")],
        &["--format", "json", "settings", "show"],
    );
    let text = String::from_utf8_lossy(&with_password.stdout);
    assert_eq!(json(&text)["smtp_password_set"], true);
    assert!(!text.contains("secret"));

    said(&["settings", "set", "mail-via", "sendmail"]);
    said(&["settings", "set", "sendmail", "/usr/sbin/sendmail"]);
    let now = show(&env);
    assert_eq!(now["mail_via"], "sendmail");
    assert_eq!(now["sendmail"], "/usr/sbin/sendmail");
    // No password is ever kept.
    assert!(!env.dump().iter().any(|row| row.contains("secret")));

    for key in [
        "coordinator-email",
        "mail-from",
        "mail-via",
        "smtp-host",
        "smtp-port",
        "smtp-starttls",
        "smtp-user",
        "sendmail",
    ] {
        said(&["settings", "clear", key]);
        let again = said(&["settings", "clear", key]);
        assert!(again.ends_with(" was not set\n"), "{again}");
    }
    assert_eq!(show(&env), before);
}

#[test]
fn a_bad_mail_setting_is_refused_in_one_line() {
    let env = Env::fresh();
    env.ok(&["settings", "set", "smtp-port", "2525"]);
    let bad = [
        (
            "coordinator-email",
            "not an address",
            "is not an email address",
        ),
        (
            "coordinator-email",
            "SaP <sap@example.ac.uk>",
            "is not an email address",
        ),
        (
            "mail-from",
            "Students <nowhere>",
            "is not an address with an optional name",
        ),
        ("mail-from", "", "mail-from is empty"),
        ("smtp-host", "smtp example.ac.uk", "is not a host name"),
        ("smtp-port", "0", "is not a port"),
        ("smtp-port", "65536", "is not a port"),
        ("smtp-port", "-1", "is not a port"),
        ("smtp-starttls", "maybe", "neither yes nor no"),
        ("smtp-user", " ", "smtp-user is empty"),
        ("mail-via", "pigeon", "neither smtp nor sendmail"),
        ("sendmail", "a\nb", "not one line"),
    ];
    for (key, value, needle) in bad {
        env.refused(&["settings", "set", key, value], 65, needle);
    }
    assert_eq!(show(&env)["smtp_port"], 2525);
    env.clap_fails(
        &["settings", "set", "smtp-password", "x"],
        "invalid value 'smtp-password'",
    );
}

#[test]
fn a_damaged_mail_setting_is_named() {
    let env = Env::fresh();
    env.conn()
        .execute(
            "INSERT INTO settings (key, value) VALUES ('smtp_port', 'seventy')",
            [],
        )
        .expect("a damaged setting");
    let err = env.fails(&["settings", "show"], 65);
    assert!(err.contains("smtp-port"), "{err}");
    assert!(err.contains("spm settings set smtp-port"), "{err}");
    env.ok(&["settings", "set", "smtp-port", "25"]);
    assert_eq!(show(&env)["smtp_port"], 25);
}
