//! Restriction of processing (GDPR art. 18): the privacy officer marks a
//! child; no one uses the child's data in daily work until it is lifted, the
//! register keeps it, and every refusal is in the access log.

use ettlag_core::policy::Purpose;
use ettlag_core::relay::{ConcernDecision, Entry, Level};
use ettlag_core::text::Text;
use ettlag_core::{Role, RoleSet};
use ettlag_db::{DbError, LogCommand, NewConcern, NewStaff};

use crate::support::{as_actor, nin, store, world};

fn text(s: &str) -> Text {
    Text::parse(s, 200).expect("text")
}

#[tokio::test]
async fn a_restricted_child_is_kept_but_not_used_until_the_restriction_is_lifted() {
    let w = world().await;
    let s = store(&w);
    let admin = s.system_access(&w.tenant);
    let officer_id = admin
        .create_staff(NewStaff {
            username: "personvern".into(),
            display_name: "Vera Vern".into(),
            roles: RoleSet::new(vec![Role::PrivacyOfficer]),
            units: Vec::new(),
            password_hash: None,
        })
        .await
        .expect("officer");
    let officer_actor = s
        .actor(&w.tenant, &officer_id)
        .await
        .expect("load")
        .expect("active");
    let officer = s.access(officer_actor, Purpose::PrivacyReview, "test");

    let a = as_actor(&w, &w.teacher_a);
    let concern = a
        .raise_concern(NewConcern {
            child: w.child_a.clone(),
            unit: None,
            text: text("Ada er mye borte"),
            areas: Vec::new(),
            since: None,
        })
        .await
        .expect("raise");
    let log = a
        .decide_concern(
            &concern,
            ConcernDecision::StartLog(Level::One),
            Some(crate::support::told()),
            None,
            None,
        )
        .await
        .expect("decide")
        .expect("log");

    // A teacher may not restrict; the privacy officer finds the child by number.
    let teacher_review = s.access(w.teacher_a.clone(), Purpose::PrivacyReview, "test");
    assert!(matches!(
        teacher_review
            .set_restriction(&w.child_a, Some(text("x")))
            .await,
        Err(DbError::Forbidden)
    ));
    let found = officer
        .person_for_privacy(&nin(2015, 3, 1))
        .await
        .expect("found");
    assert_eq!(found.person.id, w.child_a);
    assert!(!found.person.restricted);
    officer
        .set_restriction(&w.child_a, Some(text("Foreldrene bestrider opplysningene")))
        .await
        .expect("restrict");
    let found = officer
        .person_for_privacy(&nin(2015, 3, 1))
        .await
        .expect("found");
    assert!(found.person.restricted);
    assert_eq!(
        found.reason.as_deref(),
        Some("Foreldrene bestrider opplysningene")
    );
    assert_eq!(found.restricted_by.as_deref(), Some("Vera Vern"));

    // Daily work sees nothing of the child now.
    assert!(matches!(a.relay_log(&log).await, Err(DbError::NotFound)));
    assert!(matches!(a.person(&w.child_a).await, Err(DbError::NotFound)));
    assert!(
        a.children("", 0)
            .await
            .expect("list")
            .iter()
            .all(|c| c.id != w.child_a)
    );
    assert!(matches!(
        a.record(
            &log,
            LogCommand::Entry {
                entry: Entry::Observation {
                    text: text("Smilte")
                },
                supersedes: None,
                category: ettlag_core::consent::Category::RelayLog,
            },
            None
        )
        .await,
        Err(DbError::NotFound)
    ));
    assert!(matches!(
        a.raise_concern(NewConcern {
            child: w.child_a.clone(),
            unit: None,
            text: text("Igjen"),
            areas: Vec::new(),
            since: None,
        })
        .await,
        Err(DbError::NotFound)
    ));
    assert!(
        a.my_work().await.expect("desk").logs.is_empty(),
        "not even on the holder's desk"
    );
    // The register keeps the child.
    admin
        .person(&w.child_a)
        .await
        .expect("the register still has the child");
    let audit = s.audit_records(&w.tenant, 500).await.expect("audit");
    assert!(
        audit
            .iter()
            .any(|r| r.event.reason == "restricted" && r.event.resource_id == log)
    );
    assert!(audit.iter().any(|r| r.event.resource_type == "restriction"
        && r.event.actor_id == officer_id.as_str()
        && r.event.outcome == "allow"));

    officer
        .set_restriction(&w.child_a, None)
        .await
        .expect("lift");
    a.relay_log(&log).await.expect("used again once lifted");
    assert!(audit_has_lift(&w).await);
    w.db.remove().await;
}

async fn audit_has_lift(w: &crate::support::World) -> bool {
    store(w)
        .audit_records(&w.tenant, 500)
        .await
        .expect("audit")
        .iter()
        .any(|r| r.event.resource_type == "restriction_lifted")
}
