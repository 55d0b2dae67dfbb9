//! Integration tests of XLSX output and CSV for Excel.
