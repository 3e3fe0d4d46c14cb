//! The authorization matrix of the JSON API: every route it serves, with real
//! ids, against every kind of caller, and the status each one gets.
//!
//! The expectations follow the access policy (`ettlag_core::policy`) and the
//! handlers' documented responses:
//!
//! - No token, an unknown token and the token of a deactivated account are
//!   401 everywhere but the public `/api/openapi.json`.
//! - The register (persons, relations, enrolments, units) is written only by
//!   the administrator; everyone else gets 403, which reveals nothing since
//!   it does not depend on the record.
//! - Organisation reads (units, staff), the child list and the caller's desk
//!   are for every colleague; each sees only what the policy lets them.
//! - A child's person record is read by those of its units (teacher A, unit
//!   leader A) and by the administrator, who maintains the register. Its
//!   cases (concerns, relay logs, consents) only by those of its units: the
//!   administrator without units, the municipality leader (aggregates only)
//!   and the privacy officer get 404 like teacher B. A 404 is the same answer
//!   as an id that names nothing; lists of cases are filtered instead (200).
//! - Changing a log's level, closing it, offering the baton and withdrawing
//!   an offer are for the holder (teacher A); the one offered (unit leader A
//!   in the `FreshOffer` rows) accepts or declines. Others who may see the
//!   log get 409 (the log's own rules), those who may not get 404.
//! - Entries are append-only: any method but `GET` on one is 405 for every
//!   caller who signs in, before anything is looked up.
//! - Reports to child welfare (the last column is a caseworker of the
//!   municipality's child welfare unit, in no other unit; no other caller
//!   works in child welfare, and giving one of them a second unit would hide
//!   the case that a colleague at the child's school cannot read a report he
//!   did not send). Those who know the child through their work (teacher A,
//!   unit leader A) and child welfare send one without consent (201); others
//!   get the 404 of a missing child. A report is read by child welfare and,
//!   as a receipt, by the one who sent it (teacher A): unit leader A gets 404
//!   like everyone else. Only child welfare acknowledges and reviews; the
//!   reporter, who may read it, gets 403. The list answers everyone who signs
//!   in with what they may see (200).
//! - The caseworker is otherwise like teacher B: a stranger to every child,
//!   including child B.
//! - The intake queue (the last column is the coordinating unit's intake
//!   worker, roles intake and staff, who works with no child; like teacher B
//!   everywhere else). Each case has teacher A's request for help about the
//!   child, assigned by the intake worker to school A. The queue answers
//!   everyone who signs in with what they may see (200). An item is read by
//!   the intake worker, the one who asked (teacher A) and the unit it went to
//!   (unit leader A); others get 404. Anyone who follows the child asks for
//!   help about it (201), others get the 404 of a missing child; only intake
//!   staff register a referral, others get 403, which does not depend on any
//!   record. Triage (areas) is the intake worker's: the unit it went to may
//!   read it but gets 403; it may set the level (200). The relay log is
//!   started by the unit it went to (201, a child with no open log); the
//!   intake worker, who follows no child, gets the 404 of the child. Teams
//!   around a child are formed by intake staff and by those who follow the
//!   child (201); others get 404.

mod fixture;

use std::collections::BTreeSet;

use reqwest::Method;
use serde_json::{Value, json};

use crate::world::World;
use fixture::{CALLERS, Ids, MISSING};

/// What a row's request acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    /// The shared case of child A1: reads, and requests that change nothing.
    Shared,
    /// A fresh child with its own case for every cell: a write that succeeds
    /// changes nothing another cell reads.
    Fresh,
    /// Like `Fresh`, with the baton offered by teacher A to unit leader A.
    FreshOffer,
    /// Like `Fresh`, with a report about the child sent by teacher A.
    FreshReport,
    /// A fresh child with no case, only an intake item assigned to school A.
    FreshIntake,
}
use Target::{Fresh, FreshIntake, FreshOffer, FreshReport, Shared};

struct Row {
    method: Method,
    /// The path with `{child}`, `{log}`… for the ids of the target.
    path: &'static str,
    body: fn(&Ids) -> Option<Value>,
    target: Target,
    /// One status per column of [`CALLERS`].
    expect: [u16; 11],
}

fn row(
    method: Method,
    path: &'static str,
    target: Target,
    expect: [u16; 11],
    body: fn(&Ids) -> Option<Value>,
) -> Row {
    Row {
        method,
        path,
        body,
        target,
        expect,
    }
}

