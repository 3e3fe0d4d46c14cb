//! What the demo parent finds to do in the portal: an open feedback episode
//! about their child from the kindergarten, and a coming meeting about the
//! child's plan that they are invited to. Made through the same door as
//! real work, by the kindergarten teacher.

use ettlag_core::meeting::MeetingTime;
use ettlag_core::plan::{GoalDraft, PlanDraft, parse_reason};
use ettlag_core::policy::Purpose;
use ettlag_core::{Day, RelationKind};
use ettlag_db::{NewEpisode, NewMeeting, PlanWrite, Store, now_ms};

/// The shipped pack the demo's episode uses.
const PACK: &str = "ettlag-plain";

/// Makes them; a demo too small for the case (the teacher does not follow
/// the parent's child up) goes without, with a note.
pub async fn create(store: &Store) -> anyhow::Result<()> {
    if let Err(e) = make(store).await {
        eprintln!("The demo parent gets no feedback form or meeting: {e}");
    }
    Ok(())
}

async fn make(store: &Store) -> anyhow::Result<()> {
    let Some(account) = store.citizen_account(super::demo_portal::PARENT).await? else {
        return Ok(());
    };
    let Some(staff) = store.account("pedagog.eventyrskogen").await? else {
        return Ok(());
    };
    let Some(actor) = store.actor(&staff.tenant_id, &staff.staff_id).await? else {
        return Ok(());
    };
    let teacher = store.access(actor.clone(), Purpose::FollowUp, "demo");
    let family = store
        .citizen_access(account.citizen.clone(), "demo")
        .family()
        .await?;
    let Some(child) = family.into_iter().find(|m| !m.is_self) else {
        return Ok(());
    };
    let detail = teacher.person(&child.id).await?;
    let Some(unit) = detail.enrolments.first().map(|e| e.unit_id.clone()) else {
        return Ok(());
    };
    // The packs are otherwise loaded when the server starts.
    super::feedback_packs::install(store).await?;
    teacher
        .start_feedback_episode(NewEpisode {
            person: child.id.clone(),
            unit,
            pack_id: PACK.into(),
            log_id: None,
            plan_id: None,
        })
        .await?;
    let today = Day::from_ms(now_ms());
    let draft = PlanDraft {
        what_matters: "Å leke med vennene sine i barnehagen".into(),
        needs_and_dreams: "Å glede seg til skolen".into(),
        goals: vec![GoalDraft {
            master: "Bli trygg i den nye skolegården".into(),
            by: today.add_days(180).to_string(),
            know_by: "Hun vil gå dit selv".into(),
        }],
        period_start: today.to_string(),
        period_end: today.add_days(365).to_string(),
        next_revision: today.add_days(90).to_string(),
        ..Default::default()
    };
    let plan = teacher
        .create_plan(
            &child.id,
            None,
            PlanWrite {
                content: draft.parse().map_err(anyhow::Error::msg)?,
                reason: parse_reason("Planen for overgangen til skolen")
                    .map_err(anyhow::Error::msg)?,
            },
        )
        .await?;
    let Some((template_id, _)) = teacher.meeting_templates().await?.into_iter().next() else {
        return Ok(());
    };
    let guardians = detail
        .relations
        .iter()
        .filter(|r| r.kind == RelationKind::Guardian)
        .map(|r| r.person_id.clone())
        .collect();
    // A week from now at ten o'clock Norwegian time (nine UTC in winter).
    let start = today.add_days(7).start_ms() + 9 * 3_600_000;
    teacher
        .create_meeting(
            &plan,
            NewMeeting {
                template_id,
                time: MeetingTime::new(start, start + 3_600_000).map_err(anyhow::Error::msg)?,
                place: "Eventyrskogen barnehage, lille møterom".into(),
                leader: actor.staff.clone(),
                staff: Vec::new(),
                family: guardians,
                child: false,
            },
        )
        .await?;
    Ok(())
}
