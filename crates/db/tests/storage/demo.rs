//! The bulk loader of the demo municipality: batch after batch, the steering
//! counts it keeps equal a recount from the source tables, so a national-scale
//! load never has to recount the municipality between batches.

use ettlag_core::{RelationKind, ServiceType};
use ettlag_db::{DemoChild, DemoFamily, DemoPerson};

use crate::support::{nin, store, world};

fn person(given: &str, year: u16, day: u8) -> DemoPerson {
    DemoPerson {
        given_name: given.to_string(),
        family_name: "Demo".to_string(),
        national_id: nin(year, 3, day),
    }
}

/// A family with `children` children enrolled at the given unit indexes.
fn family(day: u8, children: &[&[usize]]) -> DemoFamily {
    DemoFamily {
        children: children
            .iter()
            .enumerate()
            .map(|(i, units)| DemoChild {
                person: person("Barn", 2018 + i as u16, day),
                units: units.to_vec(),
            })
            .collect(),
        adults: vec![(person("Forelder", 1985, day), RelationKind::Guardian)],
    }
}

#[tokio::test]
async fn batches_of_demo_families_keep_the_steering_counts_equal_to_a_recount() {
    let w = world().await;
    let s = store(&w);
    let units = s
        .load_demo_units(
            &w.tenant,
            vec![
                ("Demo barnehage".to_string(), ServiceType::Kindergarten),
                ("Demo skole".to_string(), ServiceType::School),
                ("Demo helsestasjon".to_string(), ServiceType::HealthStation),
            ],
        )
        .await
        .expect("units");
    let first = vec![family(1, &[&[0, 2]]), family(2, &[&[1], &[0]])];
    let second = vec![family(3, &[&[2, 1]]), family(4, &[&[]])];
    let mut loaded = 0;
    for batch in [first, second] {
        loaded += s
            .load_demo_families(&w.tenant, &units, batch, "2025-08-18")
            .await
            .expect("families");
        assert_eq!(
            s.check_steering().await.expect("check"),
            Vec::<String>::new(),
            "the counts after a batch equal a recount"
        );
    }
    assert_eq!(loaded, 9, "five children and four adults");
}

const BULK_TABLES: &[&str] = &["persons", "relations", "enrolments"];

#[tokio::test]
async fn indexes_set_aside_for_a_bulk_load_come_back_when_it_ends_or_at_the_next_start() {
    let w = world().await;
    let s = store(&w);
    let units = s
        .load_demo_units(
            &w.tenant,
            vec![("Demo skole".to_string(), ServiceType::School)],
        )
        .await
        .expect("units");
    assert_eq!(
        s.defer_indexes(BULK_TABLES).await.expect("defer"),
        3,
        "the three secondary indexes of the family tables are set aside"
    );
    assert_eq!(
        s.defer_indexes(BULK_TABLES).await.expect("defer again"),
        0,
        "set aside, they are no longer in the database"
    );
    s.load_demo_families(&w.tenant, &units, vec![family(1, &[&[0]])], "2025-08-18")
        .await
        .expect("families load without the indexes");
    // A load that stops here is healed by the next start.
    s.migrate().await.expect("start again");
    assert_eq!(
        s.defer_indexes(BULK_TABLES)
            .await
            .expect("defer after start"),
        3,
        "the start built them again"
    );
    assert_eq!(
        s.build_deferred_indexes().await.expect("build"),
        3,
        "the end of a load builds what it set aside"
    );
    assert_eq!(
        s.build_deferred_indexes().await.expect("build again"),
        0,
        "nothing is left to build"
    );
    assert_eq!(
        s.check_steering().await.expect("check"),
        Vec::<String>::new(),
        "the loaded rows count as before"
    );
}