fn no_body(_: &Ids) -> Option<Value> {
    None
}

/// The matrix. Columns: no token, wrong token, teacher A, teacher B, unit
/// leader A, municipality leader, administrator, privacy officer,
/// deactivated staff, child welfare caseworker, intake worker.
#[rustfmt::skip]
fn rows() -> Vec<Row> {
    use Method as M;
    vec![
        //                                                              none wrong tA   tB   leadA muni admin priv deact cw   intake
        row(M::GET,  "/api/openapi.json",                        Shared, [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200], no_body),
        // The register and the organisation.
        row(M::GET,  "/api/v1/children",                         Shared, [401, 401, 200, 200, 200, 200, 200, 200, 401, 200, 200], no_body),
        row(M::POST, "/api/v1/persons",                          Fresh,  [401, 401, 403, 403, 403, 403, 201, 403, 401, 403, 403],
            |i| Some(json!({"kind": "adult", "given_name": format!("Ny{}", i.n), "family_name": "Voksen"}))),
        row(M::GET,  "/api/v1/persons/{child}",                  Shared, [401, 401, 200, 404, 200, 404, 200, 404, 401, 404, 404], no_body),
        row(M::GET,  "/api/v1/persons/{guardian}",               Shared, [401, 401, 200, 404, 200, 404, 200, 404, 401, 404, 404], no_body),
        row(M::GET,  "/api/v1/persons/{child_b}",                Shared, [401, 401, 404, 200, 404, 404, 200, 404, 401, 404, 404], no_body),
        row(M::POST, "/api/v1/persons/{child}/relations",        Fresh,  [401, 401, 403, 403, 403, 403, 201, 403, 401, 403, 403],
            |i| Some(json!({"person_id": i.other_adult, "kind": "close_person"}))),
        row(M::POST, "/api/v1/persons/{child}/enrolments",       Fresh,  [401, 401, 403, 403, 403, 403, 201, 403, 401, 403, 403],
            |i| Some(json!({"unit_id": i.school_b, "from_date": "2024-08-15"}))),
        row(M::GET,  "/api/v1/units",                            Shared, [401, 401, 200, 200, 200, 200, 200, 200, 401, 200, 200], no_body),
        row(M::GET,  "/api/v1/measure-types",                    Shared, [401, 401, 200, 200, 200, 200, 200, 200, 401, 200, 200], no_body),
        row(M::POST, "/api/v1/units",                            Fresh,  [401, 401, 403, 403, 403, 403, 201, 403, 401, 403, 403],
            |i| Some(json!({"name": format!("Matriseskolen {}", i.n), "service_type": "school"}))),
        row(M::GET,  "/api/v1/staff",                            Shared, [401, 401, 200, 200, 200, 200, 200, 200, 401, 200, 200], no_body),
        // Concerns.
        row(M::GET,  "/api/v1/children/{child}/concerns",        Shared, [401, 401, 200, 200, 200, 200, 200, 200, 401, 200, 200], no_body),
        row(M::POST, "/api/v1/children/{child}/concerns",        Fresh,  [401, 401, 201, 404, 201, 404, 404, 404, 401, 404, 404],
            |_| Some(json!({"text": "Sliten om morgenen", "areas": ["language"]}))),
        row(M::GET,  "/api/v1/concerns/{concern}",               Shared, [401, 401, 200, 404, 200, 404, 404, 404, 401, 404, 404], no_body),
        row(M::POST, "/api/v1/concerns/{concern}/decision",      Fresh,  [401, 401, 200, 404, 200, 404, 404, 404, 401, 404, 404],
            |_| Some(json!({"decision": "close", "note": "Ingen grunn til uro"}))),
        // Relay logs.
        row(M::GET,  "/api/v1/children/{child}/relay-logs",      Shared, [401, 401, 200, 200, 200, 200, 200, 200, 401, 200, 200], no_body),
        row(M::GET,  "/api/v1/relay-logs/{log}",                 Shared, [401, 401, 200, 404, 200, 404, 404, 404, 401, 404, 404], no_body),
        // An open log has no archive copy yet, for anyone.
        row(M::GET,  "/api/v1/relay-logs/{log}/archive",         Shared, [401, 401, 404, 404, 404, 404, 404, 404, 401, 404, 404], no_body),
        row(M::GET,  "/api/v1/relay-logs/{closed_log}/archive",  Shared, [401, 401, 200, 404, 200, 404, 404, 404, 401, 404, 404], no_body),
        row(M::GET,  "/api/v1/relay-logs/{log}/candidates",      Shared, [401, 401, 200, 404, 200, 404, 404, 404, 401, 404, 404], no_body),
        row(M::POST, "/api/v1/relay-logs/{log}/entries",         Fresh,  [401, 401, 201, 404, 201, 404, 404, 404, 401, 404, 404],
            |_| Some(json!({"kind": "observation", "text": "Leker med flere"}))),
        row(M::GET,  "/api/v1/relay-logs/{log}/entries/{entry}", Shared, [401, 401, 200, 404, 200, 404, 404, 404, 401, 404, 404], no_body),
        row(M::PUT,  "/api/v1/relay-logs/{log}/entries/{entry}", Shared, [401, 401, 405, 405, 405, 405, 405, 405, 401, 405, 405],
            |_| Some(json!({"kind": "goal", "text": "Endret"}))),
        row(M::PATCH, "/api/v1/relay-logs/{log}/entries/{entry}", Shared, [401, 401, 405, 405, 405, 405, 405, 405, 401, 405, 405],
            |_| Some(json!({"text": "Endret"}))),
        row(M::DELETE, "/api/v1/relay-logs/{log}/entries/{entry}", Shared, [401, 401, 405, 405, 405, 405, 405, 405, 401, 405, 405], no_body),
        row(M::POST, "/api/v1/relay-logs/{log}/entries/{entry}", Shared, [401, 401, 405, 405, 405, 405, 405, 405, 401, 405, 405],
            |_| Some(json!({"kind": "goal", "text": "Endret"}))),
        row(M::POST, "/api/v1/relay-logs/{log}/level",           Fresh,  [401, 401, 200, 404, 409, 404, 404, 404, 401, 404, 404],
            |_| Some(json!({"level": 2, "reason": "Trenger helsesykepleier", "family_informed": crate::world::told()}))),
        row(M::POST, "/api/v1/relay-logs/{log}/close",           Fresh,  [401, 401, 200, 404, 409, 404, 404, 404, 401, 404, 404],
            |_| Some(json!({"reason": "goals_reached"}))),
        row(M::POST, "/api/v1/relay-logs/{log}/baton/offer",     Fresh,  [401, 401, 200, 404, 409, 404, 404, 404, 401, 404, 404],
            |i| Some(json!({"to_staff_id": i.leader_a, "to_unit_id": i.school_a}))),
        row(M::POST, "/api/v1/relay-logs/{log}/baton/accept",    FreshOffer, [401, 401, 409, 404, 200, 404, 404, 404, 401, 404, 404], no_body),
        row(M::POST, "/api/v1/relay-logs/{log}/baton/decline",   FreshOffer, [401, 401, 409, 404, 200, 404, 404, 404, 401, 404, 404],
            |_| Some(json!({"reason": "Ikke nå"}))),
        row(M::POST, "/api/v1/relay-logs/{log}/baton/withdraw",  FreshOffer, [401, 401, 200, 404, 409, 404, 404, 404, 401, 404, 404], no_body),
        // The caller's desk.
        row(M::GET,  "/api/v1/me/work",                          Shared, [401, 401, 200, 200, 200, 200, 200, 200, 401, 200, 200], no_body),
        // Marking a reminder that is not the caller's changes nothing.
        row(M::POST, "/api/v1/me/notifications/matrix-key/read", Shared, [401, 401, 204, 204, 204, 204, 204, 204, 401, 204, 204], no_body),
        // Consents.
        row(M::GET,  "/api/v1/children/{child}/consents",        Shared, [401, 401, 200, 404, 200, 404, 404, 404, 401, 404, 404], no_body),
        row(M::GET,  "/api/v1/children/{child_b}/consents",      Shared, [401, 401, 404, 200, 404, 404, 404, 404, 401, 404, 404], no_body),
        row(M::POST, "/api/v1/children/{child}/consents",        Fresh,  [401, 401, 201, 404, 201, 404, 404, 404, 401, 404, 404],
            |i| Some(json!({
                "grantors": [i.guardian], "purpose": "Skolen og PPT samarbeider.",
                "categories": ["plan"], "service_types": ["ppt"], "evidence": "meeting",
            }))),
        row(M::POST, "/api/v1/consents/{consent}/withdraw",      Fresh,  [401, 401, 204, 404, 204, 404, 404, 404, 401, 404, 404],
            |_| Some(json!({"note": "Familien trakk samtykket"}))),
        // The consent waits for no one: those who may change it get the
        // ledger's refusal, the rest the 404 of a missing consent.
        row(M::POST, "/api/v1/consents/{consent}/join",          Shared, [401, 401, 400, 404, 400, 404, 404, 404, 401, 404, 404],
            |i| Some(json!({"guardian": i.guardian}))),
        // Reports to child welfare.
        row(M::GET,  "/api/v1/reports",                          Shared, [401, 401, 200, 200, 200, 200, 200, 200, 401, 200, 200], no_body),
        row(M::POST, "/api/v1/reports",                          Fresh,  [401, 401, 201, 404, 201, 404, 404, 404, 401, 201,404],
            |i| Some(json!({"child_id": i.child, "grounds": ["a"], "text": "Blåmerker på begge armene"}))),
        row(M::GET,  "/api/v1/reports/{report}",                 Shared, [401, 401, 200, 404, 404, 404, 404, 404, 401, 200,404], no_body),
        row(M::POST, "/api/v1/reports/{report}/acknowledge",     FreshReport, [401, 401, 403, 404, 404, 404, 404, 404, 401, 200,404], no_body),
        row(M::POST, "/api/v1/reports/{report}/review",          FreshReport, [401, 401, 403, 404, 404, 404, 404, 404, 401, 200,404],
            |_| Some(json!({"outcome": "dismiss", "note": "Ikke grunnlag for undersøkelse"}))),
        // The intake queue.
        row(M::GET,  "/api/v1/intake",                           Shared, [401, 401, 200, 200, 200, 200, 200, 200, 401, 200, 200], no_body),
        row(M::POST, "/api/v1/intake",                           Fresh,  [401, 401, 201, 404, 201, 404, 404, 404, 401, 404, 404],
            |i| Some(json!({"source": "staff_request", "person_id": i.child, "text": "Trenger et team rundt barnet"}))),
        row(M::POST, "/api/v1/intake",                           Fresh,  [401, 401, 403, 403, 403, 403, 403, 403, 401, 403, 201],
            |_| Some(json!({"source": "referral", "from": "Fastlegen", "text": "Henvisning om språkvansker"}))),
        row(M::GET,  "/api/v1/intake/{intake}",                  Shared, [401, 401, 200, 404, 200, 404, 404, 404, 401, 404, 200], no_body),
        row(M::POST, "/api/v1/intake/{intake}/steps",            Fresh,  [401, 401, 403, 404, 403, 404, 404, 404, 401, 404, 200],
            |_| Some(json!({"step": "categorised", "areas": ["language"]}))),
        row(M::POST, "/api/v1/intake/{intake}/steps",            Fresh,  [401, 401, 200, 404, 200, 404, 404, 404, 401, 404, 200],
            |_| Some(json!({"step": "level_set", "level": 2}))),
        row(M::POST, "/api/v1/intake/{intake}/relay-log",        FreshIntake, [401, 401, 201, 404, 201, 404, 404, 404, 401, 404, 404],
            |_| Some(json!({"level": 1, "family_informed": crate::world::told()}))),
        row(M::POST, "/api/v1/teams",                            Fresh,  [401, 401, 201, 404, 201, 404, 404, 404, 401, 404, 201],
            |i| Some(json!({"child_id": i.child, "name": format!("Team {}", i.n), "members": [{"staff_id": i.leader_a, "unit_id": i.school_a}]}))),
        // Feedback as FHIR: a pack is organisation data; an answer is the
        // child's feedback, for those who follow the child.
        row(M::GET,  "/api/v1/fhir/Questionnaire/{pack}",        Shared, [401, 401, 200, 200, 200, 200, 200, 200, 401, 200, 200], no_body),
        row(M::GET,  "/api/v1/fhir/QuestionnaireResponse/{feedback_answer}", Shared, [401, 401, 200, 404, 200, 404, 404, 404, 401, 404, 404], no_body),
        row(M::GET,  "/api/v1/fhir/Observation/{feedback_answer}", Shared, [401, 401, 200, 404, 200, 404, 404, 404, 401, 404, 404], no_body),
        // Individual plans and meetings (the coordinating unit's intake worker
        // oversees plans: reads them, makes them and holds meetings, but
        // revising, also by an action item, is for those who follow the child).
        row(M::GET,  "/api/v1/plans/{plan}",                     Shared, [401, 401, 200, 404, 200, 404, 404, 404, 401, 404, 200], no_body),
        row(M::POST, "/api/v1/children/{child}/plan",            Fresh,  [401, 401, 201, 404, 201, 404, 404, 404, 401, 404, 201], plan_body),
        row(M::POST, "/api/v1/plans/{plan}/revisions",           Shared, [401, 401, 201, 404, 201, 404, 404, 404, 401, 404, 403], plan_body),
        row(M::POST, "/api/v1/plans/{plan}/meetings",            Shared, [401, 401, 201, 404, 201, 404, 404, 404, 401, 404, 201],
            |i| Some(json!({"template_id": "default", "start_ms": 1_900_000_000_000_i64, "end_ms": 1_900_003_600_000_i64,
                            "place": "Skolen", "leader_id": i.leader_a}))),
        row(M::GET,  "/api/v1/meetings/{meeting}",               Shared, [401, 401, 200, 404, 200, 404, 404, 404, 401, 404, 200], no_body),
        row(M::POST, "/api/v1/meetings/{meeting}/attendance",    Shared, [401, 401, 201, 404, 201, 404, 404, 404, 401, 404, 201],
            |_| Some(json!({"present": [0, 1]}))),
        row(M::POST, "/api/v1/meetings/{meeting}/minutes",       Shared, [401, 401, 201, 404, 201, 404, 404, 404, 401, 404, 201],
            |_| Some(json!({"text": "Vi startet med det som er viktig"}))),
        row(M::POST, "/api/v1/meetings/{meeting}/decisions",     Shared, [401, 401, 201, 404, 201, 404, 404, 404, 401, 404, 201],
            |_| Some(json!({"text": "Skolen kjøper lesebøker", "concerns_family": false}))),
        row(M::POST, "/api/v1/meetings/{meeting}/action-items",  Shared, [401, 401, 201, 404, 201, 404, 404, 404, 401, 404, 403],
            |i| Some(json!({"what": "Leksehjelp", "responsible_id": i.leader_a, "deadline": "2030-02-01", "goal": 1}))),
        row(M::GET,  "/api/v1/meetings/{meeting}/invitation.ics", Shared, [401, 401, 200, 404, 200, 404, 404, 404, 401, 404, 200], no_body),
        // Coordinators are the coordinating unit's (the intake worker): it
        // reads and assigns them, and ends one (409: a fresh child has none
        // to end); no one else learns whom they coordinate (404). Everyone
        // has a caseload (empty unless they coordinate); the overview is the
        // coordinating unit's, 403 to others whatever the record.
        row(M::GET,  "/api/v1/children/{child}/coordinators",    Shared, [401, 401, 404, 404, 404, 404, 404, 404, 401, 404, 200], no_body),
        row(M::POST, "/api/v1/children/{child}/coordinators",    Fresh,  [401, 401, 404, 404, 404, 404, 404, 404, 401, 404, 201],
            |i| Some(json!({"kind": "coordinator", "staff_id": i.leader_a}))),
        row(M::DELETE, "/api/v1/children/{child}/coordinators/{kind}", Fresh, [401, 401, 404, 404, 404, 404, 404, 404, 401, 404, 409], no_body),
        row(M::GET,  "/api/v1/my/caseload",                      Shared, [401, 401, 200, 200, 200, 200, 200, 200, 401, 200, 200], no_body),
        row(M::GET,  "/api/v1/coordination",                     Shared, [401, 401, 403, 403, 403, 403, 403, 403, 401, 403, 200], no_body),
        // A collaboration meeting about a relay log: the log's access. Those
        // who write in child A1's log reach its rule (level 1: 409
        // `meeting-error-log-level`); others get the 404 of a missing log.
        row(M::POST, "/api/v1/relay-logs/{log}/meetings",        Shared, [401, 401, 409, 404, 409, 404, 404, 404, 401, 404, 404],
            |i| Some(json!({"template_id": "default", "start_ms": 1_900_000_000_000_i64, "end_ms": 1_900_003_600_000_i64,
                            "place": "Skolen", "leader_id": i.leader_a}))),
        // The annual cycle: for the leaders a task is for (unit leader A and
        // the municipality leader); the list answers everyone with what they lead.
        row(M::GET,  "/api/v1/cycle",                            Shared, [401, 401, 200, 200, 200, 200, 200, 200, 401, 200, 200], no_body),
        row(M::POST, "/api/v1/cycle/{cycle_task}/{cycle_due}/done", Shared, [401, 401, 404, 404, 204, 204, 404, 404, 401, 404, 404],
            |_| Some(json!({"note": "Matrisen"}))),
        row(M::POST, "/api/v1/cycle/{cycle_task}/{cycle_due}/skip", Shared, [401, 401, 404, 404, 204, 204, 404, 404, 401, 404, 404],
            |_| Some(json!({"note": "Matrisen"}))),
        // Feedback episodes follow the feedback policy like the FHIR rows:
        // the child's own units (teacher A, unit leader A) read and write;
        // everyone else gets 404. Ending is the last row: it ends the shared
        // episode (teacher A, 204), so unit leader A then finds it ended (409).
        row(M::GET,  "/api/v1/children/{child}/feedback",        Shared, [401, 401, 200, 404, 200, 404, 404, 404, 401, 404, 404], no_body),
        row(M::POST, "/api/v1/children/{child}/feedback",        Shared, [401, 401, 201, 404, 201, 404, 404, 404, 401, 404, 404],
            |i| Some(json!({"unit_id": i.school_a, "pack_id": "test"}))),
        row(M::GET,  "/api/v1/feedback/{feedback_episode}",      Shared, [401, 401, 200, 404, 200, 404, 404, 404, 401, 404, 404], no_body),
        row(M::POST, "/api/v1/feedback/{feedback_episode}/answers", Shared, [401, 401, 201, 404, 201, 404, 404, 404, 401, 404, 404],
            |_| Some(json!({"scale_id": "outcome", "items": ["7,3", 8, "8.0", 8]}))),
        row(M::POST, "/api/v1/feedback/{feedback_episode}/links", Shared, [401, 401, 201, 404, 201, 404, 404, 404, 401, 404, 404],
            |_| Some(json!({"scale_id": "outcome", "respondent": "parent"}))),
        row(M::POST, "/api/v1/feedback/{feedback_episode}/end",  Shared, [401, 401, 204, 404, 409, 404, 404, 404, 401, 404, 404], no_body),
    ]
}

