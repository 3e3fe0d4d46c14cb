//! "Our log": the child's relay log as the family reads it, in plain
//! words — the level, who holds the baton and how to reach them, the goals,
//! what is done, how it went, the coming meetings, what is written, and
//! what is not shown (by category only). What the family may see of each
//! part is decided in the store (`ettlag_db::CitizenAccess::family_log`).

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use ettlag_core::PersonId;
use ettlag_db::{Contact, FamilyLog, Member};

use super::plain_words::{entry_kind, outcome, withheld};
use super::{CitizenUser, PortalChrome};
use crate::error::{AppError, AppResult};
use crate::extractors::id_path::IdPath;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::layout::page;
use crate::views::time::day;

/// A line of text under a heading, with the day it was written.
pub(super) struct TextLine {
    pub heading: String,
    pub day: String,
    pub text: String,
}

pub(super) struct MeasureLine {
    pub what: String,
    pub who: String,
    pub due: String,
}

/// The log in the words the page shows.
pub(super) struct LogLines {
    pub level: String,
    pub level_words: String,
    pub opened: String,
    pub closed: Option<String>,
    pub holder: Option<Contact>,
    pub goals: Vec<TextLine>,
    pub measures: Vec<MeasureLine>,
    pub evaluations: Vec<TextLine>,
    pub entries: Vec<TextLine>,
    pub withheld: Vec<String>,
}

#[derive(Template)]
#[template(path = "portal/log.html")]
struct LogPage {
    c: PortalChrome,
    member: Member,
    log: Option<LogLines>,
    meetings: Vec<super::meetings::MeetingLine>,
}

pub async fn log(
    State(state): State<AppState>,
    tr: Tr,
    user: CitizenUser,
    IdPath(id): IdPath<PersonId>,
) -> AppResult<Response> {
    let access = user.access(&state);
    let member = access.member(&id).await?;
    if !member.sees_details {
        return Err(AppError::NotFound);
    }
    let log = access.family_log(&id).await?.map(|l| lines(tr, l));
    let meetings = super::meetings::lines(&access, tr, &member).await?;
    Ok(page(&LogPage {
        c: PortalChrome::for_citizen(tr, &user),
        member,
        log,
        meetings,
    }))
}

fn when(at_ms: i64) -> String {
    day(ettlag_core::Day::from_ms(at_ms))
}

fn lines(tr: Tr, log: FamilyLog) -> LogLines {
    let number = log.level.number();
    let measures = log
        .measures
        .iter()
        .map(|m| MeasureLine {
            what: m.what.clone(),
            who: tr.t_with(
                "portal-log-measure-who",
                &[("name", m.responsible.clone()), ("unit", m.unit.clone())],
            ),
            due: if m.ended {
                tr.t("portal-log-measure-ended")
            } else {
                tr.t_with("portal-log-measure-due", &[("day", day(m.evaluate_by))])
            },
        })
        .collect();
    let evaluations = log
        .evaluations
        .iter()
        .map(|e| {
            let mut text = format!("{} {}", outcome(tr, e.outcome), e.learned);
            if let Some(next) = e.next {
                text = format!(
                    "{text} {}",
                    tr.t_with("portal-log-next", &[("day", day(next))])
                );
            }
            TextLine {
                heading: e.measure.clone(),
                day: when(e.at_ms),
                text,
            }
        })
        .collect();
    let text_line = |e: &ettlag_db::FamilyEntry| TextLine {
        heading: entry_kind(tr, e.kind),
        day: when(e.at_ms),
        text: e.text.clone(),
    };
    LogLines {
        level: tr.t_with("portal-log-level", &[("level", number.to_string())]),
        level_words: tr.t(&format!("portal-log-level-{number}")),
        opened: tr.t_with("portal-log-opened", &[("day", when(log.opened_at_ms))]),
        closed: log
            .closed_at_ms
            .map(|at| tr.t_with("portal-log-closed", &[("day", when(at))])),
        holder: log.holder,
        goals: log.goals.iter().map(text_line).collect(),
        measures,
        evaluations,
        entries: log.entries.iter().map(text_line).collect(),
        withheld: log.withheld.iter().map(|c| withheld(tr, *c)).collect(),
    }
}
