//! Feedback (FIT): packs checked before they are stored, episodes and
//! answers in integer tenths behind the policy, alerts on the desk, one-time
//! links, the expected band from the municipality's own history, and
//! leaders' aggregates against hand-computed values.

use ettlag_core::feedback::{Alert, PackError, Respondent, Tenths};
use ettlag_core::ids::{EpisodeId, RelayLogId};
use ettlag_core::policy::Actor;
use ettlag_core::{Role, RoleSet};
use ettlag_db::{
    AggregateLevel, DbError, FEEDBACK_ALERT, LinkState, NewEpisode, NewLink, NewStaff, PackOrigin,
};

use crate::support::{World, as_actor, store, world};

const TEST_PACK: &str = include_str!("../../../../packs/test.toml");
const PLAIN_PACK: &str = include_str!("../../../../packs/ettlag-plain.toml");

fn t(v: u16) -> Tenths {
    Tenths::new(v)
}

fn items(values: [u16; 4]) -> Vec<Tenths> {
    values.into_iter().map(t).collect()
}

async fn with_test_pack(w: &World) {
    store(w)
        .install_pack_for(&w.tenant, TEST_PACK, PackOrigin::Shipped)
        .await
        .expect("store")
        .expect("a valid pack");
}

async fn episode(w: &World) -> EpisodeId {
    as_actor(w, &w.teacher_a)
        .start_feedback_episode(NewEpisode {
            person: w.child_a.clone(),
            unit: w.school_a.clone(),
            pack_id: "test".into(),
            log_id: None,
            plan_id: None,
        })
        .await
        .expect("episode")
}

/// An episode with an intake total and a latest total, spread over items.
async fn episode_with(w: &World, intake: u16, latest: u16) -> EpisodeId {
    let id = episode(w).await;
    let a = as_actor(w, &w.teacher_a);
    for total in [intake, latest] {
        let each = total / 4;
        a.record_feedback_answer(&id, "outcome", items([each, each, each, total - 3 * each]))
            .await
            .expect("answer");
    }
    id
}

async fn set(w: &World, name: &str, value: i64) {
    store(w)
        .system_access(&w.tenant)
        .set_setting(name, value)
        .await
        .expect("setting");
}

#[tokio::test]
async fn a_bad_pack_is_refused_with_the_loaders_message_and_stores_nothing() {
    let w = world().await;
    let s = store(&w);
    let bad = s
        .install_pack_for(&w.tenant, "id = \"x\"\nversion = 1", PackOrigin::Uploaded)
        .await
        .expect("store");
    assert!(matches!(bad, Err(PackError::Syntax { .. })), "{bad:?}");
    let over = TEST_PACK.replace("cutoff = 30", "cutoff = 41");
    let over = s
        .install_pack_for(&w.tenant, &over, PackOrigin::Uploaded)
        .await
        .expect("store");
    assert_eq!(
        over.map(|_| ()).map_err(|e| e.message_key()),
        Err("feedback-pack-out-of-range")
    );
    assert!(
        s.system_access(&w.tenant)
            .packs()
            .await
            .expect("packs")
            .is_empty()
    );
    for text in [TEST_PACK, PLAIN_PACK] {
        s.install_pack_for(&w.tenant, text, PackOrigin::Shipped)
            .await
            .expect("store")
            .expect("valid");
    }
    // Loading the same text again is harmless; other text under the same
    // id and version is refused, so stored answers keep their pack.
    s.install_pack_for(&w.tenant, TEST_PACK, PackOrigin::Shipped)
        .await
        .expect("store")
        .expect("same text");
    let changed = TEST_PACK.replace("Testpakke", "Endret");
    let changed = s
        .install_pack_for(&w.tenant, &changed, PackOrigin::Uploaded)
        .await
        .expect("store");
    assert!(matches!(changed, Err(PackError::DuplicateId { .. })));
    let packs = s.system_access(&w.tenant).packs().await.expect("packs");
    assert_eq!(packs.len(), 2);
    assert!(packs.iter().all(|p| p.sha256.len() == 64));
}