fn plan_body(_: &Ids) -> Option<Value> {
    Some(json!({
        "reason": "Matrisen",
        "plan": {
            "what_matters": "Vennene mine", "needs_and_dreams": "Spille fotball",
            "resources": "", "participants": "", "cooperation": "", "consent": "",
            "goals": [{"master": "Lese en bok", "by": "2030-01-01", "know_by": "Hun forteller"}],
            "measures": [],
            "period_start": "2025-01-01", "period_end": "2030-12-31", "next_revision": "2030-06-01",
        },
    }))
}

/// Lists of a child's cases: filtered rather than refused, so a caller
/// outside the child's units gets the same 200 as for a child that does not
/// exist (an empty list).
const FILTERED: &[&str] = &[
    "/api/v1/children/{child}/concerns",
    "/api/v1/children/{child}/relay-logs",
];

/// The columns of those who work at child A1's school (teacher A, unit
/// leader A).
const SCHOOL_A: [usize; 2] = [2, 4];

/// Every route the API serves, as `METHOD path` with the router's names for
/// the ids; the matrix must have a row for each.
const ROUTES: &[&str] = &[
    "GET /api/openapi.json",
    "GET /api/v1/children",
    "POST /api/v1/persons",
    "GET /api/v1/persons/{id}",
    "POST /api/v1/persons/{id}/relations",
    "POST /api/v1/persons/{id}/enrolments",
    "GET /api/v1/units",
    "POST /api/v1/units",
    "GET /api/v1/measure-types",
    "GET /api/v1/staff",
    "GET /api/v1/children/{id}/concerns",
    "POST /api/v1/children/{id}/concerns",
    "GET /api/v1/concerns/{id}",
    "POST /api/v1/concerns/{id}/decision",
    "GET /api/v1/children/{id}/relay-logs",
    "GET /api/v1/relay-logs/{id}",
    "GET /api/v1/relay-logs/{id}/archive",
    "GET /api/v1/relay-logs/{id}/candidates",
    "POST /api/v1/relay-logs/{id}/entries",
    "GET /api/v1/relay-logs/{id}/entries/{id}",
    "PUT /api/v1/relay-logs/{id}/entries/{id}",
    "PATCH /api/v1/relay-logs/{id}/entries/{id}",
    "DELETE /api/v1/relay-logs/{id}/entries/{id}",
    "POST /api/v1/relay-logs/{id}/entries/{id}",
    "POST /api/v1/relay-logs/{id}/level",
    "POST /api/v1/relay-logs/{id}/close",
    "POST /api/v1/relay-logs/{id}/baton/offer",
    "POST /api/v1/relay-logs/{id}/baton/accept",
    "POST /api/v1/relay-logs/{id}/baton/decline",
    "POST /api/v1/relay-logs/{id}/baton/withdraw",
    "GET /api/v1/me/work",
    "POST /api/v1/me/notifications/{id}/read",
    "GET /api/v1/children/{id}/consents",
    "POST /api/v1/children/{id}/consents",
    "POST /api/v1/consents/{id}/withdraw",
    "POST /api/v1/consents/{id}/join",
    "GET /api/v1/reports",
    "POST /api/v1/reports",
    "GET /api/v1/reports/{id}",
    "POST /api/v1/reports/{id}/acknowledge",
    "POST /api/v1/reports/{id}/review",
    "GET /api/v1/intake",
    "POST /api/v1/intake",
    "GET /api/v1/intake/{id}",
    "POST /api/v1/intake/{id}/steps",
    "POST /api/v1/intake/{id}/relay-log",
    "POST /api/v1/teams",
    "GET /api/v1/fhir/Questionnaire/{id}",
    "GET /api/v1/fhir/QuestionnaireResponse/{id}",
    "GET /api/v1/fhir/Observation/{id}",
    "GET /api/v1/plans/{id}",
    "POST /api/v1/children/{id}/plan",
    "POST /api/v1/plans/{id}/revisions",
    "POST /api/v1/plans/{id}/meetings",
    "GET /api/v1/meetings/{id}",
    "POST /api/v1/meetings/{id}/attendance",
    "POST /api/v1/meetings/{id}/minutes",
    "POST /api/v1/meetings/{id}/decisions",
    "POST /api/v1/meetings/{id}/action-items",
    "GET /api/v1/meetings/{id}/invitation.ics",
    "GET /api/v1/children/{id}/coordinators",
    "POST /api/v1/children/{id}/coordinators",
    "DELETE /api/v1/children/{id}/coordinators/{id}",
    "GET /api/v1/my/caseload",
    "GET /api/v1/coordination",
    "POST /api/v1/relay-logs/{id}/meetings",
    "GET /api/v1/cycle",
    "POST /api/v1/cycle/{id}/{id}/done",
    "POST /api/v1/cycle/{id}/{id}/skip",
    "GET /api/v1/children/{id}/feedback",
    "POST /api/v1/children/{id}/feedback",
    "GET /api/v1/feedback/{id}",
    "POST /api/v1/feedback/{id}/answers",
    "POST /api/v1/feedback/{id}/links",
    "POST /api/v1/feedback/{id}/end",
];

