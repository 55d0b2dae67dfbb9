//! The words the records are made of: short lists, kept compact. The order of each list is
//! part of what a seed makes: a record draws an index into it.

use crate::model::{Activity, Form, Level, Outcome, Rating, RecStatus, Recognition, Role, StudyLevel};

pub(super) const FORMS: &[Form] = &[
    Form::CurriculumCoCreation, Form::WithinCurriculum, Form::EducationalResearch,
    Form::DisciplinaryResearch, Form::WiderExperience,
];
pub(super) const ACTIVITIES: &[Activity] = &[
    Activity::CurriculumDesign, Activity::LearningAndResearch, Activity::AssessmentAndFeedback,
    Activity::ProblemSolving, Activity::AcademicRepresentation, Activity::ChangeMakers,
    Activity::EducationPanel, Activity::ResearchInternship, Activity::FundedProject,
    Activity::Other,
];
pub(super) const LEVELS: &[Level] =
    &[Level::Consultation, Level::Involvement, Level::Partnership, Level::StudentLed];
pub(super) const DEPARTMENTS: &[&str] = &[
    "Accounting and Finance", "Anthropology", "Archaeology", "Architecture", "Art History",
    "Biochemistry", "Biology", "Business School", "Chemistry", "Civil Engineering",
    "Classics", "Computer Science", "Dentistry", "Drama", "Earth Sciences", "Economics",
    "Education", "Electrical Engineering", "English", "Film Studies", "Geography",
    "History", "Law", "Linguistics", "Management", "Mathematics", "Mechanical Engineering",
    "Medicine", "Modern Languages", "Music", "Nursing", "Pharmacy", "Philosophy",
    "Physics", "Politics", "Psychology", "Social Work", "Sociology", "Sport Science",
    "Theology",
];
pub(super) const THEMES: &[&str] = &[
    "assessment", "belonging", "wellbeing", "employability", "inclusion", "digital",
    "sustainability", "feedback", "transition", "accessibility", "decolonising",
    "commuters", "mental-health", "widening-participation", "careers", "peer-support",
    "research-skills", "community", "internationalisation", "student-voice",
];
pub(super) const VERBS: &[&str] = &[
    "Co-designing", "Rethinking", "Evaluating", "Student-led review of", "Building",
    "Improving", "Mapping", "Reimagining",
];
pub(super) const TOPICS: &[&str] = &[
    "assessment feedback", "the first-year transition", "peer mentoring", "lab induction",
    "reading lists", "placement support", "online learning spaces", "module evaluation",
    "study skills workshops", "the personal tutor system", "inclusive field trips",
    "dissertation supervision", "group work", "exam preparation", "the welcome week",
    "careers sessions", "library spaces", "commuter student support",
    "wellbeing check-ins", "accessible lecture materials",
];
pub(super) const FIRST_NAMES: &[&str] = &[
    "Aisha", "Ben", "Chloe", "Daniel", "Emeka", "Fatima", "George", "Hannah", "Imran",
    "Jade", "Kwame", "Laura", "Mohammed", "Niamh", "Oliver", "Priya", "Qasim", "Rosa",
    "Samuel", "Tomasz", "Una", "Vikram", "Wen", "Xavier", "Yasmin", "Zoe",
];
pub(super) const LAST_NAMES: &[&str] = &[
    "Adeyemi", "Brown", "Chen", "Davies", "Evans", "Fernandez", "Green", "Hughes", "Iqbal",
    "Jones", "Khan", "Lewis", "Murphy", "Nowak", "O'Brien", "Patel", "Quinn", "Roberts",
    "Singh", "Thomas", "Usman", "Varga", "Williams", "Xu", "Young", "Zhang",
];
pub(super) const STUDY_LEVELS: &[StudyLevel] = &[
    StudyLevel::Ug, StudyLevel::Ug, StudyLevel::Ug, StudyLevel::Ug, StudyLevel::Ug,
    StudyLevel::Ug, StudyLevel::Ug, StudyLevel::Pgt, StudyLevel::Pgt, StudyLevel::Pgr,
];
pub(super) const REVIEWERS: &[&str] = &[
    "[]", r#"["Dr A. Khan"]"#, r#"["Dr A. Khan", "student panel"]"#,
    r#"["Prof J. Evans"]"#, r#"["education committee"]"#,
];
pub(super) const WENT_WELL: &[&str] = &[
    "sessions were full", "students led the workshops", "good turnout at the focus groups",
    "staff adopted the new materials",
];
pub(super) const TO_CHANGE: &[&str] = &[
    "more evening slots", "recruit partners earlier", "pay partners more promptly",
    "share findings sooner",
];
pub(super) const OUTCOMES: &[Outcome] = &[
    Outcome::Motivation, Outcome::Confidence, Outcome::Metacognition, Outcome::Relationships,
    Outcome::Belonging, Outcome::StaffTrust, Outcome::TeachingMaterials,
    Outcome::StudentUnderstanding, Outcome::TeachingBeliefs, Outcome::PowerShift,
    Outcome::FeedbackConfidence,
];
pub(super) const RATINGS: &[Rating] = &[Rating::NotSeen, Rating::Emerging, Rating::Clear];
pub(super) const STUDENT_ROLES: &[Role] = &[
    Role::StudentPartner, Role::StudentPartner, Role::StudentPartner, Role::ChangeMaker,
    Role::Intern, Role::AcademicRep, Role::Panellist,
];
pub(super) const RECOGNITIONS: &[Recognition] = &[
    Recognition::Certificate, Recognition::Transcript, Recognition::Credit, Recognition::Payment,
];
pub(super) const ADDRESSED_TO: &[&str] = &[
    "Head of Department", "Faculty Education Committee", "Library", "Student Services",
    "Estates", "Careers Service", "Registry",
];
pub(super) const REC_OUTCOMES: &[RecStatus] = &[
    RecStatus::Accepted, RecStatus::InProgress, RecStatus::Implemented, RecStatus::Implemented,
    RecStatus::PartlyImplemented, RecStatus::NotAdopted, RecStatus::BeyondControl,
];
pub(super) const SPEND_NOTES: &[&str] = &["partner payments", "catering", "printing", "room hire"];
