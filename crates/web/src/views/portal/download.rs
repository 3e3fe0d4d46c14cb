//! The download of everything about us: as JSON (for machines, GDPR art. 20)
//! and as a readable page. What the log page withholds is withheld here
//! too, with the log page's sentence in its place.

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use ettlag_core::Coded;
use ettlag_core::PersonId;
use ettlag_core::consent::Category;
use ettlag_db::Member;
use serde_json::Value;

use super::looked::{LookLine, all_lines, local_day};
use super::plain_words::{category, contact_role, withheld};
use super::{CitizenUser, PortalChrome};
use crate::error::{AppError, AppResult};
use crate::extractors::id_path::IdPath;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::layout::page;
use crate::views::time::day;

pub async fn json(
    State(state): State<AppState>,
    tr: Tr,
    user: CitizenUser,
    IdPath(id): IdPath<PersonId>,
) -> AppResult<Response> {
    let mut export = user.access(&state).export(&id, local_day).await?;
    say_what_is_withheld(tr, &mut export);
    let body = serde_json::to_vec_pretty(&export).map_err(|_| AppError::Internal)?;
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    headers.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"ettlag.json\""),
    );
    Ok(response)
}

/// Gives every withheld log entry of the export the sentence the log page
/// shows for its category, in the family's language, so that the download
/// says in words that a part is left out and why, not only by a code.
fn say_what_is_withheld(tr: Tr, export: &mut Value) {
    let logs = export["relay_logs"].as_array_mut().into_iter().flatten();
    for entry in logs.flat_map(|l| l["entries"].as_array_mut().into_iter().flatten()) {
        let Some(category) = entry["withheld"].as_str().and_then(Category::from_code) else {
            continue;
        };
        entry["statement"] = Value::String(format!(
            "{} {}",
            withheld(tr, category),
            tr.t("portal-log-withheld-why")
        ));
    }
}

struct ConsentLine {
    purpose: String,
    categories: String,
    from: String,
    active: bool,
}

struct ContactLine {
    role: String,
    name: String,
}

#[derive(Template)]
#[template(path = "portal/document.html")]
struct DocumentPage {
    c: PortalChrome,
    member: Member,
    contacts: Vec<ContactLine>,
    what_matters: Option<String>,
    goals: Vec<String>,
    consents: Vec<ConsentLine>,
    entries: usize,
    looks: Vec<LookLine>,
}

/// Everything about the person as one readable page, to print or save.
pub async fn document(
    State(state): State<AppState>,
    tr: Tr,
    user: CitizenUser,
    IdPath(id): IdPath<PersonId>,
) -> AppResult<Response> {
    let access = user.access(&state);
    let member = access.member(&id).await?;
    if !member.sees_details {
        return Err(AppError::NotFound);
    }
    let export = access.export(&id, local_day).await?;
    let plan = access.plan(&id).await?;
    let today = ettlag_core::Day::from_ms(ettlag_db::now_ms());
    let contacts = access
        .who_follows_up(&id)
        .await?
        .into_iter()
        .map(|c| ContactLine {
            role: contact_role(tr, c.role),
            name: c.name,
        })
        .collect();
    let consents = access
        .consents(&id)
        .await?
        .into_iter()
        .map(|c| ConsentLine {
            active: c.is_active(today),
            purpose: c.purpose.clone(),
            categories: c
                .categories
                .iter()
                .map(|k| category(tr, *k))
                .collect::<Vec<_>>()
                .join(", "),
            from: day(c.valid_from),
        })
        .collect();
    let entries = export["relay_logs"]
        .as_array()
        .map(|logs| {
            logs.iter()
                .filter_map(|l| l["entries"].as_array().map(Vec::len))
                .sum()
        })
        .unwrap_or(0);
    let looks = all_lines(&state, tr, &user, &id).await?;
    Ok(page(&DocumentPage {
        c: PortalChrome::for_citizen(tr, &user),
        member,
        contacts,
        what_matters: plan.as_ref().map(|p| p.what_matters.to_string()),
        goals: plan
            .map(|p| p.goals.iter().map(|g| g.master.to_string()).collect())
            .unwrap_or_default(),
        consents,
        entries,
        looks,
    }))
}
