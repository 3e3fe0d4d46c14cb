//! Family notices from the outbox, by e-mail or SMS: one short text in the
//! family member's language saying that something is new about their child
//! in the portal, with a link. Whatever the kind of notice, the text is the
//! same and never names the child or says what happened: anyone may read a
//! phone's lock screen or a shared mailbox.

use ettlag_db::{FamilyNotice, OutboxMail};
use lettre::Message;
use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Mailbox, SinglePart};

use crate::i18n::{Lang, Tr};

fn parts(base_url: &str, mail: &OutboxMail) -> Result<(Tr, String), String> {
    // The row must be a notice; its kind is not shown (see above).
    let _: FamilyNotice = serde_json::from_str(&mail.params)
        .map_err(|e| format!("a family notice in the outbox does not parse: {e}"))?;
    let tr = Tr::new(
        mail.language
            .as_deref()
            .and_then(Lang::from_code)
            .unwrap_or_default(),
    );
    Ok((tr, format!("{base_url}/portal")))
}

/// The e-mail for one family notice.
pub(super) fn message(
    from: &Mailbox,
    base_url: &str,
    mail: &OutboxMail,
) -> Result<Message, String> {
    let (tr, link) = parts(base_url, mail)?;
    let to: Mailbox = mail
        .to
        .parse()
        .map_err(|e| format!("a stored address does not parse: {e}"))?;
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(tr.t("family-notice-subject"))
        .singlepart(
            SinglePart::builder()
                .header(ContentType::TEXT_PLAIN)
                .header(ContentTransferEncoding::QuotedPrintable)
                .body(tr.t_with("family-notice-body", &[("link", link)])),
        )
        .map_err(|e| format!("the e-mail could not be built: {e}"))
}

/// The text message for one family notice.
pub(super) fn sms_text(base_url: &str, mail: &OutboxMail) -> Result<String, String> {
    let (tr, link) = parts(base_url, mail)?;
    Ok(tr.t_with("family-notice-sms", &[("link", link)]))
}
