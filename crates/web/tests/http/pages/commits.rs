//! What a page costs the access log: all the reads of one request are
//! recorded, and the request waits for one durable commit for all of them,
//! not one per read.

use crate::world::World;

/// The records the access log holds for the municipality.
async fn records(w: &World) -> usize {
    w.db.store
        .audit_records(&w.tenant, 100_000)
        .await
        .expect("log")
        .len()
}

#[tokio::test]
async fn a_childs_page_records_every_read_in_one_commit() {
    let w = World::start().await;
    let (c, _) = w.sign_in("laerer.a").await;
    let page = w.url(&format!("/children/{}", w.child_a1.as_str()));
    let (commits, logged) = (w.db.store.commits_waited(), records(&w).await);
    let r = c.get(&page).send().await.expect("page");
    assert_eq!(r.status(), 200);
    let body = r.text().await.expect("body");
    assert!(body.contains("<h1"), "the child's page was rendered");
    assert_eq!(
        w.db.store.commits_waited() - commits,
        1,
        "one durable commit for the whole page"
    );
    let added = records(&w).await - logged;
    assert!(
        added >= 3,
        "the child, their case and their consents were each recorded, not {added}"
    );
    w.stop().await;
}

#[tokio::test]
async fn an_api_read_of_a_person_waits_for_one_commit() {
    let w = World::start().await;
    let (commits, logged) = (w.db.store.commits_waited(), records(&w).await);
    let r = w
        .get(
            &w.teacher_a,
            &format!("/api/v1/persons/{}", w.child_a1.as_str()),
        )
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(w.db.store.commits_waited() - commits, 1);
    assert!(records(&w).await > logged, "the read is in the access log");
    w.stop().await;
}

#[tokio::test]
async fn a_refused_read_is_recorded_before_the_not_found_leaves() {
    let w = World::start().await;
    let logged = records(&w).await;
    // The teacher at school B has nothing to do with a child at school A.
    let r = w
        .get(
            &w.teacher_b,
            &format!("/api/v1/persons/{}", w.child_a1.as_str()),
        )
        .await;
    assert_eq!(r.status(), 404);
    let log =
        w.db.store
            .audit_records(&w.tenant, 100_000)
            .await
            .expect("log");
    assert!(log.len() > logged);
    assert!(
        log.iter()
            .skip(logged)
            .any(|r| r.event.outcome == "deny" && r.event.resource_id == w.child_a1.as_str()),
        "the refusal is in the log when the answer arrives"
    );
    w.stop().await;
}
