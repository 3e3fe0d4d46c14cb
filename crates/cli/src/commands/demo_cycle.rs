//! The annual cycle in the demo: a sensible default set of recurring
//! evaluation tasks for the municipality's leaders and its units, made as
//! an administrator would, through the same door as real work.

use ettlag_core::ServiceType;
use ettlag_core::cycle::{Audience, CycleTask, Recurrence, RecurrenceKind};
use ettlag_db::Store;

/// (title, description, audience, how often, month, day, lead days).
type Default = (
    &'static str,
    &'static str,
    Audience,
    RecurrenceKind,
    u32,
    u32,
    u32,
);

fn defaults() -> Vec<Default> {
    use RecurrenceKind::{Monthly, Quarterly, Yearly};
    vec![
        (
            "Revider møtemalene og verdiplakaten",
            "Les møtemalene og verdiplakaten sammen med enhetslederne. Passer de fortsatt \
             til slik vi vil møte familiene?",
            Audience::Municipality,
            Yearly,
            1,
            31,
            21,
        ),
        (
            "Evaluer BTI-praksisen",
            "Hva har vi lært av stafettloggene dette året? Gå gjennom nivåene, tidene og \
             tilbakemeldingene, og skriv ned hva vi endrer.",
            Audience::Municipality,
            Yearly,
            4,
            15,
            30,
        ),
        (
            "Gå gjennom styringstallene før budsjettet",
            "Se på nivåene, tiltakstrappen og tid til tiltak per enhet før budsjettarbeidet \
             starter.",
            Audience::Municipality,
            Yearly,
            9,
            15,
            21,
        ),
        (
            "Evaluer praksis i skolen",
            "Gå gjennom stafettloggene og tiltakene i enheten: hva virket, hva gjør vi \
             annerledes?",
            Audience::ServiceType(ServiceType::School),
            Quarterly,
            3,
            31,
            14,
        ),
        (
            "Evaluer praksis i barnehagen",
            "Gå gjennom stafettloggene og tiltakene i enheten: hva virket, hva gjør vi \
             annerledes?",
            Audience::ServiceType(ServiceType::Kindergarten),
            Quarterly,
            3,
            31,
            14,
        ),
        (
            "Se over evalueringer som venter",
            "Hvilke tiltak har passert evalueringsdatoen? Hvem trenger hjelp til å følge opp?",
            Audience::ServiceType(ServiceType::School),
            Monthly,
            1,
            5,
            3,
        ),
    ]
}

pub async fn create(store: &Store, slug: &str) -> anyhow::Result<()> {
    let Some(tenant) = store.tenant_by_slug(slug).await? else {
        return Ok(());
    };
    let admin = store.system_access(&tenant.id);
    for (title, description, audience, kind, month, day, lead) in defaults() {
        let recurrence = Recurrence::new(kind, month, day, lead)
            .map_err(|e| anyhow::anyhow!("demo cycle task {title}: {e}"))?;
        let task = CycleTask::new(title, description, audience, recurrence)
            .map_err(|e| anyhow::anyhow!("demo cycle task {title}: {e}"))?;
        admin.save_cycle_task(None, task, true).await?;
    }
    Ok(())
}
