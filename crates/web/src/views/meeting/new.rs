//! `GET/POST /plans/{id}/meetings/new` and `/logs/{id}/meetings/new`:
//! calling a meeting about a plan or a relay log: the template, the day and
//! time, the place, who leads, and whom to invite — staff, the family's
//! adults from the register and the child. Staff are found by name or unit
//! (`staff_search`): as one types with htmx, or with a search button that
//! sends the form back with everything typed kept.

use crate::extractors::id_path::IdPath;
use askama::Template;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use ettlag_core::ids::{MeetingTemplateId, PlanId, RelayLogId};
use ettlag_core::meeting::{MeetingError, MeetingTime};
use ettlag_core::policy::Purpose;
use ettlag_core::{PersonId, StaffId};
use ettlag_db::{MeetingAbout, NewMeeting};

use super::time::local_to_utc;
use crate::error::{AppError, AppResult};
use crate::extractors::current_user::CurrentUser;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::form::{Choice, Fields};
use crate::views::layout::{Chrome, render};

#[derive(Template)]
#[template(path = "meeting/new.html")]
struct NewPage {
    c: Chrome,
    /// `/plans/{id}` or `/logs/{id}`: the way back and the form's base.
    base: String,
    back_label: String,
    person_name: String,
    q: String,
    templates: Vec<Choice>,
    leaders: Vec<Choice>,
    staff: Vec<Choice>,
    family: Vec<Choice>,
    child: Choice,
    date: String,
    start: String,
    end: String,
    place: String,
    error: Option<String>,
}

/// What was typed, to show a refused form again.
#[derive(Default)]
struct Typed {
    template: String,
    leader: String,
    staff: Vec<String>,
    family: Vec<String>,
    child: bool,
    /// The staff search as typed.
    q: String,
    date: String,
    start: String,
    end: String,
    place: String,
}

async fn form(
    state: &AppState,
    tr: Tr,
    user: &CurrentUser,
    about: &MeetingAbout,
    typed: Typed,
    error: Option<String>,
) -> AppResult<NewPage> {
    let access = user.access(state, Purpose::FollowUp);
    let candidates = access.meeting_candidates_about(about).await?;
    let templates = access
        .meeting_templates()
        .await?
        .into_iter()
        .map(|(id, t)| {
            let selected = id == typed.template;
            Choice::new(&id, t.name.to_string(), selected)
        })
        .collect();
    let people: Vec<_> = access
        .staff()
        .await?
        .into_iter()
        .filter(|s| s.active && s.roles.works_with_children())
        .collect();
    let me = user.actor.staff.to_string();
    let leader = if typed.leader.is_empty() {
        me
    } else {
        typed.leader.clone()
    };
    Ok(NewPage {
        leaders: people
            .iter()
            .map(|s| {
                Choice::new(
                    s.id.as_str(),
                    s.display_name.clone(),
                    s.id.as_str() == leader,
                )
            })
            .collect(),
        staff: super::staff_search::invitees(
            &people,
            &access.units().await?,
            &typed.staff,
            &typed.q,
        ),
        family: candidates
            .relatives
            .iter()
            .map(|(id, name)| {
                let on = typed.family.iter().any(|t| t == id.as_str());
                Choice::new(id.as_str(), name.clone(), on)
            })
            .collect(),
        child: Choice::new(
            candidates.person.0.as_str(),
            candidates.person.1.clone(),
            typed.child,
        ),
        person_name: candidates.person.1,
        base: base(about),
        back_label: tr.t(match about {
            MeetingAbout::Plan(_) => "meeting-back-to-plan",
            MeetingAbout::Log(_) => "meeting-back-to-log",
        }),
        q: typed.q,
        templates,
        date: typed.date,
        start: typed.start,
        end: typed.end,
        place: typed.place,
        error,
        c: Chrome::for_user(tr, user, "children"),
    })
}

