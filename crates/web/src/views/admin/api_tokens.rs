//! `GET /admin/api-tokens` lists the live personal API tokens of the
//! municipality's staff (whose, name, made, expires, id); `POST
//! /admin/api-tokens/{id}/revoke` revokes one at once. Administrators only,
//! decided and recorded by the store; a token of another municipality, or
//! an id that names none, is not found and nothing changes.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;

use super::{PURPOSE, require_admin};
use crate::error::AppResult;
use crate::extractors::current_user::CurrentUser;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::api_tokens::Line;
use crate::views::form::{Done, notice, see_other};
use crate::views::layout::{Chrome, page};

/// A token and whose it is.
struct Owned {
    name: String,
    username: String,
    token: Line,
}

#[derive(Template)]
#[template(path = "admin/api_tokens.html")]
struct TokensPage {
    c: Chrome,
    section: &'static str,
    tokens: Vec<Owned>,
    notice: Option<String>,
}

pub async fn list(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    Query(q): Query<Done>,
) -> AppResult<Response> {
    require_admin(&state, &user).await?;
    let tokens = user
        .access(&state, PURPOSE)
        .staff_api_tokens()
        .await?
        .into_iter()
        .map(|t| Owned {
            token: Line::of(&t.token),
            name: t.display_name,
            username: t.username.unwrap_or_default(),
        })
        .collect();
    Ok(page(&TokensPage {
        notice: notice(&tr, &q.done, &["api-token-revoked"]),
        c: Chrome::for_user(tr, &user, "admin"),
        section: "api-tokens",
        tokens,
    }))
}

pub async fn revoke(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> AppResult<Response> {
    require_admin(&state, &user).await?;
    user.access(&state, PURPOSE)
        .revoke_staff_api_token(&id)
        .await?;
    Ok(see_other(
        "/admin/api-tokens",
        &[("done", "api-token-revoked")],
    ))
}