#[tokio::test]
async fn answers_are_tenths_and_alerts_reach_the_desk_of_who_follows_up() {
    let w = world().await;
    with_test_pack(&w).await;
    let id = episode(&w).await;
    let a = as_actor(&w, &w.teacher_a);
    let first = a
        .record_feedback_answer(&id, "outcome", items([80, 80, 80, 80]))
        .await
        .expect("answer");
    assert_eq!(
        (first.session, first.total, first.alerts.len()),
        (1, t(320), 0)
    );
    let second = a
        .record_feedback_answer(&id, "outcome", items([10, 50, 50, 50]))
        .await
        .expect("answer");
    assert_eq!(second.session, 2);
    assert_eq!(second.total, t(160));
    assert_eq!(
        second.alerts,
        vec![
            Alert::TotalBelow {
                total: t(160),
                threshold: t(200)
            },
            Alert::ItemBelow {
                item: 0,
                score: t(10),
                threshold: t(20)
            },
            Alert::Drop {
                previous: t(320),
                total: t(160),
                threshold: t(50)
            },
        ]
    );
    // A wrong number of items is refused with the score error's key.
    let wrong = a.record_feedback_answer(&id, "outcome", vec![t(10)]).await;
    assert!(matches!(
        wrong,
        Err(DbError::Refused("feedback-score-item-count"))
    ));
    let (view, pack) = a.feedback_episode(&id).await.expect("episode");
    assert_eq!(pack.id(), "test");
    assert_eq!(view.answers.len(), 2);
    assert_eq!(view.answers[1].items, items([10, 50, 50, 50]));
    assert_eq!(view.answers[1].respondent, Respondent::StaffMeeting);
    assert_eq!(view.answers[1].alerts.len(), 3);
    let desk = a.my_work().await.expect("desk");
    assert!(
        desk.notifications
            .iter()
            .any(|n| n.kind == FEEDBACK_ALERT && n.feedback_episode_id.as_deref() == Some(&id)),
        "{:?}",
        desk.notifications
    );
    assert_eq!(a.feedback_alert_count(&w.child_a).await.expect("count"), 3);
    // Another school sees neither the episode nor the alert.
    let b = as_actor(&w, &w.teacher_b);
    assert!(matches!(
        b.feedback_episode(&id).await,
        Err(DbError::NotFound)
    ));
    assert!(matches!(
        b.record_feedback_answer(&id, "outcome", items([1, 1, 1, 1]))
            .await,
        Err(DbError::NotFound)
    ));
    assert_eq!(b.feedback_alert_count(&w.child_a).await.expect("count"), 0);
    let audit = store(&w)
        .audit_records(&w.tenant, 100_000)
        .await
        .expect("audit");
    let answers: Vec<_> = audit
        .iter()
        .map(|r| &r.event)
        .filter(|e| e.resource_type == "feedback_answer" && e.resource_id == id)
        .map(|e| e.outcome.as_str())
        .collect();
    assert_eq!(answers, ["allow", "allow", "allow", "deny"]);
}

