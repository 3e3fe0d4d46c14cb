//! `ettlag jobs run`: runs the background jobs that are due once, as the
//! server does every minute — useful after a long stop, and with `--as-of`
//! to rehearse what will fire on a later day (deadlines, escalations), for
//! example in a test municipality or the browser tests.

use clap::Subcommand;
use ettlag_core::Day;

use crate::config::Settings;

#[derive(Debug, Subcommand)]
pub enum JobsCommand {
    /// Run the jobs that are due now, or as of the start of a given day.
    Run {
        /// Run as if it were this day (YYYY-MM-DD, start of day UTC).
        #[arg(long)]
        as_of: Option<String>,
    },
}

pub async fn run(settings: &Settings, cmd: JobsCommand) -> anyhow::Result<()> {
    match cmd {
        JobsCommand::Run { as_of } => {
            let now = match as_of {
                Some(day) => Day::parse(&day)
                    .map_err(|_| {
                        anyhow::anyhow!("--as-of takes a date as YYYY-MM-DD, not {day:?}")
                    })?
                    .start_ms(),
                None => ettlag_db::now_ms(),
            };
            let store = super::open(settings).await?;
            let ran = store.run_due_jobs(now).await;
            store.close().await;
            println!("{} job(s) ran.", ran?);
            Ok(())
        }
    }
}
