//! `GET /logs/{id}`: one relay log — who holds the baton, the level, the
//! measures with their evaluation dates, the whole timeline, and the forms
//! for what the reader may do next.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use ettlag_core::consent::Category;
use ettlag_core::ids::RelayLogId;
use ettlag_core::policy::Purpose;
use ettlag_core::relay::{
    ChecklistItem, ClosingReason, DevelopmentArea, Entry, EntryDraft, EntryKind, Event,
    FamilyInformedDraft, Outcome,
};
use ettlag_core::steering::MeasureType;
use ettlag_core::{Coded, Day};
use ettlag_db::{Candidate, RelayLogView, now_ms};

use super::display::{EventLine, MeasureLine, event_lines, measure_lines};
use super::family::FamilyForm;
use crate::error::AppResult;
use crate::extractors::current_user::CurrentUser;
use crate::extractors::id_path::IdPath;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::form::{Choice, Done};
use crate::views::layout::{Chrome, render};
use crate::views::time::{moment, today_local};

/// What went wrong with one of the page's forms, shown next to it with what
/// was typed.
#[derive(Debug, Clone, Default)]
pub struct Problem {
    /// The form: an entry kind's code, or level, offer, answer, close.
    pub form: String,
    pub message: String,
    pub draft: EntryDraft,
    pub status: Option<StatusCode>,
    /// What was typed in the holder's forms (reason, wish, note), to show again.
    pub typed: Vec<(String, String)>,
    /// The id of the field the problem is about, for the error summary's
    /// link; empty when it is about the form as a whole.
    pub field: String,
    /// What the level form sent about the family, to show again.
    pub family: FamilyInformedDraft,
}

impl Problem {
    /// What was typed in the field `name` of the problem's form, or nothing.
    pub fn typed(&self, name: &str) -> &str {
        self.typed
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or_default()
    }
}

/// One entry form of the page.
#[derive(Debug, Clone)]
pub struct EntryForm {
    pub kind: &'static str,
    pub label: String,
    pub open: bool,
    pub error: Option<String>,
    pub d: EntryDraft,
    /// Set when the form corrects an entry.
    pub supersedes: String,
    pub areas: Vec<Choice>,
    /// Who may read the entry: the relay log's own, health or school information.
    pub categories: Vec<Choice>,
}

/// The categories an entry may be kept in, the chosen one selected.
fn category_choices(tr: &Tr, d: &EntryDraft) -> Vec<Choice> {
    let chosen = d.category().unwrap_or_default();
    [Category::RelayLog, Category::Health, Category::School]
        .into_iter()
        .map(|k| {
            Choice::new(
                k.code(),
                tr.t(&format!("entry-kept-choice-{}", k.code().replace('_', "-"))),
                k == chosen,
            )
        })
        .collect()
}

impl EntryForm {
    pub fn new(tr: &Tr, kind: EntryKind, d: EntryDraft, error: Option<String>) -> EntryForm {
        EntryForm {
            kind: kind.code(),
            label: tr.t(&format!("add-{}", kind.message_key())),
            open: error.is_some(),
            areas: area_choices(tr, &d),
            categories: category_choices(tr, &d),
            error,
            d,
            supersedes: String::new(),
        }
    }
}

fn area_choices(tr: &Tr, d: &EntryDraft) -> Vec<Choice> {
    DevelopmentArea::ALL
        .iter()
        .map(|a| {
            Choice::new(
                a.code(),
                tr.t(&a.message_key()),
                d.areas.iter().any(|x| x == a.code()),
            )
        })
        .collect()
}

/// The choices the entry forms offer.
#[derive(Debug, Clone, Default)]
pub struct FormChoices {
    pub responsible: Vec<Choice>,
    pub goals: Vec<Choice>,
    pub measures: Vec<Choice>,
    pub outcomes: Vec<Choice>,
    pub units: Vec<Choice>,
    /// The municipality's measure types in use (and the draft's own, if it
    /// was taken out of use since).
    pub measure_types: Vec<Choice>,
}

