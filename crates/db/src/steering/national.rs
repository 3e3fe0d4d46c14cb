//! A national-scale synthetic load for the steering benchmark: many
//! municipalities, a million children with synthetic national identity
//! numbers (month + 80), their enrolments, concerns and relay logs with
//! measures and level changes over two years. Rows go in with multi-row
//! inserts, a batch per transaction; the counts are rebuilt at the end.
//! Nothing here is reachable from a request.

use crate::access::gate::Record;
use ettlag_core::consent::Category;
use ettlag_core::nin::BirthDate;
use ettlag_core::relay::{
    Channel, ClosingReason, DevelopmentArea, Entry, Event, FamilyInformed, Level, LevelChange,
    Recorded,
};
use ettlag_core::text::{MAX_TEXT, Text};
use ettlag_core::{Coded, Day, NationalId, Role, RoleSet, ServiceType, StaffId, TenantId, UnitId};

use crate::bulk::{Value, insert_rows};
use crate::clock::now_ms;
use crate::error::{DbError, DbResult};
use crate::store::Store;
use crate::writer::Tx;

const DAY_MS: i64 = 86_400_000;
/// Children per unit of universal service (kindergarten or school).
const PER_UNIT: usize = 300;
/// Children per batch (one transaction).
const BATCH: usize = 20_000;
/// The other services of every municipality.
const SERVICES: [ServiceType; 5] = [
    ServiceType::HealthStation,
    ServiceType::Ppt,
    ServiceType::ChildWelfare,
    ServiceType::Bup,
    ServiceType::Nav,
];

/// A small deterministic generator (xorshift), so runs are repeatable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// What was made.
#[derive(Debug, Clone, Default)]
pub struct NationalLoad {
    pub municipalities: usize,
    pub children: usize,
    pub concerns: usize,
    pub logs: usize,
    pub events: usize,
    pub counters: usize,
    /// The username-less staff id of each municipality's leader, for the benchmark.
    pub leaders: Vec<(TenantId, StaffId)>,
}

struct Municipality {
    tenant: TenantId,
    /// (unit, its one staff member): universal units first, then services.
    units: Vec<(UnitId, StaffId, ServiceType)>,
    universal: usize,
    /// The suggested measure types, one or more per ladder step, in order.
    types: Vec<ettlag_core::steering::MeasureTypeCode>,
}

/// Which measure type a synthetic measure gets, by a number below 100: two
/// in five have none (they count by the responsible unit's service), and
/// the rest thin out up the ladder, so every step has measures.
fn pick_type(
    types: &[ettlag_core::steering::MeasureTypeCode],
    r: u64,
) -> Option<ettlag_core::steering::MeasureTypeCode> {
    const UPPER: [u64; 8] = [60, 70, 78, 85, 91, 95, 98, 100];
    if r < 40 {
        return None;
    }
    UPPER
        .iter()
        .position(|u| r < *u)
        .and_then(|i| types.get(i))
        .cloned()
}

fn text(s: &str) -> DbResult<Text> {
    Text::parse(s, MAX_TEXT).map_err(|e| DbError::Other(format!("{e:?}")))
}

fn json(e: &Event) -> DbResult<String> {
    serde_json::to_string(e).map_err(|e| DbError::Other(e.to_string()))
}

/// The `nth` valid synthetic number born on `birth`.
fn synthetic(birth: BirthDate, nth: usize) -> Option<NationalId> {
    (500..1000)
        .filter_map(|i| NationalId::synthetic(birth, i))
        .nth(nth)
}

async fn audit_batch(tx: &mut Tx, tenant: &TenantId, resource: &str, count: usize) -> DbResult<()> {
    let event = Record::system(
        "create",
        (resource, &format!("batch:{count}")),
        "system",
        "national-load",
        now_ms(),
    );
    crate::access::gate::seal(tx, tenant, vec![event]).await
}

