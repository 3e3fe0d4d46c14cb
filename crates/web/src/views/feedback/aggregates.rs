//! `GET /feedback/aggregates?pack=…&scale=…`: leaders' outcome aggregates
//! per municipality, service type and unit: the pre–post effect size and the
//! four outcome shares, each with N and a 95 % interval; a group below the
//! minimum N shows only that it is hidden.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use ettlag_core::Coded;
use ettlag_core::feedback::{EffectSize, Share};
use ettlag_core::policy::Purpose;
use ettlag_db::AggregateLevel;
use serde::Deserialize;

use crate::error::AppResult;
use crate::extractors::current_user::CurrentUser;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::layout::{Chrome, render};

#[derive(Debug, Deserialize)]
pub struct Which {
    #[serde(default)]
    pack: String,
    #[serde(default)]
    scale: String,
}

pub(super) struct Line {
    pub group: String,
    /// `None` when hidden below the minimum N.
    pub cells: Option<Vec<String>>,
}

#[derive(Template)]
#[template(path = "feedback/aggregates.html")]
struct AggregatesPage {
    c: Chrome,
    pack: String,
    scale: String,
    min_n: usize,
    lines: Vec<Line>,
}

fn percent(tr: &Tr, permille: u16) -> String {
    let sep = if tr.code() == "en" { '.' } else { ',' };
    format!("{}{sep}{} %", permille / 10, permille % 10)
}

fn share(tr: &Tr, s: &Share) -> String {
    format!(
        "{} / {} ({}; {}–{})",
        s.count,
        s.n,
        percent(tr, s.permille()),
        percent(tr, s.lower_permille),
        percent(tr, s.upper_permille)
    )
}

fn hundredths(tr: &Tr, v: i32) -> String {
    let sep = if tr.code() == "en" { '.' } else { ',' };
    let sign = if v < 0 { "−" } else { "" };
    let v = v.unsigned_abs();
    format!("{sign}{}{sep}{:02}", v / 100, v % 100)
}

fn effect(tr: &Tr, d: Option<&EffectSize>) -> String {
    match d {
        Some(d) => format!(
            "{} ({}–{}), N = {}",
            hundredths(tr, d.hundredths),
            hundredths(tr, d.lower_hundredths),
            hundredths(tr, d.upper_hundredths),
            d.n
        ),
        None => "–".into(),
    }
}

pub async fn get(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    Query(which): Query<Which>,
) -> AppResult<Response> {
    let pack = if which.pack.is_empty() {
        "ettlag-plain".to_string()
    } else {
        which.pack
    };
    let scale = if which.scale.is_empty() {
        "going".to_string()
    } else {
        which.scale
    };
    let access = user.access(&state, Purpose::FollowUp);
    let (min_n, found) = access.feedback_aggregates(&pack, &scale).await?;
    let lines = found
        .iter()
        .map(|l| Line {
            group: match &l.level {
                AggregateLevel::Municipality => tr.t("feedback-level-municipality"),
                AggregateLevel::Service(s) => tr.t(&s.message_key()),
                AggregateLevel::Unit(_) => l.name.clone(),
            },
            cells: l.aggregate.as_ref().map(|a| {
                vec![
                    a.n.to_string(),
                    effect(&tr, a.effect_size.as_ref()),
                    share(&tr, &a.recovered),
                    share(&tr, &a.reliably_improved),
                    share(&tr, &a.unchanged),
                    share(&tr, &a.deteriorated),
                ]
            }),
        })
        .collect();
    let page = AggregatesPage {
        pack,
        scale,
        min_n,
        lines,
        c: Chrome::for_user(tr, &user, ""),
    };
    Ok(render(StatusCode::OK, &page))
}
