//! A request for help from a parent or a young person, written in their own
//! words on the public part of the site, without having to know which
//! service to ask. It asks only for what is needed to get in touch.

use serde::{Deserialize, Serialize};

use crate::day::Day;
use crate::org::Coded;
use crate::text::{MAX_SHORT, MAX_TEXT, Text, TextError};

/// Who asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Who {
    Parent,
    YoungPerson,
    /// Another close adult: a grandparent, a neighbour, a coach.
    Other,
}

impl Coded for Who {
    const ALL: &'static [Self] = &[Self::Parent, Self::YoungPerson, Self::Other];
    const MESSAGE_PREFIX: &'static str = "help-who";

    fn code(self) -> &'static str {
        match self {
            Self::Parent => "parent",
            Self::YoungPerson => "young_person",
            Self::Other => "other",
        }
    }
}

/// How the asker wants to be reached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "by", content = "value", rename_all = "snake_case")]
pub enum ContactWay {
    Phone(String),
    Email(String),
}

/// A parsed self-referral.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SelfReferral {
    pub who: Who,
    /// What they need help with, in their own words.
    pub text: Text,
    pub name: Text,
    pub contact: Vec<ContactWay>,
    /// The child's name, when the help is for a child.
    pub child_name: Option<Text>,
    pub child_birth_date: Option<Day>,
}

/// The form as it arrives: every field text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct SelfReferralDraft {
    pub who: String,
    pub text: String,
    pub name: String,
    pub phone: String,
    pub email: String,
    pub child_name: String,
    pub child_birth_date: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SelfReferralError {
    #[error("say who you are")]
    Who,
    #[error("write what you need help with")]
    Text,
    #[error("the text is too long")]
    TooLong,
    #[error("write your name")]
    Name,
    #[error("give a phone number or an e-mail address")]
    NoContact,
    #[error("the phone number does not look right")]
    Phone,
    #[error("the e-mail address does not look right")]
    Email,
    #[error("the date does not look right")]
    Date,
    #[error("the text holds characters that cannot be stored")]
    BadText,
}

impl SelfReferralError {
    pub fn message_key(self) -> &'static str {
        match self {
            Self::Who => "help-error-who",
            Self::Text => "help-error-text",
            Self::TooLong => "help-error-too-long",
            Self::Name => "help-error-name",
            Self::NoContact => "help-error-contact",
            Self::Phone => "help-error-phone",
            Self::Email => "help-error-email",
            Self::Date => "help-error-date",
            Self::BadText => "help-error-bad-text",
        }
    }

    /// The form field the error is about.
    pub fn field(self) -> &'static str {
        match self {
            Self::Who => "who",
            Self::Text | Self::TooLong | Self::BadText => "text",
            Self::Name => "name",
            Self::NoContact | Self::Phone => "phone",
            Self::Email => "email",
            Self::Date => "child_birth_date",
        }
    }
}

fn text(value: &str, max: usize, empty: SelfReferralError) -> Result<Text, SelfReferralError> {
    Text::parse(value, max).map_err(|e| match e {
        TextError::Empty => empty,
        TextError::TooLong => SelfReferralError::TooLong,
        TextError::ControlCharacters => SelfReferralError::BadText,
    })
}

/// A phone number: 8 to 15 digits, with spaces, dashes and one leading +.
fn phone(value: &str) -> Result<String, SelfReferralError> {
    let v = value.trim();
    let body = v.strip_prefix('+').unwrap_or(v);
    let digits = body.chars().filter(char::is_ascii_digit).count();
    let clean = body
        .chars()
        .all(|c| c.is_ascii_digit() || c == ' ' || c == '-');
    if clean && (8..=15).contains(&digits) {
        Ok(v.to_string())
    } else {
        Err(SelfReferralError::Phone)
    }
}