#[tokio::test]
async fn a_one_time_link_shows_a_first_name_answers_once_and_expires() {
    let w = world().await;
    with_test_pack(&w).await;
    let id = episode(&w).await;
    let a = as_actor(&w, &w.teacher_a);
    let link = |respondent| NewLink {
        episode: id.clone(),
        scale_id: "outcome".into(),
        respondent,
    };
    assert!(matches!(
        a.create_feedback_link(link(Respondent::StaffMeeting)).await,
        Err(DbError::Refused(_))
    ));
    let b = as_actor(&w, &w.teacher_b);
    assert!(matches!(
        b.create_feedback_link(link(Respondent::Parent)).await,
        Err(DbError::NotFound)
    ));
    let (token, _) = a
        .create_feedback_link(link(Respondent::Parent))
        .await
        .expect("link");
    let s = store(&w);
    match s.feedback_link(&token).await.expect("page") {
        LinkState::Valid(form) => {
            assert_eq!(form.given_name, "Ada");
            assert_eq!(form.scale.id(), "outcome");
            assert_eq!(form.respondent, Respondent::Parent);
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        s.answer_feedback_link(&token, vec![t(200)]).await,
        Err(DbError::Refused("feedback-score-item-count"))
    ));
    let saved = s
        .answer_feedback_link(&token, items([73, 50, 50, 50]))
        .await
        .expect("answer");
    assert_eq!(saved.total, t(223));
    // The access log says the link read and answered, not a staff member.
    let roles = s
        .fetch_raw(
            "SELECT DISTINCT actor_role FROM audit_log WHERE actor_id LIKE 'link:%' \
             AND resource_type IN ('feedback_link', 'feedback_answer')",
        )
        .await
        .expect("sql");
    assert_eq!(roles, vec![vec![Some("link".to_string())]]);
    assert!(matches!(
        s.answer_feedback_link(&token, items([1, 1, 1, 1])).await,
        Err(DbError::NotFound)
    ));
    assert!(matches!(
        s.feedback_link(&token).await.expect("page"),
        LinkState::Used
    ));
    let (view, _) = a.feedback_episode(&id).await.expect("episode");
    assert_eq!(view.answers.len(), 1);
    assert_eq!(view.answers[0].respondent, Respondent::Parent);
    // An expired link and a made-up token are refused alike.
    let (late, _) = a
        .create_feedback_link(link(Respondent::YoungPerson))
        .await
        .expect("link");
    s.execute_raw("UPDATE feedback_links SET expires_at = 1 WHERE used_at IS NULL")
        .await
        .expect("expire");
    assert!(matches!(
        s.feedback_link(&late).await.expect("page"),
        LinkState::Expired
    ));
    assert!(matches!(
        s.answer_feedback_link(&late, items([1, 1, 1, 1])).await,
        Err(DbError::NotFound)
    ));
    assert!(matches!(
        s.feedback_link("nonsense").await.expect("page"),
        LinkState::Expired
    ));
    let (view, _) = a.feedback_episode(&id).await.expect("episode");
    assert_eq!(view.answers.len(), 1);
}

#[tokio::test]
async fn the_expected_band_appears_once_enough_own_episodes_exist() {
    let w = world().await;
    with_test_pack(&w).await;
    set(&w, "feedback_trajectory_min", 2).await;
    let a = as_actor(&w, &w.teacher_a);
    episode_with(&w, 200, 320).await;
    let early = episode_with(&w, 205, 250).await;
    let (view, _) = a.feedback_episode(&early).await.expect("episode");
    assert!(
        view.expected.is_empty(),
        "one earlier episode is not enough"
    );
    episode_with(&w, 200, 260).await;
    episode_with(&w, 250, 260).await;
    let (view, _) = a.feedback_episode(&early).await.expect("episode");
    let band = view.expected.get("outcome").expect("a band");
    // Reference: intakes 200 and 200 (within ±1 point of 20.5); 25.0 is not.
    assert_eq!(band.episodes, 2);
    assert_eq!(band.points.len(), 2);
    assert_eq!(
        (band.points[1].lower, band.points[1].upper),
        (t(260), t(320))
    );
}

async fn leader(w: &World, role: Role, username: &str) -> Actor {
    let s = store(w);
    let units = if role == Role::UnitLeader {
        vec![w.school_a.clone()]
    } else {
        Vec::new()
    };
    let id = s
        .system_access(&w.tenant)
        .create_staff(NewStaff {
            username: username.into(),
            display_name: username.into(),
            roles: RoleSet::new(vec![role]),
            units,
            password_hash: None,
        })
        .await
        .expect("staff");
    s.actor(&w.tenant, &id).await.expect("load").expect("actor")
}

