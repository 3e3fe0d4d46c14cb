//! Meeting invitations from the outbox: a short text in the staff member's
//! language with the meeting's time and place and a link to ettlag, and the
//! `.ics` attached. Neither names the child: the outbox row holds none.

use ettlag_core::meeting::ics::Invitation;
use ettlag_db::{MeetingInvitation, OutboxMail, now_ms};
use lettre::Message;
use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};

use crate::i18n::{Lang, Tr};
use crate::views::meeting::time::clock;
use crate::views::time::moment;

/// The e-mail for one invitation in the outbox.
pub(super) fn message(
    from: &Mailbox,
    base_url: &str,
    mail: &OutboxMail,
) -> Result<Message, String> {
    let params: MeetingInvitation = serde_json::from_str(&mail.params)
        .map_err(|e| format!("an invitation in the outbox does not parse: {e}"))?;
    let tr = Tr::new(
        mail.language
            .as_deref()
            .and_then(Lang::from_code)
            .unwrap_or_default(),
    );
    let when = format!("{}–{}", moment(params.start_ms), clock(params.end_ms));
    let summary = tr.t("meeting-ics-summary");
    let uid = format!("{}@ettlag", params.meeting_id);
    let ics = Invitation {
        uid: &uid,
        stamp_ms: now_ms(),
        start_ms: params.start_ms,
        end_ms: params.end_ms,
        summary: &summary,
        location: &params.place,
        description: &params.purpose,
        organizer: params
            .organizer
            .as_ref()
            .map(|(n, a)| (n.as_str(), a.as_str())),
        attendees: params
            .attendees
            .iter()
            .map(|(n, a)| (n.as_str(), a.as_str()))
            .collect(),
    }
    .write();
    let to: Mailbox = mail
        .to
        .parse()
        .map_err(|e| format!("a stored address does not parse: {e}"))?;
    let link = format!("{base_url}/meetings/{}", params.meeting_id);
    let calendar = ContentType::parse("text/calendar; charset=utf-8; method=REQUEST")
        .map_err(|e| format!("the calendar type: {e}"))?;
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(tr.t_with("meeting-invitation-subject", &[("when", when.clone())]))
        .multipart(
            MultiPart::mixed()
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_PLAIN)
                        .header(ContentTransferEncoding::QuotedPrintable)
                        .body(tr.t_with(
                            "meeting-invitation-body",
                            &[
                                ("when", when),
                                ("place", params.place.clone()),
                                ("link", link),
                            ],
                        )),
                )
                .singlepart(Attachment::new("meeting.ics".to_string()).body(ics, calendar)),
        )
        .map_err(|e| format!("the e-mail could not be built: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_invitation_carries_the_ics_and_words_it_in_every_language() {
        let params = MeetingInvitation {
            meeting_id: "m1".into(),
            start_ms: 1_900_000_000_000,
            end_ms: 1_900_003_600_000,
            place: "Helsestasjonen".into(),
            purpose: "Vi blir enige".into(),
            organizer: Some(("Kari Lærer".into(), "kari@x.example".into())),
            attendees: vec![("Kari Lærer".into(), "kari@x.example".into())],
        };
        let from: Mailbox = "ettlag <ettlag@x.example>".parse().expect("from");
        for lang in Lang::ALL {
            let mail = OutboxMail {
                tenant: ettlag_core::TenantId::from_trusted("t".into()),
                id: "o1".into(),
                kind: ettlag_db::MEETING_INVITATION.into(),
                staff: ettlag_core::StaffId::from_trusted("s".into()),
                person: None,
                channel: "email".into(),
                created_at_ms: 0,
                to: "kari@x.example".into(),
                language: Some(lang.code().into()),
                params: serde_json::to_string(&params).expect("params"),
            };
            let text = String::from_utf8(
                message(&from, "https://x.example", &mail)
                    .expect("message")
                    .formatted(),
            )
            .expect("utf-8");
            assert!(text.contains("multipart/mixed"), "{text}");
            assert!(text.contains("text/calendar"), "{text}");
            assert!(text.contains("meeting.ics"), "{text}");
            assert!(text.contains("https://x.example/meetings/m1"), "{text}");
        }
        let bad = OutboxMail {
            tenant: ettlag_core::TenantId::from_trusted("t".into()),
            id: "o2".into(),
            kind: ettlag_db::MEETING_INVITATION.into(),
            staff: ettlag_core::StaffId::from_trusted("s".into()),
            person: None,
            channel: "email".into(),
            created_at_ms: 0,
            to: "kari@x.example".into(),
            language: None,
            params: "{".into(),
        };
        assert!(message(&from, "https://x.example", &bad).is_err());
    }
}
