//! Names put into SQL text rather than bound as values (tables, indexes,
//! roles, schemas): only plain lower-case identifiers pass, so that no
//! name from the catalogue, the code or an operator's flag can carry SQL.

use crate::error::{DbError, DbResult};

/// The name, if it is lower-case letters, digits and `_` only.
pub(crate) fn plain_identifier(name: &str) -> DbResult<&str> {
    let plain = !name.is_empty()
        && name.len() <= 63
        && !name.as_bytes()[0].is_ascii_digit()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if plain {
        Ok(name)
    } else {
        Err(DbError::Other(format!(
            "not a plain identifier (lower-case letters, digits and _): {name:?}"
        )))
    }
}
