//! Feedback forms in the portal: the family sees the open feedback episodes
//! about the child (or, from the self-consent age, the young person about
//! themself) and answers them on their own phone. The answer is stored by
//! the feedback store's own code (scores checked, alerts raised and sent to
//! those who follow the person up), after the citizen policy has decided
//! and the decision is audited in the same transaction.

use ettlag_core::PersonId;
use ettlag_core::feedback::{Pack, Respondent, Tenths};
use ettlag_core::ids::EpisodeId;
use ettlag_core::policy::citizen::{Section, Standing};

use super::{CitizenAccess, gate_write};
use crate::access::feedback::{
    Giver, SavedAnswer, episode_row, episodes_of_person, store_answer, stored_pack, unit_name,
};
use crate::error::{DbError, DbResult};

/// An open feedback episode as the family sees it: who asks, since when,
/// and the pack with the forms to answer.
#[derive(Debug, Clone)]
pub struct PortalFeedback {
    pub episode_id: EpisodeId,
    pub unit_name: String,
    pub started_at_ms: i64,
    pub pack: Pack,
}

impl CitizenAccess {
    /// The open feedback episodes about `subject`, oldest first.
    pub async fn open_feedback(&self, subject: &PersonId) -> DbResult<Vec<PortalFeedback>> {
        self.gate_read(Section::Details, "feedback_episode", subject)
            .await?;
        let tenant = self.tenant().clone();
        let mut conn = self.store.pool.acquire().await?;
        let mut out = Vec::new();
        for row in episodes_of_person(&mut conn, &tenant, subject).await? {
            if row.ended_at.is_some() {
                continue;
            }
            let Some(pack) =
                stored_pack(&mut conn, &tenant, &row.pack_id, &row.pack_version).await?
            else {
                continue;
            };
            out.push(PortalFeedback {
                unit_name: unit_name(&mut conn, &tenant, &row.unit_id).await?,
                episode_id: row.id,
                started_at_ms: row.started_at,
                pack,
            });
        }
        Ok(out)
    }

    /// One open episode about `subject`; another person's episode, or an
    /// ended one, is `NotFound`.
    pub async fn feedback_form(
        &self,
        subject: &PersonId,
        episode: &EpisodeId,
    ) -> DbResult<PortalFeedback> {
        self.open_feedback(subject)
            .await?
            .into_iter()
            .find(|f| &f.episode_id == episode)
            .ok_or(DbError::NotFound)
    }

    /// Stores the family's answer to one form of an open episode about
    /// `subject`. The respondent is the young person when they answer about
    /// themself, otherwise the parent.
    pub async fn answer_feedback(
        &self,
        subject: &PersonId,
        episode: &EpisodeId,
        scale_id: &str,
        items: Vec<Tenths>,
    ) -> DbResult<SavedAnswer> {
        let (citizen, rid) = (self.citizen.clone(), self.request_id.clone());
        let (subject, episode, scale_id) =
            (subject.clone(), episode.to_string(), scale_id.to_string());
        self.store
            .writer
            .run(move |tx| {
                Box::pin(async move {
                    let Some(facts) =
                        gate_write(tx, &citizen, &rid, "feedback_answer", &episode, &subject)
                            .await?
                    else {
                        return Ok(Err(DbError::NotFound));
                    };
                    let tenant = citizen.tenant.clone();
                    let row = episode_row(&mut tx.conn, &tenant, &episode).await?;
                    let Some(row) = row.filter(|r| r.person_id == subject) else {
                        return Ok(Err(DbError::NotFound));
                    };
                    let Some(pack) =
                        stored_pack(&mut tx.conn, &tenant, &row.pack_id, &row.pack_version).await?
                    else {
                        return Ok(Err(DbError::Refused("feedback-error-pack")));
                    };
                    let respondent = if facts.standing == Standing::Themself {
                        Respondent::YoungPerson
                    } else {
                        Respondent::Parent
                    };
                    let giver = Giver {
                        respondent,
                        by_staff: None,
                        link_id: None,
                    };
                    store_answer(tx, &tenant, &row, &pack, &scale_id, items, giver).await
                })
            })
            .await?
    }
}
