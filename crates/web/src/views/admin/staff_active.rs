//! `POST /admin/staff/{id}/active` deactivates or reactivates a staff member.
//! Deactivation ends their sessions and API tokens at once (ASVS 7.4.2).

use axum::body::Bytes;
use axum::extract::State;
use axum::response::Response;
use ettlag_core::StaffId;
use ettlag_db::DbError;

use super::{PURPOSE, require_admin};
use crate::error::{AppError, AppResult};
use crate::extractors::current_user::CurrentUser;
use crate::extractors::id_path::IdPath;
use crate::state::AppState;
use crate::views::form::{Fields, see_other};

pub async fn set(
    State(state): State<AppState>,
    user: CurrentUser,
    IdPath(staff): IdPath<StaffId>,
    body: Bytes,
) -> AppResult<Response> {
    require_admin(&state, &user).await?;
    let active = match Fields::parse(&body)?.get("active").as_str() {
        "1" => true,
        "0" => false,
        _ => return Err(AppError::BadRequest("admin-error-active".into())),
    };
    match user
        .access(&state, PURPOSE)
        .set_staff_active(&staff, active)
        .await
    {
        Ok(()) => {
            let done = if active {
                "staff-activated"
            } else {
                "staff-deactivated"
            };
            Ok(see_other("/admin/staff", &[("done", done)]))
        }
        Err(DbError::Conflict(_)) => Err(AppError::BadRequest("admin-error-own-account".into())),
        Err(e) => Err(e.into()),
    }
}