/// An e-mail address: something@something.something, no spaces, bounded.
fn email(value: &str) -> Result<String, SelfReferralError> {
    let v = value.trim();
    let ok = v.len() <= 254
        && !v.chars().any(|c| c.is_whitespace() || c.is_control())
        && v.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && !domain.contains('@')
                && domain
                    .split_once('.')
                    .is_some_and(|(a, b)| !a.is_empty() && !b.is_empty())
        });
    if ok {
        Ok(v.to_string())
    } else {
        Err(SelfReferralError::Email)
    }
}

impl SelfReferralDraft {
    pub fn parse(&self) -> Result<SelfReferral, SelfReferralError> {
        let who = Who::from_code(&self.who).ok_or(SelfReferralError::Who)?;
        let body = text(&self.text, MAX_TEXT, SelfReferralError::Text)?;
        let name = text(&self.name, MAX_SHORT, SelfReferralError::Name)?;
        let mut contact = Vec::new();
        if !self.phone.trim().is_empty() {
            contact.push(ContactWay::Phone(phone(&self.phone)?));
        }
        if !self.email.trim().is_empty() {
            contact.push(ContactWay::Email(email(&self.email)?));
        }
        if contact.is_empty() {
            return Err(SelfReferralError::NoContact);
        }
        let child_name = match self.child_name.trim() {
            "" => None,
            n => Some(text(n, MAX_SHORT, SelfReferralError::Name)?),
        };
        let child_birth_date = match self.child_birth_date.trim() {
            "" => None,
            d => Some(Day::parse(d).map_err(|_| SelfReferralError::Date)?),
        };
        Ok(SelfReferral {
            who,
            text: body,
            name,
            contact,
            child_name,
            child_birth_date,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn draft() -> SelfReferralDraft {
        SelfReferralDraft {
            who: "parent".into(),
            text: "Vi trenger hjelp. Sønnen vår vil ikke gå på skolen.".into(),
            name: "Kari Testmor".into(),
            phone: "+47 400 00 000".into(),
            ..SelfReferralDraft::default()
        }
    }

    #[test]
    fn a_request_needs_who_what_a_name_and_a_way_to_reach_them() {
        let ok = draft().parse().expect("valid");
        assert_eq!(ok.who, Who::Parent);
        assert_eq!(ok.contact, vec![ContactWay::Phone("+47 400 00 000".into())]);
        let with = |f: fn(&mut SelfReferralDraft)| {
            let mut d = draft();
            f(&mut d);
            d.parse()
        };
        assert_eq!(
            with(|d| d.who = "mayor".into()),
            Err(SelfReferralError::Who)
        );
        assert_eq!(with(|d| d.text = "  ".into()), Err(SelfReferralError::Text));
        assert_eq!(with(|d| d.name.clear()), Err(SelfReferralError::Name));
        assert_eq!(with(|d| d.phone.clear()), Err(SelfReferralError::NoContact));
        assert_eq!(
            with(|d| d.phone = "12".into()),
            Err(SelfReferralError::Phone)
        );
        assert_eq!(
            with(|d| d.phone = "4000abcd0".into()),
            Err(SelfReferralError::Phone)
        );
        let e = with(|d| {
            d.phone.clear();
            d.email = "kari@example.invalid".into();
        })
        .expect("e-mail alone");
        assert_eq!(
            e.contact,
            vec![ContactWay::Email("kari@example.invalid".into())]
        );
        for bad in ["kari", "kari@", "@x.no", "ka ri@x.no", "kari@x", "a@b@c.no"] {
            let mut d = draft();
            d.email = bad.into();
            assert_eq!(d.parse(), Err(SelfReferralError::Email), "{bad}");
        }
        assert_eq!(
            with(|d| d.child_birth_date = "31.02.2019".into()),
            Err(SelfReferralError::Date)
        );
        assert_eq!(SelfReferralError::Email.field(), "email");
    }

    proptest! {
        #[test]
        fn parsing_never_panics(who in ".{0,12}", text in ".{0,50}", phone in ".{0,20}", email in ".{0,30}", born in ".{0,12}") {
            let d = SelfReferralDraft { who, text, name: "N".into(), phone, email, child_name: String::new(), child_birth_date: born };
            let _ = d.parse();
        }
    }
}
