//! `GET/POST /admin/meetings`: the municipality's meeting templates and its
//! values poster, configured by the administrator. A template's agenda is
//! typed one part per line (`title: what it holds`), the poster as blocks of
//! a value with `+ norm` and `- taboo` lines. A template can be edited, and
//! deactivated (no longer offered for new meetings; meetings called from
//! it keep their copy) or activated again.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::response::Response;
use ettlag_core::ids::MeetingTemplateId;
use ettlag_core::meeting::{MeetingError, TemplateDraft, ValuesPoster};

use crate::error::{AppError, AppResult};
use crate::extractors::current_user::CurrentUser;
use crate::extractors::id_path::hidden_id;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::admin::{PURPOSE, require_admin};
use crate::views::form::{Done, Errors, Fields, notice, see_other, status_of};
use crate::views::layout::{Chrome, render};

#[derive(Template)]
#[template(path = "meeting/admin.html")]
struct AdminPage {
    c: Chrome,
    section: &'static str,
    /// (id, the template as typed, offered for new meetings); the last is
    /// empty, for a new one.
    templates: Vec<(String, TemplateDraft, bool)>,
    poster: String,
    notice: Option<String>,
    errors: Errors,
}

async fn show(
    state: &AppState,
    tr: Tr,
    user: &CurrentUser,
    notice: Option<String>,
    errors: Errors,
    typed: Option<(String, TemplateDraft)>,
    typed_poster: Option<String>,
) -> AppResult<Response> {
    let access = user.access(state, PURPOSE);
    let mut templates: Vec<(String, TemplateDraft, bool)> = access
        .all_meeting_templates(true)
        .await?
        .iter()
        .map(|t| (t.id.to_string(), TemplateDraft::from(&t.template), t.active))
        .collect();
    templates.push((String::new(), TemplateDraft::default(), true));
    if let Some((id, draft)) = typed
        && let Some(slot) = templates.iter_mut().find(|(i, _, _)| *i == id)
    {
        slot.1 = draft;
    }
    let poster = match typed_poster {
        Some(p) => p,
        None => access.values_poster().await?.typed(),
    };
    Ok(render(
        status_of(&errors),
        &AdminPage {
            c: Chrome::for_user(tr, user, "admin"),
            section: "meetings",
            templates,
            poster,
            notice,
            errors,
        },
    ))
}

pub async fn get(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    Query(done): Query<Done>,
) -> AppResult<Response> {
    require_admin(&state, &user).await?;
    let notice = notice(
        &tr,
        &done.done,
        &[
            "meeting-template-saved",
            "meeting-poster-saved",
            "meeting-template-deactivated",
            "meeting-template-activated",
        ],
    );
    show(&state, tr, &user, notice, Errors::default(), None, None).await
}

pub async fn post(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    body: Bytes,
) -> AppResult<Response> {
    require_admin(&state, &user).await?;
    let f = Fields::parse(&body)?;
    let access = user.access(&state, PURPOSE);
    let mut errors = Errors::default();
    if f.get("what") == "poster" {
        let typed = f.raw("poster");
        match ValuesPoster::parse(&typed) {
            Ok(poster) => {
                access.save_values_poster(poster).await?;
                return Ok(see_other(
                    "/admin/meetings",
                    &[("done", "meeting-poster-saved")],
                ));
            }
            Err(e) => errors.add("poster", tr.t(e.message_key())),
        }
        return show(&state, tr, &user, None, errors, None, Some(typed)).await;
    }
    let id = f.get("id");
    let parsed: Option<MeetingTemplateId> = hidden_id(&id)?;
    if let active @ ("yes" | "no") = f.get("active").as_str() {
        let on = active == "yes";
        let id = parsed.ok_or(AppError::NotFound)?;
        access.set_meeting_template_active(&id, on).await?;
        let done = if on {
            "meeting-template-activated"
        } else {
            "meeting-template-deactivated"
        };
        return Ok(see_other("/admin/meetings", &[("done", done)]));
    }
    let draft = TemplateDraft {
        name: f.raw("name"),
        purpose: f.raw("purpose"),
        form: f.raw("form"),
        leads: f.raw("leads"),
        parts: f.raw("parts"),
    };
    match draft.parse() {
        Ok(template) => {
            access
                .save_meeting_template(parsed.as_ref(), template)
                .await
                .map_err(AppError::from)?;
            Ok(see_other(
                "/admin/meetings",
                &[("done", "meeting-template-saved")],
            ))
        }
        Err(e) => {
            let field = match e {
                MeetingError::BadTemplate => "parts",
                _ => "name",
            };
            errors.add(field, tr.t(e.message_key()));
            show(&state, tr, &user, None, errors, Some((id, draft)), None).await
        }
    }
}
