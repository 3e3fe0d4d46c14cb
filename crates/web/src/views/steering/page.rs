//! `GET /steering` (every bottom line), `GET /steering/{line}` (one) and
//! `GET /steering/{line}/{table}.csv` (one table as CSV).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use ettlag_core::policy::Purpose;
use ettlag_core::steering::{AgeBand, BottomLine};
use ettlag_core::{Coded, ServiceType};
use ettlag_db::{AccessContext, Figures, SteeringFilter, now_ms};

use super::chart::{Chart, chart_of};
use super::filter::FilterQuery;
use super::outcomes::outcome_table;
use super::tables::{Table, csv as table_csv, tables};
use crate::error::{AppError, AppResult};
use crate::extractors::current_user::CurrentUser;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::layout::{Chrome, page};

/// A choice in a filter list.
#[derive(Debug)]
struct Choice {
    value: String,
    label: String,
    selected: bool,
}

/// A table with its chart and its CSV link.
#[derive(Debug)]
struct Shown {
    table: Table,
    /// Each row's label and values as text.
    rows: Vec<(String, Vec<String>)>,
    chart: Option<Chart>,
    csv: String,
}

#[derive(Debug)]
struct Line {
    code: &'static str,
    title: String,
    intro: String,
    tables: Vec<Shown>,
}

#[derive(Template)]
#[template(path = "steering/page.html")]
struct SteeringPage {
    c: Chrome,
    title: String,
    /// Whether one bottom line is shown alone.
    current: Option<&'static str>,
    /// Each bottom line's code, name, and whether it is the one shown.
    all_lines: Vec<(&'static str, String, bool)>,
    units: Vec<Choice>,
    services: Vec<Choice>,
    areas: Vec<Choice>,
    ages: Vec<Choice>,
    from: String,
    to: String,
    lines: Vec<Line>,
    /// Unit leaders see only their units: the "whole municipality" choice is theirs not.
    whole_municipality: bool,
}

/// The user's filter, with a unit leader's own unit when they name none.
fn filter_for(user: &CurrentUser, q: &FilterQuery, now: i64) -> AppResult<SteeringFilter> {
    let mut f = q.parse(now)?;
    if f.unit.is_none() && !user.offers().steer_municipality {
        f.unit = user.actor.units.first().cloned();
    }
    Ok(f)
}

async fn figures(
    state: &AppState,
    user: &CurrentUser,
    f: &SteeringFilter,
    now: i64,
) -> AppResult<Figures> {
    Ok(user
        .access(state, Purpose::Steering)
        .steering(f, now)
        .await?)
}

/// The tables of one bottom line: those of the kept counts, and under the
/// citizen line the outcomes from the families' own answers.
async fn line_tables(
    tr: &Tr,
    access: &AccessContext,
    line: BottomLine,
    figures: &Figures,
    f: &SteeringFilter,
) -> AppResult<Vec<Table>> {
    let mut out = tables(tr, line, figures);
    if line == BottomLine::Citizen {
        out.extend(outcome_table(tr, access, f).await?);
    }
    Ok(out)
}

fn shown(tr: &Tr, line: BottomLine, tables: Vec<Table>, query: &str) -> Vec<Shown> {
    let hidden = tr.t("steering-hidden");
    let total = tr.t("steering-total");
    tables
        .into_iter()
        .map(|table| Shown {
            chart: chart_of(&table, &hidden, &total),
            rows: table
                .rows
                .iter()
                .map(|r| {
                    (
                        r.label.clone(),
                        r.values.iter().map(|v| v.text(tr)).collect(),
                    )
                })
                .collect(),
            csv: format!("/steering/{}/{}.csv?{query}", line.code(), table.id),
            table,
        })
        .collect()
}

async fn render(
    state: AppState,
    tr: Tr,
    user: CurrentUser,
    q: FilterQuery,
    only: Option<BottomLine>,
) -> AppResult<Response> {
    let now = now_ms();
    let f = filter_for(&user, &q, now)?;
    let figures = figures(&state, &user, &f, now).await?;
    let access = user.access(&state, Purpose::Steering);
    let whole_municipality = user.offers().steer_municipality;
    let units = access
        .units()
        .await?
        .into_iter()
        .filter(|u| whole_municipality || user.actor.units.contains(&u.id))
        .map(|u| Choice {
            selected: f.unit.as_ref() == Some(&u.id),
            value: u.id.as_str().to_string(),
            label: u.name,
        })
        .collect();
    let services = ServiceType::ALL
        .iter()
        .map(|t| Choice {
            value: t.code().to_string(),
            label: tr.t(&t.message_key()),
            selected: f.service_type == Some(*t),
        })
        .collect();
    let areas = access
        .steering_areas()
        .await?
        .into_iter()
        .map(|a| Choice {
            selected: f.area.as_deref() == Some(a.as_str()),
            label: a.clone(),
            value: a,
        })
        .collect();
    let ages = AgeBand::ALL
        .iter()
        .map(|a| Choice {
            value: a.code().to_string(),
            label: tr.t(&a.message_key()),
            selected: f.age == Some(*a),
        })
        .collect();
    let query = q.query_string(&f);
    let mut lines = Vec::new();
    for l in BottomLine::ALL
        .into_iter()
        .filter(|l| only.is_none_or(|o| o == *l))
    {
        let tables = line_tables(&tr, &access, l, &figures, &f).await?;
        lines.push(Line {
            code: l.code(),
            title: tr.t(&l.message_key()),
            intro: tr.t(&format!("{}-intro", l.message_key())),
            tables: shown(&tr, l, tables, &query),
        });
    }
    let title = match only {
        Some(l) => tr.t(&l.message_key()),
        None => tr.t("steering-title"),
    };
    Ok(page(&SteeringPage {
        title,
        current: only.map(BottomLine::code),
        all_lines: BottomLine::ALL
            .iter()
            .map(|l| (l.code(), tr.t(&l.message_key()), only == Some(*l)))
            .collect(),
        units,
        services,
        areas,
        ages,
        from: f.period.from().to_string(),
        to: f.period.to().to_string(),
        lines,
        whole_municipality,
        c: Chrome::for_user(tr, &user, "steering"),
    }))
}

pub async fn overview(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    Query(q): Query<FilterQuery>,
) -> AppResult<Response> {
    render(state, tr, user, q, None).await
}

pub async fn line(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    Path(line): Path<String>,
    Query(q): Query<FilterQuery>,
) -> AppResult<Response> {
    let line = BottomLine::from_code(&line).ok_or(AppError::NotFound)?;
    render(state, tr, user, q, Some(line)).await
}

pub async fn csv(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    Path((line, file)): Path<(String, String)>,
    Query(q): Query<FilterQuery>,
) -> AppResult<Response> {
    let line = BottomLine::from_code(&line).ok_or(AppError::NotFound)?;
    let id = file.strip_suffix(".csv").ok_or(AppError::NotFound)?;
    let now = now_ms();
    let f = filter_for(&user, &q, now)?;
    let figures = figures(&state, &user, &f, now).await?;
    let access = user.access(&state, Purpose::Steering);
    let table = line_tables(&tr, &access, line, &figures, &f)
        .await?
        .into_iter()
        .find(|t| t.id == id)
        .ok_or(AppError::NotFound)?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"steering-{}-{}.csv\"",
                    line.code(),
                    table.id
                ),
            ),
        ],
        table_csv(&tr, &table),
    )
        .into_response())
}
