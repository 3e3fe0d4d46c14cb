//! Meetings in the demo: the municipality's meeting template (the built-in
//! default, following "understand the person → agree on what matters → make
//! it possible") and a sample values poster, configured as an administrator
//! would, through the same door as real work.

use ettlag_core::meeting::{MeetingTemplate, ValuesPoster};
use ettlag_db::Store;

pub async fn create(store: &Store, slug: &str) -> anyhow::Result<()> {
    let Some(tenant) = store.tenant_by_slug(slug).await? else {
        return Ok(());
    };
    let admin = store.system_access(&tenant.id);
    admin
        .save_meeting_template(None, MeetingTemplate::default_template())
        .await?;
    let poster = ValuesPoster::parse(ValuesPoster::sample())
        .map_err(|e| anyhow::anyhow!("the sample values poster: {e}"))?;
    admin.save_values_poster(poster).await?;
    Ok(())
}
