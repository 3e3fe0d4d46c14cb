//! Typed ids out of rows, read by column name: the store hands out
//! `Id<RelayLog>`, never the bare text of the column.

use ettlag_core::ids::Id;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::error::DbResult;

/// An id column that may be empty, typed as what it names.
pub(crate) fn optional_id<T>(r: &AnyRow, column: &str) -> DbResult<Option<Id<T>>> {
    Ok(r.try_get::<Option<String>, _>(column)?
        .map(Id::from_trusted))
}
