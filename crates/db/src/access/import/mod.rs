//! CSV import into the register, and the register views the admin pages need.
//!
//! An import is one writer job: the policy decides every record it would
//! create (a denial is audited and ends it), the rows are checked against the
//! database with every problem collected by line, and only a file without
//! problems is stored, with one audit record per created record in the same
//! transaction. A file with problems changes nothing. Rows go in as multi-row
//! inserts so that 10,000 rows take one transaction and a few dozen statements.

mod org;
mod persons;

use std::collections::HashMap;

use crate::access::gate::Record;
use ettlag_core::PersonKind;
use ettlag_core::import::{ImportErrors, PersonRow, RowError, StaffRow, UnitRow};
use ettlag_core::policy::{Action, Subject};
use sqlx::Row;

use super::{AccessContext, WriteCtx};
use crate::error::{DbError, DbResult};
use crate::writer::Tx;

/// What an import job ends in. Every outcome keeps its audit records.
pub(super) enum Outcome {
    Denied,
    Invalid(Vec<RowError>),
    /// The number of rows stored.
    Done(usize),
}

/// The result of an import: the rows stored, or every problem found.
pub type ImportResult = DbResult<Result<usize, ImportErrors>>;

impl AccessContext {
    /// Creates the units of a checked file, or nothing. Returns the number of
    /// rows stored, or every problem found with its line.
    pub async fn import_units(&self, rows: Vec<UnitRow>) -> ImportResult {
        let ctx = self.write_ctx();
        let outcome = self
            .store
            .writer
            .run(move |tx| Box::pin(async move { org::units_in(tx, &ctx, &rows).await }))
            .await?;
        finish(outcome)
    }

    /// Creates the staff of a checked file with their accounts and units, or
    /// nothing. `password_hash` is given to every account; `None` means they
    /// sign in once an administrator has set a password, or through OpenID Connect.
    pub async fn import_staff(
        &self,
        rows: Vec<StaffRow>,
        password_hash: Option<String>,
    ) -> ImportResult {
        let ctx = self.write_ctx();
        let outcome = self
            .store
            .writer
            .run(move |tx| {
                Box::pin(
                    async move { org::staff_in(tx, &ctx, &rows, password_hash.as_deref()).await },
                )
            })
            .await?;
        finish(outcome)
    }

    /// Registers the persons of a checked file: children enrolled from today
    /// in their unit, adults related to their children (in the file or already
    /// registered). Stores everything or nothing.
    pub async fn import_persons(&self, rows: Vec<PersonRow>) -> ImportResult {
        let ctx = self.write_ctx();
        let outcome = self
            .store
            .writer
            .run(move |tx| Box::pin(async move { persons::persons_in(tx, &ctx, &rows).await }))
            .await?;
        finish(outcome)
    }
}

fn finish(outcome: Outcome) -> ImportResult {
    match outcome {
        Outcome::Denied => Err(DbError::Forbidden),
        Outcome::Invalid(mut errors) => {
            errors.sort_by_key(|e| e.line);
            Ok(Err(ImportErrors(errors)))
        }
        Outcome::Done(count) => Ok(Ok(count)),
    }
}

/// A record an import would create or change.
pub(super) struct Planned {
    action: Action,
    resource_type: &'static str,
    id: String,
    /// `None` for the organisation (units, staff).
    kind: Option<PersonKind>,
}

impl Planned {
    pub(super) fn create(
        resource_type: &'static str,
        id: &str,
        kind: Option<PersonKind>,
    ) -> Planned {
        Planned {
            action: Action::Create,
            resource_type,
            id: id.to_string(),
            kind,
        }
    }
}

/// Decides each planned record. The first denial is audited at once, as one
/// record for the whole import, and gives `None`; otherwise the audit events
/// come back, to be appended together with the inserts.
pub(super) async fn decide_all(
    tx: &mut Tx,
    ctx: &WriteCtx,
    planned: &[Planned],
) -> DbResult<Option<Vec<Record>>> {
    let tenant = ctx.actor.tenant.clone();
    let mut events = Vec::with_capacity(planned.len());
    for p in planned {
        let subject = match p.kind {
            None => Subject::Organisation { tenant: &tenant },
            Some(kind) => Subject::Person {
                tenant: &tenant,
                kind,
                linked_units: &[],
                restricted: false,
                emergency: false,
            },
        };
        let decision = ctx.decide(p.action, &subject);
        if !decision.is_allowed() {
            let denied = ctx.event(p.action, p.resource_type, "import", decision);
            crate::access::gate::seal(tx, &tenant, vec![denied]).await?;
            return Ok(None);
        }
        events.push(ctx.event(p.action, p.resource_type, &p.id, decision));
    }
    Ok(Some(events))
}

pub(super) fn problem(line: u64, column: &str, key: &'static str, value: Option<&str>) -> RowError {
    RowError {
        line,
        column: Some(column.to_string()),
        message_key: key,
        value: value.map(|v| v.chars().take(64).collect()),
    }
}

/// The municipality's units by name: exact names first, then names that are
/// unique when case is ignored.
pub(super) struct UnitNames {
    exact: HashMap<String, String>,
    folded: HashMap<String, Option<String>>,
}

impl UnitNames {
    pub(super) async fn load(tx: &mut Tx, tenant: &str) -> DbResult<UnitNames> {
        let rows = sqlx::query("SELECT id, name FROM units WHERE tenant_id = $1")
            .bind(tenant)
            .fetch_all(&mut tx.conn)
            .await?;
        let mut names = UnitNames {
            exact: HashMap::new(),
            folded: HashMap::new(),
        };
        for r in &rows {
            let (id, name): (String, String) = (r.try_get("id")?, r.try_get("name")?);
            names
                .folded
                .entry(name.to_lowercase())
                .and_modify(|v| *v = None)
                .or_insert_with(|| Some(id.clone()));
            names.exact.insert(name, id);
        }
        Ok(names)
    }

    pub(super) fn find(&self, name: &str) -> Option<&String> {
        self.exact
            .get(name)
            .or_else(|| self.folded.get(&name.to_lowercase())?.as_ref())
    }

    pub(super) fn taken(&self, name: &str) -> bool {
        self.folded.contains_key(&name.to_lowercase())
    }
}
