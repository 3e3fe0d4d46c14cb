//! Feedback packs at start-up: the packs shipped in the project's `packs/`
//! directory (compiled in, so the binary needs no files beside it) and a
//! municipality's own directory (`ETTLAG_PACKS_DIR`), loaded into every
//! municipality. Loading the same text again changes nothing. A bad file in
//! the own directory is reported with the loader's message and skipped, so
//! it cannot stop the server; the admin page shows what was loaded.

use std::path::Path;

use ettlag_db::{PackOrigin, Store};

/// Our own plainly worded pack; `test.toml` is for tests only and is not
/// shipped to municipalities.
const SHIPPED: &[(&str, &str)] = &[(
    "packs/ettlag-plain.toml",
    include_str!("../../../../packs/ettlag-plain.toml"),
)];

pub async fn install(store: &Store) -> anyhow::Result<()> {
    for tenant in store.tenants().await? {
        for (name, text) in SHIPPED {
            if let Err(e) = store
                .install_pack_for(&tenant.id, text, PackOrigin::Shipped)
                .await?
            {
                eprintln!("feedback pack {name} was not loaded: {e}");
            }
        }
    }
    if let Ok(dir) = std::env::var("ETTLAG_PACKS_DIR") {
        for (file, result) in store
            .install_pack_dir(Path::new(&dir), PackOrigin::Uploaded)
            .await?
        {
            if let Err(e) = result {
                eprintln!("feedback pack {file} was not loaded: {e}");
            }
        }
    }
    Ok(())
}
