//! What the web asks before it offers a button about one person: may this
//! user raise a concern about the child, report it to child welfare? The
//! answer is the policy's, on the facts the write itself decides on; the
//! person's facts come from the request's facts loader, usually already
//! loaded by the page's read. Asking is not recorded: it reads nothing the
//! page does not already show, and the write is decided and audited again.

use ettlag_core::PersonId;
use ettlag_core::org::PersonKind;
use ettlag_core::policy::{self, Action, NewConcern, Subject};
use sqlx::AnyConnection;

use super::AccessContext;
use super::report::{child_welfare_units, receiver_to_decide};
use crate::error::DbResult;

/// A write about one person that a page may offer.
#[derive(Debug, Clone, Copy)]
pub enum About<'a> {
    /// A new concern about a child.
    NewConcern(&'a PersonId),
    /// A report about a child to child welfare (the duty to report).
    Report(&'a PersonId),
}

impl AccessContext {
    /// Whether the policy would allow `action` on what `about` names, now.
    pub async fn may(&self, action: Action, about: About<'_>) -> DbResult<bool> {
        let child = match about {
            About::NewConcern(child) | About::Report(child) => child,
        };
        let mut conn = self.store().pool.acquire().await?;
        let facts = self
            .person_facts(&mut conn, std::slice::from_ref(child))
            .await?;
        let Some(facts) = facts.get(child).filter(|f| f.kind == PersonKind::Child) else {
            return Ok(false);
        };
        let tenant = self.tenant();
        Ok(match about {
            About::NewConcern(_) => self
                .decide(
                    action,
                    &Subject::NewConcern(NewConcern {
                        tenant,
                        child_units: &facts.linked_units,
                        restricted: facts.restricted,
                    }),
                )
                .is_allowed(),
            About::Report(_) => {
                self.may_report(&mut conn, action, child, &facts.linked_units)
                    .await?
            }
        })
    }

    /// A report, decided first on what is loaded (the child's units), and
    /// only when that does not allow it on the case history and the child
    /// welfare units too.
    async fn may_report(
        &self,
        conn: &mut AnyConnection,
        action: Action,
        child: &PersonId,
        child_units: &[ettlag_core::UnitId],
    ) -> DbResult<bool> {
        let tenant = self.tenant();
        let decide = |receiving_unit, knows_child| {
            self.decide(
                action,
                &Subject::Report(policy::Report {
                    tenant,
                    child_units,
                    receiving_unit,
                    reporter: None,
                    knows_child,
                }),
            )
            .is_allowed()
        };
        let nowhere = ettlag_core::UnitId::from_trusted(String::new());
        if decide(&nowhere, false) {
            return Ok(true);
        }
        let units = child_welfare_units(conn, tenant).await?;
        let knows_child =
            super::report::knows_child(conn, tenant, &self.actor.staff, child).await?;
        Ok(decide(
            &receiver_to_decide(&units, &self.actor),
            knows_child,
        ))
    }
}
