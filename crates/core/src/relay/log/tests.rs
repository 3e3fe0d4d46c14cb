use proptest::prelude::*;

use super::*;
use crate::relay::entry::EntryDraft;

fn staff(s: &str) -> StaffId {
    StaffId::from_trusted(s.into())
}

fn unit(s: &str) -> UnitId {
    UnitId::from_trusted(s.into())
}

fn rec(id: &str, by: &str, body: Event) -> Recorded<Event> {
    Recorded {
        id: id.into(),
        at_ms: 0,
        by: staff(by),
        supersedes: None,
        body,
    }
}

fn opened() -> Recorded<Event> {
    rec(
        "e0",
        "kari",
        Event::Opened {
            level: Level::One,
            holder: staff("kari"),
            holder_unit: unit("kindergarten"),
            concern: None,
            family_informed: Some(told()),
        },
    )
}

fn told() -> FamilyInformed {
    crate::relay::FamilyInformedDraft {
        status: "told".into(),
        on: "2026-09-01".into(),
        how: "meeting".into(),
        who: "Mor".into(),
        said: "Hun vil gjerne være med".into(),
        ..Default::default()
    }
    .parse(day("2026-09-01"))
    .expect("valid")
}

fn entry(draft: EntryDraft) -> Event {
    Event::Entry {
        entry: draft.parse().expect("valid entry"),
        category: Category::RelayLog,
        from_unit: None,
    }
}

fn measure(evaluate_by: &str) -> Event {
    entry(EntryDraft {
        kind: "measure".into(),
        what: "Språkgruppe to ganger i uka".into(),
        responsible: "kari".into(),
        responsible_unit: "kindergarten".into(),
        start: "2026-09-01".into(),
        evaluate_by: evaluate_by.into(),
        ..EntryDraft::default()
    })
}

fn evaluation(measure: &str, outcome: &str, next: &str) -> Event {
    entry(EntryDraft {
        kind: "evaluation".into(),
        measure: measure.into(),
        outcome: outcome.into(),
        learned: "Hun snakker mer i gruppa".into(),
        next_evaluation: next.into(),
        ..EntryDraft::default()
    })
}

fn day(s: &str) -> Day {
    Day::parse(s).expect("date")
}

#[test]
fn a_log_starts_with_its_opening_and_ends_with_closing() {
    assert_eq!(LogState::replay(vec![]).err(), Some(RelayError::NotOpened));
    let mut log = LogState::open(opened()).expect("open");
    assert_eq!(log.apply(opened()), Err(RelayError::AlreadyOpened));
    let close = |by: &str, id: &str| {
        rec(
            id,
            by,
            Event::Closed {
                reason: ClosingReason::GoalsReached,
                note: None,
            },
        )
    };
    assert_eq!(log.apply(close("ola", "c1")), Err(RelayError::NotHolder));
    log.apply(close("kari", "c1")).expect("the holder closes");
    assert!(!log.is_open());
    let late = rec("e9", "kari", measure("2026-10-01"));
    assert_eq!(log.apply(late), Err(RelayError::Closed));
}

#[test]
fn only_the_holder_changes_the_level_and_every_change_is_explained() {
    let mut log = LogState::open(opened()).expect("open");
    let change = |by: &str, from, to, why: &str| {
        rec(
            "l1",
            by,
            Event::LevelChanged {
                change: LevelChange {
                    from,
                    to,
                    reason: why.into(),
                },
                family_informed: Some(told()),
            },
        )
    };
    assert_eq!(
        log.apply(change("ola", Level::One, Level::Two, "PPT trengs")),
        Err(RelayError::NotHolder)
    );
    assert_eq!(
        log.apply(change("kari", Level::One, Level::Two, " ")),
        Err(RelayError::Level(LevelError::NoReason))
    );
    assert_eq!(
        log.apply(change("kari", Level::Two, Level::Three, "stale from")),
        Err(RelayError::Level(LevelError::Unchanged)),
        "a change must start from the level the log has"
    );
    log.apply(change(
        "kari",
        Level::One,
        Level::Three,
        "PPT og BUP trengs",
    ))
    .expect("change");
    assert_eq!(log.level, Level::Three);
}