/// A row's method and path, with every `{name}` generalised to `{id}`.
fn route_of(row: &Row) -> String {
    let path = generalise(&row.path.replace("matrix-key", "{id}"));
    format!("{} {path}", row.method)
}

fn generalise(path: &str) -> String {
    let mut out = String::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        out.push_str("{id}");
        rest = &rest[start + rest[start..].find('}').expect("closed") + 1..];
    }
    out.push_str(rest);
    out
}

fn fill(path: &str, i: &Ids) -> String {
    path.replace("{child}", &i.child)
        .replace("{child_b}", &i.child_b)
        .replace("{guardian}", &i.guardian)
        .replace("{concern}", &i.concern)
        .replace("{closed_log}", &i.closed_log)
        .replace("{log}", &i.log)
        .replace("{entry}", &i.entry)
        .replace("{consent}", &i.consent)
        .replace("{report}", &i.report)
        .replace("{intake}", &i.intake)
        .replace("{feedback_answer}", &i.feedback_answer)
        .replace("{feedback_episode}", &i.feedback_episode)
        .replace("{pack}", "test")
        .replace("{plan}", &i.plan)
        .replace("{meeting}", &i.meeting)
        .replace("{kind}", "coordinator")
        .replace("{cycle_task}", &i.cycle_task)
        .replace("{cycle_due}", &i.cycle_due)
}

