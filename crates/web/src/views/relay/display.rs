//! A relay log as people read it: every event as a line with a title, the
//! text, and the facts that go with it, in the reader's language.

use ettlag_core::Coded;
use ettlag_core::relay::{ConcernDecision, Entry, Event, MeasureStatus};
use ettlag_db::{Concern, LogLine, RelayLogView};

use super::family::family_sentence;
use crate::i18n::Tr;
use crate::views::time::{day, moment};

/// One event of the timeline as shown.
#[derive(Debug, Clone)]
pub struct EventLine {
    pub id: String,
    pub when: String,
    pub who: String,
    pub title: String,
    /// The main text, shown with its line breaks.
    pub text: String,
    pub facts: Vec<(String, String)>,
    /// The entry's code (goal, measure, …) or the event's (level_changed, …).
    pub kind: &'static str,
    pub superseded_by: Option<String>,
    pub supersedes: Option<String>,
    pub correctable: bool,
    /// For health or school information: who may read it.
    pub category: Option<String>,
    /// The family was not told because violence or abuse is suspected: the
    /// duty to report applies, and the line says so.
    pub duty_to_report: bool,
}

/// A measure with its next evaluation, as shown.
#[derive(Debug, Clone)]
pub struct MeasureLine {
    pub id: String,
    pub what: String,
    /// The measure type's name; empty without a type.
    pub measure_type: String,
    pub responsible: String,
    pub due: String,
    pub overdue: bool,
    pub ended: bool,
}

