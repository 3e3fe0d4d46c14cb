//! Steering counts: the counts kept by the write paths equal the counts
//! recomputed from the source tables, and every figure of the views equals
//! the same figure computed independently by SQL over the source tables.

use std::collections::BTreeMap;

use ettlag_core::policy::{Actor, Purpose};
use ettlag_core::relay::{ConcernDecision, DevelopmentArea, Entry, Event, Level};
use ettlag_core::steering::{Ladder, LadderStep, MeasureKind, MeasureTypeCode, Period};
use ettlag_core::text::{MAX_TEXT, Text};
use ettlag_core::{Day, NationalId, PersonKind, Role, RoleSet, ServiceType};
use ettlag_db::{
    DbError, Figures, LogCommand, MeasureLine, NewConcern, NewPerson, NewStaff, SteeringFilter,
    now_ms,
};

use crate::support::{World, as_actor, nin, store, world};

fn text(s: &str) -> Text {
    Text::parse(s, MAX_TEXT).expect("text")
}

fn entry(entry: Entry) -> LogCommand {
    LogCommand::Entry {
        entry,
        supersedes: None,
        category: ettlag_core::consent::Category::RelayLog,
    }
}

async fn leader(w: &World, username: &str, role: Role, units: Vec<ettlag_core::UnitId>) -> Actor {
    let s = store(w);
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

/// Ten children with concerns, logs at every level, measures due and
/// overdue, a closed log, a closed concern and an ended enrolment.
async fn scenario(w: &World) {
    let admin = store(w).system_access(&w.tenant);
    let a = as_actor(w, &w.teacher_a);
    let mut children = Vec::new();
    for i in 0..10u8 {
        let n: NationalId = nin(2008 + u16::from(i), 1 + i % 12, 3);
        let child = admin
            .create_person(NewPerson {
                kind: PersonKind::Child,
                national_id: Some(n),
                given_name: format!("Barn{i}"),
                family_name: "Testesen".into(),
            })
            .await
            .expect("child");
        admin
            .enrol(&child, &w.school_a, "2021-08-16")
            .await
            .expect("enrol");
        children.push(child);
    }
    // A measure type high on the ladder, with a cost: one log gets it.
    let foster = store(w)
        .system_access(&w.tenant)
        .for_purpose(Purpose::Administration)
        .add_measure_type(ettlag_core::steering::MeasureTypeFields {
            name: "Fosterhjem i slekt".into(),
            step: ettlag_core::steering::LadderStep::new(5).expect("step"),
            cost: Some(1000),
            active: true,
        })
        .await
        .expect("measure type");
    let today = Day::from_ms(now_ms());
    for (i, child) in children.iter().enumerate().take(8) {
        let concern = a
            .raise_concern(NewConcern {
                child: child.clone(),
                unit: None,
                text: text("Trekker seg unna"),
                areas: vec![DevelopmentArea::Social],
                since: None,
            })
            .await
            .expect("raise");
        if i == 7 {
            a.decide_concern(&concern, ConcernDecision::Close, None, None, None)
                .await
                .expect("close");
            continue;
        }
        if i == 6 {
            continue; // its clock still runs
        }
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
        let (start, due) = if i % 2 == 0 {
            (
                Day::parse("2025-01-06").expect("day"),
                Day::parse("2025-02-01").expect("day"),
            )
        } else {
            (today, today.add_days(60))
        };
        a.record(
            &log,
            entry(Entry::Measure {
                what: text("Fast voksen"),
                responsible: w.teacher_a.staff.clone(),
                responsible_unit: w.school_a.clone(),
                start,
                evaluate_by: due,
                goal: None,
                measure_type: None,
            }),
            None,
        )
        .await
        .expect("measure");
        if i == 1 {
            // Up the ladder from step 1 (a school measure) to step 5.
            a.record(
                &log,
                entry(Entry::Measure {
                    what: text("Fosterhjem hos mormor"),
                    responsible: w.teacher_a.staff.clone(),
                    responsible_unit: w.school_a.clone(),
                    start: today,
                    evaluate_by: today.add_days(90),
                    goal: None,
                    measure_type: Some(foster.clone()),
                }),
                None,
            )
            .await
            .expect("typed measure");
        }
        if i < 2 {
            a.record(
                &log,
                LogCommand::ChangeLevel {
                    to: Level::Two,
                    reason: "PPT".into(),
                    family_informed: Some(crate::support::told()),
                },
                None,
            )
            .await
            .expect("level 2");
        }
        if i == 0 {
            a.record(
                &log,
                LogCommand::ChangeLevel {
                    to: Level::Three,
                    reason: "BUP".into(),
                    family_informed: Some(crate::support::told()),
                },
                None,
            )
            .await
            .expect("level 3");
        }
        if i == 2 {
            a.record(
                &log,
                LogCommand::Close {
                    reason: ettlag_core::relay::ClosingReason::GoalsReached,
                    note: None,
                },
                None,
            )
            .await
            .expect("close");
        }
    }
    admin
        .end_enrolment(&children[9], &w.school_a, &today.to_string())
        .await
        .expect("end enrolment");
}

fn one(db: &[Vec<Option<String>>]) -> i64 {
    db.first()
        .and_then(|r| r.first())
        .and_then(|v| v.as_deref())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// Every figure, computed from the source tables without the counts.
async fn by_sql(w: &World, unit: Option<&str>, now: i64) -> Figures {
    let s = store(w);
    let t = w.tenant.as_str();
    let unit_sql = |col: &str| {
        unit.map(|u| format!(" AND {col} = '{u}'"))
            .unwrap_or_default()
    };
    let q = |sql: String| async move { s.fetch_raw(&sql).await.expect("sql") };
    // A log counts under the unit of its first holder, which is its opening unit here.
    let logs = |extra: &str| {
        format!(
            "SELECT COUNT(*) FROM relay_logs WHERE tenant_id = '{t}'{}{extra}",
            unit_sql("holder_unit_id")
        )
    };
    let mut levels = [0; 3];
    for (i, l) in levels.iter_mut().enumerate() {
        *l = one(&q(logs(&format!(
            " AND closed_at IS NULL AND level = {}",
            i + 1
        )))
        .await);
    }
    let enrolled = one(&q(format!(
        "SELECT COUNT(*) FROM (SELECT child_id, MIN(unit_id) AS u FROM enrolments \
             WHERE tenant_id = '{t}' AND to_date IS NULL GROUP BY child_id) e WHERE 1 = 1{}",
        unit_sql("e.u")
    ))
    .await);
    let concerns = one(&q(format!(
        "SELECT COUNT(*) FROM concerns WHERE tenant_id = '{t}'{}",
        unit_sql("unit_id")
    ))
    .await);
    let opened = one(&q(logs("")).await);
    // Levels reached, level flows, first measures and steps from the events.
    let rows = q(format!(
        "SELECT e.log_id, e.body, e.at_ms, c.raised_at FROM relay_events e \
         JOIN relay_logs l ON l.tenant_id = e.tenant_id AND l.id = e.log_id \
         LEFT JOIN concerns c ON c.tenant_id = l.tenant_id AND c.id = l.concern_id \
         WHERE e.tenant_id = '{t}'{} ORDER BY e.log_id, e.seq",
        unit_sql("l.holder_unit_id")
    ))
    .await;
    let mut per_log: BTreeMap<String, Vec<(Event, i64, i64)>> = BTreeMap::new();
    for r in rows {
        let body: Event = serde_json::from_str(r[1].as_deref().expect("body")).expect("event");
        let at: i64 = r[2].as_deref().and_then(|v| v.parse().ok()).expect("at");
        let raised: i64 = r[3].as_deref().and_then(|v| v.parse().ok()).unwrap_or(at);
        per_log
            .entry(r[0].clone().expect("id"))
            .or_default()
            .push((body, at, raised));
    }
    let (mut reached2, mut reached3) = (0, 0);
    let mut flows: BTreeMap<(u8, u8), i64> = BTreeMap::new();
    let mut first_days: Vec<i64> = Vec::new();
    // The municipality's types: code → (name, step, cost).
    let mut types: BTreeMap<String, (String, u8, Option<i64>)> = BTreeMap::new();
    for r in q(format!(
        "SELECT code, name, step, cost FROM measure_types WHERE tenant_id = '{t}' ORDER BY position"
    ))
    .await
    {
        let n = |i: usize| r[i].as_deref().and_then(|v| v.parse::<i64>().ok());
        types.insert(
            r[0].clone().expect("code"),
            (
                r[1].clone().expect("name"),
                u8::try_from(n(2).expect("step")).expect("step"),
                n(3),
            ),
        );
    }
    let mut steps = [0i64; 6];
    let mut moves = (0, 0);
    let mut moves_by_month: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    let mut measures = 0;
    let mut typed: BTreeMap<String, i64> = BTreeMap::new();
    for events in per_log.values() {
        let mut level = 0u8;
        let mut max = 0u8;
        let mut first = None;
        let mut open_measures = 0;
        // School measures are on step 1 of the default ladder; a typed
        // measure is on its type's step; a log is on its highest.
        let mut step: Option<u8> = None;
        for (e, at, raised) in events {
            match e {
                Event::Opened { level: l, .. } => level = l.number(),
                Event::LevelChanged { change, .. } => {
                    let to = change.to.number();
                    *flows.entry((level, to)).or_insert(0) += 1;
                    level = to;
                }
                Event::Entry {
                    entry: Entry::Measure { measure_type, .. },
                    ..
                } => {
                    let this = match measure_type {
                        Some(c) => {
                            *typed.entry(c.to_string()).or_insert(0) += 1;
                            types[c.as_str()].1
                        }
                        None => {
                            measures += 1;
                            1
                        }
                    };
                    let now_step = step.map_or(this, |s| s.max(this));
                    if step.is_some_and(|s| now_step > s) {
                        moves.0 += 1;
                        let month = Period::month_of(Day::from_ms(*at));
                        moves_by_month.entry(month).or_default().0 += 1;
                    }
                    step = Some(now_step);
                    open_measures += 1;
                    first.get_or_insert((at - raised).div_euclid(86_400_000));
                }
                Event::Closed { .. } => open_measures = -1000,
                _ => {}
            }
            max = max.max(level);
        }
        reached2 += i64::from(max >= 2);
        reached3 += i64::from(max >= 3);
        first_days.extend(first);
        if let Some(st) = step.filter(|_| open_measures > 0) {
            steps[usize::from(st) - 1] += 1;
        }
    }
    first_days.sort_unstable();
    let pct = |p: u64| {
        let n = first_days.len() as u64;
        (n > 0).then(|| first_days[((p * n).div_ceil(100).max(1) - 1) as usize])
    };
    let mut days: BTreeMap<i64, i64> = BTreeMap::new();
    for d in &first_days {
        *days.entry(*d).or_insert(0) += 1;
    }
    let today = Day::from_ms(now).to_string();
    let overdue = one(&q(logs(&format!(
        " AND closed_at IS NULL AND next_due < '{today}'"
    )))
    .await);
    let missed_late = one(&q(format!(
        "SELECT COUNT(*) FROM concerns WHERE tenant_id = '{t}' AND decided_at > deadline_at{}",
        unit_sql("unit_id")
    ))
    .await);
    let missed_open = one(&q(format!("SELECT COUNT(*) FROM concerns WHERE tenant_id = '{t}' AND decided_at IS NULL AND deadline_at < {now}{}", unit_sql("unit_id"))).await);
    let flows: Vec<((u8, u8), i64)> = flows.into_iter().collect();
    Figures {
        levels,
        flows,
        funnel: [enrolled, concerns, opened, reached2, reached3, 0, 0],
        first_measure: (pct(50), pct(90), first_days.len() as i64),
        first_measure_days: days.into_iter().collect(),
        overdue_evaluations: overdue,
        expiring_consents: 0,
        intake_overdue: one(&q(format!("SELECT COUNT(*) FROM intake_items WHERE tenant_id = '{t}' AND closed_at IS NULL AND deadline_at < {now}")).await),
        reports_overdue: one(&q(format!("SELECT COUNT(*) FROM reports WHERE tenant_id = '{t}' AND reviewed_at IS NULL AND review_due_at < {now}")).await),
        clocks_missed: (missed_late, missed_open),
        ladder: ettlag_core::steering::LadderStep::all()
            .map(|st| (st, steps[usize::from(st.number()) - 1]))
            .collect(),
        ladder_moves: moves,
        ladder_moves_by_month: moves_by_month
            .into_iter()
            .map(|(m, (up, down))| (m, up, down))
            .collect(),
        measures: types
            .iter()
            .map(|(code, (name, step, cost))| MeasureLine {
                kind: MeasureKind::Typed(MeasureTypeCode::parse(code).expect("code")),
                name: Some(name.clone()),
                step: LadderStep::new(i64::from(*step)).expect("step"),
                count: typed.get(code).copied().unwrap_or(0),
                cost: *cost,
            })
            .chain((measures > 0).then(|| MeasureLine {
                kind: MeasureKind::Service(ServiceType::School),
                name: None,
                step: LadderStep::new(1).expect("step"),
                count: measures,
                cost: None,
            }))
            .filter(|m| m.count != 0 || m.cost.is_some())
            .collect(),
        spending: LadderStep::all()
            .map(|st| {
                let priced: Vec<i64> = types
                    .iter()
                    .filter(|(_, (_, s, c))| *s == st.number() && c.is_some())
                    .map(|(code, (_, _, c))| {
                        c.unwrap_or(0) * typed.get(code).copied().unwrap_or(0)
                    })
                    .collect();
                (st, (!priced.is_empty()).then(|| priced.iter().sum()))
            })
            .collect(),
        step_names: Default::default(),
    }
}

fn filter(unit: Option<ettlag_core::UnitId>, now: i64) -> SteeringFilter {
    let (y, m, _) = Day::from_ms(now).ymd();
    SteeringFilter {
        unit,
        service_type: None,
        area: None,
        age: None,
        period: Period::last_twelve(y, m),
    }
}

#[tokio::test]
async fn kept_counts_equal_the_source_and_every_figure_equals_sql() {
    let w = world().await;
    scenario(&w).await;
    let s = store(&w);
    assert_eq!(
        s.check_steering().await.expect("check"),
        Vec::<String>::new()
    );

    let muni = leader(&w, "kommunalsjef", Role::MunicipalityLeader, vec![]).await;
    let view = s.access(muni.clone(), Purpose::Steering, "test");
    let now = now_ms();
    let all = view
        .steering(&filter(None, now), now)
        .await
        .expect("figures");
    assert_eq!(all, by_sql(&w, None, now).await);
    assert_eq!(
        all.levels,
        [3, 1, 1],
        "three at level 1, one at 2, one at 3, one closed"
    );
    assert_eq!(all.funnel[0], 11, "eleven enrolled children, one has left");

    // What came in waits: in a month the family's request is past its
    // deadline, and the law's view counts it.
    s.receive_self_referral(
        &w.tenant,
        ettlag_core::intake::SelfReferralDraft {
            who: "parent".into(),
            text: "Vi trenger hjelp med skolestarten.".into(),
            name: "Far Testesen".into(),
            phone: "400 00 001".into(),
            ..ettlag_core::intake::SelfReferralDraft::default()
        }
        .parse()
        .expect("valid"),
    )
    .await
    .expect("received");
    let later = now + 30 * 86_400_000;
    let then = view
        .steering(&filter(None, later), later)
        .await
        .expect("figures");
    assert_eq!(then, by_sql(&w, None, later).await);
    assert_eq!((then.intake_overdue, then.reports_overdue), (1, 0));
    assert_eq!(all.intake_overdue, 0, "not yet overdue now");
    for unit in [&w.school_a, &w.school_b] {
        let one_unit = view
            .steering(&filter(Some(unit.clone()), now), now)
            .await
            .expect("figures");
        assert_eq!(one_unit, by_sql(&w, Some(unit.as_str()), now).await);
    }

    // A unit's area moves its counts with it, and the counts still agree.
    s.system_access(&w.tenant)
        .for_purpose(Purpose::Administration)
        .set_unit_area(&w.school_a, Some("Nord"))
        .await
        .expect("area");
    assert_eq!(
        s.check_steering().await.expect("check"),
        Vec::<String>::new()
    );
    let north = view
        .steering(
            &SteeringFilter {
                area: Some("Nord".into()),
                ..filter(None, now)
            },
            now,
        )
        .await
        .expect("figures");
    assert_eq!(north, by_sql(&w, Some(w.school_a.as_str()), now).await);
    // Every unit here is a school: the service type's figures (read from the
    // rollup without units) equal the municipality's, computed by SQL.
    let schools = view
        .steering(
            &SteeringFilter {
                service_type: Some(ServiceType::School),
                ..filter(None, now)
            },
            now,
        )
        .await
        .expect("figures");
    assert_eq!(schools, by_sql(&w, None, now).await);

    // With an age band the birth year is read (`stat_totals`, and
    // `stat_groups` for a service type): every child here is in one band, so
    // the bands' counts add up to the figures without a band.
    for service_type in [None, Some(ServiceType::School)] {
        let mut levels = [0i64; 3];
        let mut funnel = [0i64; 7];
        for band in ettlag_core::steering::AgeBand::ALL {
            let f = view
                .steering(
                    &SteeringFilter {
                        service_type,
                        age: Some(band),
                        ..filter(None, now)
                    },
                    now,
                )
                .await
                .expect("figures");
            for (sum, n) in levels.iter_mut().zip(f.levels) {
                *sum += n;
            }
            for (sum, n) in funnel.iter_mut().zip(f.funnel) {
                *sum += n;
            }
        }
        assert_eq!(
            (levels, funnel),
            (all.levels, all.funnel),
            "{service_type:?}"
        );
    }

    // A rebuild gives the same counts.
    s.rebuild_steering().await.expect("rebuild");
    assert_eq!(
        view.steering(&filter(None, now), now)
            .await
            .expect("figures"),
        all
    );
    assert_eq!(all.ladder_moves, (1, 0), "one log went up to step 5");

    // Moving a type to another step recounts the ladder in the same write.
    let admin = s
        .system_access(&w.tenant)
        .for_purpose(Purpose::Administration);
    let types = admin.measure_types().await.expect("types");
    let foster = types[0].code.clone();
    admin
        .update_measure_type(
            &foster,
            ettlag_core::steering::MeasureTypeFields {
                name: "Fosterhjem i familie og nettverk".into(),
                step: LadderStep::new(6).expect("step"),
                cost: Some(1500),
                active: false,
            },
        )
        .await
        .expect("update");
    let moved = view
        .steering(&filter(None, now), now)
        .await
        .expect("figures");
    assert_eq!(moved, by_sql(&w, None, now).await);
    let on = |f: &Figures, n: i64| f.ladder[usize::try_from(n - 1).expect("step")].1;
    assert_eq!((on(&all, 5), on(&moved, 5), on(&moved, 6)), (1, 0, 1));
    assert_eq!(moved.spending[5].1, Some(1500));
    assert_eq!(
        s.check_steering().await.expect("check"),
        Vec::<String>::new()
    );

    // A new measure needs a type the municipality has in use; a refused
    // measure changes nothing.
    let log = store(&w)
        .fetch_raw(&format!(
            "SELECT id FROM relay_logs WHERE tenant_id = '{}' AND closed_at IS NULL ORDER BY id LIMIT 1",
            w.tenant.as_str()
        ))
        .await
        .expect("sql")[0][0]
        .clone()
        .map(ettlag_core::ids::RelayLogId::from_trusted)
        .expect("log");
    let a = as_actor(&w, &w.teacher_a);
    let before = s.check_steering().await.expect("check");
    for code in [
        foster.clone(),
        MeasureTypeCode::parse("finnes-ikke").expect("code"),
    ] {
        let refused = a
            .record(
                &log,
                entry(Entry::Measure {
                    what: text("Nytt tiltak"),
                    responsible: w.teacher_a.staff.clone(),
                    responsible_unit: w.school_a.clone(),
                    start: Day::from_ms(now),
                    evaluate_by: Day::from_ms(now).add_days(30),
                    goal: None,
                    measure_type: Some(code),
                }),
                None,
            )
            .await;
        assert!(
            matches!(refused, Err(DbError::Refused("measure-type-error-unknown"))),
            "{refused:?}"
        );
    }
    assert_eq!(before, Vec::<String>::new());
    assert_eq!(
        view.steering(&filter(None, now), now)
            .await
            .expect("figures"),
        moved,
        "nothing changed"
    );
}

#[tokio::test]
async fn leaders_see_their_scope_and_others_see_nothing() {
    let w = world().await;
    let s = store(&w);
    let now = now_ms();
    let lead = leader(&w, "rektor.b", Role::UnitLeader, vec![w.school_b.clone()]).await;
    let lead = s.access(lead, Purpose::Steering, "test");
    assert!(
        lead.steering(&filter(Some(w.school_b.clone()), now), now)
            .await
            .is_ok()
    );
    assert!(matches!(
        lead.steering(&filter(Some(w.school_a.clone()), now), now)
            .await,
        Err(DbError::NotFound)
    ));
    assert!(matches!(
        lead.steering(&filter(None, now), now).await,
        Err(DbError::NotFound)
    ));
    let teacher = s.access(w.teacher_a.clone(), Purpose::Steering, "test");
    assert!(matches!(
        teacher
            .steering(&filter(Some(w.school_a.clone()), now), now)
            .await,
        Err(DbError::NotFound)
    ));
    // The ladder is the admin's to change, and a bad cost changes nothing.
    let admin = leader(&w, "admin", Role::Admin, vec![]).await;
    let admin = s.access(admin, Purpose::Administration, "test");
    assert!(matches!(
        admin.set_measure_cost(ServiceType::School, Some(-1)).await,
        Err(DbError::Refused("steering-error-cost"))
    ));
    admin
        .set_measure_cost(ServiceType::School, Some(1200))
        .await
        .expect("cost");
    let mut ladder = Ladder::default();
    ladder.set(
        ServiceType::School,
        ettlag_core::steering::LadderStep::new(2).expect("step"),
    );
    admin.set_ladder(ladder.clone()).await.expect("ladder");
    assert_eq!(
        admin.steering_settings().await.expect("settings"),
        (ladder, [(ServiceType::School, 1200)].into_iter().collect())
    );
    assert!(matches!(
        lead.set_ladder(Ladder::default()).await,
        Err(DbError::Forbidden)
    ));
}
