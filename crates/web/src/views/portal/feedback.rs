//! Feedback forms in the portal: the family answers an open feedback form
//! about the child (or the young person about themself) on their own phone,
//! with the very form and parser staff's and the link page's answers use.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use ettlag_core::ids::EpisodeId;
use ettlag_db::{CitizenAccess, DbError, Member, PortalFeedback};

use super::{CitizenUser, PortalChrome, person_id};
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::feedback::form::{self, FormView};
use crate::views::feedback::pack_lang;
use crate::views::form::Fields;
use crate::views::time::day;

/// A form to answer, as a line on the child's page.
pub(super) struct FormLink {
    pub name: String,
    pub asked_by: String,
    pub href: String,
}

/// The forms the family can answer now: one per scale of each open episode.
pub(super) async fn links(
    access: &CitizenAccess,
    tr: Tr,
    member: &Member,
) -> AppResult<Vec<FormLink>> {
    let lang = pack_lang(&tr);
    let mut out = Vec::new();
    for f in access.open_feedback(&member.id).await? {
        let since = day(ettlag_core::Day::from_ms(f.started_at_ms));
        for scale in f.pack.scales() {
            out.push(FormLink {
                name: scale.name(lang).to_string(),
                asked_by: tr.t_with(
                    "portal-feedback-asked-by",
                    &[("unit", f.unit_name.clone()), ("since", since.clone())],
                ),
                href: format!(
                    "/portal/children/{}/feedback/{}/{}",
                    member.id.as_str(),
                    f.episode_id,
                    scale.id()
                ),
            });
        }
    }
    Ok(out)
}

#[derive(Template)]
#[template(path = "portal/feedback.html")]
struct AnswerPage {
    c: PortalChrome,
    member: Member,
    question: String,
    action: String,
    form: Option<FormView>,
    sent: Option<String>,
}

/// The episode and the scale asked for, or `NotFound`.
async fn open_form(
    access: &CitizenAccess,
    member: &Member,
    episode: &str,
) -> AppResult<PortalFeedback> {
    let episode = EpisodeId::parse(episode).ok_or(AppError::NotFound)?;
    if !member.decides {
        return Err(AppError::NotFound);
    }
    Ok(access.feedback_form(&member.id, &episode).await?)
}

fn question(tr: Tr, member: &Member) -> String {
    let key = if member.is_self {
        "feedback-public-question-self"
    } else {
        "feedback-public-question"
    };
    tr.t_with(key, &[("name", member.given_name.clone())])
}

pub async fn get(
    State(state): State<AppState>,
    tr: Tr,
    user: CitizenUser,
    Path((id, episode, scale)): Path<(String, String, String)>,
) -> AppResult<Response> {
    let access = user.access(&state);
    let member = access.member(&person_id(&id)?).await?;
    let found = open_form(&access, &member, &episode).await?;
    let scale = found.pack.scale(&scale).ok_or(AppError::NotFound)?;
    let page = AnswerPage {
        question: question(tr, &member),
        action: format!("/portal/children/{id}/feedback/{episode}/{}", scale.id()),
        form: Some(FormView::new(scale, pack_lang(&tr), None)),
        sent: None,
        c: PortalChrome::for_citizen(tr, &user),
        member,
    };
    Ok(crate::views::layout::render(StatusCode::OK, &page))
}

pub async fn post(
    State(state): State<AppState>,
    tr: Tr,
    user: CitizenUser,
    Path((id, episode, scale_id)): Path<(String, String, String)>,
    body: Bytes,
) -> AppResult<Response> {
    let fields = Fields::parse(&body)?;
    user.check_csrf(&fields.get("csrf"))?;
    let access = user.access(&state);
    let member = access.member(&person_id(&id)?).await?;
    let found = open_form(&access, &member, &episode).await?;
    let scale = found.pack.scale(&scale_id).ok_or(AppError::NotFound)?;
    let action = format!("/portal/children/{id}/feedback/{episode}/{}", scale.id());
    // The same parser as every other answering page: an untouched slider is
    // no answer, and every refused item is named.
    let result = match form::read(scale, &tr, &fields) {
        Ok(items) => {
            match access
                .answer_feedback(&member.id, &found.episode_id, scale.id(), items)
                .await
            {
                Ok(_) => Ok(()),
                Err(DbError::Refused(key)) => {
                    let mut form = FormView::new(scale, pack_lang(&tr), Some(&fields));
                    form.errors.push(tr.t(key));
                    Err(form)
                }
                Err(e) => return Err(e.into()),
            }
        }
        Err(form) => Err(form),
    };
    let (status, form, sent) = match result {
        Ok(()) => (StatusCode::OK, None, Some(tr.t("portal-feedback-sent"))),
        Err(form) => (StatusCode::UNPROCESSABLE_ENTITY, Some(form), None),
    };
    let page = AnswerPage {
        question: question(tr, &member),
        action,
        form,
        sent,
        c: PortalChrome::for_citizen(tr, &user),
        member,
    };
    Ok(crate::views::layout::render(status, &page))
}
