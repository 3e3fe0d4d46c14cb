//! No read asks the pool for a second connection while it holds one. Under
//! load every connection can be held at once, and such a read would then wait
//! for itself until the pool gave up: a relay log read at 32 connections once
//! did exactly that. On a pool of one connection the same mistake fails every
//! time, so these reads run there.

use ettlag_core::policy::{Action, Purpose};
use ettlag_core::relay::{ConcernDecision, Level};
use ettlag_core::text::Text;
use ettlag_db::{About, NewConcern, Store};

use crate::support::{told, world};

#[tokio::test]
async fn a_childs_page_reads_finish_on_a_pool_of_one_connection() {
    let w = world().await;
    let teacher =
        w.db.store
            .access(w.teacher_a.clone(), Purpose::FollowUp, "set-up");
    let concern = teacher
        .raise_concern(NewConcern {
            child: w.child_a.clone(),
            unit: None,
            text: Text::parse("Trekker seg unna i friminuttene", 200).expect("text"),
            areas: Vec::new(),
            since: None,
        })
        .await
        .expect("raise");
    let log = teacher
        .decide_concern(
            &concern,
            ConcernDecision::StartLog(Level::One),
            Some(told()),
            None,
            None,
        )
        .await
        .expect("decide")
        .expect("a log was started");

    let narrow = Store::open_with_pool(&w.db.url, Some(1))
        .await
        .expect("a store with one read connection");
    let a = narrow.access(w.teacher_a.clone(), Purpose::FollowUp, "one-connection");
    let child = a.person(&w.child_a).await.expect("the child");
    assert_eq!(child.person.id, w.child_a);
    let logs = a.relay_logs_of(&w.child_a).await.expect("the child's logs");
    assert_eq!(logs.len(), 1);
    // The list names the child, read with the other names of the list.
    assert!(
        logs[0].child_name.ends_with(" Testesen"),
        "{}",
        logs[0].child_name
    );
    assert_eq!(a.relay_log(&log).await.expect("the log").id, log);
    assert!(
        !a.case_candidates(&log)
            .await
            .expect("who may take part")
            .is_empty()
    );
    a.consents_of(&w.child_a).await.expect("the consents");
    assert!(
        a.may(Action::Create, About::NewConcern(&w.child_a))
            .await
            .expect("may raise a concern")
    );
    a.may(Action::Create, About::Report(&w.child_a))
        .await
        .expect("may report");
    narrow.close().await;
    w.db.remove().await;
}
