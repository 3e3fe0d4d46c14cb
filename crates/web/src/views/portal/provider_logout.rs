//! A sign-out that starts at the identity provider: the citizen signed out
//! there, from another service, and the provider tells us. Two ways, both
//! ending our sessions of that provider session (`sid`) at once, so their
//! next request finds no session:
//!
//! - front-channel (OpenID Connect Front-Channel Logout 1.0): the provider
//!   loads our page in a hidden frame with `iss` and `sid`;
//! - back-channel (Back-Channel Logout 1.0): the provider posts a signed
//!   logout token to us directly, server to server.
//!
//! Each ended session is in the access log as a sign-out by the provider.

use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::{Form, Json};
use ettlag_core::policy::citizen::Citizen;
use ettlag_core::{PersonId, TenantId};
use ettlag_db::{EndedSession, OidcAudience, ProviderLogout};
use serde::Deserialize;

use crate::error::{AppError, AppResult};
use crate::middleware::observe::RequestId;
use crate::middleware::security_headers::FrameAncestor;
use crate::oidc::token;
use crate::state::AppState;

#[derive(Debug, Deserialize)]
pub struct FrontChannel {
    #[serde(default)]
    iss: String,
    #[serde(default)]
    sid: String,
}

/// The page the provider loads in a frame. It needs `iss` and `sid`: the
/// frame is another site's, so the browser sends it no cookie of ours.
pub async fn front_channel(
    State(state): State<AppState>,
    axum::Extension(RequestId(request_id)): axum::Extension<RequestId>,
    Query(q): Query<FrontChannel>,
) -> AppResult<Response> {
    let Some(provider) = state.citizen_idp.clone() else {
        return Err(AppError::NotFound);
    };
    let issuer = &provider.settings().issuer;
    if &q.iss != issuer || q.sid.is_empty() || q.sid.len() > 256 {
        return Ok((StatusCode::BAD_REQUEST, "").into_response());
    }
    let logout = ProviderLogout {
        issuer,
        sid: Some(&q.sid),
        subject: None,
    };
    end(&state, logout, &request_id).await?;
    let mut response = (
        StatusCode::OK,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        )],
        "<!doctype html><title>ettlag</title>",
    )
        .into_response();
    response
        .extensions_mut()
        .insert(FrameAncestor(origin_of(issuer)));
    Ok(response)
}

#[derive(Debug, Deserialize)]
pub struct BackChannel {
    #[serde(default)]
    logout_token: String,
}

/// The provider posts a logout token. 200 when it was good (even if no
/// session of ours was left), 400 with `invalid_request` otherwise.
pub async fn back_channel(
    State(state): State<AppState>,
    axum::Extension(RequestId(request_id)): axum::Extension<RequestId>,
    Form(form): Form<BackChannel>,
) -> AppResult<Response> {
    let Some(provider) = state.citizen_idp.clone() else {
        return Err(AppError::NotFound);
    };
    let bad = |why: &str| {
        tracing::warn!(reason = why, "a back-channel logout was refused");
        (
            StatusCode::BAD_REQUEST,
            Json(serde_json::json!({ "error": "invalid_request" })),
        )
            .into_response()
    };
    if form.logout_token.is_empty() || form.logout_token.len() > 16_384 {
        return Ok(bad("no logout token"));
    }
    let claims = match token::logout_token(&provider, &form.logout_token).await {
        Ok(claims) => claims,
        Err(why) => return Ok(bad(why.code())),
    };
    if !state.store.first_logout_token(&claims.jti).await? {
        return Ok(bad("replayed"));
    }
    let logout = ProviderLogout {
        issuer: &provider.settings().issuer,
        sid: claims.sid.as_deref(),
        subject: claims.sub.as_deref(),
    };
    end(&state, logout, &request_id).await?;
    Ok(StatusCode::OK.into_response())
}

async fn end(state: &AppState, logout: ProviderLogout<'_>, request_id: &str) -> AppResult<()> {
    let ended = state
        .store
        .end_provider_sessions(OidcAudience::Citizen, logout)
        .await?;
    for EndedSession {
        tenant_id,
        principal_id,
    } in ended
    {
        let citizen = Citizen {
            tenant: TenantId::from_trusted(tenant_id),
            person: PersonId::from_trusted(principal_id),
        };
        state
            .store
            .audit_citizen_sign_in(&citizen, "sign_out", "provider", request_id)
            .await?;
    }
    Ok(())
}

/// `https://host:port` of an issuer URL.
fn origin_of(issuer: &str) -> String {
    match issuer.split_once("://") {
        Some((scheme, rest)) => {
            let host = rest.split('/').next().unwrap_or_default();
            format!("{scheme}://{host}")
        }
        None => issuer.to_string(),
    }
}
