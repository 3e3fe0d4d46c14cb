//! "Who has looked at our data" in plain words: one line per day, unit,
//! purpose and kind of thing ("Nordli skole så loggen 3 ganger."), with the
//! role, purpose and legal basis beside it, newest day first, paged with
//! "Nyere" and "Eldre" links.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use ettlag_core::PersonId;
use ettlag_db::{LookGroup, Member};
use serde::Deserialize;

use super::plain_words::{basis, purpose, role};
use super::{CitizenUser, PortalChrome};
use crate::error::{AppError, AppResult};
use crate::extractors::id_path::IdPath;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::layout::page;
use crate::views::time::{day, today_local};

/// One line of the table: the day, what happened, and why.
pub(super) struct LookLine {
    pub day: String,
    pub what: String,
    pub why: String,
}

/// Where the page is in the list: its number, the count, and the pages on
/// either side.
pub(super) struct Paging {
    pub page: usize,
    pub pages: usize,
    pub newer: Option<usize>,
    pub older: Option<usize>,
}

#[derive(Template)]
#[template(path = "portal/looked.html")]
struct LookedPage {
    c: PortalChrome,
    member: Member,
    looks: Vec<LookLine>,
    paging: Paging,
    bad_page: bool,
}

#[derive(Debug, Default, Deserialize)]
pub struct PageQuery {
    #[serde(default)]
    page: Option<String>,
}

/// The page asked for, or `None` when the text is no page number; no
/// parameter at all is the first page.
fn requested_page(query: &PageQuery) -> Option<usize> {
    match query.page.as_deref().map(str::trim) {
        None | Some("") => Some(1),
        Some(text) => text.parse::<usize>().ok().filter(|n| *n >= 1),
    }
}

/// The thing looked at, in the family's words.
fn what(tr: Tr, kind: &str) -> String {
    let id = format!("portal-looked-what-{kind}");
    let text = tr.t(&id);
    if text == id {
        tr.t("portal-looked-what-other")
    } else {
        text
    }
}

/// "Nordli skole så loggen 3 ganger." The verb chooses the sentence; a look
/// in an emergency has its own.
fn sentence(tr: Tr, g: &LookGroup, no_unit: &str) -> String {
    let unit = if g.units.is_empty() {
        no_unit.to_string()
    } else {
        g.units.join(", ")
    };
    let id = if g.kind == "emergency" {
        "portal-looked-emergency"
    } else {
        match g.verb.as_str() {
            "read" => "portal-looked-read",
            "create" => "portal-looked-create",
            "update" => "portal-looked-update",
            _ => "portal-looked-other",
        }
    };
    tr.t_with(
        id,
        &[
            ("unit", unit),
            ("what", what(tr, &g.kind)),
            ("count", g.times.to_string()),
        ],
    )
}

/// The groups as lines of the table.
pub(super) fn lines(tr: Tr, groups: &[LookGroup]) -> Vec<LookLine> {
    let no_unit = tr.t("portal-looked-no-unit");
    groups
        .iter()
        .map(|g| LookLine {
            day: day(g.day),
            what: sentence(tr, g, &no_unit),
            why: format!(
                "{}. {}. {}.",
                role(tr, &g.role),
                purpose(tr, &g.purpose),
                basis(tr, &g.legal_basis)
            ),
        })
        .collect()
}

/// The local day of a moment, as the family's calendar has it.
pub(super) fn local_day(at_ms: i64) -> ettlag_core::Day {
    today_local(at_ms)
}

/// Every group, for the printable page.
pub(super) async fn all_lines(
    state: &AppState,
    tr: Tr,
    user: &CitizenUser,
    id: &PersonId,
) -> AppResult<Vec<LookLine>> {
    let groups = user.access(state).who_has_looked(id, local_day).await?;
    Ok(lines(tr, &groups))
}

