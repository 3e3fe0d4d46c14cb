//! Staff single sign-on through the municipality's provider (Entra ID,
//! Ansattporten): the shared flow of `crate::oidc` with the staff's binding
//! cookie, then the staff member found by the provider's stable subject (or,
//! at the first sign-in, by the configured claim, and linked for good); a
//! deactivated account stays locked whatever the provider says; roles and
//! units from the provider's groups through the administrator's mapping;
//! every step in the access log.

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use ettlag_core::oidc::{
    FromGroups, IdTokenClaims, LoginRefused, has_second_factor, roles_from_groups,
};
use ettlag_db::{LinkedStaff, OidcAudience};

use super::login::{LoginPage, start_session_from_provider};
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::middleware::observe::RequestId;
use crate::middleware::session::LoadedSession;
use crate::oidc::flow::{self, Callback, SignedIn};
use crate::oidc::{Provider, StaffSignIn};
use crate::state::AppState;
use crate::views::layout::render;

const STAFF: OidcAudience = OidcAudience::Staff;

/// Sends the browser to the staff's identity provider.
pub async fn start(State(state): State<AppState>, tr: Tr) -> AppResult<Response> {
    let Some(provider) = state.staff_idp.clone() else {
        return Err(AppError::NotFound);
    };
    match flow::start(&state, &provider, STAFF, tr.code()).await? {
        Ok(started) => {
            let mut response = Redirect::to(&started.url).into_response();
            flow::append_cookie(response.headers_mut(), started.cookie);
            Ok(response)
        }
        Err(why) => Ok(refused(&state, tr, why.code(), "login-sso-error")),
    }
}

/// The provider sends the browser back here.
pub async fn callback(
    State(state): State<AppState>,
    tr: Tr,
    headers: HeaderMap,
    axum::Extension(RequestId(request_id)): axum::Extension<RequestId>,
    previous: Option<axum::Extension<LoadedSession>>,
    Query(cb): Query<Callback>,
) -> AppResult<Response> {
    let Some(provider) = state.staff_idp.clone() else {
        return Err(AppError::NotFound);
    };
    let mut response = match flow::finish(&state, &provider, STAFF, &headers, &cb).await? {
        Ok(signed_in) => {
            let previous = previous.map(|axum::Extension(old)| old);
            let who = Who {
                state: &state,
                provider: &provider,
                request_id: &request_id,
            };
            match who.staff(&signed_in).await? {
                Ok(staff) => {
                    start_session_from_provider(
                        &state,
                        &staff.tenant,
                        &staff.staff,
                        previous,
                        &request_id,
                        &signed_in.provider_session,
                    )
                    .await?
                }
                Err((reason, key)) => refused(&state, tr, reason, key),
            }
        }
        Err(LoginRefused::Cancelled) => refused(&state, tr, "cancelled", "login-sso-cancelled"),
        Err(why) => refused(&state, tr, why.code(), "login-sso-error"),
    };
    flow::append_cookie(response.headers_mut(), flow::clear_binding(&state, STAFF));
    Ok(response)
}

/// Finds and checks the staff member a sign-in names.
struct Who<'a> {
    state: &'a AppState,
    provider: &'a Provider,
    request_id: &'a str,
}

/// Why a checked sign-in lets no one in: the reason for the log and the
/// message for the page.
type Refusal = (&'static str, &'static str);

