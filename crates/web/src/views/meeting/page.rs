//! `GET /meetings/{id}`: the meeting as it opens — the municipality's values
//! poster first, then the purpose and agenda from the template, who is
//! invited and present, the minutes in the order written, the child's voice,
//! the decisions and the action items with the measures they became. Each
//! section has its form; a refused form comes back here with the reason.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use ettlag_core::ids::MeetingId;
use ettlag_core::meeting::{InviteeKind, MeetingEvent};
use ettlag_core::policy::Purpose;
use ettlag_db::MeetingView;

use super::time::clock;
use crate::error::AppResult;
use crate::extractors::current_user::CurrentUser;
use crate::extractors::id_path::IdPath;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::form::Choice;
use crate::views::layout::{Chrome, render};
use crate::views::time::day;
use crate::views::time::moment;

pub(super) struct InviteeLine {
    pub index: usize,
    pub name: String,
    pub kind: String,
    pub present: bool,
}

pub(super) struct Line {
    pub when: String,
    pub by: String,
    pub text: String,
    /// A second text: the child's own words, the family's confirmation, or
    /// who is responsible by when.
    pub detail: String,
}

#[derive(Template)]
#[template(path = "meeting/meeting.html")]
struct MeetingPage {
    c: Chrome,
    id: String,
    /// The plan's or the relay log's page, and the words of the link back.
    back_href: String,
    back_label: String,
    /// A meeting about a relay log: action items become log entries.
    about_log: bool,
    person_name: String,
    title: String,
    when: String,
    place: String,
    leader: String,
    purpose: String,
    form: String,
    leads: String,
    parts: Vec<(String, String)>,
    /// (value, norms, taboos)
    poster: Vec<(String, Vec<String>, Vec<String>)>,
    invitees: Vec<InviteeLine>,
    family_present: bool,
    minutes: Vec<Line>,
    voices: Vec<Line>,
    decisions: Vec<Line>,
    actions: Vec<Line>,
    goals: Vec<Choice>,
    responsible: Vec<Choice>,
    error: Option<String>,
    /// The form the error belongs to, so the page can point at it.
    error_section: String,
}

/// Shows the meeting, with an error for one of its forms.
pub(super) async fn show(
    state: &AppState,
    tr: Tr,
    user: &CurrentUser,
    id: &MeetingId,
    error: Option<(&str, String)>,
) -> AppResult<Response> {
    let access = user.access(state, Purpose::FollowUp);
    let view: MeetingView = access.meeting(id).await?;
    let staff = access.staff().await?;
    let m = &view.meeting;
    let record = view.record();
    let present = m.present(&record);
    let kind = |k: InviteeKind| tr.t(&format!("meeting-invitee-{}", k.code()));
    let mut minutes = Vec::new();
    let mut voices = Vec::new();
    let mut decisions = Vec::new();
    let mut actions = Vec::new();
    for e in &view.events {
        let line = |text: String, detail: String| Line {
            when: moment(e.at_ms),
            by: view.staff_name(&e.by),
            text,
            detail,
        };
        match &e.event {
            MeetingEvent::Attendance { .. } => {}
            MeetingEvent::Minute { text } => minutes.push(line(text.to_string(), String::new())),
            MeetingEvent::ChildVoice { how, words } => {
                voices.push(line(words.to_string(), how.to_string()))
            }
            MeetingEvent::Decision(d) => {
                let detail = match &d.confirmation {
                    Some(c) => tr.t_with(
                        "meeting-confirmed-by",
                        &[
                            ("who", c.by.to_string()),
                            ("date", day(c.on)),
                            ("how", c.how.to_string()),
                        ],
                    ),
                    None if d.concerns_family => tr.t("meeting-decided-with-family"),
                    None => String::new(),
                };
                decisions.push(line(d.text.to_string(), detail))
            }
            MeetingEvent::ActionItem(a) => actions.push(line(
                a.what.to_string(),
                tr.t_with(
                    if a.log_entry.is_some() {
                        "meeting-action-detail-log"
                    } else {
                        "meeting-action-detail"
                    },
                    &[
                        ("who", view.staff_name(&a.responsible)),
                        ("date", day(a.deadline)),
                        ("revision", a.revision.to_string()),
                    ],
                ),
            )),
        }
    }
    let page = MeetingPage {
        title: m.template.name.to_string(),
        when: format!("{}–{}", moment(m.time.start_ms()), clock(m.time.end_ms())),
        place: m.place.to_string(),
        leader: view.staff_name(&m.leader),
        purpose: m.template.purpose.to_string(),
        form: m.template.form.to_string(),
        leads: m.template.leads.to_string(),
        parts: m
            .template
            .parts
            .iter()
            .map(|p| (p.title.to_string(), p.content.to_string()))
            .collect(),
        poster: view
            .poster
            .values
            .iter()
            .map(|v| {
                (
                    v.name.to_string(),
                    v.norms.iter().map(|n| n.to_string()).collect(),
                    v.taboos.iter().map(|t| t.to_string()).collect(),
                )
            })
            .collect(),
        invitees: m
            .invitees
            .iter()
            .enumerate()
            .map(|(i, p)| InviteeLine {
                index: i,
                name: p.name.to_string(),
                kind: kind(p.kind),
                present: present.contains(&i),
            })
            .collect(),
        family_present: m.family_attended(&record),
        minutes,
        voices,
        decisions,
        actions,
        goals: view
            .goals
            .iter()
            .map(|(n, g)| Choice::new(&n.to_string(), format!("{n}: {g}"), *n == 1))
            .collect(),
        responsible: staff
            .iter()
            .filter(|s| s.active && s.roles.works_with_children())
            .map(|s| {
                let me = s.id == user.actor.staff;
                Choice::new(s.id.as_str(), s.display_name.clone(), me)
            })
            .collect(),
        error_section: error
            .as_ref()
            .map(|(s, _)| s.to_string())
            .unwrap_or_default(),
        error: error.map(|(_, e)| e),
        id: view.id.to_string(),
        back_href: match (&view.plan_id, &view.log_id) {
            (Some(p), _) => format!("/plans/{p}"),
            (None, Some(l)) => format!("/logs/{l}"),
            (None, None) => "/my".to_string(),
        },
        back_label: tr.t(if view.log_id.is_some() {
            "meeting-back-to-log"
        } else {
            "meeting-back-to-plan"
        }),
        about_log: view.log_id.is_some(),
        person_name: view.person_name.clone(),
        c: Chrome::for_user(tr, user, "children"),
    };
    let status = if page.error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok(render(status, &page))
}

pub async fn get(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    IdPath(id): IdPath<MeetingId>,
) -> AppResult<Response> {
    show(&state, tr, &user, &id, None).await
}
