//! "What we have asked for": the family's requests for restriction or
//! correction, where each stands, and the privacy officer's answer.

use ettlag_db::{CitizenAccess, Member, RequestStatus};

use crate::error::AppResult;
use crate::i18n::Tr;
use crate::views::time::moment;

pub(super) struct AskedLine {
    pub kind: String,
    pub when: String,
    pub body: String,
    pub status: String,
    pub answer: Option<String>,
}

pub(super) async fn lines(
    access: &CitizenAccess,
    tr: Tr,
    member: &Member,
) -> AppResult<Vec<AskedLine>> {
    Ok(access
        .requests(&member.id)
        .await?
        .into_iter()
        .map(|r| {
            let (status, answer) = match r.status {
                RequestStatus::Waiting => (tr.t("portal-requests-waiting"), None),
                RequestStatus::Taken => (tr.t("portal-requests-taken"), None),
                RequestStatus::Closed {
                    outcome,
                    answer,
                    at_ms,
                } => (
                    tr.t_with(
                        &format!("portal-requests-closed-{}", outcome.code()),
                        &[("when", moment(at_ms))],
                    ),
                    Some(answer),
                ),
            };
            AskedLine {
                kind: tr.t(&format!("portal-write-{}", r.kind.code())),
                when: moment(r.at_ms),
                body: r.body,
                status,
                answer,
            }
        })
        .collect())
}
