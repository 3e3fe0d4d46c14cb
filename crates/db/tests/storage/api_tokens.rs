//! Personal API tokens expire and are revoked one by one: a token past its
//! lifetime, or revoked, names no one; a token from before expiry existed
//! lives the default lifetime from its creation; lifetimes outside 1 to
//! 366 days are refused; making and revoking are in the access log.

use ettlag_core::StaffId;
use ettlag_db::{DbError, TOKEN_DEFAULT_DAYS};

use crate::support::{store, world};

const DAY_MS: i64 = 86_400_000;

#[tokio::test]
async fn a_token_names_its_owner_until_it_expires_or_is_revoked() {
    let w = world().await;
    let s = store(&w);
    let staff: &StaffId = &w.teacher_a.staff;
    let issued = s
        .issue_api_token(&w.tenant, staff, "test", 30)
        .await
        .expect("issue");
    assert!(s.api_actor(&issued.token).await.expect("read").is_some());
    let left = issued.expires_at_ms - ettlag_db::now_ms();
    assert!(left > 29 * DAY_MS && left <= 30 * DAY_MS, "{left}");
    for days in [0, 367, -5] {
        let refused = s.issue_api_token(&w.tenant, staff, "test", days).await;
        assert!(matches!(refused, Err(DbError::Refused(_))), "{days}");
    }

    // Expired: moved into the past as time would.
    s.execute_raw(&format!(
        "UPDATE api_tokens SET expires_at = {} WHERE id = '{}'",
        ettlag_db::now_ms() - 1,
        issued.id
    ))
    .await
    .expect("age");
    assert!(s.api_actor(&issued.token).await.expect("read").is_none());
    assert!(s.api_token(&issued.token).await.expect("read").is_none());
    assert!(
        s.api_tokens_of(&w.tenant, staff)
            .await
            .expect("list")
            .is_empty()
    );

    // A token from before expiry existed lives the default lifetime.
    let old = s
        .create_api_token(&w.tenant, staff, "old")
        .await
        .expect("make");
    let made_long_ago = ettlag_db::now_ms() - (TOKEN_DEFAULT_DAYS + 1) * DAY_MS;
    s.execute_raw(&format!(
        "UPDATE api_tokens SET expires_at = NULL, created_at = {made_long_ago} WHERE label = 'old'"
    ))
    .await
    .expect("age");
    assert!(s.api_actor(&old).await.expect("read").is_none());

    // Revoked one by one: the other stays.
    let a = s
        .issue_api_token(&w.tenant, staff, "a", 10)
        .await
        .expect("a");
    let b = s
        .issue_api_token(&w.tenant, staff, "b", 10)
        .await
        .expect("b");
    s.revoke_api_token(&a.id).await.expect("revoke");
    assert!(s.api_actor(&a.token).await.expect("read").is_none());
    assert!(s.api_actor(&b.token).await.expect("read").is_some());
    let listed = s.api_tokens_of(&w.tenant, staff).await.expect("list");
    assert_eq!(
        listed.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(),
        [b.id.as_str()]
    );
    assert!(matches!(
        s.revoke_api_token(&a.id).await,
        Err(DbError::NotFound)
    ));

    let log = s.audit_records(&w.tenant, 1000).await.expect("log");
    let about = |id: &str, action: &str| {
        log.iter().any(|r| {
            r.event.resource_type == "api_token"
                && r.event.resource_id == id
                && r.event.action == action
        })
    };
    assert!(about(&a.id, "create") && about(&a.id, "delete"));
    w.db.remove().await;
}
