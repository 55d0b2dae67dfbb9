//! The words the records are made of: short lists, kept compact.

pub(super) const FORMS: &[&str] = &[
    "co-creation-of-curriculum", "co-creation-within-curriculum", "educational-research",
    "disciplinary-research", "wider-student-experience",
];
pub(super) const ACTIVITIES: &[&str] = &[
    "curriculum-design", "learning-and-research", "assessment-and-feedback",
    "problem-solving", "academic-representation", "change-makers", "education-panel",
    "research-internship", "funded-project", "other",
];
pub(super) const LEVELS: &[&str] = &["consultation", "involvement", "partnership", "student-led"];
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
pub(super) const STUDY_LEVELS: &[&str] = &["ug", "ug", "ug", "ug", "ug", "ug", "ug", "pgt", "pgt", "pgr"];
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
pub(super) const OUTCOMES: &[&str] = &[
    "motivation", "confidence", "metacognition", "relationships", "belonging",
    "staff-trust", "teaching-materials", "student-understanding", "teaching-beliefs",
    "power-shift", "feedback-confidence",
];
pub(super) const RATINGS: &[&str] = &["not-seen", "emerging", "clear"];
pub(super) const STUDENT_ROLES: &[&str] = &[
    "student-partner", "student-partner", "student-partner", "change-maker", "intern",
    "academic-rep", "panellist",
];
pub(super) const RECOGNITIONS: &[&str] = &["certificate", "transcript", "credit", "payment"];
pub(super) const ADDRESSED_TO: &[&str] = &[
    "Head of Department", "Faculty Education Committee", "Library", "Student Services",
    "Estates", "Careers Service", "Registry",
];
pub(super) const REC_OUTCOMES: &[&str] = &[
    "accepted", "in-progress", "implemented", "implemented", "partly-implemented",
    "not-adopted", "beyond-control",
];
pub(super) const SPEND_NOTES: &[&str] = &["partner payments", "catering", "printing", "room hire"];
