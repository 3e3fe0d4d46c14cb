//! `/api/v1/cycle`: leaders list the occurrences of the tasks they lead and
//! mark them done or skipped; bad input is refused with its message key and
//! changes nothing; others see an empty list and get 404 when marking.

use ettlag_core::Role;
use reqwest::StatusCode;
use serde_json::json;

use crate::pages::cycle::{add_leader, school_task};
use crate::world::{World, assert_error, json};

#[tokio::test]
async fn leaders_list_and_mark_the_occurrences_of_their_tasks() {
    let w = World::start().await;
    let lead = add_leader(&w, "rektor", Role::UnitLeader, vec![w.school_a.clone()]).await;
    let (id, due) = school_task(&w, "Evaluer praksis i skolen").await;
    let period = format!("/api/v1/cycle?from={due}&to={due}");

    let (status, list) = json(w.get(&lead, &period).await).await;
    assert_eq!(status, StatusCode::OK, "{list}");
    assert_eq!(list[0]["task_id"], id.as_str());
    assert_eq!(list[0]["status"], "planned");
    assert_eq!(list[0]["overdue"], false);
    assert_eq!(list[0]["audience"]["kind"], "service_type");

    let done = format!("/api/v1/cycle/{id}/{due}/done");
    assert_error(
        w.post(&lead, &done, &json!({"note": " "})).await,
        StatusCode::BAD_REQUEST,
        "cycle-error-note",
    )
    .await;
    assert_error(
        w.post(
            &lead,
            &format!("/api/v1/cycle/{id}/{}/done", due.add_days(1)),
            &json!({"note": "x"}),
        )
        .await,
        StatusCode::CONFLICT,
        "cycle-error-occurrence",
    )
    .await;
    assert_error(
        w.post(
            &lead,
            &format!("/api/v1/cycle/{id}/2026-02-30/done"),
            &json!({"note": "x"}),
        )
        .await,
        StatusCode::BAD_REQUEST,
        "error-bad-date",
    )
    .await;
    assert_error(
        w.get(&lead, "/api/v1/cycle?from=2026-01-01&to=2029-01-01")
            .await,
        StatusCode::CONFLICT,
        "cycle-error-period",
    )
    .await;
    let (_, list) = json(w.get(&lead, &period).await).await;
    assert_eq!(list[0]["status"], "planned", "refusals changed nothing");

    // A teacher sees nothing and cannot tell the task from a missing one.
    let (status, none) = json(w.get(&w.teacher_a, &period).await).await;
    assert_eq!((status, none), (StatusCode::OK, json!([])));
    assert_error(
        w.post(&w.teacher_a, &done, &json!({"note": "Gjort"})).await,
        StatusCode::NOT_FOUND,
        "error-not-found",
    )
    .await;

    let r = w
        .post(&lead, &done, &json!({"note": "Vi evaluerte tiltakene."}))
        .await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let (_, list) = json(w.get(&lead, &period).await).await;
    assert_eq!(list[0]["status"], "done");
    assert_eq!(list[0]["note"], "Vi evaluerte tiltakene.");
    assert_eq!(list[0]["closed_by"], "Leder rektor");
    let r = w
        .post(
            &lead,
            &format!("/api/v1/cycle/{id}/{due}/skip"),
            &json!({"note": "Likevel ikke"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let (_, list) = json(w.get(&lead, &period).await).await;
    assert_eq!(list[0]["status"], "skipped");
}
