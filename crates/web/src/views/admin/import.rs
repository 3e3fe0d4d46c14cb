//! `GET /admin/import` shows the three CSV uploads and their formats;
//! `POST /admin/import/{units|staff|persons}` checks a file and imports all of
//! it, or shows every problem with its line and imports nothing.
//! The upload's `csrf` part is checked by the CSRF middleware, as every form's.

use askama::Template;
use axum::extract::multipart::MultipartError;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use ettlag_core::import::{ImportErrors, parse_persons, parse_staff, parse_units};
use ettlag_core::nin::BirthDate;
use ettlag_core::{Coded, NationalId, RelationKind, Role, ServiceType};

use super::{PURPOSE, require_admin};
use crate::error::{AppError, AppResult};
use crate::extractors::current_user::CurrentUser;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::form::{Choice, INVALID};
use crate::views::layout::{Chrome, render};

/// The largest file accepted.
const MAX_FILE: usize = 5 * 1024 * 1024;
/// The largest upload body: the file and the form around it.
pub const MAX_BODY: usize = MAX_FILE + 64 * 1024;
/// The most problems listed; the count says how many there are in all.
const MAX_SHOWN: usize = 1000;

const KINDS: [&str; 3] = ["units", "staff", "persons"];

/// One line of the table of problems.
#[derive(Debug)]
struct Problem {
    line: u64,
    column: String,
    message: String,
    value: String,
}

/// What came of an upload, shown with its form.
#[derive(Debug, Default)]
struct Outcome {
    /// "Imported N rows".
    done: Option<String>,
    /// Why nothing was imported.
    failed: Option<String>,
    problems: Vec<Problem>,
    /// "Showing the first N of M" when the list is cut.
    more: Option<String>,
}

/// A list of the codes a column takes.
#[derive(Debug)]
struct Codes {
    title: String,
    codes: Vec<Choice>,
}

/// One upload form with its file format.
#[derive(Debug)]
struct Section {
    kind: &'static str,
    title: String,
    header: &'static str,
    example_label: String,
    example: String,
    notes: Vec<String>,
    codes: Vec<Codes>,
    outcome: Option<Outcome>,
}

#[derive(Template)]
#[template(path = "admin/import.html")]
struct ImportPage {
    c: Chrome,
    section: &'static str,
    file_label: String,
    sections: Vec<Section>,
}

pub async fn page(State(state): State<AppState>, tr: Tr, user: CurrentUser) -> AppResult<Response> {
    require_admin(&state, &user).await?;
    Ok(show(tr, &user, None, StatusCode::OK))
}

pub async fn upload(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    Path(kind): Path<String>,
    mut multipart: Multipart,
) -> AppResult<Response> {
    require_admin(&state, &user).await?;
    let kind = KINDS
        .into_iter()
        .find(|k| *k == kind)
        .ok_or(AppError::NotFound)?;
    let fail = |key: &str, status: StatusCode| {
        let outcome = Outcome {
            failed: Some(tr.t(key)),
            ..Outcome::default()
        };
        Ok(show(tr, &user, Some((kind, outcome)), status))
    };
    let bytes = match read_file(&mut multipart).await {
        Ok(Some(bytes)) if !bytes.is_empty() => bytes,
        Ok(_) => return fail("admin-import-no-file", INVALID),
        Err(status) if status == StatusCode::PAYLOAD_TOO_LARGE => {
            return fail("admin-import-too-large", status);
        }
        Err(status) => return fail("admin-import-bad-upload", status),
    };
    let ctx = user.access(&state, PURPOSE);
    let result = match kind {
        "units" => match parse_units(&bytes) {
            Ok(rows) => ctx.import_units(rows).await?,
            Err(errors) => Err(errors),
        },
        "staff" => match parse_staff(&bytes) {
            // Imported staff sign in once an administrator sets a password,
            // or through OpenID Connect.
            Ok(rows) => ctx.import_staff(rows, None).await?,
            Err(errors) => Err(errors),
        },
        _ => match parse_persons(&bytes) {
            Ok(rows) => ctx.import_persons(rows).await?,
            Err(errors) => Err(errors),
        },
    };
    let (outcome, status) = match result {
        Ok(count) => {
            let done = tr.t_with("admin-import-done", &[("count", count.to_string())]);
            let outcome = Outcome {
                done: Some(done),
                ..Outcome::default()
            };
            (outcome, StatusCode::OK)
        }
        Err(errors) => (problems(&tr, errors), INVALID),
    };
    Ok(show(tr, &user, Some((kind, outcome)), status))
}

