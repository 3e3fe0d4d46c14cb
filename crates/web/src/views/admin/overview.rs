//! `GET /admin`: what the register holds, and the way to each part.

use askama::Template;
use axum::extract::State;
use axum::response::Response;

use super::{PURPOSE, require_admin};
use crate::error::AppResult;
use crate::extractors::current_user::CurrentUser;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::layout::{Chrome, page};

#[derive(Template)]
#[template(path = "admin/overview.html")]
struct OverviewPage {
    c: Chrome,
    section: &'static str,
    units: usize,
    staff: usize,
    children: i64,
    adults: i64,
}

pub async fn get(State(state): State<AppState>, tr: Tr, user: CurrentUser) -> AppResult<Response> {
    require_admin(&state, &user).await?;
    let ctx = user.access(&state, PURPOSE);
    let units = ctx.units().await?.len();
    let staff = ctx.staff().await?.len();
    let (children, adults) = ctx.register_counts().await?;
    Ok(page(&OverviewPage {
        c: Chrome::for_user(tr, &user, "admin"),
        section: "overview",
        units,
        staff,
        children,
        adults,
    }))
}