impl Store {
    /// Loads `children` synthetic children spread over `municipalities`.
    pub async fn generate_national(
        &self,
        children: usize,
        municipalities: usize,
        seed: u64,
    ) -> DbResult<NationalLoad> {
        let municipalities = municipalities.max(1);
        let mut load = NationalLoad {
            municipalities,
            ..NationalLoad::default()
        };
        let per = children / municipalities;
        let base = now_ms() / 1000;
        for m in 0..municipalities {
            let tenant = self
                .create_tenant(
                    &format!("Syntetisk kommune {m:03} {base}"),
                    &format!("syntetisk-{m:03}-{base}"),
                )
                .await?;
            let muni = self
                .national_org(&tenant, per, seed ^ (m as u64 + 1))
                .await?;
            load.leaders.push((tenant.clone(), muni.units[0].1.clone()));
            let mut start = 0;
            while start < per {
                let n = BATCH.min(per - start);
                let (c, l, e) = self
                    .national_batch(
                        &muni,
                        start,
                        n,
                        seed.wrapping_add((m * 1_000_003 + start) as u64),
                    )
                    .await?;
                load.children += n;
                load.concerns += c;
                load.logs += l;
                load.events += e;
                start += n;
            }
            let t = tenant.clone();
            load.counters += self
                .writer
                .run(move |tx| Box::pin(async move { super::rebuild::rebuild_in(tx, &t).await }))
                .await?;
        }
        Ok(load)
    }

    /// Units in ten areas, one staff member each, and a municipality leader.
    async fn national_org(
        &self,
        tenant: &TenantId,
        children: usize,
        seed: u64,
    ) -> DbResult<Municipality> {
        let universal = children.div_ceil(PER_UNIT).max(1);
        let mut rng = Rng(seed | 1);
        let mut units = Vec::new();
        let (mut unit_rows, mut staff_rows, mut links) = (Vec::new(), Vec::new(), Vec::new());
        let t = || Value::Text(tenant.as_str().to_string());
        let now = now_ms();
        let leader = StaffId::from_trusted(crate::clock::new_id());
        staff_rows.push(vec![
            t(),
            Value::Text(leader.as_str().to_string()),
            Value::Text("Kommunalsjef".into()),
            Value::Text(RoleSet::new(vec![Role::MunicipalityLeader]).codes()),
            Value::Int(now),
        ]);
        let kinds = (0..universal)
            .map(|i| {
                if i % 3 == 0 {
                    ServiceType::Kindergarten
                } else {
                    ServiceType::School
                }
            })
            .chain(SERVICES);
        for (i, kind) in kinds.enumerate() {
            let unit = UnitId::from_trusted(crate::clock::new_id());
            let staff = StaffId::from_trusted(crate::clock::new_id());
            let area = format!("Område {}", rng.below(10) + 1);
            unit_rows.push(vec![
                t(),
                Value::Text(unit.as_str().to_string()),
                Value::Text(format!("{} {i}", kind.code())),
                Value::Text(kind.code().to_string()),
                Value::Text(area),
                Value::Int(now),
            ]);
            staff_rows.push(vec![
                t(),
                Value::Text(staff.as_str().to_string()),
                Value::Text(format!("Ansatt {i}")),
                Value::Text(RoleSet::new(vec![Role::Staff]).codes()),
                Value::Int(now),
            ]);
            links.push(vec![
                t(),
                Value::Text(staff.as_str().to_string()),
                Value::Text(unit.as_str().to_string()),
            ]);
            units.push((unit, staff, kind));
        }
        let mut types = Vec::new();
        let mut type_rows = Vec::new();
        for (i, (name, step)) in ettlag_core::steering::suggested().into_iter().enumerate() {
            let code = ettlag_core::steering::MeasureTypeCode::from_name(name, &types);
            type_rows.push(vec![
                t(),
                Value::Text(code.as_str().to_string()),
                Value::Text(name.to_string()),
                Value::Int(i64::from(step)),
                Value::Int(i64::try_from(i).unwrap_or(0)),
                Value::Int(now),
            ]);
            types.push(code);
        }
        let tenant2 = tenant.clone();
        self.writer
            .run(move |tx| {
                Box::pin(async move {
                    insert_rows(
                        tx,
                        "measure_types (tenant_id, code, name, step, position, created_at)",
                        type_rows,
                    )
                    .await?;
                    insert_rows(
                        tx,
                        "units (tenant_id, id, name, service_type, area, created_at)",
                        unit_rows,
                    )
                    .await?;
                    insert_rows(
                        tx,
                        "staff (tenant_id, id, display_name, roles, created_at)",
                        staff_rows,
                    )
                    .await?;
                    insert_rows(tx, "staff_units (tenant_id, staff_id, unit_id)", links).await?;
                    audit_batch(tx, &tenant2, "unit", universal).await
                })
            })
            .await?;
        // The leader is the first "unit" entry's staff for the benchmark.
        let mut with_leader = vec![(
            UnitId::from_trusted(String::new()),
            leader,
            ServiceType::CoordinatingUnit,
        )];
        with_leader.extend(units);
        Ok(Municipality {
            tenant: tenant.clone(),
            units: with_leader,
            universal,
            types,
        })
    }

