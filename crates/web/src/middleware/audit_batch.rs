//! One commit for the access log of a request: every read a handler makes
//! through the door waits in the request's [`AuditBatch`], and this layer
//! seals the batch after the handler and before the answer leaves. When the
//! records cannot be made durable, the answer is an error instead: nothing
//! read is handed out unrecorded.

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use ettlag_db::AuditBatch;

use crate::error::AppError;
use crate::state::AppState;

pub async fn seal_reads(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let batch = AuditBatch::new();
    req.extensions_mut().insert(batch.clone());
    let response = next.run(req).await;
    match batch.seal(&state.store).await {
        Ok(()) => response,
        Err(e) => {
            tracing::error!(error = %e, "the access log of a request could not be sealed");
            AppError::from(e).into_response()
        }
    }
}
