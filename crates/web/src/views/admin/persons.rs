//! `GET /admin/persons`: register a child or an adult, relate an adult to a
//! child, enrol a child in a unit. `POST /admin/persons` registers a person;
//! the other two forms post to `relations` and `enrolments`.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::response::Response;
use ettlag_core::{Coded, NationalId, PersonId, PersonKind, RelationKind};
use ettlag_db::{DbError, NewPerson, today};
use serde::Deserialize;

use super::{PURPOSE, require_admin};
use crate::error::AppResult;
use crate::extractors::current_user::CurrentUser;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::form::{Choice, Errors, Fields, INVALID, check_name, notice, see_other};
use crate::views::layout::{Chrome, render};

/// What was typed into the three forms, and what was wrong with it.
#[derive(Debug, Default)]
pub(super) struct Forms {
    /// The search that narrows the lists of children and adults.
    pub q: String,
    pub kind: String,
    pub national_id: String,
    pub given_name: String,
    pub family_name: String,
    pub person_errors: Errors,
    pub relation_child: String,
    pub relation_adult: String,
    pub relation_kind: String,
    pub relation_errors: Errors,
    pub enrol_child: String,
    pub enrol_unit: String,
    pub enrol_from: String,
    pub enrol_errors: Errors,
}

impl Forms {
    fn has_errors(&self) -> bool {
        !(self.person_errors.is_empty()
            && self.relation_errors.is_empty()
            && self.enrol_errors.is_empty())
    }
}

#[derive(Template)]
#[template(path = "admin/persons.html")]
struct PersonsPage {
    c: Chrome,
    section: &'static str,
    notice: Option<String>,
    /// The person just registered, to link to.
    created: Option<String>,
    f: Forms,
    kinds: Vec<Choice>,
    relation_children: Vec<Choice>,
    adults: Vec<Choice>,
    relation_kinds: Vec<Choice>,
    enrol_children: Vec<Choice>,
    units: Vec<Choice>,
}

#[derive(Debug, Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    done: String,
    #[serde(default)]
    id: String,
}

pub async fn list(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    Query(query): Query<ListQuery>,
) -> AppResult<Response> {
    require_admin(&state, &user).await?;
    let notice = notice(&tr, &query.done, &["person", "relation", "enrolment"]);
    let created = (query.done == "person")
        .then(|| PersonId::parse(&query.id))
        .flatten()
        .map(PersonId::into_string);
    let forms = Forms {
        q: query.q.trim().chars().take(100).collect(),
        ..Forms::default()
    };
    show(&state, tr, &user, forms, notice, created).await
}

/// The page with the lists the forms choose from.
pub(super) async fn show(
    state: &AppState,
    tr: Tr,
    user: &CurrentUser,
    mut f: Forms,
    notice: Option<String>,
    created: Option<String>,
) -> AppResult<Response> {
    let ctx = user.access(state, PURPOSE);
    let children = ctx.children(&f.q, 0).await?;
    let adults = ctx.register_adults(&f.q).await?;
    let units = ctx.units().await?;
    let label = |family: &str, given: &str, born: &Option<String>| match born {
        Some(b) => format!("{family}, {given} ({b})"),
        None => format!("{family}, {given}"),
    };
    let child_choices = |selected: &str| -> Vec<Choice> {
        children
            .iter()
            .map(|p| {
                let text = label(&p.family_name, &p.given_name, &p.birth_date);
                Choice::new(p.id.as_str(), text, p.id.as_str() == selected)
            })
            .collect()
    };
    let relation_children = child_choices(&f.relation_child);
    let enrol_children = child_choices(&f.enrol_child);
    let adults = adults
        .iter()
        .map(|p| {
            let text = label(&p.family_name, &p.given_name, &p.birth_date);
            Choice::new(p.id.as_str(), text, p.id.as_str() == f.relation_adult)
        })
        .collect();
    let kinds = PersonKind::ALL
        .iter()
        .map(|k| Choice::new(k.code(), tr.t(&k.message_key()), k.code() == f.kind))
        .collect();
    let relation_kinds = RelationKind::ALL
        .iter()
        .map(|k| {
            Choice::new(
                k.code(),
                tr.t(&k.message_key()),
                k.code() == f.relation_kind,
            )
        })
        .collect();
    let units = units
        .iter()
        .map(|u| Choice::new(u.id.as_str(), u.name.clone(), u.id.as_str() == f.enrol_unit))
        .collect();
    if f.enrol_from.is_empty() {
        f.enrol_from = today();
    }
    let status = if f.has_errors() {
        INVALID
    } else {
        axum::http::StatusCode::OK
    };
    Ok(render(
        status,
        &PersonsPage {
            c: Chrome::for_user(tr, user, "admin"),
            section: "persons",
            notice,
            created,
            f,
            kinds,
            relation_children,
            adults,
            relation_kinds,
            enrol_children,
            units,
        },
    ))
}

pub async fn create(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    body: Bytes,
) -> AppResult<Response> {
    require_admin(&state, &user).await?;
    let fields = Fields::parse(&body)?;
    let mut f = Forms {
        q: fields.get("q"),
        kind: fields.get("kind"),
        national_id: fields.get("national_id"),
        given_name: fields.get("given_name"),
        family_name: fields.get("family_name"),
        ..Forms::default()
    };
    let errors = &mut f.person_errors;
    let kind = PersonKind::from_code(&f.kind)
        .ok_or_else(|| errors.add("person-kind-0", tr.t("admin-error-choose-kind")));
    let national_id = match f.national_id.as_str() {
        "" => Ok(None),
        text => NationalId::parse(text)
            .map(Some)
            .map_err(|e| errors.add("person-national-id", tr.t(e.message_key()))),
    };
    let given_name =
        check_name(&f.given_name).map_err(|key| errors.add("person-given-name", tr.t(key)));
    let family_name =
        check_name(&f.family_name).map_err(|key| errors.add("person-family-name", tr.t(key)));
    let (Ok(kind), Ok(national_id), Ok(given_name), Ok(family_name)) =
        (kind, national_id, given_name, family_name)
    else {
        return show(&state, tr, &user, f, None, None).await;
    };
    let new = NewPerson {
        kind,
        national_id,
        given_name,
        family_name: family_name.clone(),
    };
    match user.access(&state, PURPOSE).create_person(new).await {
        Ok(id) => Ok(see_other(
            "/admin/persons",
            &[("done", "person"), ("id", id.as_str()), ("q", &family_name)],
        )),
        Err(DbError::Conflict(_)) => {
            let message = tr.t("error-conflict-national-identity-number");
            f.person_errors.add("person-national-id", message);
            show(&state, tr, &user, f, None, None).await
        }
        Err(e) => Err(e.into()),
    }
}
