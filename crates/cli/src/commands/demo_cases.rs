//! Relay logs and concerns for the demo: a few children of the named demo
//! teachers get a log at each level, with goals, measures (one of them past
//! its evaluation date), lysglimt and the family's words, so that "my
//! follow-up" has something to show. Made through the same door as a
//! teacher's own work: decided by the policy and audited.

use ettlag_core::policy::Purpose;
use ettlag_core::relay::{ConcernDecision, EntryDraft, FamilyInformedDraft, Level};
use ettlag_core::text::Text;
use ettlag_core::{Day, PersonId};
use ettlag_db::{AccessContext, LogCommand, NewConcern, Store};

/// One demo case: what was seen, the level, and what was written since.
struct Case {
    concern: &'static str,
    areas: &'static [&'static str],
    level: Option<u8>,
    goal: &'static str,
    measure: &'static str,
    /// The name of the measure's type in the suggested list.
    measure_type: Option<&'static str>,
    /// Days from today to the measure's evaluation date (negative: overdue).
    evaluate_in: i64,
    observation: &'static str,
    family: Option<(&'static str, &'static str)>,
}

const CASES: &[Case] = &[
    Case {
        concern: "Sitter mye alene i friminuttene de siste ukene og vil ikke være med på lek.",
        areas: &["social", "emotional"],
        level: Some(1),
        goal: "Være med på lek i friminuttene minst tre dager i uka.",
        measure: "Voksen setter i gang lek med to medelever i storefri.",
        measure_type: Some("Tilrettelegging i barnehage eller skole"),
        evaluate_in: -5,
        observation: "Lo høyt sammen med de andre i gymtimen.",
        family: Some(("Mor", "Han sier at han gruer seg til friminuttene.")),
    },
    Case {
        concern: "Har vært borte mange dager denne høsten, ofte mandager.",
        areas: &["attendance", "family"],
        level: Some(2),
        goal: "Møte på skolen hver dag i fire uker.",
        measure: "Fast samtale med helsesykepleier hver fredag.",
        measure_type: Some("Samtaler med helsesykepleier"),
        evaluate_in: 10,
        observation: "Kom tidlig tre dager på rad.",
        family: Some(("Far", "Vi vil gjerne ha hjelp med morgenrutinene.")),
    },
    Case {
        concern: "Strever med å lese enkle ord og blir lei seg når hun skal lese høyt.",
        areas: &["learning", "language"],
        level: Some(3),
        goal: "Lese en kort bok på egen hånd før jul.",
        measure: "Lesekurs i liten gruppe to ganger i uka, med tilpasset materiell fra PPT.",
        measure_type: Some("Spesialpedagogisk hjelp"),
        evaluate_in: 21,
        observation: "Leste et helt kapittel for klassen.",
        family: None,
    },
    Case {
        concern: "Virker sliten og sulten om morgenen.",
        areas: &["physical"],
        level: None,
        goal: "",
        measure: "",
        measure_type: None,
        evaluate_in: 0,
        observation: "",
        family: None,
    },
];

/// Gives the named teachers some cases among the children of their units.
pub async fn create(store: &Store, usernames: &[&str]) -> anyhow::Result<usize> {
    let mut made = 0;
    let mut typed = Vec::new();
    for username in usernames {
        let Some(account) = store.account(username).await? else {
            continue;
        };
        // The municipality starts from the suggested measure types, once.
        if !typed.contains(&account.tenant_id) {
            store
                .system_access(&account.tenant_id)
                .for_purpose(Purpose::Administration)
                .add_suggested_measure_types()
                .await?;
            typed.push(account.tenant_id.clone());
        }
        let Some(actor) = store.actor(&account.tenant_id, &account.staff_id).await? else {
            continue;
        };
        let unit = actor.units.first().cloned();
        let access = store.access(actor, Purpose::FollowUp, "demo");
        let children = access.children("", 0).await?;
        for (case, child) in CASES.iter().zip(children.iter().skip(1).step_by(3)) {
            one(&access, case, &child.id, unit.clone()).await?;
            made += 1;
        }
    }
    Ok(made)
}

