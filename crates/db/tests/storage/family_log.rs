//! The family reads the log and is notified: a guardian who gave an address
//! gets exactly one outbox row per event (a new log, a level change, a
//! handover, an answer to their request), none naming the child; one who
//! gave none gets nothing; a health entry is named by category only in the
//! family's view and in the download of everything about them; and every
//! read of the family's view is audited.

use ettlag_core::consent::Category;
use ettlag_core::ids::RelayLogId;
use ettlag_core::policy::Purpose;
use ettlag_core::policy::citizen::Citizen;
use ettlag_core::portal::RequestClosing;
use ettlag_core::relay::{ConcernDecision, Entry, Level};
use ettlag_core::text::Text;
use ettlag_core::{Role, RoleSet};
use ettlag_db::{
    CitizenAccess, FAMILY_NOTICE, FamilyNotice, LogCommand, MessageKind, NewConcern, NewStaff,
    NoticeContact, NoticeKind, OutboxMail,
};

use crate::support::{World, add_teacher, as_actor, store, world};

const ADDRESS: &str = "gro@familie.invalid";

fn parent(w: &World) -> CitizenAccess {
    store(w).citizen_access(
        Citizen {
            tenant: w.tenant.clone(),
            person: w.guardian_a.clone(),
        },
        "test",
    )
}

fn text(s: &str) -> Text {
    Text::parse(s, 4000).expect("text")
}

async fn give_address(w: &World, phone: Option<&str>) {
    parent(w)
        .set_notice_contact(
            NoticeContact {
                email: Some(ADDRESS.into()),
                phone: phone.map(str::to_string),
            },
            "nb",
        )
        .await
        .expect("address");
}

async fn open_log(w: &World) -> RelayLogId {
    let a = as_actor(w, &w.teacher_a);
    let concern = a
        .raise_concern(NewConcern {
            child: w.child_a.clone(),
            unit: None,
            text: text("Ada leker alene"),
            areas: Vec::new(),
            since: None,
        })
        .await
        .expect("raise");
    a.decide_concern(
        &concern,
        ConcernDecision::StartLog(Level::One),
        Some(crate::support::told()),
        None,
        None,
    )
    .await
    .expect("decide")
    .expect("log")
}

/// The family notices waiting, with what each announces.
async fn notices(w: &World) -> Vec<(OutboxMail, NoticeKind)> {
    store(w)
        .outbox_unsent()
        .await
        .expect("outbox")
        .into_iter()
        .filter(|m| m.kind == FAMILY_NOTICE)
        .map(|m| {
            let n: FamilyNotice = serde_json::from_str(&m.params).expect("params");
            (m, n.notice)
        })
        .collect()
}

fn count(all: &[(OutboxMail, NoticeKind)], kind: NoticeKind) -> usize {
    all.iter().filter(|(_, k)| *k == kind).count()
}

#[tokio::test]
async fn a_guardian_with_an_address_gets_one_notice_per_event_that_names_no_child() {
    let w = world().await;
    give_address(&w, Some("40000000")).await;
    let log = open_log(&w).await;
    let a = as_actor(&w, &w.teacher_a);
    a.record(
        &log,
        LogCommand::ChangeLevel {
            to: Level::Two,
            reason: "Flere må hjelpe".into(),
            family_informed: Some(crate::support::told()),
        },
        None,
    )
    .await
    .expect("level");
    let colleague = add_teacher(&w, "kollega", &w.school_a).await;
    a.record(
        &log,
        LogCommand::OfferBaton {
            to: colleague.staff.clone(),
            to_unit: w.school_a.clone(),
            family_wish: None,
            transition: None,
        },
        None,
    )
    .await
    .expect("offer");
    as_actor(&w, &colleague)
        .record(&log, LogCommand::AcceptBaton, None)
        .await
        .expect("accept");
    let request = parent(&w)
        .send(&w.child_a, MessageKind::Restriction, "Ikke bruk dataene nå")
        .await
        .expect("request");
    let officer = store(&w)
        .system_access(&w.tenant)
        .create_staff(NewStaff {
            username: "personvern".into(),
            display_name: "Vera Vern".into(),
            roles: RoleSet::new(vec![Role::PrivacyOfficer]),
            units: Vec::new(),
            password_hash: None,
        })
        .await
        .expect("officer");
    let officer = store(&w)
        .actor(&w.tenant, &officer)
        .await
        .expect("load")
        .expect("active");
    store(&w)
        .access(officer, Purpose::PrivacyReview, "test")
        .close_privacy_request(
            &request,
            RequestClosing::parse("granted", "Vi bruker dem ikke").expect("closing"),
        )
        .await
        .expect("answer");

    let all = notices(&w).await;
    let emails: Vec<_> = all
        .iter()
        .filter(|(m, _)| m.channel == "email")
        .cloned()
        .collect();
    for kind in [
        NoticeKind::NewLog,
        NoticeKind::LevelChanged,
        NoticeKind::Handover,
        NoticeKind::RequestAnswered,
    ] {
        assert_eq!(count(&emails, kind), 1, "{kind:?} in {emails:?}");
    }
    assert_eq!(emails.len(), 4, "{emails:?}");
    // The same events by SMS, to the number given.
    assert_eq!(all.len(), 8, "{all:?}");
    for (m, _) in &all {
        assert_eq!(m.person.as_ref(), Some(&w.guardian_a));
        let expected = if m.channel == "sms" {
            "40000000"
        } else {
            ADDRESS
        };
        assert_eq!(m.to, expected);
        assert_eq!(m.language.as_deref(), Some("nb"));
        for name in ["Ada", "Testesen", w.child_a.as_str()] {
            assert!(!m.params.contains(name), "{name} in {}", m.params);
        }
    }
    w.db.remove().await;
}