    /// One batch of children with their cases. Returns (concerns, logs, events).
    async fn national_batch(
        &self,
        muni: &Municipality,
        start: usize,
        n: usize,
        seed: u64,
    ) -> DbResult<(usize, usize, usize)> {
        let mut rng = Rng(seed | 1);
        let tenant = muni.tenant.clone();
        let t = || Value::Text(tenant.as_str().to_string());
        let now = now_ms();
        let today = Day::from_ms(now);
        let (this_year, _, _) = today.ymd();
        let (mut persons, mut enrolments, mut concerns, mut logs, mut events) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let concern_text = text("Syntetisk undring")?;
        let measure_text = text("Syntetisk tiltak")?;
        // Every opening and level change records that the family was told,
        // as the forms require.
        let (parents, agreed) = (text("Foreldrene")?, text("Syntetisk: enige")?);
        let told = |ms: i64| FamilyInformed::Told {
            on: Day::from_ms(ms),
            how: Channel::Meeting,
            who: parents.clone(),
            said: agreed.clone(),
        };
        let services = &muni.units[1 + muni.universal..];
        for k in start..start + n {
            // Births spread over ages −1 to 23; the k-th child of a date gets the k-th number.
            let date_index = k % (25 * 365);
            let birth = Day::from_ms(
                Day::parse(&format!("{:04}-01-01", this_year - 23))
                    .map_err(|e| DbError::Other(format!("{e:?}")))?
                    .start_ms()
                    + date_index as i64 * DAY_MS,
            );
            let (y, mo, d) = birth.ymd();
            let bd = BirthDate {
                year: u16::try_from(y).unwrap_or(2000),
                month: u8::try_from(mo).unwrap_or(1),
                day: u8::try_from(d).unwrap_or(1),
            };
            let Some(nin) = synthetic(bd, k / (25 * 365)) else {
                continue;
            };
            let child = crate::clock::new_id();
            persons.push(vec![
                t(),
                Value::Text(child.clone()),
                Value::Text("child".into()),
                Value::Text(nin.as_str().to_string()),
                Value::Text("Syntetisk".into()),
                Value::Text(format!("Barn {k}")),
                Value::Text(birth.to_string()),
                Value::Int(now),
                Value::Int(now),
            ]);
            let (unit, staff, _) = &muni.units[1 + (k / PER_UNIT) % muni.universal];
            enrolments.push(vec![
                t(),
                Value::Text(child.clone()),
                Value::Text(unit.as_str().to_string()),
                Value::Text("2024-08-15".into()),
            ]);
            // One child in ten has a concern in the last two years; nine in ten of those a log.
            if !rng.chance(10) {
                continue;
            }
            let raised = now - (rng.below(720) as i64 + 1) * DAY_MS;
            let deadline = raised + 14 * DAY_MS;
            let concern = crate::clock::new_id();
            let body = serde_json::to_string(&Entry::Concern {
                text: concern_text.clone(),
                areas: vec![DevelopmentArea::Social],
                since: None,
            })
            .map_err(|e| DbError::Other(e.to_string()))?;
            if !rng.chance(90) {
                // Closed at once or still waiting (some past their deadline).
                let decided = rng
                    .chance(70)
                    .then(|| raised + rng.below(20) as i64 * DAY_MS)
                    .filter(|d| *d < now);
                concerns.push(vec![
                    t(),
                    Value::Text(concern),
                    Value::Text(child),
                    Value::Text(unit.as_str().to_string()),
                    Value::Text(staff.as_str().to_string()),
                    Value::Int(raised),
                    Value::Int(deadline),
                    Value::Text(body),
                    decided.map_or(Value::OptText(None), |_| {
                        Value::OptText(Some("close".into()))
                    }),
                    Value::OptText(decided.map(|_| staff.as_str().to_string())),
                    Value::OptInt(decided),
                    Value::OptText(None),
                ]);
                continue;
            }
            let opened = raised + rng.below(18) as i64 * DAY_MS;
            let log = crate::clock::new_id();
            concerns.push(vec![
                t(),
                Value::Text(concern.clone()),
                Value::Text(child.clone()),
                Value::Text(unit.as_str().to_string()),
                Value::Text(staff.as_str().to_string()),
                Value::Int(raised),
                Value::Int(deadline),
                Value::Text(body),
                Value::OptText(Some("start_log".into())),
                Value::OptText(Some(staff.as_str().to_string())),
                Value::Int(opened),
                Value::OptText(Some(log.clone())),
            ]);
            let at = |ms: i64| ms.min(now);
            let mut evs: Vec<Recorded<Event>> = Vec::new();
            let mut push = |ms: i64, body: Event| {
                evs.push(Recorded {
                    id: crate::clock::new_id(),
                    at_ms: at(ms),
                    by: staff.clone(),
                    supersedes: None,
                    body,
                })
            };
            push(
                opened,
                Event::Opened {
                    level: Level::One,
                    holder: staff.clone(),
                    holder_unit: unit.clone(),
                    concern: Some(concern.clone()),
                    family_informed: Some(told(at(opened))),
                },
            );
            push(
                opened,
                Event::Entry {
                    entry: Entry::Concern {
                        text: concern_text.clone(),
                        areas: vec![DevelopmentArea::Social],
                        since: None,
                    },
                    category: Category::RelayLog,
                    from_unit: Some(unit.clone()),
                },
            );
            let first = opened + rng.below(40) as i64 * DAY_MS;
            let (m_unit, m_staff) = if rng.chance(30) {
                let (u, s, _) = &services[rng.below(services.len() as u64) as usize];
                (u.clone(), s.clone())
            } else {
                (unit.clone(), staff.clone())
            };
            let due = Day::from_ms(at(first)).add_days(rng.below(120) as i64 + 14);
            push(
                first,
                Event::Entry {
                    entry: Entry::Measure {
                        what: measure_text.clone(),
                        responsible: m_staff,
                        responsible_unit: m_unit,
                        start: Day::from_ms(at(first)),
                        evaluate_by: due,
                        goal: None,
                        measure_type: pick_type(&muni.types, rng.below(100)),
                    },
                    category: Category::RelayLog,
                    from_unit: Some(unit.clone()),
                },
            );
            let mut level = Level::One;
            for (to, p) in [(Level::Two, 30), (Level::Three, 35)] {
                if rng.chance(p) {
                    let change = LevelChange::new(level, to, "Syntetisk")
                        .map_err(|e| DbError::Other(format!("{e:?}")))?;
                    let family_informed = Some(told(at(first + DAY_MS * 30)));
                    push(
                        first + DAY_MS * 30,
                        Event::LevelChanged {
                            change,
                            family_informed,
                        },
                    );
                    level = to;
                } else {
                    break;
                }
            }
            let closed = rng.chance(30).then(|| at(first + DAY_MS * 90));
            if let Some(c) = closed {
                push(
                    c,
                    Event::Closed {
                        reason: ClosingReason::GoalsReached,
                        note: None,
                    },
                );
            }
            logs.push(vec![
                t(),
                Value::Text(log.clone()),
                Value::Text(child),
                Value::Int(i64::from(level.number())),
                Value::Text(staff.as_str().to_string()),
                Value::Text(unit.as_str().to_string()),
                Value::Text(concern),
                Value::Int(opened),
                Value::Text(staff.as_str().to_string()),
                Value::OptInt(closed),
                Value::OptText(closed.map(|_| "goals_reached".to_string())),
                Value::OptText(if closed.is_some() {
                    None
                } else {
                    Some(due.to_string())
                }),
                Value::Int(evs.len() as i64),
                Value::Int(evs.len() as i64),
            ]);
            for (i, e) in evs.iter().enumerate() {
                events.push(vec![
                    t(),
                    Value::Text(log.clone()),
                    Value::Int(i as i64 + 1),
                    Value::Text(e.id.clone()),
                    Value::Int(e.at_ms),
                    Value::Text(e.by.as_str().to_string()),
                    Value::OptText(None),
                    Value::Text(e.body.code().to_string()),
                    Value::Text(json(&e.body)?),
                ]);
            }
        }
        let counts = (concerns.len(), logs.len(), events.len());
        let people = persons.len();
        self.writer
            .run(move |tx| {
                Box::pin(async move {
                    insert_rows(tx, "persons (tenant_id, id, kind, national_id, given_name, family_name, birth_date, created_at, updated_at)", persons).await?;
                    insert_rows(tx, "enrolments (tenant_id, child_id, unit_id, from_date)", enrolments).await?;
                    insert_rows(tx, "concerns (tenant_id, id, child_id, unit_id, raised_by, raised_at, deadline_at, body, decision, decided_by, decided_at, log_id)", concerns).await?;
                    insert_rows(tx, "relay_logs (tenant_id, id, child_id, level, holder_id, holder_unit_id, concern_id, opened_at, opened_by, closed_at, closing_reason, next_due, events, version)", logs).await?;
                    insert_rows(tx, "relay_events (tenant_id, log_id, seq, id, at_ms, by_staff, supersedes, kind, body)", events).await?;
                    audit_batch(tx, &tenant, "person", people).await
                })
            })
            .await?;
        Ok(counts)
    }
}

impl Store {
    /// The municipality with the most enrolled children and a leader of it,
    /// for the benchmark.
    pub async fn largest_municipality_leader(&self) -> DbResult<Option<(TenantId, StaffId)>> {
        use sqlx::Row;
        let row = sqlx::query(
            "SELECT s.tenant_id, s.id FROM staff s JOIN (SELECT tenant_id, CAST(SUM(n) AS BIGINT) AS n \
             FROM stat_counts WHERE metric = 'enrolled' GROUP BY tenant_id) c ON c.tenant_id = s.tenant_id \
             WHERE s.roles LIKE '%municipality_leader%' AND s.active = 1 ORDER BY c.n DESC, s.id LIMIT 1",
        )
        .fetch_optional(&self.pool)
        .await?;
        Ok(match row {
            Some(r) => Some((
                TenantId::from_trusted(r.try_get("tenant_id")?),
                StaffId::from_trusted(r.try_get("id")?),
            )),
            None => None,
        })
    }
}
