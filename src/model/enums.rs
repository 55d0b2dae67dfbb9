//! The enumerations of DESIGN.md §2. On the command line and in files they are kebab-case,
//! matched case-insensitively; a typo gets a "did you mean" from the closest name.

use crate::error::{Error, Result};
use crate::model::text::quoted;

/// Finds `input` among `names` (case-insensitive; `_` and spaces read as `-`) and returns its
/// index, or an `Invalid` error that suggests the closest name or lists them all.
pub fn parse_choice(input: &str, what: &str, names: &[&str]) -> Result<usize> {
    let wanted: String = input
        .trim()
        .chars()
        .map(|c| match c {
            '_' | ' ' => '-',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    if let Some(i) = names.iter().position(|n| *n == wanted) {
        return Ok(i);
    }
    match closest(&wanted, names) {
        Some(name) => Err(Error::Invalid(format!(
            "unknown {what} {}; did you mean {name:?}?",
            quoted(input)
        ))),
        None => Err(Error::Invalid(format!(
            "unknown {what} {}; expected one of: {}",
            quoted(input),
            names.join(", ")
        ))),
    }
}

/// The name most like `wanted`, comparing with whole names and with each of their words, if
/// any is close enough to be a likely typo. Ties go to the first name.
fn closest<'a>(wanted: &str, names: &[&'a str]) -> Option<&'a str> {
    // A score of 0.6 needs the lengths within a factor of 2.5 of each other, so a value much
    // longer than every name (a whole paragraph in the wrong column) is compared with none:
    // the comparison costs the product of the lengths.
    let longest = names.iter().map(|n| n.len()).max().unwrap_or(0);
    if wanted.is_empty() || wanted.len() > longest * 5 / 2 {
        return None;
    }
    let mut best: Option<(f64, &str)> = None;
    for name in names {
        let mut score = strsim::normalized_damerau_levenshtein(wanted, name);
        if name.starts_with(wanted) && wanted.len() >= 2 {
            score = score.max(0.9);
        }
        for word in name.split('-').filter(|w| w.len() >= 4) {
            score = score.max(strsim::normalized_damerau_levenshtein(wanted, word));
        }
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, name));
        }
    }
    best.filter(|(s, _)| *s >= 0.6).map(|(_, n)| n)
}

macro_rules! kebab_enum {
    ($(#[$meta:meta])* $name:ident, $what:literal, { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($variant),+
        }

        impl $name {
            /// Every value, in the order of DESIGN.md.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// Every value's name, as typed on the command line.
            pub const NAMES: &'static [&'static str] = &[$($text),+];
            /// What the values are, for messages ("form", "engagement level", ...).
            pub const WHAT: &'static str = $what;

            /// The kebab-case name.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = Error;
            fn from_str(s: &str) -> Result<Self> {
                parse_choice(s, $what, Self::NAMES).map(|i| Self::ALL[i])
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.as_str().into())
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                let text = v.as_str()?;
                Self::NAMES
                    .iter()
                    .position(|n| *n == text)
                    .map(|i| Self::ALL[i])
                    .ok_or_else(|| rusqlite::types::FromSqlError::Other(
                        format!("unknown {} {text:?} in the database", $what).into(),
                    ))
            }
        }
    };
}

kebab_enum!(
    /// Where a partnership happens (seed 000's forms or locations of partnership).
    Form, "form", {
        CurriculumCoCreation => "co-creation-of-curriculum",
        WithinCurriculum => "co-creation-within-curriculum",
        EducationalResearch => "educational-research",
        DisciplinaryResearch => "disciplinary-research",
        WiderExperience => "wider-student-experience",
    }
);

kebab_enum!(
    /// Where a project sits on the continuum of student engagement.
    Level, "engagement level", {
        Consultation => "consultation",
        Involvement => "involvement",
        Partnership => "partnership",
        StudentLed => "student-led",
    }
);

kebab_enum!(
    /// The kind of activity a project is.
    Activity, "activity", {
        CurriculumDesign => "curriculum-design",
        LearningAndResearch => "learning-and-research",
        AssessmentAndFeedback => "assessment-and-feedback",
        ProblemSolving => "problem-solving",
        AcademicRepresentation => "academic-representation",
        ChangeMakers => "change-makers",
        EducationPanel => "education-panel",
        ResearchInternship => "research-internship",
        FundedProject => "funded-project",
        Other => "other",
    }
);

kebab_enum!(
    /// Where a project is in its life.
    Status, "status", {
        Proposed => "proposed",
        Active => "active",
        Paused => "paused",
        Completed => "completed",
        Withdrawn => "withdrawn",
    }
);

