//! The caller of the JSON API, by personal token (`Authorization: Bearer`).

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use ettlag_core::policy::{Actor, Purpose};
use ettlag_db::{AccessContext, AuditBatch};

use super::current_user::request_id;
use crate::error::AppError;
use crate::state::AppState;

#[derive(Debug, Clone)]
pub struct ApiUser {
    pub actor: Actor,
    pub request_id: String,
    /// The request's access-log batch, sealed before the answer leaves.
    pub batch: Option<AuditBatch>,
}

impl ApiUser {
    pub fn access(&self, state: &AppState, purpose: Purpose) -> AccessContext {
        state
            .store
            .access(self.actor.clone(), purpose, &self.request_id)
            .in_batch(self.batch.as_ref())
    }
}

impl FromRequestParts<AppState> for ApiUser {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .ok_or(AppError::Unauthorized)?;
        let actor = state
            .store
            .api_actor(token)
            .await?
            .ok_or(AppError::Unauthorized)?;
        Ok(ApiUser {
            actor,
            request_id: request_id(parts),
            batch: parts.extensions.get::<AuditBatch>().cloned(),
        })
    }
}