/// One request: status, body and the request id the server gave it.
async fn send(
    w: &World,
    method: &Method,
    token: Option<&str>,
    path: &str,
    body: Option<&Value>,
) -> (u16, String, String) {
    let mut r = w.client().request(method.clone(), w.url(path));
    if let Some(token) = token {
        r = r.bearer_auth(token);
    }
    if let Some(body) = body {
        r = r.json(body);
    }
    let r = r.send().await.expect("request");
    let request_id = r
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let status = r.status().as_u16();
    (status, r.text().await.expect("body"), request_id)
}

#[tokio::test]
async fn every_route_answers_every_caller_as_the_policy_says() {
    let w = World::start().await;
    let callers = fixture::callers(&w).await;
    let unit_c = fixture::unstaffed_unit(&w).await;
    let shared = fixture::shared(&w, &callers, &unit_c).await;
    let rows = rows();

    let served: BTreeSet<String> = rows.iter().map(route_of).collect();
    let routes: BTreeSet<String> = ROUTES.iter().map(|r| r.to_string()).collect();
    assert_eq!(
        served, routes,
        "the matrix covers every route, and only those"
    );
    // Every operation the OpenAPI document describes has a row.
    let (_, doc) = crate::world::json(
        w.client()
            .get(w.url("/api/openapi.json"))
            .send()
            .await
            .expect("doc"),
    )
    .await;
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for method in item.as_object().expect("operations").keys() {
            let route = format!("{} {}", method.to_uppercase(), generalise(path));
            if ["get", "post", "put", "patch", "delete"].contains(&method.as_str()) {
                assert!(served.contains(&route), "no row for {route}");
            }
        }
    }

    let teacher_b = CALLERS
        .iter()
        .position(|c| *c == "teacher B")
        .expect("column");
    let mut failures = Vec::new();
    let mut denied_to_b = Vec::new();
    let mut fresh = 0;
    for row in &rows {
        for (col, token) in callers.tokens.iter().enumerate() {
            let ids = match row.target {
                Shared => shared.clone(),
                FreshIntake => {
                    fresh += 1;
                    fixture::fresh_intake(&w, &shared, fresh).await
                }
                Fresh | FreshOffer | FreshReport => {
                    fresh += 1;
                    let offer = row.target == FreshOffer;
                    let report = row.target == FreshReport;
                    fixture::fresh(&w, &shared, &unit_c, fresh, offer, report).await
                }
            };
            let token = token.as_deref();
            let path = fill(row.path, &ids);
            let body = (row.body)(&ids);
            let (status, text, request_id) =
                send(&w, &row.method, token, &path, body.as_ref()).await;
            let want = row.expect[col];
            let cell = format!("{} {} as {}", row.method, row.path, CALLERS[col]);
            if status != want {
                failures.push(format!("{cell}: got {status}, want {want}: {text}"));
                continue;
            }
            let filtered = FILTERED.contains(&row.path) && !SCHOOL_A.contains(&col);
            if status == 404 || filtered {
                // The same answer as for an id that names nothing.
                let missing = ids.missing();
                let other = fill(row.path, &missing);
                let body = (row.body)(&missing);
                // The id is in the path, or (a new report) in the body.
                let in_body = body
                    .as_ref()
                    .is_some_and(|b| b.to_string().contains(MISSING));
                assert!(
                    other.contains(MISSING) || in_body,
                    "{cell}: no id to replace"
                );
                let (s, t, _) = send(&w, &row.method, token, &other, body.as_ref()).await;
                if (s, &t) != (status, &text) {
                    failures.push(format!(
                        "{cell}: {status} {text}, but {s} {t} for a missing id"
                    ));
                }
                if col == teacher_b && status == 404 {
                    denied_to_b.push((cell, request_id));
                }
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));

    // Every personal-data access refused to teacher B is in the access log
    // as a denial, under the request that was refused.
    let log =
        w.db.store
            .audit_records(&w.tenant, 1_000_000)
            .await
            .expect("log");
    let denials: BTreeSet<&str> = log
        .iter()
        .filter(|r| r.event.actor_id == w.staff_b.as_str() && r.event.outcome == "deny")
        .map(|r| r.event.request_id.as_str())
        .collect();
    assert!(!denied_to_b.is_empty());
    for (cell, request_id) in &denied_to_b {
        assert!(!request_id.is_empty(), "{cell}: no request id");
        assert!(
            denials.contains(request_id.as_str()),
            "{cell}: no deny record"
        );
    }
    let reports = w.db.store.verify_audit().await.expect("verify");
    assert!(reports.iter().all(|r| r.result.is_ok()));
    w.stop().await;
}
