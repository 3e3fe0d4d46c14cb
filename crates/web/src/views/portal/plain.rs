//! Plain language for staff: paste a text families will read and see its
//! LIX score and everyday words from the municipality's glossary. Works
//! without JavaScript (the score is computed on submit). Administrators
//! edit the glossary at `/admin/glossary`.

use askama::Template;
use axum::Form;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use ettlag_core::policy::Purpose;
use ettlag_core::readability::{GlossaryEntry, GlossaryLanguage, Lix, Suggestion, Term};
use ettlag_db::DbError;
use serde::Deserialize;

use crate::error::{AppError, AppResult};
use crate::extractors::current_user::CurrentUser;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::form::Fields;
use crate::views::layout::{Chrome, render};

/// The longest text the check reads.
const MAX_TEXT: usize = 20_000;

struct Outcome {
    score: u32,
    plain: bool,
    words: usize,
    sentences: usize,
    suggestions: Vec<Suggestion>,
}

#[derive(Template)]
#[template(path = "portal/plain.html")]
struct PlainPage {
    c: Chrome,
    text: String,
    language: &'static str,
    languages: [GlossaryLanguage; 3],
    outcome: Option<Outcome>,
}

pub async fn get(tr: Tr, user: CurrentUser) -> Response {
    render(
        StatusCode::OK,
        &PlainPage {
            c: Chrome::for_user(tr, &user, ""),
            text: String::new(),
            language: default_language(tr),
            languages: GlossaryLanguage::ALL,
            outcome: None,
        },
    )
}

fn default_language(tr: Tr) -> &'static str {
    GlossaryLanguage::parse(tr.code()).map_or("nb", GlossaryLanguage::code)
}

#[derive(Debug, Deserialize)]
pub struct CheckForm {
    #[serde(default)]
    text: String,
    #[serde(default)]
    language: String,
}

pub async fn post(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    Form(form): Form<CheckForm>,
) -> AppResult<Response> {
    let language = GlossaryLanguage::parse(&form.language).unwrap_or(GlossaryLanguage::Nb);
    check_page(&state, tr, &user, &form.text, language).await
}

/// The full check of one text, as `/plain` shows it.
async fn check_page(
    state: &AppState,
    tr: Tr,
    user: &CurrentUser,
    text: &str,
    language: GlossaryLanguage,
) -> AppResult<Response> {
    let text: String = text.chars().take(MAX_TEXT).collect();
    let outcome = outcome_of(state, user, &text, language).await?;
    Ok(render(
        StatusCode::OK,
        &PlainPage {
            c: Chrome::for_user(tr, user, ""),
            outcome: Some(outcome),
            text,
            language: language.code(),
            languages: GlossaryLanguage::ALL,
        },
    ))
}

async fn outcome_of(
    state: &AppState,
    user: &CurrentUser,
    text: &str,
    language: GlossaryLanguage,
) -> AppResult<Outcome> {
    let glossary = user.access(state, Purpose::FollowUp).glossary().await?;
    let lix = Lix::of(text);
    Ok(Outcome {
        score: lix.rounded(),
        plain: lix.is_plain(),
        words: lix.words,
        sentences: lix.sentences,
        suggestions: glossary.suggest(language, text),
    })
}

/// Which fields of a staff form to check: `?field=name` or `?field=a,b`.
#[derive(Debug, Deserialize)]
pub struct FieldQuery {
    #[serde(default)]
    field: String,
}

/// The text of the named field, in the page's language's glossary.
fn field_text(tr: Tr, query: &FieldQuery, body: &[u8]) -> AppResult<(String, GlossaryLanguage)> {
    let fields = Fields::parse(body)?;
    let text: String = query
        .field
        .split(',')
        .map(|name| fields.raw(name))
        .collect::<Vec<_>>()
        .join("\n\n")
        .chars()
        .take(MAX_TEXT)
        .collect();
    Ok((
        text,
        GlossaryLanguage::parse(default_language(tr)).unwrap_or(GlossaryLanguage::Nb),
    ))
}

#[derive(Template)]
#[template(path = "portal/lix_box.html")]
struct LixBox {
    c: Chrome,
    outcome: Option<Outcome>,
}

/// `POST /plain/live?field=…`: the LIX box for one field of a staff form
/// that families will read, as htmx asks for it while staff type.
pub async fn live(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    Query(query): Query<FieldQuery>,
    body: Bytes,
) -> AppResult<Response> {
    let (text, language) = field_text(tr, &query, &body)?;
    let outcome = if text.trim().is_empty() {
        None
    } else {
        Some(outcome_of(&state, &user, &text, language).await?)
    };
    Ok(render(
        StatusCode::OK,
        &LixBox {
            c: Chrome::for_user(tr, &user, ""),
            outcome,
        },
    ))
}

/// `POST /plain/check?field=…`: the "check the language" button of a staff
/// form, without JavaScript: the field's text on the full check page.
pub async fn check(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    Query(query): Query<FieldQuery>,
    body: Bytes,
) -> AppResult<Response> {
    let (text, language) = field_text(tr, &query, &body)?;
    check_page(&state, tr, &user, &text, language).await
}

#[derive(Template)]
#[template(path = "portal/glossary.html")]
struct GlossaryPage {
    c: Chrome,
    section: &'static str,
    entries: Vec<GlossaryEntry>,
    languages: [GlossaryLanguage; 3],
    error: Option<String>,
}

async fn glossary_page(
    state: &AppState,
    tr: Tr,
    user: &CurrentUser,
    status: StatusCode,
    error: Option<String>,
) -> AppResult<Response> {
    let glossary = user
        .access(state, Purpose::Administration)
        .glossary()
        .await?;
    Ok(render(
        status,
        &GlossaryPage {
            c: Chrome::for_user(tr, user, "admin"),
            section: "glossary",
            entries: glossary.entries,
            languages: GlossaryLanguage::ALL,
            error,
        },
    ))
}

pub async fn glossary_get(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
) -> AppResult<Response> {
    crate::views::admin::require_admin(&state, &user).await?;
    glossary_page(&state, tr, &user, StatusCode::OK, None).await
}

#[derive(Debug, Deserialize)]
pub struct EntryForm {
    #[serde(default)]
    language: String,
    #[serde(default)]
    term: String,
    #[serde(default)]
    plain: String,
    /// Set by the remove buttons.
    #[serde(default)]
    remove: String,
}

pub async fn glossary_post(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    Form(form): Form<EntryForm>,
) -> AppResult<Response> {
    let access = user.access(&state, Purpose::Administration);
    let result = if form.remove == "1" {
        match (
            GlossaryLanguage::parse(&form.language),
            Term::parse(&form.term),
        ) {
            (Some(l), Ok(t)) => access.remove_glossary_entry(l, t).await,
            _ => Err(DbError::NotFound),
        }
    } else {
        match GlossaryEntry::new(&form.language, &form.term, &form.plain) {
            Ok(entry) => access.set_glossary_entry(entry).await,
            Err(e) => {
                let error = Some(tr.t(e.message_key()));
                return glossary_page(&state, tr, &user, StatusCode::UNPROCESSABLE_ENTITY, error)
                    .await;
            }
        }
    };
    match result {
        Ok(()) => glossary_page(&state, tr, &user, StatusCode::OK, None).await,
        Err(DbError::Forbidden) => Err(AppError::Forbidden),
        Err(e) => Err(e.into()),
    }
}
