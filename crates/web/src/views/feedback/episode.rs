//! `GET /feedback/{id}`: one episode, each scale with its graph and the same
//! numbers as a table, the alerts of the latest answers; the form to answer
//! in a meeting and the form to make a one-time link (`POST …/answer`,
//! `POST …/link`).

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use ettlag_core::Coded;
use ettlag_core::feedback::{Alert, Pack, Respondent, ScaleKind};
use ettlag_core::ids::EpisodeId;
use ettlag_core::policy::Purpose;
use ettlag_db::{DbError, EpisodeView, NewLink};

use super::form::{self, FormView};
use super::graph::{Graph, Size};
use super::{pack_lang, score};
use crate::error::{AppError, AppResult};
use crate::extractors::current_user::CurrentUser;
use crate::extractors::id_path::IdPath;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::form::{Choice, Done, Fields, see_other};
use crate::views::layout::{Chrome, render};
use crate::views::time::moment;

pub(super) struct Row {
    pub session: u16,
    pub when: String,
    pub respondent: String,
    pub total: String,
    pub alerts: String,
}

pub(super) struct ScaleView {
    pub id: String,
    pub name: String,
    pub svg: String,
    pub rows: Vec<Row>,
    /// The alerts of the latest answer, explained.
    pub alerts: Vec<String>,
    pub band_note: String,
}

#[derive(Template)]
#[template(path = "feedback/episode.html")]
struct EpisodePage {
    c: Chrome,
    e: EpisodeView,
    pack_name: String,
    placeholder: bool,
    started: String,
    scales: Vec<ScaleView>,
    forms: Vec<FormView>,
    scale_choices: Vec<Choice>,
    respondents: Vec<Choice>,
    new_link: Option<(String, String)>,
    notice: Option<String>,
}

/// One alert in words.
pub(crate) fn explain(tr: &Tr, pack: &Pack, scale_id: &str, alert: &Alert) -> String {
    let lang = pack_lang(tr);
    let item_name = |i: usize| {
        pack.scale(scale_id)
            .and_then(|s| s.items().get(i))
            .map(|it| it.text(lang).label.clone())
            .unwrap_or_default()
    };
    let args = match *alert {
        Alert::TotalBelow { total, threshold } => vec![
            ("total", score(tr, total)),
            ("threshold", score(tr, threshold)),
        ],
        Alert::ItemBelow {
            item,
            score: s,
            threshold,
        } => vec![
            ("item", item_name(item)),
            ("score", score(tr, s)),
            ("threshold", score(tr, threshold)),
        ],
        Alert::Drop {
            previous,
            total,
            threshold,
        } => vec![
            ("previous", score(tr, previous)),
            ("total", score(tr, total)),
            ("threshold", score(tr, threshold)),
        ],
    };
    tr.t_with(alert.message_key(), &args)
}

