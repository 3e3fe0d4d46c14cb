use proptest::prelude::*;

use super::*;

fn person(s: &str) -> PersonId {
    PersonId::from_trusted(s.into())
}

fn unit(s: &str) -> UnitId {
    UnitId::from_trusted(s.into())
}

fn day(s: &str) -> Day {
    Day::parse(s).expect("date")
}

fn consent(grantors: &[&str], basis: AgeBasis, categories: &[Category]) -> Consent {
    Consent {
        id: "c1".into(),
        subject: person("child"),
        grantors: grantors.iter().map(|g| person(g)).collect(),
        basis,
        purpose: "Samarbeid mellom barnehage og skole".into(),
        recipients: Recipients {
            units: vec![unit("school")],
            service_types: vec![ServiceType::Ppt],
        },
        categories: categories.to_vec(),
        valid_from: day("2026-08-01"),
        valid_to: Some(day("2027-07-31")),
        evidence: Evidence::Meeting,
        withdrawn_at_ms: None,
        stance: Default::default(),
        awaiting: Vec::new(),
        one_guardian_accepted: false,
    }
}

fn family(age: u8) -> Family {
    Family {
        child: person("child"),
        age_years: age,
        guardians: vec![person("mor"), person("far")],
    }
}

#[test]
fn a_consent_covers_its_units_service_types_categories_and_period() {
    let c = consent(
        &["mor"],
        AgeBasis::Guardians,
        &[Category::RelayLog, Category::Plan],
    );
    let today = day("2026-11-25");
    let school = ServiceType::School;
    assert!(c.covers(&unit("school"), school, Category::RelayLog, today));
    assert!(c.covers(&unit("any-ppt"), ServiceType::Ppt, Category::Plan, today));
    assert!(
        !c.covers(&unit("school"), school, Category::Health, today),
        "not health"
    );
    assert!(
        !c.covers(&unit("other"), school, Category::RelayLog, today),
        "not another school"
    );
    assert!(!c.covers(
        &unit("school"),
        school,
        Category::RelayLog,
        day("2026-07-31")
    ));
    assert!(c.covers(
        &unit("school"),
        school,
        Category::RelayLog,
        day("2027-07-31")
    ));
    assert!(!c.covers(
        &unit("school"),
        school,
        Category::RelayLog,
        day("2027-08-01")
    ));
    assert_eq!(c.days_left(today), Some(248));
    let withdrawn = Consent {
        withdrawn_at_ms: Some(1),
        ..c
    };
    assert!(!withdrawn.covers(&unit("school"), school, Category::RelayLog, today));
    assert_eq!(withdrawn.days_left(today), None);
}

#[test]
fn the_right_people_consent_for_the_childs_age() {
    let rules = AgeRules::default();
    let guardians = consent(&["mor"], AgeBasis::Guardians, &[Category::RelayLog]);
    assert_eq!(check(&guardians, &family(9), rules), Ok(()));
    assert_eq!(
        check(&guardians, &family(15), rules),
        Err(ConsentError::YoungPersonNeeded),
        "at 15 the young person consents alone"
    );
    let young = consent(&["child"], AgeBasis::YoungPerson, &[Category::RelayLog]);
    assert_eq!(check(&young, &family(15), rules), Ok(()));
    assert_eq!(
        check(&young, &family(14), rules),
        Err(ConsentError::GuardianNeeded)
    );
    // Health information follows its own age, 16.
    let health = consent(&["child"], AgeBasis::YoungPerson, &[Category::Health]);
    assert_eq!(
        check(&health, &family(15), rules),
        Err(ConsentError::GuardianNeeded)
    );
    assert_eq!(check(&health, &family(16), rules), Ok(()));
    let stranger = consent(&["naboen"], AgeBasis::Guardians, &[Category::RelayLog]);
    assert_eq!(
        check(&stranger, &family(9), rules),
        Err(ConsentError::GuardianNeeded)
    );
    let mut empty = guardians.clone();
    empty.categories.clear();
    assert_eq!(
        check(&empty, &family(9), rules),
        Err(ConsentError::NoCategory)
    );
    let mut backwards = guardians.clone();
    backwards.valid_to = Some(day("2026-01-01"));
    assert_eq!(
        check(&backwards, &family(9), rules),
        Err(ConsentError::EndsBeforeStart)
    );
    let municipality = AgeRules {
        alone_from: 16,
        health_alone_from: 16,
    };
    assert_eq!(
        check(&young, &family(15), municipality),
        Err(ConsentError::GuardianNeeded)
    );
}