#[tokio::test]
async fn aggregates_match_hand_computed_values_and_hide_below_min_n() {
    let w = world().await;
    with_test_pack(&w).await;
    set(&w, "feedback_aggregate_min_n", 4).await;
    // Cut-off 30 (ages 0–12), reliable change 5.1:
    for (intake, latest) in [
        (200, 320), // recovered
        (200, 260), // reliably improved, still below the cut-off
        (250, 260), // unchanged
        (250, 180), // deteriorated
        (310, 320), // started above the cut-off: left out
    ] {
        episode_with(&w, intake, latest).await;
    }
    episode(&w).await; // an intake only: no change to count
    let top = as_actor(&w, &leader(&w, Role::MunicipalityLeader, "ml").await);
    let (min_n, lines) = top
        .feedback_aggregates("test", "outcome")
        .await
        .expect("aggregates");
    assert_eq!(min_n, 4);
    let levels: Vec<_> = lines.iter().map(|l| l.level.clone()).collect();
    assert_eq!(
        levels,
        [
            AggregateLevel::Municipality,
            AggregateLevel::Service(ettlag_core::ServiceType::School),
            AggregateLevel::Unit(w.school_a.clone()),
        ]
    );
    let agg = lines[0].aggregate.expect("shown at n = 4");
    assert_eq!((agg.n, agg.non_clinical), (4, 1));
    for share in [
        agg.recovered,
        agg.reliably_improved,
        agg.unchanged,
        agg.deteriorated,
    ] {
        // Wilson 95 % for 1 of 4: 4.6 %–69.9 %, rounded outwards.
        assert_eq!(
            (
                share.count,
                share.n,
                share.lower_permille,
                share.upper_permille
            ),
            (1, 4, 45, 700)
        );
    }
    // d = mean change 3.0 / SD of intakes √(833.3) = 1.04; SE² = 6466.7 /
    // (4 · 833.3) + 1.04² / 6 → SE 1.456, so 1.04 ± 2.85.
    let d = agg.effect_size.expect("an effect size");
    assert_eq!(
        (d.n, d.hundredths, d.lower_hundredths, d.upper_hundredths),
        (4, 104, -181, 389)
    );
    // A unit leader sees their unit, not the municipality; staff see none.
    let unit_leader = as_actor(&w, &leader(&w, Role::UnitLeader, "ul").await);
    let (_, lines) = unit_leader
        .feedback_aggregates("test", "outcome")
        .await
        .expect("aggregates");
    assert_eq!(
        lines.len(),
        2,
        "the service type and the unit, all in school A"
    );
    let (_, lines) = as_actor(&w, &w.teacher_a)
        .feedback_aggregates("test", "outcome")
        .await
        .expect("aggregates");
    assert!(lines.is_empty());
    set(&w, "feedback_aggregate_min_n", 5).await;
    let (_, lines) = top
        .feedback_aggregates("test", "outcome")
        .await
        .expect("aggregates");
    assert!(
        lines.iter().all(|l| l.aggregate.is_none()),
        "hidden below 5"
    );
}

/// A relay log of `child`, opened by `who` at level 2.
async fn log_of(w: &World, who: &Actor, child: &ettlag_core::PersonId) -> RelayLogId {
    use ettlag_core::relay::{ConcernDecision, Level};
    use ettlag_core::text::Text;
    let a = as_actor(w, who);
    let concern = a
        .raise_concern(ettlag_db::NewConcern {
            child: child.clone(),
            unit: None,
            text: Text::parse("Leker alene", 100).expect("text"),
            areas: Vec::new(),
            since: None,
        })
        .await
        .expect("raise");
    a.decide_concern(
        &concern,
        ConcernDecision::StartLog(Level::Two),
        Some(crate::support::told()),
        None,
        None,
    )
    .await
    .expect("decide")
    .expect("log")
}

#[tokio::test]
async fn an_episode_links_only_to_the_same_persons_relay_log() {
    let w = world().await;
    with_test_pack(&w).await;
    let own = log_of(&w, &w.teacher_a, &w.child_a).await;
    let other = log_of(&w, &w.teacher_b, &w.child_b).await;
    let a = as_actor(&w, &w.teacher_a);
    let start = |log: &RelayLogId| NewEpisode {
        person: w.child_a.clone(),
        unit: w.school_a.clone(),
        pack_id: "test".into(),
        log_id: Some(log.clone()),
        plan_id: None,
    };
    let refused = a.start_feedback_episode(start(&other)).await;
    assert!(
        matches!(refused, Err(DbError::Refused("feedback-error-linked"))),
        "{refused:?}"
    );
    assert!(
        a.feedback_episodes_of(&w.child_a)
            .await
            .expect("list")
            .is_empty(),
        "nothing stored"
    );
    let id = a.start_feedback_episode(start(&own)).await.expect("linked");
    let lines = a.feedback_episodes_of(&w.child_a).await.expect("list");
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0].id, id);
    assert_eq!(lines[0].log_id.as_deref(), Some(own.as_str()));
    assert_eq!(lines[0].unit_id, w.school_a);
}
