//! Text messages to families: a seam, since no SMS gateway is reachable from
//! here. The mailer hands each SMS row of the outbox to an [`SmsSender`];
//! without one, the rows wait in the outbox (nothing is lost) until a
//! gateway is configured. [`RecordingSms`] is the test double.

use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;

/// What sending one text message returns.
pub type SmsResult<'a> = Pin<Box<dyn Future<Output = Result<(), String>> + Send + 'a>>;

/// Sends one text message to a phone number.
pub trait SmsSender: Send + Sync {
    fn send<'a>(&'a self, to: &'a str, text: &'a str) -> SmsResult<'a>;
}

/// Keeps every message it is asked to send, for tests.
#[derive(Debug, Default)]
pub struct RecordingSms {
    sent: Mutex<Vec<(String, String)>>,
}

impl RecordingSms {
    /// (to, text) of each message sent, oldest first.
    pub fn sent(&self) -> Vec<(String, String)> {
        self.sent.lock().map(|s| s.clone()).unwrap_or_default()
    }
}

impl SmsSender for RecordingSms {
    fn send<'a>(&'a self, to: &'a str, text: &'a str) -> SmsResult<'a> {
        Box::pin(async move {
            self.sent
                .lock()
                .map_err(|_| "the recording was poisoned".to_string())?
                .push((to.to_string(), text.to_string()));
            Ok(())
        })
    }
}

/// Whether `text` is a phone number we can send to: an optional `+`, then
/// 8 to 15 digits (spaces and dashes between them are dropped). Returns
/// the number as it is stored.
pub fn parse_phone(text: &str) -> Option<String> {
    let text = text.trim();
    let (plus, rest) = match text.strip_prefix('+') {
        Some(rest) => ("+", rest),
        None => ("", text),
    };
    if !rest
        .chars()
        .all(|c| c.is_ascii_digit() || c == ' ' || c == '-')
    {
        return None;
    }
    let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
    (8..=15)
        .contains(&digits.len())
        .then(|| format!("{plus}{digits}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_are_digits_with_an_optional_plus() {
        assert_eq!(parse_phone(" 400 00 000 ").as_deref(), Some("40000000"));
        assert_eq!(
            parse_phone("+47 400-00-000").as_deref(),
            Some("+4740000000")
        );
        for bad in ["", "4000", "40a00000", "++4740000000", "1234567890123456"] {
            assert_eq!(parse_phone(bad), None, "{bad}");
        }
    }
}
