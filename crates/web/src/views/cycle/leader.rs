//! `GET/POST /steering/cycle/tasks`: the municipality's leaders keep the
//! list of annual-cycle tasks themselves, as the administrator does on
//! `/admin/cycle`. Unit leaders mark their tasks but do not define them;
//! the store's policy refuses them too.

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::response::Response;
use ettlag_core::policy::Purpose;

use super::admin::{Keeper, page, save};
use crate::error::{AppError, AppResult};
use crate::extractors::current_user::CurrentUser;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::form::Done;

pub(super) const LEADER: Keeper = Keeper {
    path: "/steering/cycle/tasks",
    purpose: Purpose::Steering,
    nav: "steering",
    admin_nav: false,
};

fn require_leader(user: &CurrentUser) -> AppResult<()> {
    if user.offers().keep_cycle_tasks {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

pub async fn get(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    Query(done): Query<Done>,
) -> AppResult<Response> {
    require_leader(&user)?;
    page(LEADER, &state, tr, &user, &done).await
}

pub async fn post(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    body: Bytes,
) -> AppResult<Response> {
    require_leader(&user)?;
    save(LEADER, &state, tr, &user, &body).await
}
