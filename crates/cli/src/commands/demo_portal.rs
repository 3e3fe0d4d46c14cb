//! The family portal in the demo: a parent account (`forelder`) for the
//! guardian of the kindergarten child whose family consented to share with
//! the school (see `demo_sharing`), so the portal shows who follows the
//! child up, a consent to withdraw, and who has looked.

use ettlag_core::RelationKind;
use ettlag_core::policy::Purpose;
use ettlag_db::Store;

/// The demo parent's user name in the portal.
pub const PARENT: &str = "forelder";

/// The demo parent's synthetic national identity number, for a test
/// identity provider (the number is invented: month + 80).
pub async fn parent_national_id(store: &Store) -> anyhow::Result<Option<String>> {
    let Some(account) = store.citizen_account(PARENT).await? else {
        return Ok(None);
    };
    let system = store.system_access(&account.citizen.tenant);
    let person = system.person(&account.citizen.person).await?;
    Ok(person.person.national_id.map(|n| n.as_str().to_string()))
}

/// Makes the parent account; false when the demo has no such family.
pub async fn create(store: &Store, hash: &str) -> anyhow::Result<bool> {
    let Some(account) = store.account("pedagog.eventyrskogen").await? else {
        return Ok(false);
    };
    let Some(actor) = store.actor(&account.tenant_id, &account.staff_id).await? else {
        return Ok(false);
    };
    let tenant = actor.tenant.clone();
    let access = store.access(actor, Purpose::FollowUp, "demo");
    // The same child as demo_sharing's consent: the second level-2 case;
    // in a demo too small for that, the first child, so the portal can
    // still be tried.
    let children = access.children("", 0).await?;
    let chosen = children.iter().skip(1).step_by(3).nth(1);
    let Some(child) = chosen.or_else(|| children.first()) else {
        return Ok(false);
    };
    let detail = access.person(&child.id).await?;
    let Some(guardian) = detail
        .relations
        .iter()
        .find(|r| r.kind == RelationKind::Guardian)
        .map(|r| r.person_id.clone())
    else {
        return Ok(false);
    };
    let Some(nin) = access.person(&guardian).await?.person.national_id else {
        return Ok(false);
    };
    store
        .create_citizen_account(&tenant, &nin, PARENT, hash)
        .await?;
    Ok(true)
}
