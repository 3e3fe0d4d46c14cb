//! The children a staff member works with, and one child's page.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use ettlag_core::policy::{Action, Purpose};
use ettlag_core::{Coded, PersonId, PersonKind, Role};
use ettlag_db::{About, ChildSummary, PersonDetail};
use serde::Deserialize;

use super::consent::display::{self as consent_display, ConsentSection};
use super::emergency::{self, Banner};
use super::layout::{Chrome, page, render};
use super::relay::CaseSection;
use crate::error::{AppError, AppResult};
use crate::extractors::current_user::CurrentUser;
use crate::extractors::id_path::IdPath;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::form::Done;

#[derive(Template)]
#[template(path = "children.html")]
struct ChildrenPage {
    c: Chrome,
    q: String,
    children: Vec<ChildSummary>,
    /// Administrators see the whole register instead of their units.
    register: bool,
}

#[derive(Template)]
#[template(path = "child.html")]
struct ChildPage {
    c: Chrome,
    detail: PersonDetail,
    national_id: String,
    kind_label: String,
    relation_labels: Vec<String>,
    /// Administrators may end an enrolment from here.
    is_admin: bool,
    /// Concerns and relay logs, for those who follow the child up.
    case: Option<CaseSection>,
    /// The child's consents, for the same people.
    consents: Option<ConsentSection>,
    /// Shown while the user reads the child under break-the-glass.
    emergency: Option<Banner>,
    notice: Option<String>,
    /// A line about the child's feedback, for those the feedback policy lets see it.
    feedback: Option<ettlag_db::FeedbackSummary>,
}

#[derive(Debug, Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    q: String,
}

fn purpose_for(user: &CurrentUser) -> Purpose {
    // An administrator without a unit of their own maintains the register.
    if user.has(Role::Admin) && user.actor.units.is_empty() {
        Purpose::Administration
    } else {
        Purpose::FollowUp
    }
}

pub async fn list(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    Query(query): Query<ListQuery>,
) -> AppResult<Response> {
    let q: String = query.q.chars().take(100).collect();
    let purpose = purpose_for(&user);
    let children = user.access(&state, purpose).children(&q, 0).await?;
    Ok(page(&ChildrenPage {
        c: Chrome::for_user(tr, &user, "children"),
        q,
        children,
        register: purpose == Purpose::Administration,
    }))
}

pub async fn show(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    IdPath(id): IdPath<PersonId>,
    Query(done): Query<Done>,
) -> AppResult<Response> {
    let notice = consent_display::notice(&tr, &done.done);
    let shown = ChildShown {
        notice,
        ..ChildShown::default()
    };
    render_child(&state, tr, &user, &id, shown).await
}

/// What a child's page shows besides the child: a notice after a change, or
/// why a change of a consent was refused (with the status to answer).
#[derive(Debug, Default)]
pub struct ChildShown {
    pub notice: Option<String>,
    pub consent_error: Option<(StatusCode, String)>,
}

/// A child's page.
pub async fn render_child(
    state: &AppState,
    tr: Tr,
    user: &CurrentUser,
    id: &PersonId,
    shown: ChildShown,
) -> AppResult<Response> {
    let id = PersonId::parse(id).ok_or(AppError::NotFound)?;
    let purpose = purpose_for(user);
    let access = user.access(state, purpose);
    let detail = access.person(&id).await?;
    let follow_up = purpose == Purpose::FollowUp && detail.person.kind == PersonKind::Child;
    let case = if follow_up {
        let logs = access.relay_logs_of(&id).await?;
        let concerns = access.concerns_of(&id).await?;
        let mut section = CaseSection::new(&tr, logs, concerns, ettlag_db::now_ms());
        section.can_raise = access.may(Action::Create, About::NewConcern(&id)).await?;
        section.can_report = access.may(Action::Create, About::Report(&id)).await?;
        Some(section)
    } else {
        None
    };
    let (status, consent_error) = match shown.consent_error {
        Some((status, message)) => (status, Some(message)),
        None => (StatusCode::OK, None),
    };
    let consents = if follow_up {
        Some(ConsentSection::load(&access, &tr, &detail, consent_error).await?)
    } else {
        None
    };
    let feedback = if follow_up {
        super::feedback::panel::summary(state, user, &id).await?
    } else {
        None
    };
    let emergency = if follow_up {
        emergency::banner(state, &tr, user, &id).await?
    } else {
        None
    };
    let national_id = detail
        .person
        .national_id
        .as_ref()
        .map(|n| format!("{} {}", &n.as_str()[..6], &n.as_str()[6..]))
        .unwrap_or_default();
    let kind_label = tr.t(&detail.person.kind.message_key());
    let relation_labels = detail
        .relations
        .iter()
        .map(|r| tr.t(&r.kind.message_key()))
        .collect();
    Ok(render(
        status,
        &ChildPage {
            c: Chrome::for_user(tr, user, "children"),
            detail,
            national_id,
            kind_label,
            relation_labels,
            is_admin: user.offers().administer,
            case,
            consents,
            emergency,
            notice: shown.notice,
            feedback,
        },
    ))
}