#[tokio::test]
async fn a_guardian_without_an_address_gets_no_notice() {
    let w = world().await;
    let log = open_log(&w).await;
    as_actor(&w, &w.teacher_a)
        .record(
            &log,
            LogCommand::ChangeLevel {
                to: Level::Two,
                reason: "Flere må hjelpe".into(),
                family_informed: Some(crate::support::told()),
            },
            None,
        )
        .await
        .expect("level");
    assert!(notices(&w).await.is_empty());
    w.db.remove().await;
}

#[tokio::test]
async fn a_removed_address_gets_no_notice_and_is_gone() {
    let w = world().await;
    give_address(&w, None).await;
    parent(&w)
        .set_notice_contact(NoticeContact::default(), "nb")
        .await
        .expect("remove");
    assert_eq!(
        parent(&w).notice_contact().await.expect("read"),
        NoticeContact::default()
    );
    open_log(&w).await;
    assert!(notices(&w).await.is_empty());
    w.db.remove().await;
}

#[tokio::test]
async fn a_withheld_health_entry_is_named_by_category_only_in_the_familys_view() {
    let w = world().await;
    let log = open_log(&w).await;
    let a = as_actor(&w, &w.teacher_a);
    for (what, category) in [
        ("Astma, bruker inhalator før gym", Category::Health),
        ("Ada var glad i dag", Category::RelayLog),
    ] {
        a.record(
            &log,
            LogCommand::Entry {
                entry: Entry::Observation { text: text(what) },
                supersedes: None,
                category,
            },
            None,
        )
        .await
        .expect("entry");
    }
    a.record(
        &log,
        LogCommand::Entry {
            entry: Entry::Goal {
                text: text("Ada har en venn i friminuttene"),
                areas: Vec::new(),
            },
            supersedes: None,
            category: Category::RelayLog,
        },
        None,
    )
    .await
    .expect("goal");
    let view = parent(&w)
        .family_log(&w.child_a)
        .await
        .expect("read")
        .expect("a log");
    assert_eq!(view.level, Level::One);
    assert_eq!(view.withheld, vec![Category::Health]);
    assert!(view.entries.iter().any(|e| e.text == "Ada var glad i dag"));
    assert_eq!(view.goals.len(), 1);
    let holder = view.holder.as_ref().expect("a holder");
    assert_eq!(holder.units, vec!["Nordli skole".to_string()]);
    let all = format!("{view:?}");
    assert!(!all.contains("Astma"), "{all}");
    w.db.remove().await;
}

#[tokio::test]
async fn the_download_withholds_the_health_and_school_entries_the_log_page_withholds() {
    let w = world().await;
    let log = open_log(&w).await;
    let a = as_actor(&w, &w.teacher_a);
    for (what, category) in [
        ("Astma, bruker inhalator før gym", Category::Health),
        ("Fravær 12 dager i høst", Category::School),
        ("Ada var glad i dag", Category::RelayLog),
    ] {
        a.record(
            &log,
            LogCommand::Entry {
                entry: Entry::Observation { text: text(what) },
                supersedes: None,
                category,
            },
            None,
        )
        .await
        .expect("entry");
    }
    let export = parent(&w)
        .export(&w.child_a, ettlag_core::Day::from_ms)
        .await
        .expect("export");
    let all = export.to_string();
    assert!(!all.contains("Astma") && !all.contains("Fravær"), "{all}");
    assert!(all.contains("Ada var glad i dag"), "{all}");
    let entries = export["relay_logs"][0]["entries"]
        .as_array()
        .expect("entries");
    let withheld: Vec<&str> = entries
        .iter()
        .filter_map(|e| e["withheld"].as_str())
        .collect();
    assert_eq!(withheld, vec!["health", "school"]);
    assert!(
        entries
            .iter()
            .filter(|e| e.get("withheld").is_some())
            .all(|e| e.get("content").is_none() && e["at_ms"].is_i64()),
        "a withheld entry says when it was written, never what: {entries:?}"
    );
    w.db.remove().await;
}

#[tokio::test]
async fn every_family_read_of_the_log_is_audited_and_another_child_is_not_found() {
    let w = world().await;
    open_log(&w).await;
    let p = parent(&w);
    p.family_log(&w.child_a).await.expect("read");
    assert!(matches!(
        p.family_log(&w.child_b).await,
        Err(ettlag_db::DbError::NotFound)
    ));
    let audit = store(&w)
        .audit_records(&w.tenant, 500)
        .await
        .expect("audit");
    let me = format!("citizen:{}", w.guardian_a.as_str());
    let reads: Vec<_> = audit
        .iter()
        .filter(|r| r.event.actor_id == me && r.event.resource_type == "relay_log")
        .map(|r| (r.event.resource_id.clone(), r.event.outcome.clone()))
        .collect();
    assert!(
        reads.contains(&(w.child_a.to_string(), "allow".into())),
        "{reads:?}"
    );
    assert!(
        reads.contains(&(w.child_b.to_string(), "deny".into())),
        "{reads:?}"
    );
    w.db.remove().await;
}