/// Each scale of the episode with its graph drawn at `size`, its numbers
/// and the alerts of its latest answer.
pub(super) fn scales(tr: &Tr, e: &EpisodeView, pack: &Pack, size: Size) -> Vec<ScaleView> {
    let lang = pack_lang(tr);
    pack.scales()
        .iter()
        .map(|scale| {
            let answers: Vec<_> = e
                .answers
                .iter()
                .filter(|a| a.scale_id == scale.id())
                .collect();
            let points: Vec<_> = answers.iter().map(|a| (a.session, a.total)).collect();
            let cutoff = scale.band_for_age(e.age_at_start).map(|b| b.cutoff);
            let reliable = match (scale.reliable_change(), answers.first()) {
                (Some(rc), Some(first)) => Some((
                    ettlag_core::feedback::Tenths::new(
                        first.total.get().saturating_sub(rc.threshold.get()),
                    ),
                    ettlag_core::feedback::Tenths::new(
                        (first.total.get() + rc.threshold.get()).min(scale.max_total().get()),
                    ),
                )),
                _ => None,
            };
            let expected = e.expected.get(scale.id());
            let name = scale.name(lang).to_string();
            let desc = tr.t_with(
                "feedback-graph-desc",
                &[
                    ("count", answers.len().to_string()),
                    (
                        "totals",
                        answers
                            .iter()
                            .map(|a| score(tr, a.total))
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
                    (
                        "cutoff",
                        cutoff.map(|c| score(tr, c)).unwrap_or_else(|| "–".into()),
                    ),
                ],
            );
            let id = format!("graph-{}", scale.id());
            let graph = Graph {
                id: &id,
                title: &name,
                desc: &desc,
                max: scale.max_total(),
                points: &points,
                cutoff,
                reliable,
                expected,
                cutoff_label: &tr.t("feedback-cutoff"),
                size,
            };
            ScaleView {
                svg: graph.svg(),
                rows: answers
                    .iter()
                    .map(|a| Row {
                        session: a.session,
                        when: moment(a.at_ms),
                        respondent: tr.t(&a.respondent.message_key()),
                        total: score(tr, a.total),
                        alerts: a
                            .alerts
                            .iter()
                            .map(|al| explain(tr, pack, scale.id(), al))
                            .collect::<Vec<_>>()
                            .join(" "),
                    })
                    .collect(),
                alerts: answers
                    .last()
                    .map(|a| {
                        a.alerts
                            .iter()
                            .map(|al| explain(tr, pack, scale.id(), al))
                            .collect()
                    })
                    .unwrap_or_default(),
                band_note: match (scale.kind(), expected) {
                    (ScaleKind::Alliance, _) => String::new(),
                    (_, Some(b)) => tr.t_with(
                        "feedback-band-shown",
                        &[("episodes", b.episodes.to_string())],
                    ),
                    (_, None) => tr.t("feedback-band-none"),
                },
                id: scale.id().to_string(),
                name,
            }
        })
        .collect()
}

async fn show(
    state: &AppState,
    tr: Tr,
    user: &CurrentUser,
    id: &EpisodeId,
    form_error: Option<FormView>,
    new_link: Option<(String, String)>,
    notice: Option<String>,
) -> AppResult<Response> {
    let access = user.access(state, Purpose::FollowUp);
    let (e, pack) = access.feedback_episode(id).await?;
    let lang = pack_lang(&tr);
    let mut forms: Vec<FormView> = pack
        .scales()
        .iter()
        .map(|s| FormView::new(s, lang, None))
        .collect();
    let status = if let Some(bad) = form_error {
        if let Some(slot) = forms.iter_mut().find(|f| f.scale_id == bad.scale_id) {
            *slot = bad;
        }
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = EpisodePage {
        pack_name: pack.name(lang).to_string(),
        placeholder: pack.placeholder(),
        started: moment(e.started_at_ms),
        scales: scales(&tr, &e, &pack, Size::Full),
        scale_choices: pack
            .scales()
            .iter()
            .map(|s| Choice::new(s.id(), s.name(lang).to_string(), false))
            .collect(),
        respondents: [Respondent::Parent, Respondent::YoungPerson]
            .iter()
            .map(|r| Choice::new(r.code(), tr.t(&r.message_key()), false))
            .collect(),
        forms,
        new_link,
        notice,
        e,
        c: Chrome::for_user(tr, user, "children"),
    };
    Ok(render(status, &page))
}

pub async fn get(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    IdPath(id): IdPath<EpisodeId>,
    Query(done): Query<Done>,
) -> AppResult<Response> {
    let notice = (done.done == "answer").then(|| tr.t("feedback-done-answer"));
    show(&state, tr, &user, &id, None, None, notice).await
}

pub async fn answer(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    IdPath(id): IdPath<EpisodeId>,
    body: Bytes,
) -> AppResult<Response> {
    let fields = Fields::parse(&body)?;
    let access = user.access(&state, Purpose::FollowUp);
    let (_, pack) = access.feedback_episode(&id).await?;
    let scale_id = fields.get("scale");
    let scale = pack
        .scale(&scale_id)
        .ok_or(AppError::BadRequest("feedback-error-scale".into()))?;
    let items = match form::read(scale, &tr, &fields) {
        Ok(items) => items,
        Err(refused) => return show(&state, tr, &user, &id, Some(refused), None, None).await,
    };
    access.record_feedback_answer(&id, &scale_id, items).await?;
    Ok(see_other(&format!("/feedback/{id}"), &[("done", "answer")]))
}

pub async fn link(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    IdPath(id): IdPath<EpisodeId>,
    body: Bytes,
) -> AppResult<Response> {
    let fields = Fields::parse(&body)?;
    let respondent = Respondent::from_code(&fields.get("respondent"))
        .filter(|r| *r != Respondent::StaffMeeting)
        .ok_or(AppError::BadRequest("feedback-error-respondent".into()))?;
    let access = user.access(&state, Purpose::FollowUp);
    let new = NewLink {
        episode: id.clone(),
        scale_id: fields.get("scale"),
        respondent,
    };
    let (token, expires) = match access.create_feedback_link(new).await {
        Ok(made) => made,
        Err(DbError::Refused(key)) => return Err(AppError::BadRequest(key.into())),
        Err(e) => return Err(e.into()),
    };
    let link = (format!("/f/{token}"), moment(expires));
    show(&state, tr, &user, &id, None, Some(link), None).await
}