fn base(about: &MeetingAbout) -> String {
    match about {
        MeetingAbout::Plan(id) => format!("/plans/{id}"),
        MeetingAbout::Log(id) => format!("/logs/{id}"),
    }
}

pub async fn get(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    IdPath(id): IdPath<PlanId>,
) -> AppResult<Response> {
    show_new(&state, tr, &user, &MeetingAbout::Plan(id)).await
}

pub async fn log_get(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    IdPath(id): IdPath<RelayLogId>,
) -> AppResult<Response> {
    show_new(&state, tr, &user, &MeetingAbout::Log(id)).await
}

async fn show_new(
    state: &AppState,
    tr: Tr,
    user: &CurrentUser,
    about: &MeetingAbout,
) -> AppResult<Response> {
    let typed = Typed {
        start: "09:00".into(),
        end: "10:00".into(),
        child: true,
        ..Default::default()
    };
    let page = form(state, tr, user, about, typed, None).await?;
    Ok(render(StatusCode::OK, &page))
}

fn parse(f: &Fields, typed: &Typed) -> Result<NewMeeting, MeetingError> {
    let start = local_to_utc(&typed.date, &typed.start)?;
    let end = local_to_utc(&typed.date, &typed.end)?;
    let time = MeetingTime::new(start, end)?;
    let leader = StaffId::parse(&typed.leader).ok_or(MeetingError::BadResponsible)?;
    let staff = typed
        .staff
        .iter()
        .map(|s| StaffId::parse(s).ok_or(MeetingError::UnknownInvitee))
        .collect::<Result<Vec<_>, _>>()?;
    let family = typed
        .family
        .iter()
        .map(|s| PersonId::parse(s).ok_or(MeetingError::UnknownInvitee))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(NewMeeting {
        template_id: MeetingTemplateId::parse(&f.get("template"))
            .ok_or(MeetingError::BadTemplate)?,
        time,
        place: typed.place.clone(),
        leader,
        staff,
        family,
        child: typed.child,
    })
}

pub async fn post(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    IdPath(id): IdPath<PlanId>,
    body: Bytes,
) -> AppResult<Response> {
    call(&state, tr, &user, &MeetingAbout::Plan(id), &body).await
}

pub async fn log_post(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    IdPath(id): IdPath<RelayLogId>,
    body: Bytes,
) -> AppResult<Response> {
    call(&state, tr, &user, &MeetingAbout::Log(id), &body).await
}

async fn call(
    state: &AppState,
    tr: Tr,
    user: &CurrentUser,
    about: &MeetingAbout,
    body: &Bytes,
) -> AppResult<Response> {
    let f = Fields::parse(body)?;
    let typed = Typed {
        template: f.get("template"),
        leader: f.get("leader"),
        staff: f.all("staff"),
        family: f.all("family"),
        child: f.get("child") == "yes",
        date: f.get("date"),
        start: f.get("start"),
        end: f.get("end"),
        place: f.raw("place"),
        q: f.raw("q"),
    };
    if f.get("find") == "yes" {
        // The search button (or htmx as one types): the form again, with
        // the staff found and everything typed kept.
        let page = form(state, tr, user, about, typed, None).await?;
        return Ok(render(StatusCode::OK, &page));
    }
    let access = user.access(state, Purpose::FollowUp);
    let created = match (about, parse(&f, &typed)) {
        (MeetingAbout::Plan(id), Ok(new)) => Ok(access.create_meeting(id, new).await),
        (MeetingAbout::Log(id), Ok(new)) => Ok(access.create_log_meeting(id, new).await),
        (_, Err(e)) => Err(e),
    };
    let message = match created {
        Ok(made) => match made.map_err(AppError::from) {
            Ok(meeting) => return Ok(Redirect::to(&format!("/meetings/{meeting}")).into_response()),
            Err(AppError::Conflict(key)) => tr.t(&key),
            Err(e) => return Err(e),
        },
        Err(e) => tr.t(e.message_key()),
    };
    let page = form(state, tr, user, about, typed, Some(message)).await?;
    Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page))
}