#[test]
fn measures_are_due_until_an_evaluation_ends_them() {
    let mut log = LogState::open(opened()).expect("open");
    log.apply(rec("m1", "kari", measure("2026-10-01")))
        .expect("measure");
    assert_eq!(
        log.overdue(day("2026-10-01")).len(),
        0,
        "due today is not overdue"
    );
    assert_eq!(log.overdue(day("2026-10-02")).len(), 1);
    log.apply(rec(
        "v1",
        "kari",
        evaluation("m1", "continue", "2026-12-01"),
    ))
    .expect("evaluation");
    let m = &log.measures()[0];
    assert_eq!(
        (m.due, m.evaluations, m.ended),
        (day("2026-12-01"), 1, false)
    );
    assert!(log.overdue(day("2026-11-30")).is_empty());
    log.apply(rec("v2", "ola", evaluation("m1", "end", "")))
        .expect("anyone with access evaluates");
    assert!(log.measures()[0].ended);
    assert!(log.overdue(day("2030-01-01")).is_empty());
    assert_eq!(
        log.apply(rec("v3", "kari", evaluation("m1", "change", "2027-01-01"))),
        Err(RelayError::MeasureEnded)
    );
    assert_eq!(
        log.apply(rec("v4", "kari", evaluation("nope", "end", ""))),
        Err(RelayError::Entry(EntryError::UnknownReference))
    );
}

#[test]
fn a_corrected_measure_keeps_its_evaluations() {
    let mut log = LogState::open(opened()).expect("open");
    log.apply(rec("m1", "kari", measure("2026-10-01")))
        .expect("measure");
    log.apply(rec(
        "v1",
        "kari",
        evaluation("m1", "continue", "2026-12-01"),
    ))
    .expect("evaluation");
    let mut fix = rec("m2", "kari", measure("2026-10-15"));
    fix.supersedes = Some("m1".into());
    log.apply(fix).expect("correction");
    let measures = log.measures();
    assert_eq!(measures.len(), 1);
    assert_eq!(measures[0].id, "m2");
    assert_eq!(measures[0].evaluations, 1);
    assert_eq!(measures[0].due, day("2026-12-01"));
    assert_eq!(log.history.timeline().len(), 4, "nothing is removed");

    let mut wrong_kind = rec(
        "g1",
        "kari",
        entry(EntryDraft {
            kind: "goal".into(),
            text: "Et mål".into(),
            ..EntryDraft::default()
        }),
    );
    wrong_kind.supersedes = Some("m2".into());
    assert_eq!(log.apply(wrong_kind), Err(RelayError::CorrectionKind));
    let mut not_entry = rec("x1", "kari", measure("2026-10-15"));
    not_entry.supersedes = Some("e0".into());
    assert_eq!(log.apply(not_entry), Err(RelayError::NotAnEntry));
}

#[test]
fn closing_waits_for_an_open_offer() {
    let mut log = LogState::open(opened()).expect("open");
    log.apply(rec(
        "o1",
        "kari",
        Event::BatonOffered {
            to: staff("ola"),
            to_unit: unit("school"),
            family_wish: None,
            transition: None,
        },
    ))
    .expect("offer");
    let close = rec(
        "c1",
        "kari",
        Event::Closed {
            reason: ClosingReason::GoalsReached,
            note: None,
        },
    );
    assert_eq!(
        log.apply(close),
        Err(RelayError::Baton(BatonError::OfferPending))
    );
    log.apply(rec("a1", "ola", Event::BatonAccepted))
        .expect("accept");
    assert_eq!(log.baton.holder, staff("ola"));
    assert_eq!(log.baton.holder_unit, unit("school"));
}

proptest! {
    /// Whatever is tried, a refused event changes nothing, the history only
    /// grows, and there is always exactly one holder.
    #[test]
    fn refused_events_change_nothing(steps in proptest::collection::vec((0u8..7, 0usize..3), 0..30)) {
        let people = ["kari", "ola", "per"];
        let mut log = LogState::open(opened()).expect("open");
        for (i, (op, who)) in steps.into_iter().enumerate() {
            let by = people[who];
            let body = match op {
                0 => measure("2026-10-01"),
                1 => evaluation("m0", "continue", "2026-12-01"),
                2 => Event::BatonOffered { to: staff(people[(who + 1) % 3]), to_unit: unit("u"), family_wish: None, transition: None },
                3 => Event::BatonAccepted,
                4 => Event::LevelChanged { change: LevelChange { from: log.level, to: Level::Three, reason: "x".into() }, family_informed: None },
                5 => Event::BatonWithdrawn,
                _ => Event::Closed { reason: ClosingReason::GoalsReached, note: None },
            };
            let id = if i == 0 { "m0".to_string() } else { format!("e{}", i + 1) };
            let before_len = log.history.len();
            let (before_level, before_baton, before_closed) = (log.level, log.baton.clone(), log.closed);
            match log.apply(rec(&id, by, body)) {
                Ok(()) => prop_assert_eq!(log.history.len(), before_len + 1),
                Err(_) => {
                    prop_assert_eq!(log.history.len(), before_len);
                    prop_assert_eq!(log.level, before_level);
                    prop_assert_eq!(&log.baton, &before_baton);
                    prop_assert_eq!(log.closed, before_closed);
                }
            }
        }
    }
}

