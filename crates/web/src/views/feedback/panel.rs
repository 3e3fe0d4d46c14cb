//! The person's feedback where the work happens: a compact panel on the
//! relay log page and the plan page (a small graph per scale of the current
//! episode, its alerts, a link to the episode, and a form to start an
//! episode linked to that log or plan), and a one-line summary on the
//! child's page. Everything is read through the access context, so the
//! feedback policy decides and the read is audited; when the policy says no,
//! the panel is simply not there.

use ettlag_core::PersonId;
use ettlag_core::policy::Purpose;
use ettlag_db::{AccessContext, DbError, EpisodeLine};

use super::episode::scales;
use super::graph::Size;
use crate::error::AppResult;
use crate::extractors::current_user::CurrentUser;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::form::Choice;

/// What a panel is shown on: the episode started from it is linked to it.
#[derive(Clone, Copy)]
pub enum LinkedTo<'a> {
    Log(&'a str),
    Plan(&'a str),
}

/// One scale of the current episode, drawn small.
pub struct PanelScale {
    pub name: String,
    pub svg: String,
    pub alerts: Vec<String>,
}

/// The panel on a relay log or plan page.
pub struct Panel {
    pub person_id: String,
    /// The form field that links a started episode ("log" or "plan") and its value.
    pub link_field: &'static str,
    pub link_id: String,
    /// The current episode: the open one started from this page, else the
    /// person's newest open one.
    pub episode_id: Option<String>,
    pub episode_unit: String,
    pub scales: Vec<PanelScale>,
    /// The staff member's units, the one in charge here chosen.
    pub units: Vec<Choice>,
    pub packs: Vec<Choice>,
}

/// The person's episodes, or `None` when the policy keeps them from the
/// reader (the refusal is audited by the store).
async fn episodes(
    access: &AccessContext,
    person: &PersonId,
) -> AppResult<Option<Vec<EpisodeLine>>> {
    match access.feedback_episodes_of(person).await {
        Ok(lines) => Ok(Some(lines)),
        Err(DbError::NotFound | DbError::Forbidden) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// The summary on the child's page: counts only, audited as a list read.
pub async fn summary(
    state: &AppState,
    user: &CurrentUser,
    person: &PersonId,
) -> AppResult<Option<ettlag_db::FeedbackSummary>> {
    Ok(user
        .access(state, Purpose::FollowUp)
        .feedback_summary(person)
        .await?)
}

/// The panel for a relay log or plan page. `in_charge` is the unit the
/// start form chooses when the staff member works there (the baton holder's
/// unit on a relay log).
pub async fn panel(
    state: &AppState,
    tr: &Tr,
    user: &CurrentUser,
    person: &PersonId,
    linked: LinkedTo<'_>,
    in_charge: Option<&str>,
) -> AppResult<Option<Panel>> {
    let access = user.access(state, Purpose::FollowUp);
    let Some(lines) = episodes(&access, person).await? else {
        return Ok(None);
    };
    let (link_field, link_id) = match linked {
        LinkedTo::Log(id) => ("log", id),
        LinkedTo::Plan(id) => ("plan", id),
    };
    let is_linked = |l: &EpisodeLine| match linked {
        LinkedTo::Log(id) => l.log_id.as_deref() == Some(id),
        LinkedTo::Plan(id) => l.plan_id.as_deref() == Some(id),
    };
    let open = || lines.iter().rev().filter(|l| l.ended_at_ms.is_none());
    let current = open().find(|l| is_linked(l)).or_else(|| open().next());
    let mut shown = Vec::new();
    if let Some(line) = current {
        let (e, pack) = access.feedback_episode(&line.id).await?;
        shown = scales(tr, &e, &pack, Size::Compact)
            .into_iter()
            .filter(|s| !s.rows.is_empty())
            .map(|s| PanelScale {
                name: s.name,
                svg: s.svg,
                alerts: s.alerts,
            })
            .collect();
    }
    let (units, packs) = start_choices(state, &access, user, in_charge).await?;
    Ok(Some(Panel {
        person_id: person.to_string(),
        link_field,
        link_id: link_id.to_string(),
        episode_id: current.map(|l| l.id.to_string()),
        episode_unit: current.map(|l| l.unit_name.clone()).unwrap_or_default(),
        scales: shown,
        units,
        packs,
    }))
}

/// The choices of the form that starts an episode: the staff member's own
/// units (`in_charge` chosen when it is one of them) and the packs.
pub(super) async fn start_choices(
    state: &AppState,
    access: &AccessContext,
    user: &CurrentUser,
    in_charge: Option<&str>,
) -> AppResult<(Vec<Choice>, Vec<Choice>)> {
    let mine = &user.actor.units;
    let units = access
        .units()
        .await?
        .into_iter()
        .filter(|u| mine.contains(&u.id))
        .map(|u| {
            let chosen = in_charge == Some(u.id.as_str());
            Choice::new(u.id.as_str(), u.name, chosen)
        })
        .collect();
    let mut packs: Vec<Choice> = Vec::new();
    for p in user.access(state, Purpose::Administration).packs().await? {
        if !packs.iter().any(|c| c.value == p.pack_id) {
            packs.push(Choice::new(&p.pack_id, p.name_nb.clone(), false));
        }
    }
    Ok((units, packs))
}
