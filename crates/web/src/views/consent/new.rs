//! `GET /children/{id}/consents/new` and its `POST`: staff record a consent
//! the family gave — who gave it, for what, which units or kinds of service
//! may receive which information, from when to when, and on what evidence.

use askama::Template;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use ettlag_core::consent::{Category, Evidence, Stance};
use ettlag_core::policy::Purpose;
use ettlag_core::{Coded, Day, PersonId, PersonKind, RelationKind, ServiceType};
use ettlag_db::{AccessContext, DbError, PersonDetail, Unit};

use crate::consent_input::{ConsentDraft, Field, today};
use crate::error::{AppError, AppResult};
use crate::extractors::current_user::CurrentUser;
use crate::extractors::id_path::IdPath;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::form::{Choice, Errors, Fields, INVALID, see_other};
use crate::views::layout::{Chrome, render};

#[derive(Template)]
#[template(path = "consent/new.html")]
struct NewConsentPage {
    c: Chrome,
    child_id: String,
    child_name: String,
    /// The age rules of the municipality, and the child's age.
    age_hint: String,
    grantors: Vec<Choice>,
    purpose: String,
    categories: Vec<Choice>,
    units: Vec<Choice>,
    services: Vec<Choice>,
    valid_from: String,
    valid_to: String,
    evidence: Vec<Choice>,
    /// Yes (a consent) or no (a refusal) to the recipients.
    stances: Vec<Choice>,
    errors: Errors,
}

/// What the form needs from the store: the child, the municipality's units
/// and its consent ages.
struct Context {
    detail: PersonDetail,
    units: Vec<Unit>,
    ages: (i64, i64),
}

async fn context(access: &AccessContext, id: &PersonId) -> AppResult<Context> {
    let id = PersonId::parse(id).ok_or(AppError::NotFound)?;
    let detail = access.person(&id).await?;
    if detail.person.kind != PersonKind::Child {
        return Err(AppError::NotFound);
    }
    let settings = access.settings().await?;
    let age = |name: &str, default: i64| {
        settings
            .iter()
            .find(|s| s.setting.name == name)
            .map_or(default, |s| s.value)
    };
    let ages = (age("consent_age", 15), age("consent_age_health", 16));
    Ok(Context {
        detail,
        units: access.units().await?,
        ages,
    })
}

/// The id of the input an error links to.
fn field_id(field: Field, units: bool) -> &'static str {
    match field {
        Field::Grantors => "consent-grantor-0",
        Field::Purpose => "consent-purpose",
        Field::Categories => "consent-category-0",
        Field::Recipients if units => "consent-unit-0",
        Field::Recipients => "consent-service-0",
        Field::ValidFrom => "consent-from",
        Field::ValidTo => "consent-to",
        Field::Evidence => "consent-evidence-0",
        Field::Stance => "consent-stance-0",
    }
}

fn choices<T: Coded>(tr: &Tr, chosen: &[String]) -> Vec<Choice> {
    T::ALL
        .iter()
        .map(|v| {
            let code = v.code();
            Choice::new(
                code,
                tr.t(&v.message_key()),
                chosen.iter().any(|c| c == code),
            )
        })
        .collect()
}

fn page(
    tr: Tr,
    user: &CurrentUser,
    ctx: &Context,
    fields: &Fields,
    errors: Errors,
) -> NewConsentPage {
    let person = &ctx.detail.person;
    let name = format!("{} {}", person.given_name, person.family_name);
    let chosen = fields.all("grantors");
    let is_chosen = |id: &str| chosen.iter().any(|c| c == id);
    let mut grantors: Vec<Choice> = ctx
        .detail
        .relations
        .iter()
        .filter(|r| r.kind == RelationKind::Guardian)
        .map(|r| {
            let name = format!("{} {}", r.given_name, r.family_name);
            let label = tr.t_with("consent-grantor-guardian", &[("name", name)]);
            Choice::new(r.person_id.as_str(), label, is_chosen(r.person_id.as_str()))
        })
        .collect();
    grantors.push(Choice::new(
        person.id.as_str(),
        tr.t_with("consent-grantor-self", &[("name", name.clone())]),
        is_chosen(person.id.as_str()),
    ));
    let (alone, health) = ctx.ages;
    let mut age_hint = tr.t_with(
        "consent-age-rule",
        &[("alone", alone.to_string()), ("health", health.to_string())],
    );
    let born = person
        .birth_date
        .as_deref()
        .and_then(|b| Day::parse(b).ok());
    if let Some(born) = born {
        let age = born.years_until(today()).to_string();
        let of = tr.t_with("consent-age-of", &[("name", name.clone()), ("age", age)]);
        age_hint = format!("{of} {age_hint}");
    }
    let chosen_units = fields.all("units");
    let evidence = fields.get("evidence");
    let stance = match fields.get("stance") {
        s if s.is_empty() => Stance::Grant.code().to_string(),
        s => s,
    };
    let from = fields.get("valid_from");
    NewConsentPage {
        child_id: person.id.to_string(),
        child_name: name,
        age_hint,
        grantors,
        purpose: fields.raw("purpose"),
        categories: choices::<Category>(&tr, &fields.all("categories")),
        units: ctx
            .units
            .iter()
            .map(|u| {
                let id = u.id.as_str();
                Choice::new(id, u.name.clone(), chosen_units.iter().any(|c| c == id))
            })
            .collect(),
        services: choices::<ServiceType>(&tr, &fields.all("services")),
        valid_from: if from.is_empty() {
            today().to_string()
        } else {
            from
        },
        valid_to: fields.get("valid_to"),
        evidence: choices::<Evidence>(&tr, std::slice::from_ref(&evidence)),
        stances: choices::<Stance>(&tr, &[stance]),
        errors,
        c: Chrome::for_user(tr, user, "children"),
    }
}

pub async fn get(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    IdPath(id): IdPath<PersonId>,
) -> AppResult<Response> {
    let access = user.access(&state, Purpose::FollowUp);
    let ctx = context(&access, &id).await?;
    let page = page(tr, &user, &ctx, &Fields::default(), Errors::default());
    Ok(render(StatusCode::OK, &page))
}

pub async fn post(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    IdPath(id): IdPath<PersonId>,
    body: Bytes,
) -> AppResult<Response> {
    let fields = Fields::parse(&body)?;
    let access = user.access(&state, Purpose::FollowUp);
    let ctx = context(&access, &id).await?;
    let draft = ConsentDraft {
        grantors: fields.all("grantors"),
        purpose: fields.raw("purpose"),
        categories: fields.all("categories"),
        units: fields.all("units"),
        service_types: fields.all("services"),
        valid_from: Some(fields.get("valid_from")),
        valid_to: Some(fields.get("valid_to")),
        evidence: Some(fields.get("evidence")),
        stance: Some(fields.get("stance")),
    };
    let unit_ids: Vec<_> = ctx.units.iter().map(|u| u.id.clone()).collect();
    let problems = match draft.parse(&ctx.detail.person.id, &unit_ids, today()) {
        Ok(consent) => match access.give_consent(consent).await {
            Ok(_) => {
                let path = format!("/children/{}", ctx.detail.person.id);
                return Ok(see_other(&path, &[("done", "consent-given")]));
            }
            Err(DbError::Refused(key)) => vec![(Field::of_refusal(key), key)],
            Err(e) => return Err(e.into()),
        },
        Err(problems) => problems,
    };
    let mut errors = Errors::default();
    for (field, key) in problems {
        errors.add(field_id(field, !ctx.units.is_empty()), tr.t(key));
    }
    Ok(render(INVALID, &page(tr, &user, &ctx, &fields, errors)))
}
