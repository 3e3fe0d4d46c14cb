//! `ettlag demo`: a fictional municipality with units, staff, children and
//! their families, all invented, with synthetic identity numbers only.

use std::time::Instant;

use clap::Args;
use ettlag_core::{RelationKind, Role, RoleSet, ServiceType};
use ettlag_db::{DemoChild, DemoFamily, DemoPerson, DemoStaff, Store};

use super::names::{NinSource, Rng, adult_name, child_name, family_name, place};
use crate::config::Settings;

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// How many children to create.
    #[arg(long, default_value_t = 500)]
    pub children: usize,
    /// Start the server afterwards.
    #[arg(long)]
    pub serve: bool,
    /// Address for --serve (default 127.0.0.1:8080, or ETTLAG_ADDR).
    #[arg(long)]
    pub addr: Option<String>,
    /// Seed for the generator; the same seed gives the same people.
    #[arg(long, default_value_t = 2026)]
    pub seed: u64,
}

const SLUG: &str = "demo";

/// The named demo logins: user name, description, roles, unit index.
struct Login {
    username: &'static str,
    description: &'static str,
    roles: &'static [Role],
    unit: Option<UnitRef>,
}

#[derive(Clone, Copy)]
enum UnitRef {
    School(usize),
    Kindergarten(usize),
    HealthStation,
    ChildWelfare,
    CoordinatingUnit,
}

const LOGINS: &[Login] = &[
    Login {
        username: "laerer.nordli",
        description: "teacher at Nordli skole",
        roles: &[Role::Staff],
        unit: Some(UnitRef::School(0)),
    },
    Login {
        username: "laerer.solbakken",
        description: "teacher at Solbakken skole",
        roles: &[Role::Staff],
        unit: Some(UnitRef::School(1)),
    },
    Login {
        username: "pedagog.eventyrskogen",
        description: "kindergarten teacher at Eventyrskogen barnehage",
        roles: &[Role::Staff],
        unit: Some(UnitRef::Kindergarten(0)),
    },
    Login {
        username: "helsesykepleier",
        description: "public health nurse at the health station",
        roles: &[Role::Staff],
        unit: Some(UnitRef::HealthStation),
    },
    Login {
        username: "barnevern",
        description: "caseworker at the child welfare service (reads reports)",
        roles: &[Role::Staff],
        unit: Some(UnitRef::ChildWelfare),
    },
    Login {
        username: "inntak",
        description: "intake at the coordinating unit (triages what comes in)",
        roles: &[Role::Intake, Role::Staff],
        unit: Some(UnitRef::CoordinatingUnit),
    },
    Login {
        username: "leder.nordli",
        description: "head of Nordli skole (unit leader)",
        roles: &[Role::UnitLeader],
        unit: Some(UnitRef::School(0)),
    },
    Login {
        username: "kommunalsjef",
        description: "municipality leader (sees aggregates only)",
        roles: &[Role::MunicipalityLeader],
        unit: None,
    },
    Login {
        username: "admin",
        description: "administrator of the register",
        roles: &[Role::Admin],
        unit: None,
    },
    Login {
        username: "personvern",
        description: "privacy officer (reads the access log)",
        roles: &[Role::PrivacyOfficer],
        unit: None,
    },
];

