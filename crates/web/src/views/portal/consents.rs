//! Our consents: see them, say yes or no to sharing with named units
//! (evidence `digital`), join one that waits for our yes, withdraw one. A
//! "no" wins over every "yes" except the statutory paths; a refusal and a
//! withdrawal work at once: the next request of any service sees them. With
//! joint parental responsibility a consent waits until every guardian has
//! said yes; the page says so, and whose yes it waits for, instead of
//! calling it ended.

use crate::extractors::id_path::IdPath2;
use askama::Template;
use axum::extract::{RawForm, State};
use axum::http::StatusCode;
use axum::response::Response;
use ettlag_core::PersonId;
use ettlag_core::consent::{Category, Stance};
use ettlag_core::ids::ConsentId;
use ettlag_core::{Coded, Day, UnitId};
use ettlag_db::{DbError, Member, PortalConsent};

use super::plain_words::category;
use super::{CitizenUser, PortalChrome, person_id};
use crate::error::{AppError, AppResult};
use crate::extractors::id_path::IdPath;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::layout::render;
use crate::views::time::day;

struct ConsentLine {
    id: String,
    purpose: String,
    categories: String,
    units: String,
    from: String,
    to: Option<String>,
    active: bool,
    /// Waits for the signed-in family member's own yes.
    waiting_for_me: bool,
    /// Waits for another guardian's yes.
    waiting_for_other: bool,
    /// In force from a later day.
    upcoming: bool,
    /// Not withdrawn and not past its end: in force, waiting or upcoming,
    /// so the family may still take it back.
    open: bool,
    /// The family said no to the units named.
    refusal: bool,
}

struct Choice {
    value: String,
    label: String,
}

#[derive(Template)]
#[template(path = "portal/consents.html")]
struct ConsentsPage {
    c: PortalChrome,
    member: Member,
    consents: Vec<ConsentLine>,
    units: Vec<Choice>,
    categories: Vec<Choice>,
    error: Option<String>,
    done: Option<String>,
}

async fn render_page(
    state: &AppState,
    tr: Tr,
    user: &CitizenUser,
    id: &str,
    status: StatusCode,
    error: Option<String>,
    done: Option<String>,
) -> AppResult<Response> {
    let id = person_id(id)?;
    let access = user.access(state);
    let member = access.member(&id).await?;
    if !member.sees_details {
        return Err(AppError::NotFound);
    }
    let units = access.units().await?;
    let name_of = |u: &UnitId| {
        units
            .iter()
            .find(|(id, _)| id == u)
            .map(|(_, n)| n.clone())
            .unwrap_or_default()
    };
    let today = Day::from_ms(ettlag_db::now_ms());
    let me = &user.citizen.person;
    let consents = access
        .consents(&id)
        .await?
        .into_iter()
        .map(|c| ConsentLine {
            active: c.is_active(today),
            waiting_for_me: c.withdrawn_at_ms.is_none() && c.awaiting.contains(me),
            waiting_for_other: c.withdrawn_at_ms.is_none()
                && c.is_draft()
                && !c.awaiting.contains(me),
            upcoming: c.withdrawn_at_ms.is_none() && !c.is_draft() && today < c.valid_from,
            open: c.withdrawn_at_ms.is_none() && c.valid_to.is_none_or(|to| today <= to),
            purpose: c.purpose.clone(),
            categories: c
                .categories
                .iter()
                .map(|k| category(tr, *k))
                .collect::<Vec<_>>()
                .join(", "),
            units: c
                .recipients
                .units
                .iter()
                .map(name_of)
                .chain(
                    c.recipients
                        .service_types
                        .iter()
                        .map(|s| tr.t(&s.message_key())),
                )
                .collect::<Vec<_>>()
                .join(", "),
            from: day(c.valid_from),
            to: c.valid_to.map(day),
            refusal: !c.stance.is_grant(),
            id: c.id,
        })
        .collect();
    Ok(render(
        status,
        &ConsentsPage {
            c: PortalChrome::for_citizen(tr, user),
            member,
            consents,
            units: units
                .iter()
                .map(|(id, name)| Choice {
                    value: id.as_str().to_string(),
                    label: name.clone(),
                })
                .collect(),
            categories: [
                Category::RelayLog,
                Category::Plan,
                Category::School,
                Category::Health,
                Category::Feedback,
            ]
            .into_iter()
            .map(|k| Choice {
                value: k.code().to_string(),
                label: category(tr, k),
            })
            .collect(),
            error,
            done,
        },
    ))
}

pub async fn list(
    State(state): State<AppState>,
    tr: Tr,
    user: CitizenUser,
    IdPath(id): IdPath<PersonId>,
) -> AppResult<Response> {
    render_page(&state, tr, &user, &id, StatusCode::OK, None, None).await
}

