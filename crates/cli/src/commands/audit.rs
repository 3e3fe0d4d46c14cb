//! `ettlag audit verify`: recomputes every municipality's hash chain.

use std::process::ExitCode;

use clap::Subcommand;

use crate::config::Settings;

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Check every record of the access log; names the first bad record.
    Verify,
}

pub async fn run(settings: &Settings, cmd: AuditCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        AuditCommand::Verify => {
            let store = super::open(settings).await?;
            let reports = store.verify_audit().await?;
            store.close().await;
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
            Ok(if ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(2)
            })
        }
    }
}