pub async fn run(settings: &Settings, args: DemoArgs) -> anyhow::Result<()> {
    let store = super::open(settings).await?;
    let password = ettlag_db::new_token()[..16].to_string();
    let hash = ettlag_web::password::hash(&password)
        .await
        .map_err(anyhow::Error::msg)?;
    if store.tenant_by_slug(SLUG).await?.is_some() {
        eprintln!("The demo municipality already exists; its demo logins get a new password.");
        for login in LOGINS {
            store.set_password_hash(login.username, &hash).await?;
        }
        store
            .set_citizen_password_hash(super::demo_portal::PARENT, &hash)
            .await?;
    } else {
        let started = Instant::now();
        let created = generate(&store, &args, &hash).await?;
        let cases =
            super::demo_cases::create(&store, &["laerer.nordli", "pedagog.eventyrskogen"]).await?;
        super::demo_sharing::create(&store).await?;
        super::demo_portal::create(&store, &hash).await?;
        super::demo_meeting::create(&store, SLUG).await?;
        super::demo_cycle::create(&store, SLUG).await?;
        super::demo_portal_follow::create(&store).await?;
        store.analyze().await?;
        eprintln!(
            "Created the demo municipality with {} children, {created} persons in all and {cases} concerns in {:.1} s.",
            args.children,
            started.elapsed().as_secs_f64()
        );
    }
    println!("Demo logins (all invented; the identity numbers are synthetic):");
    for login in LOGINS {
        println!(
            "login: {} / {password} — {}",
            login.username, login.description
        );
    }
    if store
        .citizen_account(super::demo_portal::PARENT)
        .await?
        .is_some()
    {
        println!(
            "login: {} / {password} — parent in the family portal at /portal/login",
            super::demo_portal::PARENT
        );
        if let Some(nin) = super::demo_portal::parent_national_id(&store).await? {
            println!(
                "portal test identity (synthetic number, for a test identity provider): {nin}"
            );
        }
    }
    if args.serve {
        let addr = args.addr.clone().unwrap_or_else(|| settings.addr.clone());
        super::serve::serve(settings, store, &addr).await
    } else {
        store.close().await;
        Ok(())
    }
}

/// The tables the family load fills.
const BULK_TABLES: &[&str] = &["persons", "relations", "enrolments"];