#[test]
fn entries_stored_before_categories_read_as_relay_log_entries() {
    let old = r#"{"event":"entry","entry":{"kind":"observation","text":"Godt smil i dag"}}"#;
    let parsed: Event = serde_json::from_str(old).expect("old entry parses");
    assert!(matches!(
        parsed,
        Event::Entry {
            category: Category::RelayLog,
            from_unit: None,
            ..
        }
    ));
    // A relay-log entry is stored exactly as before; a health entry says so.
    let again = serde_json::to_string(&parsed).expect("serialises");
    assert!(!again.contains("category"));
    let health = Event::Entry {
        entry: match parsed {
            Event::Entry { entry, .. } => entry,
            _ => unreachable!(),
        },
        category: Category::Health,
        from_unit: Some(UnitId::from_trusted("hs".into())),
    };
    let text = serde_json::to_string(&health).expect("serialises");
    assert!(text.contains(r#""category":"health""#) && text.contains(r#""from_unit":"hs""#));
}

#[test]
fn a_returned_baton_goes_home_ends_the_offer_and_remembers_who_held_it() {
    let mut state = LogState::replay(vec![opened()]).expect("opens");
    state
        .apply(rec(
            "e1",
            "kari",
            Event::BatonOffered {
                to: staff("tina"),
                to_unit: unit("school"),
                family_wish: None,
                transition: None,
            },
        ))
        .expect("offered");
    state
        .apply(rec("e2", "tina", Event::BatonAccepted))
        .expect("accepted");
    assert_eq!(
        state.last_holder_in(&unit("kindergarten")),
        Some(&staff("kari"))
    );
    let back = Event::BatonReturned {
        to: staff("kari"),
        to_unit: unit("kindergarten"),
        from: staff("tina"),
        from_unit: unit("school"),
        reason: AccessEnded::ConsentWithdrawn,
    };
    state
        .apply(rec("e3", "system", back.clone()))
        .expect("the system returns the baton without being the holder");
    assert_eq!(state.baton.holder, staff("kari"));
    assert_eq!(state.baton.holder_unit, unit("kindergarten"));
    assert_eq!(state.last_holder_in(&unit("school")), Some(&staff("tina")));
    assert_eq!(
        state.apply(rec("e4", "system", back)),
        Err(RelayError::NotHolder),
        "a return names whom it takes the baton from, who must hold it"
    );
}

#[test]
fn an_offer_to_a_unit_that_lost_the_log_ends_and_the_holder_keeps_it() {
    let mut state = LogState::replay(vec![opened()]).expect("opens");
    let ended = Event::OfferEnded {
        to: staff("tina"),
        to_unit: unit("school"),
        reason: AccessEnded::Refused,
    };
    assert_eq!(
        state.apply(rec("e1", "system", ended.clone())),
        Err(RelayError::Baton(BatonError::NoOffer))
    );
    state
        .apply(rec(
            "e2",
            "kari",
            Event::BatonOffered {
                to: staff("tina"),
                to_unit: unit("school"),
                family_wish: None,
                transition: None,
            },
        ))
        .expect("offered");
    state
        .apply(rec("e3", "system", ended))
        .expect("the offer ends");
    assert!(state.baton.offer.is_none());
    assert_eq!(state.baton.holder, staff("kari"));
}

#[test]
fn openings_and_level_changes_stored_before_the_family_was_asked_read_and_store_as_before() {
    let old = r#"{"event":"opened","level":1,"holder":"kari","holder_unit":"kg","concern":null}"#;
    let parsed: Event = serde_json::from_str(old).expect("old opening parses");
    assert_eq!(parsed.family_informed(), None);
    assert_eq!(serde_json::to_string(&parsed).expect("serialises"), old);
    let old = r#"{"event":"level_changed","change":{"from":1,"to":2,"reason":"PPT"}}"#;
    let parsed: Event = serde_json::from_str(old).expect("old change parses");
    assert_eq!(serde_json::to_string(&parsed).expect("serialises"), old);
    let new = opened().body;
    assert_eq!(new.family_informed(), Some(&told()));
    let text = serde_json::to_string(&new).expect("serialises");
    assert!(text.contains(r#""family_informed":{"status":"told""#));
    let again: Event = serde_json::from_str(&text).expect("parses");
    assert_eq!(again, new);
}
