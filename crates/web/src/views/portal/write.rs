//! Writing to the services: a note to the team, "what matters to me", or a
//! request to restrict the use of our information or correct it.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use ettlag_core::PersonId;
use ettlag_db::{DbError, Member, MessageKind};
use serde::Deserialize;

use super::{CitizenUser, PortalChrome};
use crate::error::{AppError, AppResult};
use crate::extractors::id_path::IdPath;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::layout::render;

struct KindChoice {
    code: &'static str,
    label: String,
    hint: String,
    checked: bool,
}

#[derive(Template)]
#[template(path = "portal/write.html")]
struct WritePage {
    c: PortalChrome,
    member: Member,
    kinds: Vec<KindChoice>,
    text: String,
    error: Option<String>,
    sent: Option<String>,
    asked: Vec<super::asked::AskedLine>,
}

fn kinds(tr: Tr, chosen: MessageKind) -> Vec<KindChoice> {
    MessageKind::ALL
        .into_iter()
        .map(|k| {
            let key = format!("portal-write-{}", k.code().replace('_', "-"));
            KindChoice {
                code: k.code(),
                label: tr.t(&key),
                hint: tr.t(&format!("{key}-hint")),
                checked: k == chosen,
            }
        })
        .collect()
}

pub async fn get(
    State(state): State<AppState>,
    tr: Tr,
    user: CitizenUser,
    IdPath(pid): IdPath<PersonId>,
) -> AppResult<Response> {
    let member = user.access(&state).member(&pid).await?;
    if !member.decides {
        return Err(AppError::NotFound);
    }
    let asked = super::asked::lines(&user.access(&state), tr, &member).await?;
    Ok(render(
        StatusCode::OK,
        &WritePage {
            c: PortalChrome::for_citizen(tr, &user),
            member,
            kinds: kinds(tr, MessageKind::Note),
            text: String::new(),
            error: None,
            sent: None,
            asked,
        },
    ))
}

#[derive(Debug, Deserialize)]
pub struct WriteForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    text: String,
}

pub async fn post(
    State(state): State<AppState>,
    tr: Tr,
    user: CitizenUser,
    IdPath(pid): IdPath<PersonId>,
    Form(form): Form<WriteForm>,
) -> AppResult<Response> {
    user.check_csrf(&form.csrf)?;
    let access = user.access(&state);
    let member = access.member(&pid).await?;
    let kind = MessageKind::parse(&form.kind);
    let result = match kind {
        Some(k) => access.send(&pid, k, &form.text).await.map(|_| k),
        None => Err(DbError::Refused("portal-error-kind")),
    };
    let c = PortalChrome::for_citizen(tr, &user);
    let asked = super::asked::lines(&access, tr, &member).await?;
    match result {
        Ok(k) => {
            let sent_key = if k.is_request() {
                "portal-write-sent-request"
            } else {
                "portal-write-sent"
            };
            Ok(render(
                StatusCode::OK,
                &WritePage {
                    c,
                    member,
                    kinds: kinds(tr, MessageKind::Note),
                    text: String::new(),
                    error: None,
                    sent: Some(tr.t(sent_key)),
                    asked,
                },
            ))
        }
        Err(DbError::Refused(key)) => Ok(render(
            StatusCode::BAD_REQUEST,
            &WritePage {
                c,
                member,
                kinds: kinds(tr, kind.unwrap_or(MessageKind::Note)),
                text: form.text.chars().take(4000).collect(),
                error: Some(tr.t(key)),
                sent: None,
                asked,
            },
        )),
        Err(e) => Err(e.into()),
    }
}