/// The `file` part, read up to [`MAX_FILE`]; `None` when there is none.
async fn read_file(multipart: &mut Multipart) -> Result<Option<Vec<u8>>, StatusCode> {
    let status = |e: MultipartError| e.status();
    while let Some(mut field) = multipart.next_field().await.map_err(status)? {
        if field.name() != Some("file") {
            continue;
        }
        let mut bytes = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(status)? {
            if bytes.len() + chunk.len() > MAX_FILE {
                return Err(StatusCode::PAYLOAD_TOO_LARGE);
            }
            bytes.extend_from_slice(&chunk);
        }
        return Ok(Some(bytes));
    }
    Ok(None)
}

fn problems(tr: &Tr, errors: ImportErrors) -> Outcome {
    let count = errors.0.len();
    let failed = tr.t_with("admin-import-failed", &[("count", count.to_string())]);
    let more = (count > MAX_SHOWN).then(|| {
        let args = [
            ("shown", MAX_SHOWN.to_string()),
            ("count", count.to_string()),
        ];
        tr.t_with("admin-import-more", &args)
    });
    let problems = errors
        .0
        .into_iter()
        .take(MAX_SHOWN)
        .map(|e| Problem {
            line: e.line,
            column: e.column.unwrap_or_default(),
            message: tr.t(e.message_key),
            value: e.value.unwrap_or_default(),
        })
        .collect();
    Outcome {
        done: None,
        failed: Some(failed),
        problems,
        more,
    }
}

fn show(
    tr: Tr,
    user: &CurrentUser,
    outcome: Option<(&str, Outcome)>,
    status: StatusCode,
) -> Response {
    let mut sections = sections(&tr);
    if let Some((kind, outcome)) = outcome
        && let Some(s) = sections.iter_mut().find(|s| s.kind == kind)
    {
        s.outcome = Some(outcome);
    }
    let file_label = tr.t_with(
        "admin-import-file",
        &[("max", (MAX_FILE / 1024 / 1024).to_string())],
    );
    render(
        status,
        &ImportPage {
            c: Chrome::for_user(tr, user, "admin"),
            section: "import",
            file_label,
            sections,
        },
    )
}

/// A synthetic number (month + 80) for the examples: never a real person's.
fn example_nin(year: u16, month: u8, day: u8) -> String {
    (500..1000)
        .find_map(|i| NationalId::synthetic(BirthDate { year, month, day }, i))
        .map(|n| n.as_str().to_string())
        .unwrap_or_default()
}

fn codes<T: Coded>(tr: &Tr, title: &str) -> Codes {
    Codes {
        title: tr.t(title),
        codes: T::ALL
            .iter()
            .map(|v| Choice::new(v.code(), tr.t(&v.message_key()), false))
            .collect(),
    }
}

fn sections(tr: &Tr) -> Vec<Section> {
    let (child, sibling, adult) = (
        example_nin(2018, 3, 14),
        example_nin(2020, 9, 2),
        example_nin(1986, 11, 30),
    );
    vec![
        Section {
            kind: "units",
            title: tr.t("admin-units"),
            header: "name,service_type",
            example_label: tr.t("admin-import-example-plain"),
            example: "name,service_type\nSolsikken barnehage,kindergarten\nNordli skole,school\n".into(),
            notes: vec![tr.t("admin-import-units-help")],
            codes: vec![codes::<ServiceType>(tr, "admin-import-service-codes")],
            outcome: None,
        },
        Section {
            kind: "staff",
            title: tr.t("admin-staff"),
            header: "username,display_name,roles,units",
            example_label: tr.t("admin-import-example-plain"),
            example: "username,display_name,roles,units\nkari.nordmann,Kari Nordmann,staff,Nordli skole\nola.leder,Ola Leder,\"staff,unit_leader\",Nordli skole|Solsikken barnehage\n".into(),
            notes: vec![tr.t("admin-import-staff-help"), tr.t("admin-import-staff-password")],
            codes: vec![codes::<Role>(tr, "admin-import-role-codes")],
            outcome: None,
        },
        Section {
            kind: "persons",
            title: tr.t("admin-persons"),
            header: "national_id,given_name,family_name,kind,unit,child_national_id,relation",
            example_label: tr.t("admin-import-example"),
            example: format!(
                "national_id,given_name,family_name,kind,unit,child_national_id,relation\n\
                 {child},Ada,Eksempel,child,Solsikken barnehage,,\n\
                 {sibling},Bo,Eksempel,child,,,\n\
                 {adult},Eva,Eksempel,adult,,{child},guardian\n\
                 {adult},Eva,Eksempel,adult,,{sibling},guardian\n"
            ),
            notes: vec![tr.t("admin-import-persons-help"), tr.t("admin-import-persons-adults")],
            codes: vec![
                codes::<ettlag_core::PersonKind>(tr, "admin-import-kind-codes"),
                codes::<RelationKind>(tr, "admin-import-relation-codes"),
            ],
            outcome: None,
        },
    ]
}