#[derive(Template)]
#[template(path = "relay/log.html")]
struct LogPage {
    c: Chrome,
    view: RelayLogView,
    /// Entries kept from the reader, told in words.
    withheld: Option<String>,
    child_name: String,
    opened_at: String,
    closed_at: String,
    closing_reason: String,
    offered_at: String,
    lines: Vec<EventLine>,
    /// The level form's fieldset about the family.
    fam: FamilyForm,
    /// The latest record says the family is not told because violence or
    /// abuse is suspected: the page says the duty to report applies.
    duty_to_report: bool,
    measures: Vec<MeasureLine>,
    overdue: usize,
    level_label: String,
    overdue_label: String,
    offer_label: String,
    answer_intro: String,
    is_holder: bool,
    is_offered: bool,
    is_open: bool,
    reassess: bool,
    /// Set while the reader sees the log under break-the-glass: read only.
    emergency: Option<crate::views::emergency::Banner>,
    forms: Vec<EntryForm>,
    choices: FormChoices,
    levels: Vec<Choice>,
    candidates: Vec<Choice>,
    checklist: Vec<Choice>,
    closing: Vec<Choice>,
    notice: Option<String>,
    problem: Problem,
    /// The problem's form is not on the page: the problem is shown at the top.
    problem_elsewhere: bool,
    /// Collaboration meetings about the log: (id, template and time).
    meetings: Vec<(String, String)>,
    /// The child's feedback, where the feedback policy lets the reader see it.
    feedback: Option<crate::views::feedback::panel::Panel>,
}

/// Whether the page shows the form a problem belongs to, and so the problem
/// next to it. When it does not (the reader no longer holds the baton, the
/// offer is answered, the log is closed, the entry kind has no form here),
/// the problem goes to the top of the page: a refused action always says why.
fn problem_at_form(
    form: &str,
    view: &RelayLogView,
    is_holder: bool,
    is_offered: bool,
    choices: &FormChoices,
) -> bool {
    let is_open = view.closed.is_none();
    match form {
        "answer" => is_offered,
        "level" | "close" => is_open && is_holder,
        // The withdraw button, shown while an offer waits, has no place for it.
        "offer" => is_open && is_holder && view.offer.is_none(),
        kind => EntryKind::from_code(kind).is_some_and(|k| {
            k != EntryKind::Concern
                && is_open
                && !is_offered
                && (k != EntryKind::Evaluation || !choices.measures.is_empty())
        }),
    }
}

/// Whether the log's latest record about the family says it is not told
/// because violence or abuse is suspected.
fn duty_to_report(view: &RelayLogView) -> bool {
    view.events
        .iter()
        .rev()
        .find_map(|e| e.event.family_informed())
        .is_some_and(|f| f.duty_to_report())
}

/// Today's date as a form default.
pub fn today() -> Day {
    today_local(now_ms())
}

fn candidate_value(c: &Candidate) -> String {
    format!("{}|{}", c.staff.id, c.unit.id)
}