proptest! {
    /// Withdrawing a consent, or taking a unit, a kind of service or a
    /// category out of it, never lets anyone receive more.
    #[test]
    fn narrowing_never_widens(
        drop_unit in any::<bool>(),
        drop_type in any::<bool>(),
        drop_category in any::<bool>(),
        withdraw in any::<bool>(),
        unit_i in 0usize..3,
        service_i in 0usize..3,
        category_i in 0usize..3,
        days in 0i64..500,
    ) {
        let units = ["school", "kg", "health"];
        let services = [ServiceType::School, ServiceType::Ppt, ServiceType::HealthStation];
        let categories = [Category::RelayLog, Category::Plan, Category::Health];
        let wide = consent(&["mor"], AgeBasis::Guardians, &categories);
        let mut narrow = wide.clone();
        if drop_unit { narrow.recipients.units.clear(); }
        if drop_type { narrow.recipients.service_types.clear(); }
        if drop_category { narrow.categories.retain(|c| *c != Category::RelayLog); }
        if withdraw { narrow.withdrawn_at_ms = Some(5); }
        let today = day("2026-06-01").add_days(days);
        let (u, s, c) = (unit(units[unit_i]), services[service_i], categories[category_i]);
        prop_assert!(wide.covers(&u, s, c, today) || !narrow.covers(&u, s, c, today));
    }
}

fn refusal(grantors: &[&str]) -> Consent {
    Consent {
        stance: Stance::Refusal,
        ..consent(grantors, AgeBasis::Guardians, &[Category::RelayLog])
    }
}

#[test]
fn a_consent_from_one_of_two_guardians_is_a_draft_that_opens_nothing() {
    let today = day("2026-11-25");
    let settled = settle(
        consent(&["mor"], AgeBasis::Guardians, &[Category::RelayLog]),
        &family(10),
        AgeRules::default(),
        GuardianRule::All,
    )
    .expect("a valid draft");
    assert_eq!(settled.awaiting, vec![person("far")]);
    assert!(settled.is_draft());
    assert!(!settled.is_active(today));
    assert!(!settled.covers(
        &unit("school"),
        ServiceType::School,
        Category::RelayLog,
        today
    ));

    let mut joined = settled.clone();
    joined.join(&person("far")).expect("the father was awaited");
    assert!(joined.is_active(today));
    assert_eq!(joined.grantors, vec![person("mor"), person("far")]);
    assert!(joined.covers(
        &unit("school"),
        ServiceType::School,
        Category::RelayLog,
        today
    ));
    assert_eq!(
        joined.join(&person("far")),
        Err(ConsentError::NotAwaited),
        "no one joins twice"
    );
}

#[test]
fn the_municipality_may_accept_one_guardian_and_the_consent_says_so() {
    let settled = settle(
        consent(&["mor"], AgeBasis::Guardians, &[Category::RelayLog]),
        &family(10),
        AgeRules::default(),
        GuardianRule::One,
    )
    .expect("valid");
    assert!(settled.awaiting.is_empty());
    assert!(settled.one_guardian_accepted);
    assert!(settled.is_active(day("2026-11-25")));
    let both = settle(
        consent(&["mor", "far"], AgeBasis::Guardians, &[Category::RelayLog]),
        &family(10),
        AgeRules::default(),
        GuardianRule::One,
    )
    .expect("valid");
    assert!(!both.one_guardian_accepted, "both gave it: nothing to note");
}

#[test]
fn a_young_person_of_age_decides_alone_and_a_refusal_needs_one_voice() {
    let alone = settle(
        consent(&["child"], AgeBasis::YoungPerson, &[Category::RelayLog]),
        &family(15),
        AgeRules::default(),
        GuardianRule::All,
    )
    .expect("valid");
    assert!(alone.awaiting.is_empty());
    let no = settle(
        refusal(&["far"]),
        &family(10),
        AgeRules::default(),
        GuardianRule::All,
    )
    .expect("valid");
    let today = day("2026-11-25");
    assert!(no.awaiting.is_empty());
    assert!(no.refuses(
        &unit("school"),
        ServiceType::School,
        Category::RelayLog,
        today
    ));
    assert!(
        !no.covers(
            &unit("school"),
            ServiceType::School,
            Category::RelayLog,
            today
        ),
        "a refusal grants nothing"
    );
}

#[test]
fn a_withdrawn_draft_cannot_be_joined() {
    let mut settled = settle(
        consent(&["mor"], AgeBasis::Guardians, &[Category::RelayLog]),
        &family(10),
        AgeRules::default(),
        GuardianRule::All,
    )
    .expect("valid");
    settled.withdrawn_at_ms = Some(1);
    assert_eq!(settled.join(&person("far")), Err(ConsentError::Withdrawn));
}

#[test]
fn consents_stored_before_drafts_and_refusals_read_as_complete_grants() {
    let stored = r#"{"id":"c1","subject":"child","grantors":["mor"],"basis":"guardians","purpose":"p","recipients":{"units":["school"],"service_types":[]},"categories":["relay_log"],"valid_from":"2026-08-01","valid_to":null,"evidence":"meeting","withdrawn_at_ms":null}"#;
    let c: Consent = serde_json::from_str(stored).expect("old form parses");
    assert_eq!(c.stance, Stance::Grant);
    assert!(c.awaiting.is_empty());
    assert_eq!(
        serde_json::to_string(&c).expect("serialises"),
        stored,
        "an old consent is stored as it was"
    );
}
