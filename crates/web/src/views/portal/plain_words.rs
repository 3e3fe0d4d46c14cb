//! Codes from the store in plain words: roles, purposes, legal bases
//! and consent categories, each a message of `portal.ftl`; the log's kinds
//! of entry, outcomes and withheld categories, of `portal-log.ftl`.

use ettlag_core::Coded;
use ettlag_core::consent::Category;
use ettlag_core::relay::{EntryKind, Outcome};
use ettlag_db::ContactRole;

use crate::i18n::Tr;

fn key(prefix: &str, code: &str) -> String {
    format!("{prefix}-{}", code.replace('_', "-"))
}

/// A message for a code, or the "other" message when the code is new.
fn word(tr: Tr, prefix: &str, code: &str) -> String {
    let id = key(prefix, code);
    let text = tr.t(&id);
    if text == id {
        tr.t(&format!("{prefix}-other"))
    } else {
        text
    }
}

pub fn role(tr: Tr, code: &str) -> String {
    word(tr, "portal-role", code)
}

pub fn purpose(tr: Tr, code: &str) -> String {
    word(tr, "portal-purpose", code)
}

pub fn basis(tr: Tr, code: &str) -> String {
    word(tr, "portal-basis", code)
}

pub fn category(tr: Tr, c: Category) -> String {
    word(tr, "portal-category", c.code())
}

/// A kind of log entry as a heading the family reads.
pub fn entry_kind(tr: Tr, kind: EntryKind) -> String {
    word(tr, "portal-log-kind", kind.code())
}

/// "There is … information that is not shown here", for a category.
pub fn withheld(tr: Tr, c: Category) -> String {
    word(tr, "portal-log-withheld", c.code())
}

/// What an evaluation decided, in plain words.
pub fn outcome(tr: Tr, o: Outcome) -> String {
    word(tr, "portal-log-outcome", o.code())
}

pub fn contact_role(tr: Tr, role: ContactRole) -> String {
    tr.t(match role {
        ContactRole::BatonHolder => "portal-contact-holder",
        ContactRole::Coordinator => "portal-contact-coordinator",
        ContactRole::ChildCoordinator => "portal-contact-child-coordinator",
    })
}