async fn one(
    access: &AccessContext,
    case: &Case,
    child: &PersonId,
    unit: Option<ettlag_core::UnitId>,
) -> anyhow::Result<()> {
    let text = |t: &str| Text::parse(t, 4000).map_err(anyhow::Error::msg);
    let concern = access
        .raise_concern(NewConcern {
            child: child.clone(),
            unit: unit.clone(),
            text: text(case.concern)?,
            areas: ettlag_core::relay::entry::parse_areas(
                &case.areas.iter().map(|a| a.to_string()).collect::<Vec<_>>(),
            )
            .map_err(anyhow::Error::msg)?,
            since: None,
        })
        .await?;
    let Some(level) = case.level else {
        return Ok(());
    };
    let level = Level::try_from(level).map_err(anyhow::Error::msg)?;
    let today = Day::parse(&ettlag_db::today()).map_err(anyhow::Error::msg)?;
    let told = FamilyInformedDraft {
        status: "told".into(),
        on: today.add_days(-2).to_string(),
        how: "meeting".into(),
        who: case.family.map_or("Foreldrene", |(who, _)| who).into(),
        said: "Enige i at vi følger opp, og vil gjerne være med på møtene.".into(),
        ..FamilyInformedDraft::default()
    }
    .parse(today)
    .map_err(anyhow::Error::msg)?;
    let log = access
        .decide_concern(
            &concern,
            ConcernDecision::StartLog(level),
            Some(told),
            Some(text(
                "Snakket med foreldrene, som er enige i at vi følger opp.",
            )?),
            None,
        )
        .await?
        .ok_or_else(|| anyhow::anyhow!("the demo concern did not open a log"))?;
    let me = access.actor().staff.to_string();
    let unit = unit.map(|u| u.to_string()).unwrap_or_default();
    let entry = |d: EntryDraft| d.parse().map_err(anyhow::Error::msg);
    let goal = access
        .record(
            &log,
            LogCommand::Entry {
                entry: entry(EntryDraft {
                    kind: "goal".into(),
                    text: case.goal.into(),
                    areas: case.areas.iter().map(|a| a.to_string()).collect(),
                    ..EntryDraft::default()
                })?,
                supersedes: None,
                category: ettlag_core::consent::Category::RelayLog,
            },
            None,
        )
        .await?;
    let evaluate_by = today.add_days(case.evaluate_in);
    let measure_type = match case.measure_type {
        Some(name) => access
            .measure_types()
            .await?
            .into_iter()
            .find(|t| t.name == name)
            .map(|t| t.code.to_string())
            .unwrap_or_default(),
        None => String::new(),
    };
    access
        .record(
            &log,
            LogCommand::Entry {
                entry: entry(EntryDraft {
                    kind: "measure".into(),
                    what: case.measure.into(),
                    responsible: me.clone(),
                    responsible_unit: unit.clone(),
                    start: evaluate_by.add_days(-42).to_string(),
                    evaluate_by: evaluate_by.to_string(),
                    goal,
                    measure_type,
                    ..EntryDraft::default()
                })?,
                supersedes: None,
                category: ettlag_core::consent::Category::RelayLog,
            },
            None,
        )
        .await?;
    let mut more = vec![EntryDraft {
        kind: "observation".into(),
        text: case.observation.into(),
        ..EntryDraft::default()
    }];
    if let Some((who, said)) = case.family {
        more.push(EntryDraft {
            kind: "family_note".into(),
            who: who.into(),
            text: said.into(),
            ..EntryDraft::default()
        });
    }
    for d in more {
        access
            .record(
                &log,
                LogCommand::Entry {
                    entry: entry(d)?,
                    supersedes: None,
                    category: ettlag_core::consent::Category::RelayLog,
                },
                None,
            )
            .await?;
    }
    Ok(())
}
