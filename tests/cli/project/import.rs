//! `spm project import` of what `project list --format csv` wrote.

use super::csv_records;
use crate::common::Env;
use crate::common::project_add_args as add_args;

#[test]
fn an_export_imports_back_when_two_leads_share_a_name() {
    let env = Env::fresh();
    for (email, code) in [
        ("s.khan@uni.ac.uk", "one-2025"),
        ("sara.khan@uni.ac.uk", "two-2025"),
    ] {
        env.ok(&[
            "person",
            "add",
            "Sara Khan",
            "--kind",
            "staff",
            "--email",
            email,
        ]);
        env.ok(&add_args(
            code,
            &["--code", code, "--lead", email, "--year", "2025/26"],
        ));
    }
    let text = env.ok(&["--format", "csv", "project", "list"]);
    let records = csv_records(&text);
    let lead_of = |code: &str| {
        let r = records
            .iter()
            .find(|r| r["code"] == code)
            .expect("the project");
        (r["lead"].clone(), r["lead_email"].clone())
    };
    assert_eq!(
        lead_of("one-2025"),
        ("Sara Khan".into(), "s.khan@uni.ac.uk".into())
    );
    assert_eq!(
        lead_of("two-2025"),
        ("Sara Khan".into(), "sara.khan@uni.ac.uk".into())
    );
    // Into a new database: each project goes to its own Sara Khan, registered with her email.
    let other = Env::fresh();
    std::fs::write(other.path("projects.csv"), &text).expect("the export");
    other.ok(&["project", "import", "projects.csv"]);
    assert_eq!(
        csv_records(&other.ok(&["--format", "csv", "project", "list"]))
            .iter()
            .map(|r| (r["code"].clone(), r["lead_email"].clone()))
            .collect::<Vec<_>>(),
        [
            ("one-2025".to_string(), "s.khan@uni.ac.uk".to_string()),
            ("two-2025".to_string(), "sara.khan@uni.ac.uk".to_string())
        ]
    );
    // Back into the first, with the leads swapped: --update follows the emails.
    let swapped = text
        .replace("s.khan@uni.ac.uk", "TMP")
        .replace("sara.khan@uni.ac.uk", "s.khan@uni.ac.uk")
        .replace("TMP", "sara.khan@uni.ac.uk");
    std::fs::write(env.path("swapped.csv"), swapped).expect("the file");
    env.ok(&["project", "import", "swapped.csv", "--update"]);
    let after = csv_records(&env.ok(&["--format", "csv", "project", "list"]));
    let one = after.iter().find(|r| r["code"] == "one-2025").expect("one");
    assert_eq!(one["lead_email"], "sara.khan@uni.ac.uk");
    // An email nobody has, with no name to register them by, is refused with its column.
    std::fs::write(
        env.path("bad.csv"),
        "code,title,form,level_planned,lead_email\nnew-2025,New,wider-student-experience,partnership,nobody@uni.ac.uk\n",
    )
    .expect("the file");
    env.refused(
        &["project", "import", "bad.csv"],
        65,
        "nobody has the email",
    );
}
