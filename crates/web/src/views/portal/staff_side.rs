//! Where what families write reaches staff: the notes and "what matters to
//! me" of a child's family for those who follow the child up
//! (`/children/{id}/family`), and requests for restriction or correction on
//! the privacy officer's list (`/privacy/requests`).

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use ettlag_core::PersonId;
use ettlag_core::ids::FamilyMessageId;
use ettlag_core::policy::Purpose;
use ettlag_core::portal::RequestOutcome;
use ettlag_db::FamilyMessage;

use crate::error::AppResult;
use crate::extractors::current_user::CurrentUser;
use crate::extractors::id_path::IdPath;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::layout::{Chrome, render};
use crate::views::time::moment;

struct Line {
    id: FamilyMessageId,
    taken: bool,
    kind: String,
    who: String,
    when: String,
    body: String,
    subject_id: PersonId,
}

fn lines(tr: Tr, messages: Vec<FamilyMessage>) -> Vec<Line> {
    messages
        .into_iter()
        .map(|m| Line {
            id: m.id,
            taken: m.taken,
            kind: tr.t(&format!("portal-write-{}", m.kind.code().replace('_', "-"))),
            who: m.subject_name,
            when: moment(m.at_ms),
            body: m.body,
            subject_id: m.subject_id,
        })
        .collect()
}

#[derive(Template)]
#[template(path = "portal/staff_messages.html")]
struct MessagesPage {
    c: Chrome,
    title: String,
    intro: String,
    lines: Vec<Line>,
    link_child: bool,
    outcomes: Vec<(&'static str, String)>,
    error: Option<String>,
}

pub async fn family(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    IdPath(id): IdPath<PersonId>,
) -> AppResult<Response> {
    let messages = user
        .access(&state, Purpose::FollowUp)
        .family_messages(&id)
        .await?;
    Ok(render(
        StatusCode::OK,
        &MessagesPage {
            c: Chrome::for_user(tr, &user, "children"),
            title: tr.t("portal-staff-family-title"),
            intro: tr.t("portal-staff-family-intro"),
            lines: lines(tr, messages),
            link_child: false,
            outcomes: Vec::new(),
            error: None,
        },
    ))
}

pub async fn requests(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
) -> AppResult<Response> {
    requests_page(&state, tr, &user, None).await
}

/// The privacy officer's list of requests, each with a button to take it
/// and a form to close it; `error` says what was wrong with a closing.
pub(super) async fn requests_page(
    state: &AppState,
    tr: Tr,
    user: &CurrentUser,
    error: Option<String>,
) -> AppResult<Response> {
    let messages = user
        .access(state, Purpose::PrivacyReview)
        .privacy_requests()
        .await?;
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok(render(
        status,
        &MessagesPage {
            c: Chrome::for_user(tr, user, "privacy"),
            title: tr.t("portal-staff-requests-title"),
            intro: tr.t("portal-staff-requests-intro"),
            lines: lines(tr, messages),
            link_child: true,
            outcomes: RequestOutcome::ALL
                .into_iter()
                .map(|o| {
                    (
                        o.code(),
                        tr.t(&format!("privacy-request-outcome-{}", o.code())),
                    )
                })
                .collect(),
            error,
        },
    ))
}
