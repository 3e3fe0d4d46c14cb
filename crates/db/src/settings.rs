//! A municipality's own numbers (deadlines and the like), with defaults for
//! those it has not set.

use ettlag_core::TenantId;
use sqlx::{AnyConnection, Row};

use crate::error::DbResult;

/// A number a municipality may configure, with its default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Setting {
    pub name: &'static str,
    pub default: i64,
    pub min: i64,
    pub max: i64,
}

/// Days from a concern to its decision (level 0).
pub const CONCERN_DAYS: Setting = Setting {
    name: "concern_days",
    default: 14,
    min: 1,
    max: 90,
};

/// Every setting, for the admin page.
pub const SETTINGS: &[Setting] = &[CONCERN_DAYS];

/// The value a municipality uses: its own when set and in range, else the default.
pub(crate) async fn setting(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    setting: Setting,
) -> DbResult<i64> {
    let row = sqlx::query("SELECT value FROM tenant_settings WHERE tenant_id = $1 AND name = $2")
        .bind(tenant.as_str())
        .bind(setting.name)
        .fetch_optional(conn)
        .await?;
    let value = match row {
        Some(r) => r.try_get::<String, _>(0)?.trim().parse::<i64>().ok(),
        None => None,
    };
    Ok(value
        .filter(|v| (setting.min..=setting.max).contains(v))
        .unwrap_or(setting.default))
}
