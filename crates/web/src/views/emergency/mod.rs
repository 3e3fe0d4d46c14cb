//! Break-the-glass ("nødtilgang"): taking time-limited read access to a
//! child with a reason and the password, and the privacy officer's review of
//! every use.
//!
//! There is deliberately no JSON API for this: taking the access needs the
//! person at the keyboard to type their password again (re-authentication,
//! ASVS 5.0 7.5.3), which a bearer token cannot prove.

mod reauth;
mod review;
mod take;

use axum::Router;
use axum::routing::{get, post};
use ettlag_core::PersonId;
use ettlag_core::ids::EmergencyAccessId;
use ettlag_core::policy::Purpose;
use ettlag_db::{EmergencyAccess, now_ms};

use crate::error::{AppError, AppResult};
use crate::extractors::current_user::CurrentUser;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::time::moment;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/emergency", get(take::get).post(take::post))
        .route("/emergency/{id}/end", post(take::end))
        .route("/privacy/emergency", get(review::list))
        .route("/privacy/emergency/{id}/review", post(review::review))
}

/// Break-the-glass is part of follow-up work; the policy grants it to no
/// one else, so others are spared a form that cannot work.
fn works_with_children(user: &CurrentUser) -> bool {
    user.offers().follow_up
}

fn require_works_with_children(user: &CurrentUser) -> AppResult<()> {
    if works_with_children(user) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Where an access stands, as a message id (shown in words, not colour).
fn status_key(e: &EmergencyAccess, now: i64) -> &'static str {
    if e.is_active(now) {
        "emergency-status-active"
    } else if e.ended_at_ms.is_some_and(|end| end < e.expires_at_ms) {
        "emergency-status-ended"
    } else {
        "emergency-status-expired"
    }
}

/// The end of an access: the time alone when it is today, else date and time.
fn until_text(expires_ms: i64, now: i64) -> String {
    let (until, today) = (moment(expires_ms), moment(now));
    if until.get(..10) == today.get(..10) {
        until.get(11..).unwrap_or_default().to_string()
    } else {
        until
    }
}

/// The banner of a child's page seen under break-the-glass.
#[derive(Debug, Clone)]
pub struct Banner {
    pub id: EmergencyAccessId,
    pub text: String,
    pub reason: String,
}

/// The banner for `child` when the user reads it under an active
/// break-the-glass access, so they never forget that they do.
pub async fn banner(
    state: &AppState,
    tr: &Tr,
    user: &CurrentUser,
    child: &PersonId,
) -> AppResult<Option<Banner>> {
    if !works_with_children(user) {
        return Ok(None);
    }
    let now = now_ms();
    let active = user
        .access(state, Purpose::FollowUp)
        .active_emergency_access(child)
        .await?;
    Ok(active.map(|e| Banner {
        text: tr.t_with(
            "emergency-banner",
            &[("until", until_text(e.expires_at_ms, now))],
        ),
        id: e.id,
        reason: e.reason,
    }))
}

#[cfg(test)]
mod tests {
    use super::until_text;

    #[test]
    fn the_time_alone_today_the_date_too_later() {
        let now = 1_767_268_800_000; // 2026-01-01 12:00 UTC, 13:00 in Norway
        assert_eq!(until_text(now + 3_600_000, now), "14:00");
        assert_eq!(until_text(now + 12 * 3_600_000, now), "02.01.2026 01:00");
    }
}