impl Status {
    /// Whether the project has ended (completed or withdrawn).
    pub fn is_closed(self) -> bool {
        matches!(self, Status::Completed | Status::Withdrawn)
    }
}

kebab_enum!(
    /// Why a review was held.
    ReviewKind, "review kind", {
        Annual => "annual",
        Interim => "interim",
        Closing => "closing",
    }
);

kebab_enum!(
    /// What a review decided for the project.
    Decision, "decision", {
        Continue => "continue",
        Adapt => "adapt",
        Close => "close",
    }
);

kebab_enum!(
    /// Who gave a score: staff or students (the two views are compared).
    ScoredBy, "scorer (staff or students)", {
        Staff => "staff",
        Students => "students",
    }
);

kebab_enum!(
    /// The outcomes of partnership for students, staff and the institution (DESIGN.md §1).
    Outcome, "outcome", {
        Motivation => "motivation",
        Confidence => "confidence",
        Metacognition => "metacognition",
        Relationships => "relationships",
        Belonging => "belonging",
        StaffTrust => "staff-trust",
        TeachingMaterials => "teaching-materials",
        StudentUnderstanding => "student-understanding",
        TeachingBeliefs => "teaching-beliefs",
        PowerShift => "power-shift",
        FeedbackConfidence => "feedback-confidence",
    }
);

impl Outcome {
    /// Whose outcome it is: "students", "staff" or "institution".
    pub fn group(self) -> &'static str {
        use Outcome::*;
        match self {
            Motivation | Confidence | Metacognition | Relationships | Belonging => "students",
            StaffTrust | TeachingMaterials | StudentUnderstanding | TeachingBeliefs
            | PowerShift => "staff",
            FeedbackConfidence => "institution",
        }
    }

    /// The outcome in the words of DESIGN.md §1.
    pub fn description(self) -> &'static str {
        use Outcome::*;
        match self {
            Motivation => "motivation for learning",
            Confidence => "confidence as a student",
            Metacognition => "meta-cognitive learning and awareness",
            Relationships => "relationships with staff and peers",
            Belonging => "sense of belonging",
            StaffTrust => "enhanced relationships and trust",
            TeachingMaterials => "new or better teaching/curriculum materials",
            StudentUnderstanding => "understanding of students' experiences",
            TeachingBeliefs => "new beliefs about teaching and learning",
            PowerShift => "a positive shift in power dynamics",
            FeedbackConfidence => {
                "students' confidence that they can give feedback and that it is acted upon"
            }
        }
    }
}

kebab_enum!(
    /// How clearly an outcome was seen.
    Rating, "outcome rating", {
        NotSeen => "not-seen",
        Emerging => "emerging",
        Clear => "clear",
    }
);

kebab_enum!(
    /// Who a person is to the institution.
    PersonKind, "person kind", {
        Student => "student",
        Staff => "staff",
        External => "external",
    }
);

impl PersonKind {
    /// One person of the kind, with its article: "a student", "a member of staff", "an
    /// external partner".
    pub fn one(self) -> &'static str {
        match self {
            PersonKind::Student => "a student",
            PersonKind::Staff => "a member of staff",
            PersonKind::External => "an external partner",
        }
    }

    /// People of the kind: "students", "staff", "external partners".
    pub fn people(self) -> &'static str {
        match self {
            PersonKind::Student => "students",
            PersonKind::Staff => "staff",
            PersonKind::External => "external partners",
        }
    }
}

kebab_enum!(
    /// A student's level of study: undergraduate, postgraduate taught or research.
    StudyLevel, "level of study", {
        Ug => "ug",
        Pgt => "pgt",
        Pgr => "pgr",
    }
);

kebab_enum!(
    /// A person's part in a project.
    Role, "role", {
        StudentPartner => "student-partner",
        StaffPartner => "staff-partner",
        ExternalPartner => "external-partner",
        Lead => "lead",
        ChangeMaker => "change-maker",
        Panellist => "panellist",
        Intern => "intern",
        AcademicRep => "academic-rep",
    }
);