/// The page of who has looked. A page number that is no number shows the
/// first page and says so; one past the end shows the last.
pub async fn looked(
    State(state): State<AppState>,
    tr: Tr,
    user: CitizenUser,
    IdPath(id): IdPath<PersonId>,
    Query(query): Query<PageQuery>,
) -> AppResult<Response> {
    let access = user.access(&state);
    let member = access.member(&id).await?;
    if !member.sees_details {
        return Err(AppError::NotFound);
    }
    let asked = requested_page(&query);
    let found = access
        .who_has_looked_page(&id, local_day, asked.unwrap_or(1))
        .await?;
    let paging = Paging {
        page: found.page,
        pages: found.pages,
        newer: (found.page > 1).then(|| found.page - 1),
        older: (found.page < found.pages).then(|| found.page + 1),
    };
    Ok(page(&LookedPage {
        c: PortalChrome::for_citizen(tr, &user),
        member,
        looks: lines(tr, &found.groups),
        paging,
        bad_page: asked.is_none(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use ettlag_core::Day;

    fn group(units: &[&str], verb: &str, kind: &str, times: i64) -> LookGroup {
        LookGroup {
            day: Day::parse("2026-12-07").expect("day"),
            units: units.iter().map(|u| u.to_string()).collect(),
            verb: verb.into(),
            kind: kind.into(),
            role: "staff".into(),
            purpose: "follow_up".into(),
            legal_basis: "consent".into(),
            times,
            last_ms: 0,
        }
    }

    #[test]
    fn a_group_is_one_plain_sentence_with_the_count() {
        let tr = Tr::new(Lang::Nb);
        let lines = lines(
            tr,
            &[
                group(&["Nordli skole"], "read", "log", 3),
                group(&["Nordli skole"], "read", "meetings", 1),
                group(&[], "update", "plan", 2),
                group(&["Helsestasjonen"], "create", "emergency", 1),
                group(&["Nordli skole"], "export", "something_new", 1),
            ],
        );
        let said: Vec<&str> = lines.iter().map(|l| l.what.as_str()).collect();
        assert_eq!(
            said,
            [
                "Nordli skole så loggen 3 ganger.",
                "Nordli skole så møtene 1 gang.",
                "Kommunen endret noe i planen 2 ganger.",
                "Helsestasjonen åpnet dataene fordi det hastet, 1 gang.",
                "Nordli skole brukte dataene 1 gang.",
            ]
        );
        assert_eq!(lines[0].day, "07.12.2026");
        assert_eq!(
            lines[0].why,
            "Ansatt. For å hjelpe dere. Dere sa ja til å dele."
        );
    }

    #[test]
    fn a_middle_page_links_to_the_newer_and_the_older_page() {
        let tr = Tr::new(Lang::Nb);
        let mut c = PortalChrome::anonymous(tr);
        c.signed_in = true;
        let html = LookedPage {
            c,
            member: Member {
                id: PersonId::parse("p1").expect("id"),
                given_name: "Ada".into(),
                family_name: "Testesen".into(),
                age_years: Some(11),
                sees_details: true,
                decides: true,
                is_self: false,
            },
            looks: lines(tr, &[group(&["Nordli skole"], "read", "log", 3)]),
            paging: Paging {
                page: 2,
                pages: 3,
                newer: Some(1),
                older: Some(3),
            },
            bad_page: false,
        }
        .render()
        .expect("render");
        assert!(html.contains("Side 2 av 3."), "{html}");
        assert!(
            html.contains("looked?page=1\" rel=\"prev\">Nyere</a>"),
            "{html}"
        );
        assert!(
            html.contains("looked?page=3\" rel=\"next\">Eldre</a>"),
            "{html}"
        );
        assert!(html.contains("<th scope=\"row\">07.12.2026</th>"), "{html}");
        assert!(!html.contains("Vi fant ikke den siden."));
    }

    fn asked(page: Option<&str>) -> Option<usize> {
        requested_page(&PageQuery {
            page: page.map(str::to_string),
        })
    }

    #[test]
    fn a_page_number_is_a_whole_number_from_one() {
        assert_eq!(asked(None), Some(1));
        assert_eq!(asked(Some("")), Some(1));
        assert_eq!(asked(Some(" 3 ")), Some(3));
        assert_eq!(asked(Some("0")), None);
        assert_eq!(asked(Some("-1")), None);
        assert_eq!(asked(Some("2x")), None);
        assert_eq!(asked(Some("99999999999999999999999")), None);
    }
}
