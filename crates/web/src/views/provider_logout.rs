//! A sign-out that starts at the identity provider: the citizen (or the
//! staff member) signed out there, from another service, and the provider
//! tells us. Two ways, both ending our sessions of that provider session
//! (`sid`) at once, so their next request finds no session:
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
use ettlag_core::{PersonId, StaffId, TenantId};
use ettlag_db::{EndedSession, OidcAudience, ProviderLogout};
use serde::Deserialize;

use crate::error::{AppError, AppResult};
use crate::middleware::observe::RequestId;
use crate::middleware::security_headers::FrameAncestor;
use crate::oidc::{Provider, token};
use crate::state::AppState;

/// The provider of an audience, or not found when there is none.
fn provider_of(state: &AppState, audience: OidcAudience) -> AppResult<std::sync::Arc<Provider>> {
    match audience {
        OidcAudience::Citizen => state.citizen_idp.clone(),
        OidcAudience::Staff => state.staff_idp.clone(),
    }
    .ok_or(AppError::NotFound)
}

/// The citizens' front-channel frame (`/portal/oidc/frontchannel-logout`).
pub async fn citizen_front_channel(
    state: State<AppState>,
    id: axum::Extension<RequestId>,
    q: Query<FrontChannel>,
) -> AppResult<Response> {
    front_channel(OidcAudience::Citizen, state, id, q).await
}

/// The staff's front-channel frame (`/oidc/frontchannel-logout`).
pub async fn staff_front_channel(
    state: State<AppState>,
    id: axum::Extension<RequestId>,
    q: Query<FrontChannel>,
) -> AppResult<Response> {
    front_channel(OidcAudience::Staff, state, id, q).await
}

/// The citizens' back-channel address (`/portal/oidc/backchannel-logout`).
pub async fn citizen_back_channel(
    state: State<AppState>,
    id: axum::Extension<RequestId>,
    form: Form<BackChannel>,
) -> AppResult<Response> {
    back_channel(OidcAudience::Citizen, state, id, form).await
}

/// The staff's back-channel address (`/oidc/backchannel-logout`).
pub async fn staff_back_channel(
    state: State<AppState>,
    id: axum::Extension<RequestId>,
    form: Form<BackChannel>,
) -> AppResult<Response> {
    back_channel(OidcAudience::Staff, state, id, form).await
}

#[derive(Debug, Deserialize)]
pub struct FrontChannel {
    #[serde(default)]
    iss: String,
    #[serde(default)]
    sid: String,
}

/// The page the provider loads in a frame. It needs `iss` and `sid`: the
/// frame is another site's, so the browser sends it no cookie of ours.
async fn front_channel(
    audience: OidcAudience,
    State(state): State<AppState>,
    axum::Extension(RequestId(request_id)): axum::Extension<RequestId>,
    Query(q): Query<FrontChannel>,
) -> AppResult<Response> {
    let provider = provider_of(&state, audience)?;
    let issuer = &provider.settings().issuer;
    if &q.iss != issuer || q.sid.is_empty() || q.sid.len() > 256 {
        return Ok((StatusCode::BAD_REQUEST, "").into_response());
    }
    let logout = ProviderLogout {
        issuer,
        sid: Some(&q.sid),
        subject: None,
    };
    end(&state, audience, logout, &request_id).await?;
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
async fn back_channel(
    audience: OidcAudience,
    State(state): State<AppState>,
    axum::Extension(RequestId(request_id)): axum::Extension<RequestId>,
    Form(form): Form<BackChannel>,
) -> AppResult<Response> {
    let provider = provider_of(&state, audience)?;
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
    end(&state, audience, logout, &request_id).await?;
    Ok(StatusCode::OK.into_response())
}

async fn end(
    state: &AppState,
    audience: OidcAudience,
    logout: ProviderLogout<'_>,
    request_id: &str,
) -> AppResult<()> {
    let ended = state.store.end_provider_sessions(audience, logout).await?;
    for EndedSession {
        tenant_id,
        principal_id,
    } in ended
    {
        let tenant = TenantId::from_trusted(tenant_id);
        match audience {
            OidcAudience::Citizen => {
                let citizen = Citizen {
                    tenant,
                    person: PersonId::from_trusted(principal_id),
                };
                state
                    .store
                    .audit_citizen_sign_in(&citizen, "sign_out", "provider", request_id)
                    .await?;
            }
            OidcAudience::Staff => {
                let staff = StaffId::from_trusted(principal_id);
                state
                    .store
                    .audit_sign_in(&tenant, &staff, "sign_out", "allow", "provider", request_id)
                    .await?;
            }
        }
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
