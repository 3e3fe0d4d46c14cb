//! `GET /admin/feedback-packs`: the instrument packs stored in the
//! municipality, with version and hash; `POST` loads the municipality's own
//! pack file (its text pasted in). A bad pack is refused with the loader's
//! message in the user's language, naming the place in the file, and
//! nothing is stored.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use ettlag_core::Coded;
use ettlag_db::PackOrigin;

use crate::error::AppResult;
use crate::extractors::current_user::CurrentUser;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::admin::{PURPOSE, require_admin};
use crate::views::form::{Done, Fields, notice, see_other};
use crate::views::layout::{Chrome, render};
use crate::views::time::moment;

pub(super) struct Line {
    pub id: String,
    pub version: String,
    pub name: String,
    pub origin: String,
    pub sha256: String,
    pub loaded: String,
    pub placeholder: bool,
}

#[derive(Template)]
#[template(path = "feedback/packs.html")]
struct PacksPage {
    c: Chrome,
    section: &'static str,
    lines: Vec<Line>,
    notice: Option<String>,
    error: Option<String>,
    text: String,
}

async fn show(
    state: &AppState,
    tr: Tr,
    user: &CurrentUser,
    notice: Option<String>,
    error: Option<String>,
    text: String,
) -> AppResult<Response> {
    let packs = user.access(state, PURPOSE).packs().await?;
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = PacksPage {
        section: "feedback-packs",
        lines: packs
            .into_iter()
            .map(|p| Line {
                origin: tr.t(&p.origin.message_key()),
                loaded: moment(p.loaded_at_ms),
                id: p.pack_id,
                version: p.version,
                name: p.name_nb,
                sha256: p.sha256,
                placeholder: p.placeholder,
            })
            .collect(),
        notice,
        error,
        text,
        c: Chrome::for_user(tr, user, "admin"),
    };
    Ok(render(status, &page))
}

pub async fn get(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    Query(done): Query<Done>,
) -> AppResult<Response> {
    require_admin(&state, &user).await?;
    let notice = notice(&tr, &done.done, &["feedback-pack"]);
    show(&state, tr, &user, notice, None, String::new()).await
}

pub async fn post(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    body: Bytes,
) -> AppResult<Response> {
    require_admin(&state, &user).await?;
    let fields = Fields::parse(&body)?;
    let text = fields.raw("pack");
    match user
        .access(&state, PURPOSE)
        .install_pack(&text, PackOrigin::Uploaded)
        .await?
    {
        Ok(_) => Ok(see_other(
            "/admin/feedback-packs",
            &[("done", "feedback-pack")],
        )),
        Err(e) => {
            let message = tr.t_with(
                e.message_key(),
                &[
                    ("at", e.at().unwrap_or("").to_string()),
                    ("detail", e.to_string()),
                ],
            );
            show(&state, tr, &user, None, Some(message), text).await
        }
    }
}
