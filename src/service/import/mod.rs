//! Importing projects and people from the spreadsheets coordinators keep (CSV or XLSX).
