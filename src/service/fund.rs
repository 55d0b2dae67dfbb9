//! The education-enhancement fund: applications, awards and spend.
