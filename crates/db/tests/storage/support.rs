use ettlag_core::nin::BirthDate;
use ettlag_core::policy::{Actor, Purpose};
use ettlag_core::{
    NationalId, PersonId, PersonKind, RelationKind, Role, RoleSet, ServiceType, TenantId, UnitId,
};
use ettlag_db::testing::TestDatabase;
use ettlag_db::{AccessContext, NewPerson, NewStaff, Store};

/// A small municipality: two schools, a teacher in each, a child in each with a guardian.
pub struct World {
    pub db: TestDatabase,
    pub tenant: TenantId,
    pub teacher_a: Actor,
    pub teacher_b: Actor,
    pub child_a: PersonId,
    pub child_b: PersonId,
    pub guardian_a: PersonId,
    pub school_a: UnitId,
    pub school_b: UnitId,
}

pub fn nin(year: u16, month: u8, day: u8) -> NationalId {
    (500..1000)
        .find_map(|i| NationalId::synthetic(BirthDate { year, month, day }, i))
        .expect("a synthetic number exists for every date")
}

pub fn store(w: &World) -> &Store {
    &w.db.store
}

pub fn as_actor(w: &World, actor: &Actor) -> AccessContext {
    store(w).access(actor.clone(), Purpose::FollowUp, "test")
}

pub async fn world() -> World {
    let db = TestDatabase::new().await.expect("test database");
    let s = &db.store;
    let tenant = s
        .create_tenant("Testvik kommune", "testvik")
        .await
        .expect("tenant");
    let admin = s.system_access(&tenant);
    let school_a = admin
        .create_unit("Nordli skole", ServiceType::School)
        .await
        .expect("unit");
    let school_b = admin
        .create_unit("Sørli skole", ServiceType::School)
        .await
        .expect("unit");
    let mut staff = Vec::new();
    for (name, unit) in [("lærer.a", &school_a), ("lærer.b", &school_b)] {
        let id = admin
            .create_staff(NewStaff {
                username: name.into(),
                display_name: name.into(),
                roles: RoleSet::new(vec![Role::Staff]),
                units: vec![unit.clone()],
                password_hash: None,
            })
            .await
            .expect("staff");
        staff.push(s.actor(&tenant, &id).await.expect("load").expect("actor"));
    }
    let child = |given: &str, n: NationalId| NewPerson {
        kind: PersonKind::Child,
        national_id: Some(n),
        given_name: given.into(),
        family_name: "Testesen".into(),
    };
    let child_a = admin
        .create_person(child("Ada", nin(2015, 3, 1)))
        .await
        .expect("child");
    let child_b = admin
        .create_person(child("Bo", nin(2015, 4, 2)))
        .await
        .expect("child");
    let guardian_a = admin
        .create_person(NewPerson {
            kind: PersonKind::Adult,
            national_id: Some(nin(1985, 6, 7)),
            given_name: "Gro".into(),
            family_name: "Testesen".into(),
        })
        .await
        .expect("guardian");
    admin
        .add_relation(&child_a, &guardian_a, RelationKind::Guardian)
        .await
        .expect("relation");
    admin
        .enrol(&child_a, &school_a, "2021-08-16")
        .await
        .expect("enrol");
    admin
        .enrol(&child_b, &school_b, "2021-08-16")
        .await
        .expect("enrol");
    let teacher_b = staff.pop().expect("b");
    let teacher_a = staff.pop().expect("a");
    World {
        db,
        tenant,
        teacher_a,
        teacher_b,
        child_a,
        child_b,
        guardian_a,
        school_a,
        school_b,
    }
}

/// Another staff member in `unit`, for tests that need a colleague.
pub async fn add_teacher(w: &World, username: &str, unit: &UnitId) -> Actor {
    let s = store(w);
    let id = s
        .system_access(&w.tenant)
        .create_staff(NewStaff {
            username: username.into(),
            display_name: username.into(),
            roles: RoleSet::new(vec![Role::Staff]),
            units: vec![unit.clone()],
            password_hash: None,
        })
        .await
        .expect("staff");
    s.actor(&w.tenant, &id).await.expect("load").expect("actor")
}

/// A consent from Ada's guardian that lets `units` receive her relay log
/// for a year.
pub fn relay_consent(w: &World, units: &[&UnitId]) -> ettlag_core::consent::Consent {
    use ettlag_core::consent::{AgeBasis, Category, Consent, Evidence, Recipients};
    let today = ettlag_core::Day::from_ms(ettlag_db::now_ms());
    Consent {
        id: String::new(),
        subject: w.child_a.clone(),
        grantors: vec![w.guardian_a.clone()],
        basis: AgeBasis::Guardians,
        purpose: "Samarbeid om Ada".into(),
        recipients: Recipients {
            units: units.iter().map(|u| (*u).clone()).collect(),
            service_types: Vec::new(),
        },
        categories: vec![Category::RelayLog],
        valid_from: today.add_days(-1),
        valid_to: Some(today.add_days(365)),
        evidence: Evidence::Meeting,
        withdrawn_at_ms: None,
        stance: Default::default(),
        awaiting: Vec::new(),
        one_guardian_accepted: false,
    }
}

/// What a teacher records when the family was told of a start or a change
/// of level: the forms and the API always send it.
pub fn told() -> ettlag_core::relay::FamilyInformed {
    ettlag_core::relay::FamilyInformed::Told {
        on: ettlag_core::Day::parse("2026-01-05").expect("date"),
        how: ettlag_core::relay::Channel::Meeting,
        who: ettlag_core::text::Text::parse("Mor", 200).expect("text"),
        said: ettlag_core::text::Text::parse("Hun vil gjerne være med.", 4000).expect("text"),
    }
}
