//! The family page (who is in our family here) and one member's page: who
//! follows us up and how to reach them, and our plan and goals.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use ettlag_core::PersonId;
use ettlag_db::Member;

use super::plain_words::contact_role;
use super::{CitizenUser, PortalChrome};
use crate::error::AppResult;
use crate::extractors::id_path::IdPath;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::layout::page;
use crate::views::time::day;

#[derive(Template)]
#[template(path = "portal/family.html")]
struct FamilyPage {
    c: PortalChrome,
    members: Vec<Member>,
}

pub async fn family(
    State(state): State<AppState>,
    tr: Tr,
    user: CitizenUser,
) -> AppResult<Response> {
    let members = user.access(&state).family().await?;
    Ok(page(&FamilyPage {
        c: PortalChrome::for_citizen(tr, &user),
        members,
    }))
}

/// A contact as the page shows it.
pub(super) struct ContactLine {
    pub role: String,
    pub name: String,
    pub units: String,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// A goal in the plan, in the words staff and family wrote.
pub(super) struct GoalLine {
    pub master: String,
    pub by: String,
    pub know_by: String,
}

pub(super) struct PlanLines {
    pub what_matters: String,
    pub goals: Vec<GoalLine>,
}

#[derive(Template)]
#[template(path = "portal/member.html")]
struct MemberPage {
    c: PortalChrome,
    member: Member,
    contacts: Vec<ContactLine>,
    plan: Option<PlanLines>,
    meetings: Vec<super::meetings::MeetingLine>,
    forms: Vec<super::feedback::FormLink>,
}

pub async fn member(
    State(state): State<AppState>,
    tr: Tr,
    user: CitizenUser,
    IdPath(id): IdPath<PersonId>,
) -> AppResult<Response> {
    let access = user.access(&state);
    let member = access.member(&id).await?;
    let contacts = access
        .who_follows_up(&id)
        .await?
        .into_iter()
        .map(|c| ContactLine {
            role: contact_role(tr, c.role),
            name: c.name,
            units: c.units.join(", "),
            email: c.email,
            phone: c.phone,
        })
        .collect();
    let plan = if member.sees_details {
        access.plan(&id).await?.map(|p| PlanLines {
            what_matters: p.what_matters.to_string(),
            goals: p
                .goals
                .iter()
                .map(|g| GoalLine {
                    master: g.master.to_string(),
                    by: day(g.by),
                    know_by: g.know_by.to_string(),
                })
                .collect(),
        })
    } else {
        None
    };
    let meetings = if member.sees_details {
        super::meetings::lines(&access, tr, &member).await?
    } else {
        Vec::new()
    };
    let forms = if member.decides {
        super::feedback::links(&access, tr, &member).await?
    } else {
        Vec::new()
    };
    Ok(page(&MemberPage {
        c: PortalChrome::for_citizen(tr, &user),
        member,
        contacts,
        plan,
        meetings,
        forms,
    }))
}
