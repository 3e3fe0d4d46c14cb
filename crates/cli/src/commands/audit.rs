//! `ettlag audit`: verify every municipality's hash chain (and, given the
//! checkpoint directory, that nothing signed at a checkpoint was removed or
//! rewritten), take a signed checkpoint now, make a signing key.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Subcommand;

use crate::checkpoints::{self, Checkpointer, key::PublicKey, key::SigningKey};
use crate::config::Settings;

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Check every record of the access log; names the first bad record.
    Verify {
        /// Also check the signed checkpoints kept in DIR: catches a log cut
        /// back or rewritten with its chain computed again.
        #[arg(long, value_name = "DIR")]
        checkpoints: Option<PathBuf>,
        /// A public key (PEM) the checkpoints may be signed with; repeat
        /// after a change of key. Default: the configured signing key's.
        #[arg(long = "public-key", value_name = "FILE")]
        public_keys: Vec<PathBuf>,
    },
    /// Sign every municipality's chain head now and keep it in the
    /// checkpoint directory (also done by `serve` at an interval).
    Checkpoint {
        /// Where to keep it (default: audit.checkpoint_dir).
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Make a new Ed25519 signing key for checkpoints: FILE (private,
    /// readable by its owner only) and FILE.pub (the public key to verify with).
    Keygen {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

pub async fn run(settings: &Settings, cmd: AuditCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        AuditCommand::Verify {
            checkpoints,
            public_keys,
        } => verify(settings, checkpoints, &public_keys).await,
        AuditCommand::Checkpoint { dir } => checkpoint(settings, dir).await,
        AuditCommand::Keygen { out } => keygen(&out).map(|()| ExitCode::SUCCESS),
    }
}

async fn verify(
    settings: &Settings,
    checkpoint_dir: Option<PathBuf>,
    public_keys: &[PathBuf],
) -> anyhow::Result<ExitCode> {
    // Keys are read before the database, so a wrong path changes nothing.
    let keys = match &checkpoint_dir {
        Some(_) => verifying_keys(settings, public_keys)?,
        None => Vec::new(),
    };
    let store = super::open(settings).await?;
    let chain_ok = report_chains(&store).await?;
    let checkpoints_ok = match &checkpoint_dir {
        Some(dir) => report_checkpoints(&store, dir, &keys).await?,
        None => true,
    };
    store.close().await;
    Ok(if chain_ok && checkpoints_ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

/// Prints one line per municipality; whether every chain held.
async fn report_chains(store: &ettlag_db::Store) -> anyhow::Result<bool> {
    let reports = store.verify_audit().await?;
    let mut ok = true;
    for r in &reports {
        match &r.result {
            Ok(n) => println!(
                "ok: {} ({}): {n} records, chain intact",
                r.tenant_name, r.tenant_id
            ),
            Err(brk) => {
                ok = false;
                let at = brk
                    .seq()
                    .map(|seq| format!("first bad record is seq {seq}: "))
                    .unwrap_or_default();
                println!("BROKEN: {} ({}): {at}{brk}", r.tenant_name, r.tenant_id);
            }
        }
    }
    if reports.is_empty() {
        println!("ok: no municipalities yet");
    }
    Ok(ok)
}

async fn report_checkpoints(
    store: &ettlag_db::Store,
    dir: &std::path::Path,
    keys: &[PublicKey],
) -> anyhow::Result<bool> {
    let found = checkpoints::verify(store, dir, keys).await?;
    for line in &found.broken {
        println!("BROKEN: checkpoint {line}");
    }
    for (tenant, seq) in &found.newest {
        println!("ok: checkpoints of {tenant}: records up to seq {seq} are as signed");
    }
    if found.held == 0 && found.broken.is_empty() {
        println!("BROKEN: no checkpoints in {}", dir.display());
        return Ok(false);
    }
    Ok(found.broken.is_empty())
}

fn verifying_keys(settings: &Settings, files: &[PathBuf]) -> anyhow::Result<Vec<PublicKey>> {
    if files.is_empty() {
        let source = settings.checkpoints.key.as_ref().context(
            "give --public-key FILE, or configure the signing key (audit.signing_key_file)",
        )?;
        return Ok(vec![source.load()?.public().clone()]);
    }
    files
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("could not read {}", path.display()))?;
            PublicKey::from_pem(&text).with_context(|| path.display().to_string())
        })
        .collect()
}

async fn checkpoint(settings: &Settings, dir: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let source =
        settings.checkpoints.key.as_ref().context(
            "no signing key: set audit.signing_key_file or ETTLAG_AUDIT_SIGNING_KEY_FILE",
        )?;
    let key = source.load()?;
    let dir = dir
        .or_else(|| settings.checkpoints.dir.clone())
        .context("no checkpoint directory: give --dir or set audit.checkpoint_dir")?;
    let store = super::open(settings).await?;
    let taken = Checkpointer::new(key, dir.clone()).take(&store).await;
    store.close().await;
    for c in taken? {
        println!(
            "signed: {} at seq {} into {}",
            c.checkpoint.tenant_id,
            c.checkpoint.seq,
            dir.join(checkpoints::files::FILE_NAME).display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn keygen(out: &std::path::Path) -> anyhow::Result<()> {
    let (key, private_pem) = SigningKey::generate()?;
    write_new(out, &private_pem, true)?;
    let mut public = out.as_os_str().to_owned();
    public.push(".pub");
    let public = PathBuf::from(public);
    write_new(&public, &key.public().to_pem(), false)?;
    println!(
        "signing key {} written to {} (keep it away from the database's owner)",
        key.public().id(),
        out.display()
    );
    println!(
        "public key written to {} (for audit verify --public-key)",
        public.display()
    );
    Ok(())
}

/// Writes a file that must not exist yet; a private key readable by its owner only.
fn write_new(path: &std::path::Path, text: &str, private: bool) -> anyhow::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    if private {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    #[cfg(not(unix))]
    let _ = private;
    let mut file = options.open(path).with_context(|| {
        format!(
            "could not create {} (it must not exist yet)",
            path.display()
        )
    })?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .with_context(|| format!("could not write {}", path.display()))
}
