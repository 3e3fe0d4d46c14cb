//! `GET /admin/areas` puts units in areas (districts, school networks) for
//! the leaders' filters: the units whose name holds the search, each with
//! its area; `POST /admin/areas/{unit}` sets one, or none. A unit's counts
//! move with it in the same transaction.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::response::Response;
use ettlag_core::UnitId;
use ettlag_db::DbError;
use serde::Deserialize;

use super::{PURPOSE, require_admin};
use crate::error::{AppError, AppResult};
use crate::extractors::current_user::CurrentUser;
use crate::extractors::id_path::IdPath;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::form::{Errors, Fields, notice, see_other, status_of};
use crate::views::layout::{Chrome, render};

/// The most units shown at once; the search narrows a long list.
const SHOWN: usize = 100;

#[derive(Debug)]
struct Line {
    id: String,
    name: String,
    area: String,
}

#[derive(Template)]
#[template(path = "admin/areas.html")]
struct AreasPage {
    c: Chrome,
    section: &'static str,
    notice: Option<String>,
    errors: Errors,
    q: String,
    lines: Vec<Line>,
    /// "Showing 100 of 412 units", when not all are shown.
    more: Option<String>,
    areas: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct AreasQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    done: String,
}

async fn show(
    state: &AppState,
    tr: Tr,
    user: &CurrentUser,
    q: String,
    notice: Option<String>,
    errors: Errors,
    typed: Option<(String, String)>,
) -> AppResult<Response> {
    let access = user.access(state, PURPOSE);
    let (units, total) = access.unit_areas(&q, SHOWN).await?;
    let areas = access.steering_areas().await?;
    let lines: Vec<Line> = units
        .into_iter()
        .map(|(id, name, area)| {
            let area = match &typed {
                Some((unit, value)) if unit == id.as_str() => value.clone(),
                _ => area.unwrap_or_default(),
            };
            Line {
                id: id.to_string(),
                name,
                area,
            }
        })
        .collect();
    let more = (total > lines.len()).then(|| {
        tr.t_with(
            "admin-areas-more",
            &[
                ("shown", lines.len().to_string()),
                ("total", total.to_string()),
            ],
        )
    });
    Ok(render(
        status_of(&errors),
        &AreasPage {
            c: Chrome::for_user(tr, user, "admin"),
            section: "areas",
            notice,
            errors,
            q,
            lines,
            more,
            areas,
        },
    ))
}

pub async fn get(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    Query(query): Query<AreasQuery>,
) -> AppResult<Response> {
    require_admin(&state, &user).await?;
    let notice = notice(&tr, &query.done, &["area"]);
    let q: String = query.q.trim().chars().take(100).collect();
    show(&state, tr, &user, q, notice, Errors::default(), None).await
}

pub async fn post(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    IdPath(unit): IdPath<UnitId>,
    body: Bytes,
) -> AppResult<Response> {
    require_admin(&state, &user).await?;
    let fields = Fields::parse(&body)?;
    let area = fields.get("area");
    let q = fields.get("q");
    match user
        .access(&state, PURPOSE)
        .set_unit_area(&unit, Some(area.as_str()))
        .await
    {
        Ok(()) => Ok(see_other("/admin/areas", &[("q", &q), ("done", "area")])),
        Err(DbError::NotFound) => Err(AppError::NotFound),
        Err(DbError::Refused(key)) => {
            let mut errors = Errors::default();
            errors.add("areas-h", tr.t(key));
            let typed = Some((unit.to_string(), area));
            show(&state, tr, &user, q, None, errors, typed).await
        }
        Err(e) => Err(e.into()),
    }
}