pub fn areas(tr: &Tr, areas: &[ettlag_core::relay::DevelopmentArea]) -> String {
    areas
        .iter()
        .map(|a| tr.t(&a.message_key()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The text of the measure an evaluation is about.
fn measure_text(view: &RelayLogView, id: &str) -> String {
    view.events
        .iter()
        .find_map(|e| match (&e.event, e.id == id) {
            (
                Event::Entry {
                    entry: Entry::Measure { what, .. },
                    ..
                },
                true,
            ) => Some(what.to_string()),
            _ => None,
        })
        .unwrap_or_default()
}

pub fn event_lines(tr: &Tr, view: &RelayLogView) -> Vec<EventLine> {
    view.events
        .iter()
        .map(|e| {
            let mut line = EventLine {
                id: e.id.clone(),
                when: moment(e.at_ms),
                who: e.by.name.clone(),
                title: String::new(),
                text: String::new(),
                facts: Vec::new(),
                kind: "",
                superseded_by: e.superseded_by.clone(),
                supersedes: e.supersedes.clone(),
                correctable: false,
                category: None,
                duty_to_report: false,
            };
            describe(tr, view, &e.event, &mut line);
            describe_family(tr, &e.event, &mut line);
            line
        })
        .collect()
}

/// What was recorded about telling the family, for an opening or a level
/// change, as a fact in plain words.
fn describe_family(tr: &Tr, event: &Event, line: &mut EventLine) {
    if let Some(family) = event.family_informed() {
        line.facts
            .push((tr.t("family-fact"), family_sentence(tr, family)));
        line.duty_to_report = family.duty_to_report();
    }
}

fn describe(tr: &Tr, view: &RelayLogView, event: &Event, line: &mut EventLine) {
    let fact = |line: &mut EventLine, key: &str, value: String| {
        if !value.is_empty() {
            line.facts.push((tr.t(key), value));
        }
    };
    match event {
        Event::Opened {
            level,
            holder,
            holder_unit,
            ..
        } => {
            line.kind = "opened";
            line.title = tr.t_with("event-opened", &[("level", level.number().to_string())]);
            fact(
                line,
                "log-holder",
                format!(
                    "{} ({})",
                    view.staff_name(holder),
                    view.unit_name(holder_unit)
                ),
            );
        }
        Event::Entry {
            entry, category, ..
        } => {
            line.kind = entry.kind().code();
            line.title = tr.t(&entry.kind().message_key());
            if !category.is_relay_log() {
                line.category = Some(tr.t(&format!("entry-kept-{}", category.code())));
            }
            line.correctable = view.closed.is_none() && line.superseded_by.is_none();
            describe_entry(tr, view, entry, line);
        }
        Event::LevelChanged { change, .. } => {
            line.kind = "level_changed";
            line.title = tr.t_with(
                "event-level-changed",
                &[
                    ("from", change.from.number().to_string()),
                    ("to", change.to.number().to_string()),
                ],
            );
            line.text = change.reason.clone();
        }
        Event::BatonOffered {
            to,
            to_unit,
            family_wish,
            transition,
        } => {
            line.kind = "baton_offered";
            line.title = tr.t_with(
                if transition.is_some() {
                    "event-transition-offered"
                } else {
                    "event-baton-offered"
                },
                &[
                    ("name", view.staff_name(to)),
                    ("unit", view.unit_name(to_unit)),
                ],
            );
            if let Some(w) = family_wish {
                fact(line, "offer-family-wish", w.to_string());
            }
            if let Some(t) = transition {
                let done: Vec<String> = t.done.iter().map(|i| tr.t(&i.message_key())).collect();
                let missing: Vec<String> =
                    t.missing().iter().map(|i| tr.t(&i.message_key())).collect();
                fact(line, "transition-done", done.join(", "));
                fact(line, "transition-missing", missing.join(", "));
                if let Some(note) = &t.note {
                    line.text = note.to_string();
                }
            }
        }
        Event::BatonAccepted => {
            line.kind = "baton_accepted";
            line.title = tr.t_with("event-baton-accepted", &[("name", line.who.clone())]);
        }
        Event::BatonDeclined { reason } => {
            line.kind = "baton_declined";
            line.title = tr.t_with("event-baton-declined", &[("name", line.who.clone())]);
            line.text = reason.as_ref().map(|r| r.to_string()).unwrap_or_default();
        }
        Event::BatonWithdrawn => {
            line.kind = "baton_withdrawn";
            line.title = tr.t("event-baton-withdrawn");
        }
        Event::Closed { reason, note } => {
            line.kind = "closed";
            line.title = tr.t_with("event-closed", &[("reason", tr.t(&reason.message_key()))]);
            line.text = note.as_ref().map(|n| n.to_string()).unwrap_or_default();
        }
        Event::BatonReturned {
            to,
            to_unit,
            from,
            from_unit,
            reason,
        } => {
            line.kind = "baton_returned";
            line.title = tr.t_with(
                "event-baton-returned",
                &[
                    ("name", view.staff_name(to)),
                    ("unit", view.unit_name(to_unit)),
                ],
            );
            line.text = tr.t_with(
                &reason.message_key(),
                &[
                    ("name", view.staff_name(from)),
                    ("unit", view.unit_name(from_unit)),
                ],
            );
        }
        Event::OfferEnded {
            to,
            to_unit,
            reason,
        } => {
            line.kind = "offer_ended";
            line.title = tr.t("event-offer-ended");
            line.text = tr.t_with(
                &reason.message_key(),
                &[
                    ("name", view.staff_name(to)),
                    ("unit", view.unit_name(to_unit)),
                ],
            );
        }
    }
}

fn describe_entry(tr: &Tr, view: &RelayLogView, entry: &Entry, line: &mut EventLine) {
    let mut fact = |key: &str, value: String| {
        if !value.is_empty() {
            line.facts.push((tr.t(key), value));
        }
    };
    match entry {
        Entry::Concern {
            text,
            areas: a,
            since,
        } => {
            fact("entry-areas", areas(tr, a));
            fact("entry-since", since.map(day).unwrap_or_default());
            line.text = text.to_string();
        }
        Entry::Goal { text, areas: a } => {
            fact("entry-areas", areas(tr, a));
            line.text = text.to_string();
        }
        Entry::Measure {
            what,
            responsible,
            responsible_unit,
            start,
            evaluate_by,
            goal,
            measure_type,
        } => {
            if let Some(code) = measure_type {
                fact("entry-measure-type", view.measure_type_name(code));
            }
            fact(
                "entry-responsible",
                format!(
                    "{} ({})",
                    view.staff_name(responsible),
                    view.unit_name(responsible_unit)
                ),
            );
            fact("entry-start", day(*start));
            fact("entry-evaluate-by", day(*evaluate_by));
            if let Some(goal) = goal {
                fact("entry-goal", goal_text(view, goal));
            }
            line.text = what.to_string();
        }
        Entry::Evaluation {
            measure,
            outcome,
            learned,
            next_evaluation,
        } => {
            fact("entry-measure", measure_text(view, measure));
            fact("entry-outcome", tr.t(&outcome.message_key()));
            fact(
                "entry-next-evaluation",
                next_evaluation.map(day).unwrap_or_default(),
            );
            line.text = learned.to_string();
        }
        Entry::Agreement { text } | Entry::Observation { text } => {
            line.text = text.to_string();
        }
        Entry::Participant { unit, task } => {
            fact("entry-unit", view.unit_name(unit));
            line.text = task.to_string();
        }
        Entry::FamilyNote { who, text } => {
            fact("entry-who", who.to_string());
            line.text = text.to_string();
        }
    }
}

fn goal_text(view: &RelayLogView, id: &str) -> String {
    view.events
        .iter()
        .find_map(|e| match (&e.event, e.id == id) {
            (
                Event::Entry {
                    entry: Entry::Goal { text, .. },
                    ..
                },
                true,
            ) => Some(text.to_string()),
            _ => None,
        })
        .unwrap_or_default()
}

pub fn measure_lines(
    view: &RelayLogView,
    measures: &[MeasureStatus],
    today: ettlag_core::Day,
) -> Vec<MeasureLine> {
    measures
        .iter()
        .map(|m| MeasureLine {
            id: m.id.clone(),
            what: m.what.to_string(),
            measure_type: m
                .measure_type
                .as_ref()
                .map(|c| view.measure_type_name(c))
                .unwrap_or_default(),
            responsible: format!(
                "{} ({})",
                view.staff_name(&m.responsible),
                view.unit_name(&m.responsible_unit)
            ),
            due: day(m.due),
            overdue: !m.ended && m.due < today,
            ended: m.ended,
        })
        .collect()
}

/// The follow-up section of a child's page: the open log, earlier logs, and
/// concerns.
#[derive(Debug, Clone, Default)]
pub struct CaseSection {
    pub open: Option<LogLine>,
    pub closed: Vec<(LogLine, String)>,
    /// (concern, the status line shown with it).
    pub concerns: Vec<(Concern, String)>,
    /// The actor works with the child and may raise a concern.
    pub can_raise: bool,
    /// The actor knows the child through their work and may report to child
    /// welfare: the child is in their unit, or they hold its log or raised a
    /// concern about it.
    pub can_report: bool,
}

impl CaseSection {
    pub fn new(tr: &Tr, logs: Vec<LogLine>, concerns: Vec<Concern>, now_ms: i64) -> CaseSection {
        let mut section = CaseSection::default();
        for log in logs {
            if log.closed_at_ms.is_none() && section.open.is_none() {
                section.open = Some(log);
            } else {
                let when = log.closed_at_ms.map(moment).unwrap_or_default();
                section.closed.push((log, when));
            }
        }
        for c in concerns {
            let status = concern_status(tr, &c, now_ms);
            section.concerns.push((c, status));
        }
        section
    }
}

/// "Decide within 3 days", "Overdue by 2 days", or what was decided.
pub fn concern_status(tr: &Tr, c: &Concern, now_ms: i64) -> String {
    match &c.decision {
        Some(outcome) => {
            let what = match outcome.decision {
                ConcernDecision::Close => tr.t("concern-decided-close"),
                ConcernDecision::ReportToChildWelfare => tr.t("concern-decided-report"),
                ConcernDecision::StartLog(level) => tr.t_with(
                    "concern-decided-log",
                    &[("level", level.number().to_string())],
                ),
            };
            format!("{what} ({})", moment(outcome.at_ms))
        }
        None => {
            let clock = ettlag_core::relay::ConcernClock {
                raised_at_ms: c.raised_at_ms,
                deadline_ms: c.deadline_ms,
            };
            let days = clock.days_left(now_ms);
            if clock.is_overdue(now_ms) {
                tr.t_with("concern-overdue", &[("days", (-days).max(1).to_string())])
            } else {
                tr.t_with("concern-days-left", &[("days", days.to_string())])
            }
        }
    }
}

/// What the reader is told about entries kept from them: how many, of
/// which kind of information, and why. `None` when nothing is withheld.
pub fn withheld_notice(tr: &Tr, view: &RelayLogView) -> Option<String> {
    if view.withheld.is_empty() {
        return None;
    }
    let mut kinds: Vec<String> = view
        .withheld
        .iter()
        .map(|w| tr.t(&w.category.message_key()))
        .collect();
    kinds.sort();
    kinds.dedup();
    Some(tr.t_with(
        "log-withheld",
        &[
            ("count", view.withheld.len().to_string()),
            ("categories", kinds.join(", ")),
        ],
    ))
}
