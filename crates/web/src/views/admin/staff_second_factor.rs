//! `POST /admin/staff/{id}/second-factor/reset`: an administrator resets the
//! second factor of a staff member who lost their phone and their recovery
//! codes. Their next sign-in asks them to enrol again where the municipality
//! requires a factor. Decided and recorded by the store like other admin
//! writes; the administrator's own factor is refused here (see the store).

use axum::extract::State;
use axum::response::Response;
use ettlag_core::StaffId;
use ettlag_db::DbError;

use super::{PURPOSE, require_admin};
use crate::error::{AppError, AppResult};
use crate::extractors::current_user::CurrentUser;
use crate::extractors::id_path::IdPath;
use crate::state::AppState;
use crate::views::form::see_other;

/// What the staff list says after a reset.
pub const DONE: [&str; 2] = ["second-factor-reset", "second-factor-reset-none"];

pub async fn reset(
    State(state): State<AppState>,
    user: CurrentUser,
    IdPath(staff): IdPath<StaffId>,
) -> AppResult<Response> {
    require_admin(&state, &user).await?;
    let reset = user
        .access(&state, PURPOSE)
        .reset_second_factor(&staff)
        .await;
    match reset {
        Ok(had) => {
            let done = if had { DONE[0] } else { DONE[1] };
            Ok(see_other("/admin/staff", &[("done", done)]))
        }
        Err(DbError::Conflict(_)) => {
            Err(AppError::BadRequest("second-factor-error-own-reset".into()))
        }
        Err(e) => Err(e.into()),
    }
}