/// The choices of the entry forms for this log and reader.
pub fn form_choices(
    tr: &Tr,
    view: &RelayLogView,
    candidates: &[Candidate],
    types: &[MeasureType],
    d: &EntryDraft,
) -> FormChoices {
    let responsible_value = format!("{}|{}", d.responsible, d.responsible_unit);
    let mut units: Vec<Choice> = Vec::new();
    for c in candidates {
        if !units.iter().any(|u| u.value == c.unit.id.as_str()) {
            units.push(Choice::new(
                c.unit.id.as_str(),
                c.unit.name.clone(),
                d.unit == c.unit.id.as_str(),
            ));
        }
    }
    let current = |kind: EntryKind| {
        view.events
            .iter()
            .filter(move |e| e.superseded_by.is_none())
            .filter_map(move |e| match &e.event {
                Event::Entry { entry, .. } if entry.kind() == kind => Some((e.id.clone(), entry)),
                _ => None,
            })
    };
    FormChoices {
        responsible: candidates
            .iter()
            .map(|c| {
                let value = candidate_value(c);
                let selected = value == responsible_value;
                Choice::new(
                    &value,
                    format!("{} ({})", c.staff.name, c.unit.name),
                    selected,
                )
            })
            .collect(),
        goals: current(EntryKind::Goal)
            .filter_map(|(id, e)| match e {
                Entry::Goal { text, .. } => {
                    Some(Choice::new(&id, short(text.as_str()), d.goal == id))
                }
                _ => None,
            })
            .collect(),
        measures: view
            .measures
            .iter()
            .filter(|m| !m.ended)
            .map(|m| Choice::new(&m.id, short(m.what.as_str()), d.measure == m.id))
            .collect(),
        outcomes: Outcome::ALL
            .iter()
            .map(|o| Choice::new(o.code(), tr.t(&o.message_key()), d.outcome == o.code()))
            .collect(),
        units,
        measure_types: types
            .iter()
            .filter(|t| t.active || t.code.as_str() == d.measure_type)
            .map(|t| {
                Choice::new(
                    t.code.as_str(),
                    t.name.clone(),
                    t.code.as_str() == d.measure_type,
                )
            })
            .collect(),
    }
}

/// The first line of a text, clipped, for a choice's label.
fn short(text: &str) -> String {
    let first = text.lines().next().unwrap_or_default();
    let mut out: String = first.chars().take(80).collect();
    if first.chars().count() > 80 || text.lines().count() > 1 {
        out.push('…');
    }
    out
}

/// A draft with the defaults a new entry starts from.
pub fn fresh_draft(kind: EntryKind, user: &CurrentUser, view: &RelayLogView) -> EntryDraft {
    let today = today().to_string();
    let my_unit = if user.actor.staff == view.holder.id {
        view.holder_unit.id.to_string()
    } else {
        user.actor
            .units
            .first()
            .map(|u| u.to_string())
            .unwrap_or_default()
    };
    EntryDraft {
        kind: kind.code().into(),
        start: today,
        responsible: user.actor.staff.to_string(),
        responsible_unit: my_unit,
        ..EntryDraft::default()
    }
}

