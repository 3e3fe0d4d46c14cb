//! The facts the policy decides on: one loader per kind of subject, and what
//! a request has loaded already. A page that reads a child's record, logs,
//! consents and feedback asks about the same child several times; the facts
//! are loaded once and every later decision in the request reuses them. A
//! write through the same request forgets them, so a decision after a write
//! sees the write.

pub(crate) mod consent;
pub(crate) mod person;
pub(crate) mod register;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use ettlag_core::PersonId;
use sqlx::AnyConnection;

use super::AccessContext;
use crate::error::DbResult;
pub(crate) use consent::{ConsentFacts, parse as parse_consent};
pub(crate) use person::PersonFacts;

/// What one request has learned about its subjects. `None`: looked up, and
/// nobody by that id in the municipality.
#[derive(Debug, Clone, Default)]
pub struct Known {
    persons: Arc<Mutex<HashMap<PersonId, Option<PersonFacts>>>>,
    consents: Arc<Mutex<HashMap<PersonId, ConsentFacts>>>,
}

impl Known {
    fn persons(&self) -> std::sync::MutexGuard<'_, HashMap<PersonId, Option<PersonFacts>>> {
        self.persons.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn consents(&self) -> std::sync::MutexGuard<'_, HashMap<PersonId, ConsentFacts>> {
        self.consents.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Forgets everything, after a write that may have changed it.
    pub(crate) fn forget(&self) {
        self.persons().clear();
        self.consents().clear();
    }
}

impl AccessContext {
    /// The facts about these people, each loaded at most once per request
    /// (all the missing ones in one statement). People not found are left out.
    ///
    /// Every loader here reads on the caller's connection: a read that held
    /// one connection while asking the pool for another would, with every
    /// connection so held under load, wait for itself until the pool timed out.
    pub(crate) async fn person_facts(
        &self,
        conn: &mut AnyConnection,
        ids: &[PersonId],
    ) -> DbResult<HashMap<PersonId, PersonFacts>> {
        if super::UNGUARDED {
            return Ok(HashMap::new());
        }
        let known = self.batch.as_ref().map(|b| b.known());
        let mut found = HashMap::with_capacity(ids.len());
        let mut missing: Vec<PersonId> = Vec::new();
        {
            let cached = known.map(|k| k.persons());
            for id in ids {
                match cached.as_ref().and_then(|c| c.get(id)) {
                    Some(Some(facts)) => {
                        found.insert(id.clone(), facts.clone());
                    }
                    Some(None) => {}
                    None if !missing.contains(id) => missing.push(id.clone()),
                    None => {}
                }
            }
        }
        if missing.is_empty() {
            return Ok(found);
        }
        let loaded = person::load(&mut *conn, self.tenant(), &self.actor.staff, &missing).await?;
        if let Some(known) = known {
            let mut cache = known.persons();
            for id in &missing {
                cache.insert(id.clone(), loaded.get(id).cloned());
            }
        }
        found.extend(loaded);
        Ok(found)
    }

    /// The facts about one person, if they are in the municipality.
    pub(crate) async fn person_fact(
        &self,
        conn: &mut AnyConnection,
        id: &PersonId,
    ) -> DbResult<Option<PersonFacts>> {
        Ok(self
            .person_facts(conn, std::slice::from_ref(id))
            .await?
            .remove(id))
    }

    /// What the child's consents in force say, loaded once per request.
    pub(crate) async fn consent_facts(
        &self,
        conn: &mut AnyConnection,
        child: &PersonId,
    ) -> DbResult<ConsentFacts> {
        let known = self.batch.as_ref().map(|b| b.known());
        if let Some(facts) = known.and_then(|k| k.consents().get(child).cloned()) {
            return Ok(facts);
        }
        let facts = ConsentFacts::load(conn, self.tenant(), child).await?;
        if let Some(known) = known {
            known.consents().insert(child.clone(), facts.clone());
        }
        Ok(facts)
    }
}