/// The form's fields: a form may repeat `unit` and `category`.
fn fields(body: &[u8]) -> Vec<(String, String)> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(body).unwrap_or_default()
}

fn field<'a>(all: &'a [(String, String)], name: &str) -> &'a str {
    all.iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.as_str())
}

pub async fn give(
    State(state): State<AppState>,
    tr: Tr,
    user: CitizenUser,
    IdPath(id): IdPath<PersonId>,
    RawForm(body): RawForm,
) -> AppResult<Response> {
    let form = fields(&body);
    user.check_csrf(field(&form, "csrf"))?;
    let pid = person_id(&id)?;
    let units: Vec<UnitId> = form
        .iter()
        .filter(|(k, _)| k == "unit")
        .filter_map(|(_, v)| UnitId::parse(v))
        .collect();
    let categories: Vec<Category> = form
        .iter()
        .filter(|(k, _)| k == "category")
        .filter_map(|(_, v)| Category::from_code(v))
        .collect();
    let valid_to = match field(&form, "to").trim() {
        "" => None,
        text => match Day::parse(text) {
            Ok(d) => Some(d),
            Err(_) => {
                let e = Some(tr.t("portal-error-date"));
                return render_page(&state, tr, &user, &id, StatusCode::BAD_REQUEST, e, None).await;
            }
        },
    };
    let Some(stance) = Stance::from_code(field(&form, "stance")) else {
        // Yes or no is the family's to choose, never a default.
        let e = Some(tr.t("portal-error-stance"));
        return render_page(&state, tr, &user, &id, StatusCode::BAD_REQUEST, e, None).await;
    };
    let given = PortalConsent {
        units,
        categories,
        purpose: field(&form, "purpose").chars().take(500).collect(),
        valid_to,
        stance,
    };
    match user.access(&state).give_consent(&pid, given).await {
        Ok(consent) => {
            let key = match stance {
                Stance::Refusal => "portal-consent-refused",
                Stance::Grant if still_waiting(&state, &user, &pid, &consent).await? => {
                    "portal-consent-given-waiting"
                }
                Stance::Grant => "portal-consent-given",
            };
            let done = Some(tr.t(key));
            render_page(&state, tr, &user, &id, StatusCode::OK, None, done).await
        }
        Err(DbError::Refused(key)) => {
            let e = Some(tr.t(key));
            render_page(&state, tr, &user, &id, StatusCode::BAD_REQUEST, e, None).await
        }
        Err(e) => Err(e.into()),
    }
}

/// Whether the consent still waits for another guardian's yes: then the
/// thanks must not say that it is in force.
async fn still_waiting(
    state: &AppState,
    user: &CitizenUser,
    subject: &ettlag_core::PersonId,
    consent: &ConsentId,
) -> AppResult<bool> {
    Ok(user
        .access(state)
        .consents(subject)
        .await?
        .iter()
        .any(|c| c.id == consent.as_str() && c.is_draft()))
}

/// A guardian the consent waits for says yes too.
pub async fn join(
    State(state): State<AppState>,
    tr: Tr,
    user: CitizenUser,
    IdPath2(pid, consent): IdPath2<PersonId, ConsentId>,
    RawForm(body): RawForm,
) -> AppResult<Response> {
    let form = fields(&body);
    user.check_csrf(field(&form, "csrf"))?;
    let said = match user.access(&state).join_consent(&pid, &consent).await {
        Ok(()) if still_waiting(&state, &user, &pid, &consent).await? => {
            Ok("portal-consent-given-waiting")
        }
        Ok(()) => Ok("portal-consent-joined"),
        Err(e) => Err(e),
    };
    answer_change(&state, tr, &user, &pid, said).await
}

pub async fn withdraw(
    State(state): State<AppState>,
    tr: Tr,
    user: CitizenUser,
    IdPath2(pid, consent): IdPath2<PersonId, ConsentId>,
    RawForm(body): RawForm,
) -> AppResult<Response> {
    let form = fields(&body);
    user.check_csrf(field(&form, "csrf"))?;
    let said = user
        .access(&state)
        .withdraw_consent(&pid, &consent)
        .await
        .map(|()| "portal-consent-withdrawn");
    answer_change(&state, tr, &user, &pid, said).await
}

/// The page after the family joined or withdrew a consent: with what was
/// done, or with why the ledger refused it (a conflict with its state).
async fn answer_change(
    state: &AppState,
    tr: Tr,
    user: &CitizenUser,
    id: &str,
    said: Result<&'static str, DbError>,
) -> AppResult<Response> {
    match said {
        Ok(key) => {
            let done = Some(tr.t(key));
            render_page(state, tr, user, id, StatusCode::OK, None, done).await
        }
        Err(DbError::Refused(key)) => {
            let e = Some(tr.t(key));
            render_page(state, tr, user, id, StatusCode::CONFLICT, e, None).await
        }
        Err(e) => Err(e.into()),
    }
}