pub async fn render_log(
    state: &AppState,
    tr: Tr,
    user: &CurrentUser,
    id: &RelayLogId,
    notice: Option<String>,
    problem: Problem,
) -> AppResult<Response> {
    let access = user.access(state, Purpose::FollowUp);
    let view = access.relay_log(id).await?;
    let meetings = crate::views::meeting::log_meeting_lines(&access, id).await?;
    let is_open = view.closed.is_none();
    let is_holder = view.holder.id == user.actor.staff;
    let is_offered = view
        .offer
        .as_ref()
        .is_some_and(|o| o.to.id == user.actor.staff);
    let emergency = crate::views::emergency::banner(state, &tr, user, &view.child.id).await?;
    // Only those who write in the log need the list of who may take part.
    let candidates = if is_open && !is_offered && emergency.is_none() {
        access.case_candidates(id).await?
    } else {
        Vec::new()
    };
    let today = today();
    let forms = EntryKind::ALL
        .iter()
        .filter(|k| **k != EntryKind::Concern)
        .map(|k| {
            if problem.form == k.code() {
                EntryForm::new(
                    &tr,
                    *k,
                    problem.draft.clone(),
                    Some(problem.message.clone()),
                )
            } else {
                EntryForm::new(&tr, *k, fresh_draft(*k, user, &view), None)
            }
        })
        .collect();
    let default_draft = if problem.form == "measure" || problem.form == "evaluation" {
        problem.draft.clone()
    } else {
        fresh_draft(EntryKind::Measure, user, &view)
    };
    let types = if candidates.is_empty() {
        Vec::new()
    } else {
        access.measure_types().await?
    };
    let choices = form_choices(&tr, &view, &candidates, &types, &default_draft);
    let problem_elsewhere = !problem.message.is_empty()
        && !problem_at_form(&problem.form, &view, is_holder, is_offered, &choices);
    let measures = measure_lines(&view, &view.measures, today);
    let overdue = measures.iter().filter(|m| m.overdue).count();
    let feedback = crate::views::feedback::panel::panel(
        state,
        &tr,
        user,
        &view.child.id,
        crate::views::feedback::panel::LinkedTo::Log(&view.id),
        Some(view.holder_unit.id.as_str()),
    )
    .await?;
    let page = LogPage {
        meetings,
        feedback,
        emergency,
        withheld: super::display::withheld_notice(&tr, &view),
        child_name: format!("{} {}", view.child.given_name, view.child.family_name),
        opened_at: moment(view.opened_at_ms),
        closed_at: view
            .closed
            .as_ref()
            .map(|c| moment(c.at_ms))
            .unwrap_or_default(),
        closing_reason: view
            .closed
            .as_ref()
            .map(|c| tr.t(&c.reason.message_key()))
            .unwrap_or_default(),
        offered_at: view
            .offer
            .as_ref()
            .map(|o| moment(o.offered_at_ms))
            .unwrap_or_default(),
        lines: event_lines(&tr, &view),
        fam: FamilyForm::new(
            &tr,
            if problem.form == "level" {
                problem.family.clone()
            } else {
                FamilyInformedDraft::default()
            },
        ),
        duty_to_report: is_open && duty_to_report(&view),
        overdue,
        level_label: tr.t_with("log-level-n", &[("level", view.level.number().to_string())]),
        overdue_label: tr.t_with("log-overdue-count", &[("count", overdue.to_string())]),
        offer_label: view
            .offer
            .as_ref()
            .map(|o| {
                tr.t_with(
                    "log-offer-waiting",
                    &[
                        ("name", o.to.name.clone()),
                        ("unit", o.to_unit.name.clone()),
                    ],
                )
            })
            .unwrap_or_default(),
        answer_intro: view
            .offer
            .as_ref()
            .map(|o| {
                tr.t_with(
                    "answer-intro",
                    &[
                        ("name", view.holder.name.clone()),
                        ("unit", o.to_unit.name.clone()),
                    ],
                )
            })
            .unwrap_or_default(),
        measures,
        is_holder,
        is_offered,
        is_open,
        reassess: view.level.reassess_holder(),
        forms,
        choices,
        levels: [1u8, 2, 3]
            .iter()
            .filter(|l| **l != view.level.number())
            .map(|l| {
                Choice::new(
                    &l.to_string(),
                    tr.t_with("log-level-n", &[("level", l.to_string())]),
                    false,
                )
            })
            .collect(),
        candidates: candidates
            .iter()
            .filter(|c| c.staff.id != user.actor.staff)
            .map(|c| {
                Choice::new(
                    &candidate_value(c),
                    format!("{} ({})", c.staff.name, c.unit.name),
                    false,
                )
            })
            .collect(),
        checklist: ChecklistItem::ALL
            .iter()
            .map(|i| Choice::new(i.code(), tr.t(&i.message_key()), false))
            .collect(),
        closing: ClosingReason::ALL
            .iter()
            .map(|r| Choice::new(r.code(), tr.t(&r.message_key()), false))
            .collect(),
        notice,
        c: Chrome::for_user(tr, user, "my"),
        view,
        problem: problem.clone(),
        problem_elsewhere,
    };
    Ok(render(problem.status.unwrap_or(StatusCode::OK), &page))
}

/// The notices a redirect after a successful form may ask for.
const NOTICES: &[&str] = &[
    "opened",
    "entry",
    "level",
    "offered",
    "accepted",
    "declined",
    "withdrawn",
    "closed",
];

pub async fn get(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    IdPath(id): IdPath<RelayLogId>,
    Query(done): Query<Done>,
) -> AppResult<Response> {
    let notice = NOTICES
        .contains(&done.done.as_str())
        .then(|| tr.t(&format!("log-done-{}", done.done)));
    render_log(&state, tr, &user, &id, notice, Problem::default()).await
}
