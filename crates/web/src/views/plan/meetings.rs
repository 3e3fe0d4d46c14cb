//! The meetings section of the plan page (and the printable plan): each
//! meeting with its time and place, and the decisions made in it.

use ettlag_core::ids::PlanId;
use ettlag_db::AccessContext;

use crate::error::AppResult;
use crate::i18n::Tr;
use crate::views::meeting::time::clock;
use crate::views::time::moment;

pub(super) struct MeetingSummary {
    pub id: String,
    pub title: String,
    pub when: String,
    pub place: String,
    /// Each decision, with how the family took part.
    pub decisions: Vec<String>,
}

pub(super) async fn lines(
    tr: &Tr,
    access: &AccessContext,
    plan_id: &PlanId,
) -> AppResult<Vec<MeetingSummary>> {
    Ok(access
        .plan_meetings(plan_id)
        .await?
        .into_iter()
        .map(|m| MeetingSummary {
            title: m.template_name,
            when: format!("{}–{}", moment(m.start_ms), clock(m.end_ms)),
            place: m.place,
            decisions: m
                .decisions
                .iter()
                .map(|d| match &d.confirmation {
                    Some(c) => format!(
                        "{} ({})",
                        d.text,
                        tr.t_with(
                            "meeting-confirmed-by",
                            &[
                                ("who", c.by.to_string()),
                                ("date", crate::views::time::day(c.on)),
                                ("how", c.how.to_string()),
                            ],
                        )
                    ),
                    None => d.text.to_string(),
                })
                .collect(),
            id: m.id.to_string(),
        })
        .collect())
}