async fn generate(store: &Store, args: &DemoArgs, hash: &str) -> anyhow::Result<usize> {
    let tenant = store
        .create_tenant("Ettlagvik kommune (demo)", SLUG)
        .await?;
    let n = args.children.max(1);
    let schools = (n / 250).max(2);
    let kindergartens = (n / 80).max(2);
    let health_stations = (n / 2000).max(1);
    let mut units: Vec<(String, ServiceType)> = Vec::new();
    for i in 0..schools {
        units.push((format!("{} skole", place(i)), ServiceType::School));
    }
    for i in 0..kindergartens {
        units.push((
            format!("{} barnehage", place(i + 2)),
            ServiceType::Kindergarten,
        ));
    }
    for i in 0..health_stations {
        let name = if i == 0 {
            "Helsestasjonen".to_string()
        } else {
            format!("Helsestasjonen {}", i + 1)
        };
        units.push((name, ServiceType::HealthStation));
    }
    for (name, service) in [
        ("PPT", ServiceType::Ppt),
        ("Barneverntjenesten", ServiceType::ChildWelfare),
        ("NAV Ettlagvik", ServiceType::Nav),
        ("Psykisk helse og rus", ServiceType::MentalHealth),
        ("Koordinerende enhet", ServiceType::CoordinatingUnit),
        ("Fritid for alle", ServiceType::Leisure),
    ] {
        units.push((name.to_string(), service));
    }
    let unit_ids = store.load_demo_units(&tenant, units.clone()).await?;
    let index = |r: UnitRef| match r {
        UnitRef::School(i) => i,
        UnitRef::Kindergarten(i) => schools + i,
        UnitRef::HealthStation => schools + kindergartens,
        // PPT comes first after the health stations, then child welfare.
        UnitRef::ChildWelfare => schools + kindergartens + health_stations + 1,
        // PPT, child welfare, NAV, mental health, then the coordinating unit.
        UnitRef::CoordinatingUnit => schools + kindergartens + health_stations + 4,
    };
    let mut staff: Vec<DemoStaff> = LOGINS
        .iter()
        .map(|l| DemoStaff {
            username: l.username.to_string(),
            display_name: display_name(l.username),
            roles: RoleSet::new(l.roles.to_vec()),
            units: l.unit.map(|u| vec![index(u)]).unwrap_or_default(),
            password_hash: Some(hash.to_string()),
        })
        .collect();
    // One colleague per unit without a password, so lists look lived-in.
    let mut rng = Rng::new(args.seed);
    for (i, (name, _)) in units.iter().enumerate() {
        staff.push(DemoStaff {
            username: format!("ansatt.{i}"),
            display_name: format!(
                "{} {} ({name})",
                adult_name(&mut rng),
                family_name(&mut rng)
            ),
            roles: RoleSet::new(vec![Role::Staff]),
            units: vec![i],
            password_hash: None,
        });
    }
    store.load_demo_staff(&tenant, &unit_ids, staff).await?;

    let this_year = time_year();
    let mut nins = NinSource::default();
    let (mut made, mut persons) = (0usize, 0usize);
    let mut batch = Vec::new();
    // Families arrive in no order of name or identity number: the secondary
    // indexes are built once after the load rather than row by row.
    store.defer_indexes(BULK_TABLES).await?;
    while made < n {
        let family = family_name(&mut rng).to_string();
        let siblings = (1 + rng.below(3) as usize).min(n - made);
        let mut children = Vec::new();
        for _ in 0..siblings {
            let age = 1 + rng.below(16) as u16;
            let national_id = nins.next(&mut rng, this_year - age);
            // The first children go to the named units so the demo logins see some.
            let main_unit = if age < 6 {
                schools + pick_unit(&mut rng, made, kindergartens)
            } else {
                pick_unit(&mut rng, made, schools)
            };
            let mut enrolled = vec![main_unit];
            if age < 6 {
                enrolled.push(schools + kindergartens + rng.below(health_stations as u64) as usize);
            }
            children.push(DemoChild {
                person: DemoPerson {
                    given_name: child_name(&mut rng).to_string(),
                    family_name: family.clone(),
                    national_id,
                },
                units: enrolled,
            });
            made += 1;
        }
        let mut adults = Vec::new();
        let shape = rng.below(10);
        let parents = if shape < 7 { 2 } else { 1 };
        for _ in 0..parents {
            let age = 25 + rng.below(25) as u16;
            adults.push((
                DemoPerson {
                    given_name: adult_name(&mut rng).to_string(),
                    family_name: family.clone(),
                    national_id: nins.next(&mut rng, this_year - age - 10),
                },
                RelationKind::Guardian,
            ));
        }
        if shape == 9 {
            adults.push((
                DemoPerson {
                    given_name: adult_name(&mut rng).to_string(),
                    family_name: family_name(&mut rng).to_string(),
                    national_id: nins.next(&mut rng, this_year - 40),
                },
                RelationKind::ParentWithoutResponsibility,
            ));
        } else if shape == 8 {
            adults.push((
                DemoPerson {
                    given_name: adult_name(&mut rng).to_string(),
                    family_name: family.clone(),
                    national_id: nins.next(&mut rng, this_year - 68),
                },
                RelationKind::ClosePerson,
            ));
        }
        batch.push(DemoFamily { children, adults });
        if batch.len() >= 2_000 {
            persons += store
                .load_demo_families(&tenant, &unit_ids, std::mem::take(&mut batch), "2025-08-18")
                .await?;
        }
    }
    if !batch.is_empty() {
        persons += store
            .load_demo_families(&tenant, &unit_ids, batch, "2025-08-18")
            .await?;
    }
    store.build_deferred_indexes().await?;
    Ok(persons)
}

/// Spreads children over `count` units, filling the first (named) units first
/// so that a small demo still gives each demo login a class to look at.
fn pick_unit(rng: &mut Rng, made: usize, count: usize) -> usize {
    if made < 2 * count {
        made % count
    } else {
        rng.below(count as u64) as usize
    }
}

fn display_name(username: &str) -> String {
    match username {
        "laerer.nordli" => "Kari Nordmann".into(),
        "laerer.solbakken" => "Ola Sørby".into(),
        "pedagog.eventyrskogen" => "Fatima Haugland".into(),
        "helsesykepleier" => "Ingrid Helse".into(),
        "barnevern" => "Berit Vernø".into(),
        "inntak" => "Ivar Inntak".into(),
        "leder.nordli" => "Per Rektorsen".into(),
        "kommunalsjef" => "Hanne Styre".into(),
        "admin" => "Adam Admin".into(),
        "personvern" => "Vera Vern".into(),
        other => other.into(),
    }
}

fn time_year() -> u16 {
    let today = ettlag_db::today();
    today.get(..4).and_then(|y| y.parse().ok()).unwrap_or(2026)
}
