//! Identifiers. Ids are opaque text (the store makes time-ordered UUIDs); the
//! marker type keeps a unit id from being passed where a person id is wanted.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;

/// An id of a `T`. Cheap to clone, compared by its text.
pub struct Id<T> {
    text: String,
    marker: PhantomData<fn() -> T>,
}

impl<T> Id<T> {
    /// Wraps text read from storage or a URL. An id that names nothing simply
    /// finds nothing, so no further check is needed here beyond length and charset,
    /// which keep log lines and URLs clean.
    pub fn parse(text: &str) -> Option<Self> {
        let ok = !text.is_empty()
            && text.len() <= 64
            && text
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        ok.then(|| Self::from_trusted(text.to_string()))
    }

    /// Wraps text the store itself produced.
    pub fn from_trusted(text: String) -> Self {
        Id {
            text,
            marker: PhantomData,
        }
    }

    /// An id no row has (the store's ids are never all zeros): where a
    /// lookup found nothing, the facts of this one are loaded instead, so
    /// that a missing id costs the same statements as one the actor may not
    /// see, and the time of a 404 does not tell the two apart.
    pub fn placeholder() -> Self {
        Self::from_trusted("00000000-0000-0000-0000-000000000000".to_string())
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn into_string(self) -> String {
        self.text
    }
}

impl<T> Clone for Id<T> {
    fn clone(&self) -> Self {
        Self::from_trusted(self.text.clone())
    }
}

impl<T> PartialEq for Id<T> {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl<T> Eq for Id<T> {}

/// Ids inside stored events and views are text; comparing them with a typed
/// id compares the text.
impl<T> PartialEq<str> for Id<T> {
    fn eq(&self, other: &str) -> bool {
        self.text == other
    }
}

impl<T> PartialEq<String> for Id<T> {
    fn eq(&self, other: &String) -> bool {
        &self.text == other
    }
}

impl<T> PartialEq<Id<T>> for String {
    fn eq(&self, other: &Id<T>) -> bool {
        self == &other.text
    }
}

impl<T> PartialEq<Id<T>> for &str {
    fn eq(&self, other: &Id<T>) -> bool {
        *self == other.text
    }
}

impl<T> Hash for Id<T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.text.hash(state);
    }
}

impl<T> PartialOrd for Id<T> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl<T> Ord for Id<T> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.text.cmp(&other.text)
    }
}

impl<T> fmt::Debug for Id<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// An id reads as its text wherever text is wanted (a bound parameter, an
/// audit record, a URL); the other way, text becomes an id only by `parse`.
impl<T> std::ops::Deref for Id<T> {
    type Target = str;

    fn deref(&self) -> &str {
        &self.text
    }
}

impl<T> AsRef<str> for Id<T> {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

impl<T> fmt::Display for Id<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl<T> serde::Serialize for Id<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

impl<'de, T> serde::Deserialize<'de> for Id<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Self::parse(&text).ok_or_else(|| serde::de::Error::custom("not a valid id"))
    }
}

/// Markers for the things that have ids.
#[derive(Debug)]
pub enum Tenant {}
#[derive(Debug)]
pub enum Unit {}
#[derive(Debug)]
pub enum Staff {}
#[derive(Debug)]
pub enum Person {}

/// A relay log ("stafettlogg").
#[derive(Debug)]
pub enum RelayLog {}
/// A concern ("bekymring") before it becomes a log.
#[derive(Debug)]
pub enum Concern {}
/// A coordinated plan ("koordinert plan").
#[derive(Debug)]
pub enum Plan {}
/// A cooperation meeting.
#[derive(Debug)]
pub enum Meeting {}
/// A report of concern to child welfare.
#[derive(Debug)]
pub enum Report {}
/// An item in the intake team's queue.
#[derive(Debug)]
pub enum IntakeItem {}
/// A feedback episode (a course of measured sessions).
#[derive(Debug)]
pub enum Episode {}
/// A recorded consent.
#[derive(Debug)]
pub enum ConsentRecord {}
/// A break-the-glass access ("nødtilgang") taken by a staff member.
#[derive(Debug)]
pub enum EmergencyAccess {}
/// What a family sent from the portal: a note, "what matters to me", or a
/// request for restriction or correction (a privacy request).
#[derive(Debug)]
pub enum FamilyMessage {}
/// One stored answer of a feedback form.
#[derive(Debug)]
pub enum FeedbackAnswer {}
/// A meeting template of the municipality. The built-in default is offered
/// under the id `default` while the municipality has none of its own.
#[derive(Debug)]
pub enum MeetingTemplate {}
/// A recurring task of the annual cycle ("årshjul").
#[derive(Debug)]
pub enum CycleTask {}

pub type TenantId = Id<Tenant>;
pub type UnitId = Id<Unit>;
pub type StaffId = Id<Staff>;
pub type PersonId = Id<Person>;
pub type RelayLogId = Id<RelayLog>;
pub type ConcernId = Id<Concern>;
pub type PlanId = Id<Plan>;
pub type MeetingId = Id<Meeting>;
pub type ReportId = Id<Report>;
pub type IntakeItemId = Id<IntakeItem>;
pub type EpisodeId = Id<Episode>;
pub type ConsentId = Id<ConsentRecord>;
pub type EmergencyAccessId = Id<EmergencyAccess>;
pub type FamilyMessageId = Id<FamilyMessage>;
/// A request for restriction or correction is a family message of that kind.
pub type PrivacyRequestId = Id<FamilyMessage>;
pub type AnswerId = Id<FeedbackAnswer>;
pub type MeetingTemplateId = Id<MeetingTemplate>;
pub type CycleTaskId = Id<CycleTask>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_refuse_odd_text() {
        assert!(UnitId::parse("0193a1b2-c3d4").is_some());
        assert!(UnitId::parse("").is_none());
        assert!(UnitId::parse("a b").is_none());
        assert!(UnitId::parse("../etc").is_none());
        assert!(UnitId::parse(&"x".repeat(65)).is_none());
    }
}
