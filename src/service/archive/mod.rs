//! The whole database as a workbook or a folder of CSVs, and back.
