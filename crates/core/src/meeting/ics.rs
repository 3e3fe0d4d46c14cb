//! iCalendar invitations (RFC 5545): one VEVENT in a VCALENDAR, times in
//! UTC, text escaped (backslash, semicolon, comma, line break), lines folded
//! at 75 octets without splitting a character, every line ended by CRLF.
//!
//! An invitation carries only what the invitee needs: a summary such as
//! "Møte om planen", the time and the place. Never the child's name or
//! national identity number; the caller chooses the summary.

use crate::day::Day;

/// The most octets of a line before it is folded (RFC 5545 §3.1).
const FOLD_AT: usize = 75;

/// One invitation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation<'a> {
    /// Globally unique: the meeting id with the host's domain.
    pub uid: &'a str,
    pub stamp_ms: i64,
    pub start_ms: i64,
    pub end_ms: i64,
    pub summary: &'a str,
    pub location: &'a str,
    pub description: &'a str,
    /// (name, address) of the one who leads, when they have an address.
    pub organizer: Option<(&'a str, &'a str)>,
    /// (name, address) of each invitee with an address.
    pub attendees: Vec<(&'a str, &'a str)>,
}

/// Escapes a TEXT value (RFC 5545 §3.3.11).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A parameter value (a name in `CN=`): quoted, with the characters a
/// quoted value cannot hold left out.
fn param(value: &str) -> String {
    let clean: String = value
        .chars()
        .filter(|c| !c.is_control() && *c != '"')
        .collect();
    format!("\"{clean}\"")
}

/// An address as a `mailto:` URI, or nothing when it could break the line.
fn mailto(address: &str) -> Option<String> {
    let a = address.trim();
    let ok = !a.is_empty()
        && a.contains('@')
        && a.chars()
            .all(|c| c.is_ascii_graphic() && !matches!(c, '"' | ';' | ',' | ':' | '<' | '>'));
    ok.then(|| format!("mailto:{a}"))
}

/// Folds one content line at 75 octets: continuation lines begin with a
/// space, and a character is never split.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut used = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if used + n > FOLD_AT {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += n;
    }
    out.push_str("\r\n");
    out
}

/// A UTC date-time, `YYYYMMDDTHHMMSSZ`.
pub fn utc(ms: i64) -> String {
    let day = Day::from_ms(ms);
    let (y, m, d) = day.ymd();
    let secs = (ms - day.start_ms()).div_euclid(1000);
    format!(
        "{y:04}{m:02}{d:02}T{:02}{:02}{:02}Z",
        secs / 3600,
        (secs / 60) % 60,
        secs % 60
    )
}

impl Invitation<'_> {
    /// The calendar as text, ready to serve as `text/calendar`.
    pub fn write(&self) -> String {
        let mut lines = vec![
            "BEGIN:VCALENDAR".to_string(),
            "VERSION:2.0".to_string(),
            "PRODID:-//ettlag//ettlag//NB".to_string(),
            "CALSCALE:GREGORIAN".to_string(),
            "METHOD:PUBLISH".to_string(),
            "BEGIN:VEVENT".to_string(),
            format!("UID:{}", escape(self.uid)),
            format!("DTSTAMP:{}", utc(self.stamp_ms)),
            format!("DTSTART:{}", utc(self.start_ms)),
            format!("DTEND:{}", utc(self.end_ms)),
            format!("SUMMARY:{}", escape(self.summary)),
        ];
        if !self.location.trim().is_empty() {
            lines.push(format!("LOCATION:{}", escape(self.location)));
        }
        if !self.description.trim().is_empty() {
            lines.push(format!("DESCRIPTION:{}", escape(self.description)));
        }
        if let Some((name, address)) = self.organizer
            && let Some(uri) = mailto(address)
        {
            lines.push(format!("ORGANIZER;CN={}:{uri}", param(name)));
        }
        for (name, address) in &self.attendees {
            if let Some(uri) = mailto(address) {
                lines.push(format!(
                    "ATTENDEE;CN={};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION:{uri}",
                    param(name)
                ));
            }
        }
        lines.push("END:VEVENT".to_string());
        lines.push("END:VCALENDAR".to_string());
        lines.iter().map(|l| fold(l)).collect()
    }
}
