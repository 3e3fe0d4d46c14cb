//! The signed-in staff member of a page request, as the store knows them now.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use ettlag_core::Role;
use ettlag_core::policy::{Actor, Purpose};
use ettlag_db::{AccessContext, AuditBatch};

use crate::error::AppError;
use crate::middleware::observe::RequestId;
use crate::middleware::session::LoadedSession;
use crate::state::AppState;

#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub actor: Actor,
    pub display_name: String,
    pub csrf_token: String,
    pub session_token: String,
    pub request_id: String,
    /// The request's access-log batch, sealed before the answer leaves.
    pub batch: Option<AuditBatch>,
}

impl CurrentUser {
    /// The door to personal data for this user and purpose.
    pub fn access(&self, state: &AppState, purpose: Purpose) -> AccessContext {
        state
            .store
            .access(self.actor.clone(), purpose, &self.request_id)
            .in_batch(self.batch.as_ref())
    }

    pub fn has(&self, role: Role) -> bool {
        self.actor.roles.has(role)
    }

    /// What this user's screens may offer, as the policy answers it.
    pub fn offers(&self) -> ettlag_core::policy::Offers {
        ettlag_core::policy::Offers::of(&self.actor)
    }
}

/// A page that needs a signed-in user sends everyone else to the sign-in page.
#[derive(Debug)]
pub enum NotSignedIn {
    Redirect,
    Error(AppError),
}

impl IntoResponse for NotSignedIn {
    fn into_response(self) -> Response {
        match self {
            NotSignedIn::Redirect => Redirect::to("/login").into_response(),
            NotSignedIn::Error(e) => e.into_response(),
        }
    }
}

pub fn request_id(parts: &Parts) -> String {
    parts
        .extensions
        .get::<RequestId>()
        .map(|r| r.0.clone())
        .unwrap_or_default()
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = NotSignedIn;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let Some(loaded) = parts.extensions.get::<LoadedSession>().cloned() else {
            return Err(NotSignedIn::Redirect);
        };
        let s = &loaded.session;
        let member = state
            .store
            .staff_member(&s.tenant_id, &s.staff_id)
            .await
            .map_err(|e| NotSignedIn::Error(e.into()))?;
        // A deactivated account loses its sessions at once.
        let Some(member) = member else {
            let _ = state.store.delete_session(&loaded.token).await;
            return Err(NotSignedIn::Redirect);
        };
        Ok(CurrentUser {
            actor: member.actor,
            display_name: member.display_name,
            csrf_token: s.csrf_token.clone(),
            session_token: loaded.token.clone(),
            request_id: request_id(parts),
            batch: parts.extensions.get::<AuditBatch>().cloned(),
        })
    }
}

/// Pages that work signed in and signed out take `Option<CurrentUser>`.
impl axum::extract::OptionalFromRequestParts<AppState> for CurrentUser {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Option<Self>, Self::Rejection> {
        Ok(
            <CurrentUser as FromRequestParts<AppState>>::from_request_parts(parts, state)
                .await
                .ok(),
        )
    }
}
