//! Sharing in the demo: both guardians of a kindergarten child consent that
//! the school the child will start at may receive the relay log and the
//! plan — not health information — and that the health station may read the
//! log and write health notes in it; the health station writes a health
//! entry that the kindergarten and the school therefore do not see; and a teacher
//! sends a report to child welfare, which waits in its queue; two families
//! have asked for help on the public page. All through
//! the same door as real work: decided by the policy and audited.

use ettlag_core::consent::{AgeBasis, Category, Consent, Evidence, Recipients};
use ettlag_core::policy::Purpose;
use ettlag_core::relay::EntryDraft;
use ettlag_core::report::ReportDraft;
use ettlag_core::{Day, RelationKind, ServiceType};
use ettlag_db::{AccessContext, LogCommand, NewReport, Store};

async fn access_of(store: &Store, username: &str) -> anyhow::Result<Option<AccessContext>> {
    let Some(account) = store.account(username).await? else {
        return Ok(None);
    };
    let Some(actor) = store.actor(&account.tenant_id, &account.staff_id).await? else {
        return Ok(None);
    };
    Ok(Some(store.access(actor, Purpose::FollowUp, "demo")))
}

pub async fn create(store: &Store) -> anyhow::Result<()> {
    let (Some(kindergarten), Some(nurse), Some(teacher)) = (
        access_of(store, "pedagog.eventyrskogen").await?,
        access_of(store, "helsesykepleier").await?,
        access_of(store, "laerer.nordli").await?,
    ) else {
        return Ok(());
    };
    // The kindergarten's level-2 case (see demo_cases: every third child).
    let children = kindergarten.children("", 0).await?;
    if let Some(child) = children.iter().skip(1).step_by(3).nth(1) {
        let detail = kindergarten.person(&child.id).await?;
        // Both guardians with parental responsibility consent, as the law's
        // main rule asks.
        let guardians: Vec<_> = detail
            .relations
            .iter()
            .filter(|r| r.kind == RelationKind::Guardian)
            .map(|r| r.person_id.clone())
            .collect();
        let school = kindergarten
            .units()
            .await?
            .into_iter()
            .find(|u| u.service_type == ServiceType::School);
        let station = nurse.actor().units.first().cloned();
        if let (false, Some(school), Some(station)) = (guardians.is_empty(), school, station) {
            let today = Day::parse(&ettlag_db::today()).map_err(anyhow::Error::msg)?;
            let consent = |unit, categories: Vec<Category>, purpose: &str| Consent {
                id: String::new(),
                subject: child.id.clone(),
                grantors: guardians.clone(),
                basis: AgeBasis::Guardians,
                purpose: purpose.into(),
                recipients: Recipients {
                    units: vec![unit],
                    service_types: Vec::new(),
                },
                categories,
                valid_from: today,
                valid_to: Some(today.add_days(180)),
                evidence: Evidence::Meeting,
                withdrawn_at_ms: None,
                stance: Default::default(),
                awaiting: Vec::new(),
                one_guardian_accepted: false,
            };
            kindergarten
                .give_consent(consent(
                    school.id,
                    vec![Category::RelayLog, Category::Plan],
                    "Overgang fra barnehage til skole",
                ))
                .await?;
            // The health station follows the child's weight with the
            // kindergarten: it may read the log and write health notes.
            kindergarten
                .give_consent(consent(
                    station,
                    vec![Category::RelayLog, Category::Health],
                    "Helsestasjonen og barnehagen følger opp vekten sammen",
                ))
                .await?;
        }
        if let Some(log) = nurse.relay_logs_of(&child.id).await?.first() {
            let entry = EntryDraft {
                kind: "observation".into(),
                text: "Vekten følges tettere på helsestasjonen; ny kontroll om fire uker.".into(),
                ..EntryDraft::default()
            }
            .parse()
            .map_err(anyhow::Error::msg)?;
            nurse
                .record(
                    &log.id,
                    LogCommand::Entry {
                        entry,
                        supersedes: None,
                        category: Category::Health,
                    },
                    None,
                )
                .await?;
        }
    }

    // Two requests for help from families, waiting in the coordinating
    // unit's queue (one of them with a child's name to check).
    let tenant = teacher.actor().tenant.clone();
    for (text, child) in [
        (
            "Vi er nye i kommunen og vet ikke hvor vi skal begynne. Datteren vår på 9 år \
             sover dårlig og gråter mye før skolen.",
            "Maja",
        ),
        (
            "Jeg er 16 og har det vanskelig hjemme. Jeg vil gjerne snakke med noen.",
            "",
        ),
    ] {
        let referral = ettlag_core::intake::SelfReferralDraft {
            who: if child.is_empty() {
                "young_person"
            } else {
                "parent"
            }
            .into(),
            text: text.into(),
            name: if child.is_empty() {
                "Sara"
            } else {
                "Lene Foreldre"
            }
            .into(),
            phone: "400 00 000".into(),
            child_name: child.into(),
            ..Default::default()
        }
        .parse()
        .map_err(anyhow::Error::msg)?;
        store.receive_self_referral(&tenant, referral).await?;
    }

    // A report from the teacher about a child of the school without a case.
    let children = teacher.children("", 0).await?;
    if let Some(child) = children.get(2) {
        let draft = ReportDraft::parse(
            &["untreated_needs".to_string()],
            "Barnet har hatt vondt i en tann i flere uker. Foreldrene har fått tre påminnelser \
             om time hos tannlegen uten å følge dem opp.",
        )
        .map_err(anyhow::Error::msg)?;
        teacher
            .make_report(NewReport {
                child: child.id.clone(),
                draft,
                receiving_unit: None,
                concern: None,
            })
            .await?;
    }
    Ok(())
}
