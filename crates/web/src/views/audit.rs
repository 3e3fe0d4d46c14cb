//! The access log for the privacy officer: who looked at what, when, why, and
//! whether it was allowed.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use ettlag_core::audit::AuditRecord;
use ettlag_core::policy::Purpose;
use ettlag_db::{AUDIT_PAGE, AuditFilter};
use serde::Deserialize;

use super::layout::{Chrome, page};
use crate::error::AppResult;
use crate::extractors::current_user::CurrentUser;
use crate::i18n::Tr;
use crate::state::AppState;

/// One line of the log as shown.
#[derive(Debug)]
struct Line {
    seq: i64,
    at: String,
    actor: String,
    action: String,
    resource: String,
    purpose: String,
    allowed: bool,
    reason: String,
    /// The legal basis of an allowed access, in words.
    basis: String,
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    c: Chrome,
    resource: String,
    actor: String,
    denied_only: bool,
    lines: Vec<Line>,
    older: Option<i64>,
}

#[derive(Debug, Deserialize)]
pub struct AuditQuery {
    #[serde(default)]
    resource: String,
    #[serde(default)]
    actor: String,
    #[serde(default)]
    denied: Option<String>,
    #[serde(default)]
    before: Option<i64>,
}

pub async fn list(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    Query(q): Query<AuditQuery>,
) -> AppResult<Response> {
    let ctx = user.access(&state, Purpose::PrivacyReview);
    let filter = AuditFilter {
        resource_id: q.resource.chars().take(64).collect(),
        actor_id: q.actor.chars().take(64).collect(),
        denied_only: q.denied.is_some(),
        before_seq: q.before,
    };
    let records = ctx.audit_log(&filter).await?;
    // Staff names make the log readable; the officer may see the organisation.
    let names: HashMap<String, String> = ctx
        .staff()
        .await?
        .into_iter()
        .map(|s| (s.id.as_str().to_string(), s.display_name))
        .collect();
    let older = (records.len() as i64 == AUDIT_PAGE)
        .then(|| records.last().map(|r| r.seq))
        .flatten();
    let lines = records.iter().map(|r| line(&tr, r, &names)).collect();
    Ok(page(&AuditPage {
        c: Chrome::for_user(tr, &user, "audit"),
        resource: filter.resource_id,
        actor: filter.actor_id,
        denied_only: filter.denied_only,
        lines,
        older,
    }))
}

fn line(tr: &Tr, r: &AuditRecord, names: &HashMap<String, String>) -> Line {
    let e = &r.event;
    Line {
        seq: r.seq,
        at: format_time(e.at_ms),
        actor: names
            .get(&e.actor_id)
            .cloned()
            .unwrap_or_else(|| e.actor_id.clone()),
        action: tr.t(&format!("audit-action-{}", e.action.replace('_', "-"))),
        resource: if e.resource_id.is_empty() {
            tr.t(&format!(
                "audit-resource-{}",
                e.resource_type.replace('_', "-")
            ))
        } else {
            format!(
                "{} {}",
                tr.t(&format!(
                    "audit-resource-{}",
                    e.resource_type.replace('_', "-")
                )),
                e.resource_id
            )
        },
        purpose: tr.t(&format!("audit-purpose-{}", e.purpose.replace('_', "-"))),
        allowed: e.outcome == "allow",
        reason: e.reason.clone(),
        basis: match e.legal_basis.as_str() {
            // Records from before the basis was kept, and denials, have none.
            "" | "none" => String::new(),
            // A statutory basis may name its grounds: "duty_to_report:a,c".
            code => match code.split_once(':') {
                Some((basis, grounds)) => format!(
                    "{} ({})",
                    tr.t(&format!("audit-basis-{}", basis.replace('_', "-"))),
                    grounds.replace(',', ", ")
                ),
                None => tr.t(&format!("audit-basis-{}", code.replace('_', "-"))),
            },
        },
    }
}

/// UTC time as `YYYY-MM-DD HH:MM:SS`.
fn format_time(ms: i64) -> String {
    let format = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]:[second]");
    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .ok()
        .and_then(|t| t.format(&format).ok())
        .unwrap_or_default()
}
