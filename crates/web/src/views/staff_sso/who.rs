//! Who a checked staff sign-in is: the staff member linked to the
//! provider's subject; at a first sign-in, the one the configured claim
//! finds (linked for good), or else a new account where the municipality's
//! rule makes one; then the locks and the second factor, and the roles the
//! groups give.

use ettlag_core::oidc::{FromGroups, IdTokenClaims, has_second_factor, roles_from_groups};
use ettlag_db::LinkedStaff;

use super::claims::{claim, groups, new_account};
use crate::error::AppResult;
use crate::oidc::Provider;
use crate::oidc::flow::SignedIn;
use crate::state::AppState;

/// Finds and checks the staff member a sign-in names.
pub(super) struct Who<'a> {
    pub state: &'a AppState,
    pub provider: &'a Provider,
    pub request_id: &'a str,
}

/// Why a checked sign-in lets no one in: the reason for the log and the
/// message for the page.
pub(super) type Refusal = (&'static str, &'static str);

impl Who<'_> {
    pub async fn staff(&self, signed_in: &SignedIn) -> AppResult<Result<LinkedStaff, Refusal>> {
        let rules = &self.state.config.staff_sign_in;
        let claims = &signed_in.claims;
        let Some(subject) = claim(claims, &rules.subject_claim) else {
            return Ok(Err(("no_subject", "login-sso-error")));
        };
        let staff = match self.known(claims, &subject).await? {
            Some(staff) => staff,
            None => return Ok(Err(("unknown_staff", "login-sso-unknown"))),
        };
        if !staff.active {
            // Locked stays locked, whatever the provider says.
            self.audit(&staff, "sign_in", "deny", "deactivated").await?;
            return Ok(Err(("deactivated", "login-sso-deactivated")));
        }
        // The roles the groups give decide whether a second factor is asked
        // for; they are applied only to a sign-in that is let in.
        let mapped = self.mapped_roles(&staff, claims).await?;
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
                .apply_roles_from_groups(&staff.tenant, &staff.staff, &given, self.request_id)
                .await?;
        }
        Ok(Ok(staff))
    }

    /// The staff member the subject is linked to; at a first sign-in the
    /// one the configured claim finds (linked now), or a new account.
    async fn known(&self, claims: &IdTokenClaims, subject: &str) -> AppResult<Option<LinkedStaff>> {
        let issuer = &self.provider.settings().issuer;
        let store = &self.state.store;
        if let Some(staff) = store.staff_by_identity(issuer, subject).await? {
            return Ok(Some(staff));
        }
        if let Some(staff) = self.first_time(claims).await? {
            store
                .link_staff_identity(
                    issuer,
                    subject,
                    &staff.tenant,
                    &staff.staff,
                    self.request_id,
                )
                .await?;
            return Ok(Some(staff));
        }
        self.create(claims, subject).await
    }

    /// The staff member the configured claim finds at a first sign-in.
    async fn first_time(&self, claims: &IdTokenClaims) -> AppResult<Option<LinkedStaff>> {
        let rules = &self.state.config.staff_sign_in;
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

    /// A new account where the municipality's rule makes one: only when
    /// the provider's groups map to at least one role there, so that
    /// membership of the directory alone opens nothing.
    async fn create(
        &self,
        claims: &IdTokenClaims,
        subject: &str,
    ) -> AppResult<Option<LinkedStaff>> {
        let rules = &self.state.config.staff_sign_in;
        let Some(slug) = rules.create_accounts_in.as_deref() else {
            return Ok(None);
        };
        let store = &self.state.store;
        let Some(tenant) = store.tenant_by_slug(slug).await? else {
            tracing::error!(
                slug,
                "the municipality to create staff accounts in does not exist"
            );
            return Ok(None);
        };
        let mapping = store.group_roles(&tenant.id).await?;
        let given = roles_from_groups(&groups(claims, &rules.groups_claim), &mapping);
        let Some(given) = given.filter(|g| g.roles.iter().next().is_some()) else {
            return Ok(None);
        };
        let issuer = &self.provider.settings().issuer;
        let new = new_account(claims, issuer, subject, given);
        let made = store
            .create_staff_from_provider(&tenant.id, new, self.request_id)
            .await?;
        if made.is_none() {
            tracing::warn!(
                "a new staff account's user name is taken; an administrator must link it"
            );
        }
        Ok(made.map(|staff| LinkedStaff {
            tenant: tenant.id,
            staff,
            active: true,
        }))
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

    /// The roles and units the groups map to; none when no line of the
    /// mapping matches (the roles stay as the administrator set them).
    async fn mapped_roles(
        &self,
        staff: &LinkedStaff,
        claims: &IdTokenClaims,
    ) -> AppResult<Option<FromGroups>> {
        let rules = &self.state.config.staff_sign_in;
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