impl Who<'_> {
    async fn staff(&self, signed_in: &SignedIn) -> AppResult<Result<LinkedStaff, Refusal>> {
        let rules = &self.state.config.staff_sign_in;
        let claims = &signed_in.claims;
        let Some(subject) = claim(claims, &rules.subject_claim) else {
            return Ok(Err(("no_subject", "login-sso-error")));
        };
        let issuer = &self.provider.settings().issuer;
        let store = &self.state.store;
        let staff = match store.staff_by_identity(issuer, &subject).await? {
            Some(staff) => staff,
            None => match self.first_time(claims, rules).await? {
                Some(staff) => {
                    store
                        .link_staff_identity(issuer, &subject, &staff.tenant, &staff.staff)
                        .await?;
                    self.audit(&staff, "link_identity", "allow", "oidc").await?;
                    staff
                }
                None => return Ok(Err(("unknown_staff", "login-sso-unknown"))),
            },
        };
        if !staff.active {
            // Locked stays locked, whatever the provider says.
            self.audit(&staff, "sign_in", "deny", "deactivated").await?;
            return Ok(Err(("deactivated", "login-sso-deactivated")));
        }
        // The roles the groups give decide whether a second factor is asked
        // for; they are applied only to a sign-in that is let in.
        let mapped = self.mapped_roles(&staff, claims, rules).await?;
        if !self
            .second_factor_shown(&staff, mapped.as_ref(), claims)
            .await?
        {
            self.audit(&staff, "sign_in", "deny", "no_second_factor")
                .await?;
            return Ok(Err(("no_second_factor", "login-sso-second-factor")));
        }
        if let Some(given) = mapped {
            self.state
                .store
                .apply_roles_from_groups(&staff.tenant, &staff.staff, &given)
                .await?;
            let reason = format!("roles:{}", given.roles.codes());
            self.audit(&staff, "roles_from_provider", "allow", &reason)
                .await?;
        }
        Ok(Ok(staff))
    }

    /// Whether the sign-in shows the second factor the municipality asks
    /// for (of roles that read personal data: the ones the groups give, or
    /// else the ones set by hand): in `amr`, or by a level of assurance the
    /// provider was asked for and gave (ID-porten's and Ansattporten's
    /// levels are all two-factor).
    async fn second_factor_shown(
        &self,
        staff: &LinkedStaff,
        mapped: Option<&FromGroups>,
        claims: &IdTokenClaims,
    ) -> AppResult<bool> {
        let store = &self.state.store;
        if !store.second_factor_setting(&staff.tenant).await? {
            return Ok(true);
        }
        let reads = match mapped {
            Some(given) => given.roles.reads_personal_data(),
            None => store
                .actor(&staff.tenant, &staff.staff)
                .await?
                .is_some_and(|a| a.roles.reads_personal_data()),
        };
        let by_level = self.provider.settings().acr.is_some();
        Ok(!reads || by_level || has_second_factor(claims.amr.as_deref()))
    }

    /// The staff member the configured claim finds at a first sign-in.
    async fn first_time(
        &self,
        claims: &IdTokenClaims,
        rules: &StaffSignIn,
    ) -> AppResult<Option<LinkedStaff>> {
        let Some(name) = rules.match_claim.as_deref() else {
            return Ok(None);
        };
        let Some(value) = claim(claims, name) else {
            return Ok(None);
        };
        let store = &self.state.store;
        Ok(match name {
            "preferred_username" | "upn" => store.account(&value).await?.map(|a| LinkedStaff {
                tenant: a.tenant_id,
                staff: a.staff_id,
                active: a.active,
            }),
            _ => store.staff_by_email(&value).await?,
        })
    }

    /// The roles and units the groups map to; none when no line of the
    /// mapping matches (the roles stay as the administrator set them).
    async fn mapped_roles(
        &self,
        staff: &LinkedStaff,
        claims: &IdTokenClaims,
        rules: &StaffSignIn,
    ) -> AppResult<Option<FromGroups>> {
        let groups = groups(claims, &rules.groups_claim);
        let mapping = self.state.store.group_roles(&staff.tenant).await?;
        Ok(roles_from_groups(&groups, &mapping))
    }

    async fn audit(
        &self,
        staff: &LinkedStaff,
        action: &str,
        outcome: &str,
        reason: &str,
    ) -> AppResult<()> {
        self.state
            .store
            .audit_sign_in(
                &staff.tenant,
                &staff.staff,
                action,
                outcome,
                reason,
                self.request_id,
            )
            .await?;
        Ok(())
    }
}

/// A claim as text: `sub`, or one of the other claims.
fn claim(claims: &IdTokenClaims, name: &str) -> Option<String> {
    let value = match name {
        "sub" => claims.sub.clone(),
        other => claims
            .other
            .get(other)
            .and_then(|v| v.as_str())
            .map(str::to_string),
    };
    value.filter(|v| !v.trim().is_empty() && v.len() <= 256)
}

/// The groups the provider lists (an array of names or ids).
fn groups(claims: &IdTokenClaims, name: &str) -> Vec<String> {
    claims
        .other
        .get(name)
        .and_then(|v| v.as_array())
        .map(|all| {
            all.iter()
                .filter_map(|g| g.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// The sign-in page again with one plain message; the reason goes to the log.
fn refused(state: &AppState, tr: Tr, reason: &str, key: &str) -> Response {
    tracing::warn!(reason, "a staff single sign-on was refused");
    render(
        StatusCode::UNAUTHORIZED,
        &LoginPage::refused(state, tr, key),
    )
}
