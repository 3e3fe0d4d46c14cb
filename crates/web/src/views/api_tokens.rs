//! `/settings/api-tokens`: a staff member's own personal API tokens (for
//! `Authorization: Bearer` on `/api/v1`). They see their live tokens (name,
//! made, expires, the id that names one without revealing it), make one
//! with a name and a lifetime (90 days unless they choose otherwise, at
//! most 366, as `ettlag user token`), see its secret exactly once, and
//! revoke one at once. A token that is not theirs is not found. Making and
//! revoking are in the access log; an administrator revokes anyone's under
//! `/admin/api-tokens`.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use ettlag_db::{DbError, TOKEN_DEFAULT_DAYS, TOKEN_MAX_DAYS, TOKEN_MAX_LABEL, TokenInfo};

use crate::error::{AppError, AppResult};
use crate::extractors::current_user::CurrentUser;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::form::{Done, Errors, Fields, see_other, status_of};
use crate::views::layout::{Chrome, page, render};
use crate::views::time::moment;

pub const PATH: &str = "/settings/api-tokens";

/// A token as a line of a list.
#[derive(Debug)]
pub struct Line {
    pub id: String,
    pub label: String,
    pub created: String,
    pub expires: String,
}

impl Line {
    pub fn of(t: &TokenInfo) -> Line {
        Line {
            id: t.id.clone(),
            label: t.label.clone(),
            created: moment(t.created_at_ms),
            expires: moment(t.expires_at_ms),
        }
    }
}

#[derive(Template)]
#[template(path = "api_tokens/own.html")]
struct OwnPage {
    c: Chrome,
    tokens: Vec<Line>,
    notice: Option<String>,
    label: String,
    days: String,
    max_days: i64,
    max_label: usize,
    days_help: String,
    errors: Errors,
}

/// The new token, shown this once.
#[derive(Template)]
#[template(path = "api_tokens/made.html")]
struct MadePage {
    c: Chrome,
    token: String,
    id: String,
    label: String,
    expires: String,
}

/// What was typed, kept to show again.
struct Typed {
    label: String,
    days: String,
}

async fn show(
    state: &AppState,
    tr: Tr,
    user: &CurrentUser,
    typed: Typed,
    errors: Errors,
    notice: Option<String>,
) -> AppResult<Response> {
    let tokens = state
        .store
        .api_tokens_of(&user.actor.tenant, &user.actor.staff)
        .await?;
    Ok(render(
        status_of(&errors),
        &OwnPage {
            c: Chrome::for_user(tr, user, "settings"),
            tokens: tokens.iter().map(Line::of).collect(),
            notice,
            label: typed.label,
            days: typed.days,
            max_days: TOKEN_MAX_DAYS,
            max_label: TOKEN_MAX_LABEL,
            days_help: tr.t_with(
                "api-token-days-help",
                &[
                    ("default", TOKEN_DEFAULT_DAYS.to_string()),
                    ("max", TOKEN_MAX_DAYS.to_string()),
                ],
            ),
            errors,
        },
    ))
}

pub async fn get(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    Query(q): Query<Done>,
) -> AppResult<Response> {
    let notice = (q.done == "revoked").then(|| tr.t("api-token-revoked"));
    let typed = Typed {
        label: String::new(),
        days: TOKEN_DEFAULT_DAYS.to_string(),
    };
    show(&state, tr, &user, typed, Errors::default(), notice).await
}

/// A token's name: 1 to [`TOKEN_MAX_LABEL`] characters, no control characters.
pub fn check_label(label: &str) -> Result<String, &'static str> {
    let label = label.trim();
    let len = label.chars().count();
    if (1..=TOKEN_MAX_LABEL).contains(&len) && !label.chars().any(char::is_control) {
        Ok(label.to_string())
    } else {
        Err("api-token-error-label")
    }
}

/// A lifetime in whole days, 1 to [`TOKEN_MAX_DAYS`].
pub fn check_days(days: &str) -> Result<i64, &'static str> {
    match days.trim().parse::<i64>() {
        Ok(d) if (1..=TOKEN_MAX_DAYS).contains(&d) => Ok(d),
        _ => Err("api-token-error-days"),
    }
}

/// Makes a token and shows its secret once; a bad name or lifetime is
/// refused in words and nothing is made.
pub async fn create(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    body: Bytes,
) -> AppResult<Response> {
    let fields = Fields::parse(&body)?;
    let typed = Typed {
        label: fields.get("label"),
        days: fields.get("days"),
    };
    let mut errors = Errors::default();
    let label = check_label(&typed.label).map_err(|key| errors.add("token-label", tr.t(key)));
    let days = check_days(&typed.days).map_err(|key| errors.add("token-days", tr.t(key)));
    let (Ok(label), Ok(days)) = (label, days) else {
        return show(&state, tr, &user, typed, errors, None).await;
    };
    let (tenant, staff) = (&user.actor.tenant, &user.actor.staff);
    let issued = state
        .store
        .issue_own_api_token(tenant, staff, &label, days, &user.request_id)
        .await?;
    Ok(page(&MadePage {
        c: Chrome::for_user(tr, &user, "settings"),
        token: issued.token,
        id: issued.id,
        label,
        expires: moment(issued.expires_at_ms),
    }))
}

/// Revokes one of the user's own tokens at once; any other id is not found.
pub async fn revoke(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let (tenant, staff) = (&user.actor.tenant, &user.actor.staff);
    match state
        .store
        .revoke_own_api_token(tenant, staff, &id, &user.request_id)
        .await
    {
        Ok(()) => Ok(see_other(PATH, &[("done", "revoked")])),
        Err(DbError::NotFound) => Err(AppError::NotFound),
        Err(e) => Err(e.into()),
    }
}
