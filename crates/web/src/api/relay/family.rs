//! The family's part in starting a log and changing its level, over the API:
//! the `family_informed` object a start or a level change must carry, and
//! how a recorded one reads back. Requests take the codes as text and parse
//! them with the core rules, so that a bad field is a 400 with its message
//! id (`family-error-…`) and nothing is written.

use ettlag_core::relay::{Channel, FamilyInformed, FamilyInformedDraft, NotYetReason};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::error::AppError;
use crate::views::time::today_local;

/// Whether the family has been told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = FamilyInformedStatus)]
#[allow(
    dead_code,
    reason = "only the OpenAPI document and the tests name its values"
)]
pub enum ApiFamilyStatus {
    Told,
    NotYet,
}

/// How the family was told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = FamilyChannel)]
pub enum ApiChannel {
    Meeting,
    Phone,
    Video,
    /// A message in the digital mailbox or the family portal.
    DigitalMessage,
    Letter,
}

impl From<Channel> for ApiChannel {
    fn from(c: Channel) -> Self {
        match c {
            Channel::Meeting => ApiChannel::Meeting,
            Channel::Phone => ApiChannel::Phone,
            Channel::Video => ApiChannel::Video,
            Channel::DigitalMessage => ApiChannel::DigitalMessage,
            Channel::Letter => ApiChannel::Letter,
        }
    }
}

/// Why the family has not been told yet. With
/// `suspected_violence_or_abuse` the duty to report to child welfare applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = FamilyNotYetReason)]
pub enum ApiNotYetReason {
    SuspectedViolenceOrAbuse,
    CouldNotReach,
    Other,
}

impl From<NotYetReason> for ApiNotYetReason {
    fn from(r: NotYetReason) -> Self {
        match r {
            NotYetReason::SuspectedViolenceOrAbuse => ApiNotYetReason::SuspectedViolenceOrAbuse,
            NotYetReason::CouldNotReach => ApiNotYetReason::CouldNotReach,
            NotYetReason::Other => ApiNotYetReason::Other,
        }
    }
}

/// Whether and how the family was told of a start or a level change.
/// Left out: `family-error-missing`. With `told`: `on` (YYYY-MM-DD, not
/// after today: `family-error-date`, `family-error-future`), `how`
/// (`family-error-how`), `who` (`family-error-who`) and what they said
/// (`said`, `family-error-said`). With `not_yet`: `reason`
/// (`family-error-reason`) and `note` (`family-error-note`).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = FamilyInformedRequest)]
pub struct FamilyInformedIn {
    #[schema(value_type = ApiFamilyStatus)]
    pub status: Option<String>,
    #[schema(value_type = Option<String>, format = Date)]
    pub on: Option<String>,
    #[schema(value_type = Option<ApiChannel>)]
    pub how: Option<String>,
    /// Who in the family was told, e.g. "Mor" (1 to 200 characters).
    pub who: Option<String>,
    /// What the family said (1 to 4000 characters).
    pub said: Option<String>,
    #[schema(value_type = Option<ApiNotYetReason>)]
    pub reason: Option<String>,
    /// Why not yet, in words (1 to 4000 characters).
    pub note: Option<String>,
}

impl FamilyInformedIn {
    fn draft(&self) -> FamilyInformedDraft {
        let text = |t: &Option<String>| t.clone().unwrap_or_default();
        FamilyInformedDraft {
            status: text(&self.status),
            on: text(&self.on),
            how: text(&self.how),
            who: text(&self.who),
            said: text(&self.said),
            reason: text(&self.reason),
            note: text(&self.note),
        }
    }
}

/// The `family_informed` of a request, parsed: required, and a 400 with its
/// message id when left out or not well-formed.
pub(crate) fn parse_family(
    input: Option<&FamilyInformedIn>,
    now_ms: i64,
) -> Result<FamilyInformed, AppError> {
    let input = input.ok_or_else(|| AppError::BadRequest("family-error-missing".into()))?;
    input
        .draft()
        .parse(today_local(now_ms))
        .map_err(|e| AppError::BadRequest(e.message_key().into()))
}

/// What was recorded about telling the family.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(tag = "status", rename_all = "snake_case")]
#[schema(as = FamilyInformed)]
pub enum FamilyInformedOut {
    Told {
        #[schema(value_type = String, format = Date)]
        on: String,
        how: ApiChannel,
        who: String,
        said: String,
    },
    NotYet {
        reason: ApiNotYetReason,
        note: String,
        /// The reason is suspected violence or abuse: the duty to report to
        /// child welfare applies.
        duty_to_report: bool,
    },
}

impl From<&FamilyInformed> for FamilyInformedOut {
    fn from(f: &FamilyInformed) -> Self {
        match f {
            FamilyInformed::Told { on, how, who, said } => FamilyInformedOut::Told {
                on: on.to_string(),
                how: (*how).into(),
                who: who.to_string(),
                said: said.to_string(),
            },
            FamilyInformed::NotYet { reason, note } => FamilyInformedOut::NotYet {
                reason: (*reason).into(),
                note: note.to_string(),
                duty_to_report: f.duty_to_report(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use ettlag_core::Coded;

    use super::*;

    fn code_of<T: Serialize>(v: T) -> String {
        serde_json::to_value(v)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }

    #[test]
    fn the_api_codes_are_the_core_codes() {
        for &c in Channel::ALL {
            assert_eq!(code_of(ApiChannel::from(c)), c.code());
        }
        for &r in NotYetReason::ALL {
            assert_eq!(code_of(ApiNotYetReason::from(r)), r.code());
        }
        assert_eq!(code_of(ApiFamilyStatus::NotYet), "not_yet");
    }

    #[test]
    fn a_missing_or_future_record_is_a_bad_request_with_its_message_id() {
        let now = ettlag_core::Day::parse("2026-12-07")
            .map(|d| d.start_ms() + 12 * 3_600_000)
            .unwrap_or_default();
        assert_eq!(
            parse_family(None, now),
            Err(AppError::BadRequest("family-error-missing".into()))
        );
        let later = FamilyInformedIn {
            status: Some("told".into()),
            on: Some("2026-12-24".into()),
            how: Some("phone".into()),
            who: Some("Far".into()),
            said: Some("Greit".into()),
            ..FamilyInformedIn::default()
        };
        assert_eq!(
            parse_family(Some(&later), now),
            Err(AppError::BadRequest("family-error-future".into()))
        );
        let today = FamilyInformedIn {
            on: Some("2026-12-07".into()),
            ..later
        };
        assert!(parse_family(Some(&today), now).is_ok());
    }
}
