//! A record's change log, as the `show` verbs end with it.

use crate::output::{self, Format};

/// A record's change log as rows: scripts get old and new values as data, people a sentence;
/// `created` is the word for the first entry ("created", "recorded").
pub(super) fn rows(
    format: Format,
    changes: Vec<crate::model::Change>,
    created: &str,
) -> output::Rows {
    let mut log = output::Rows::new(&[
        output::col("at", "When"),
        output::col("actor", "Who"),
        output::col("action", "What"),
        output::col("fields", "Changes"),
    ]);
    for c in changes {
        let what = if format == Format::Json {
            output::Value::Json(c.fields.clone())
        } else if c.action == "insert" {
            let origin = crate::service::changes::origin(&c.fields);
            output::Value::Text(origin.unwrap_or_else(|| created.to_string()))
        } else {
            output::Value::Text(crate::service::changes::describe(&c))
        };
        log.push(vec![
            output::Value::Date(c.at),
            output::Value::Text(c.actor),
            output::Value::Text(c.action),
            what,
        ]);
    }
    log
}