impl Role {
    /// The kinds of person who may take the role: the one table of role rules, which `partner
    /// add` and `person edit --kind` both check and `partner add --help` and the README show.
    /// Each kind has a partner role of its own; anyone may lead; Change Makers, the panel,
    /// research internships and academic representation are programmes for students.
    pub fn kinds(self) -> &'static [PersonKind] {
        use PersonKind::{External, Staff, Student};
        match self {
            Role::StudentPartner => &[Student],
            Role::StaffPartner => &[Staff],
            Role::ExternalPartner => &[External],
            Role::Lead => &[Student, Staff, External],
            Role::ChangeMaker | Role::Panellist | Role::Intern | Role::AcademicRep => &[Student],
        }
    }

    /// Whether a person of `kind` may take the role.
    pub fn suits(self, kind: PersonKind) -> bool {
        self.kinds().contains(&kind)
    }

    /// Who may take the role, in words: "students", "staff", "everyone".
    pub fn for_whom(self) -> String {
        let kinds = self.kinds();
        if kinds.len() == PersonKind::ALL.len() {
            return "everyone".to_string();
        }
        let names: Vec<&str> = kinds.iter().map(|k| k.people()).collect();
        names.join(" and ")
    }

    /// The roles a person of `kind` may take, in the order of [`Role::ALL`].
    pub fn for_kind(kind: PersonKind) -> Vec<Role> {
        Role::ALL
            .iter()
            .copied()
            .filter(|r| r.suits(kind))
            .collect()
    }
}

kebab_enum!(
    /// How a contribution was recognised.
    Recognition, "recognition", {
        Certificate => "certificate",
        Transcript => "transcript",
        Credit => "credit",
        Payment => "payment",
        Voucher => "voucher",
    }
);

kebab_enum!(
    /// A data-protection request under UK GDPR. `erasure` is the right's name in law (and a
    /// stored value); spm answers it with `spm person forget`.
    RequestKind, "request kind", {
        Access => "access",
        Erasure => "erasure",
    }
);

kebab_enum!(
    /// Where a recommendation to leadership stands ("you said, we did").
    RecStatus, "recommendation status", {
        Proposed => "proposed",
        Accepted => "accepted",
        InProgress => "in-progress",
        Implemented => "implemented",
        PartlyImplemented => "partly-implemented",
        NotAdopted => "not-adopted",
        BeyondControl => "beyond-control",
    }
);

kebab_enum!(
    /// Whether an implemented recommendation changed what it meant to change.
    Worked, "impact verdict", {
        Yes => "yes",
        Partly => "partly",
        No => "no",
        Unknown => "unknown",
    }
);

impl RecStatus {
    /// Whether leadership has decided (anything but proposed and accepted-in-progress).
    pub fn is_decided(self) -> bool {
        !matches!(self, RecStatus::Proposed)
    }

    /// Whether the recommendation is closed: done, partly done, not adopted or beyond control.
    pub fn is_closed(self) -> bool {
        matches!(
            self,
            RecStatus::Implemented
                | RecStatus::PartlyImplemented
                | RecStatus::NotAdopted
                | RecStatus::BeyondControl
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_names_case_insensitively() -> Result<()> {
        assert_eq!("Partnership".parse::<Level>()?, Level::Partnership);
        assert_eq!("student_led".parse::<Level>()?, Level::StudentLed);
        assert_eq!(
            " WIDER-student-experience ".parse::<Form>()?,
            Form::WiderExperience
        );
        Ok(())
    }

    #[test]
    fn suggests_the_closest_name() {
        let err = "curicullum".parse::<Form>().unwrap_err().to_string();
        assert_eq!(
            err,
            r#"unknown form "curicullum"; did you mean "co-creation-of-curriculum"?"#
        );
        let err = "activ".parse::<Status>().unwrap_err().to_string();
        assert!(err.contains(r#"did you mean "active"?"#), "{err}");
    }

    #[test]
    fn lists_the_names_when_nothing_is_close() {
        let err = "zzz".parse::<Level>().unwrap_err().to_string();
        assert_eq!(
            err,
            r#"unknown engagement level "zzz"; expected one of: consultation, involvement, partnership, student-led"#
        );
    }

    #[test]
    fn every_role_suits_some_kind_and_every_kind_has_a_partner_role() {
        for role in Role::ALL {
            assert!(!role.kinds().is_empty(), "{role}");
        }
        for kind in PersonKind::ALL {
            let roles = Role::for_kind(*kind);
            assert!(roles.contains(&Role::Lead), "{kind}");
            let own = format!("{kind}-partner");
            assert!(roles.iter().any(|r| r.as_str() == own), "{kind}");
        }
    }

    #[test]
    fn every_name_round_trips() -> Result<()> {
        for f in Form::ALL {
            assert_eq!(f.as_str().parse::<Form>()?, *f);
        }
        for a in Activity::ALL {
            assert_eq!(a.to_string().parse::<Activity>()?, *a);
        }
        Ok(())
    }
}
