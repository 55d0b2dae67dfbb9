//! The projects a person leads, for `spm person show`: a lead is a person too, and their
//! record says what they are responsible for.

use crate::db::Connection;
use crate::output::{Rows, Value, col};
use crate::service::project;

/// One row per project person `id` leads: code, title, status and academic year.
pub(super) fn rows(conn: &Connection, id: i64) -> anyhow::Result<Rows> {
    let mut rows = Rows::new(&[
        col("project", "Project"),
        col("title", "Title"),
        col("status", "Status"),
        col("academic_year", "Year"),
    ]);
    for p in project::led_by(conn, id)? {
        rows.push(vec![
            Value::Text(p.code),
            Value::Text(p.title),
            Value::Text(p.status.to_string()),
            Value::Text(p.academic_year.to_string()),
        ]);
    }
    Ok(rows)
}
