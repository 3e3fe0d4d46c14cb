//! `ettlag steering`: keeps the leaders' counts honest and fast. `rebuild`
//! recomputes them from the source tables, `check` compares the kept counts
//! with the recomputed ones, `generate` loads a national-scale synthetic
//! municipality set for the benchmark, and `bench` times every view.

use std::time::Instant;

use clap::Subcommand;
use ettlag_core::policy::Purpose;
use ettlag_core::steering::{AgeBand, Period};
use ettlag_core::{Day, ServiceType};
use ettlag_db::{SteeringFilter, Store, now_ms};

use crate::config::Settings;

#[derive(Debug, Subcommand)]
pub enum SteeringCommand {
    /// Recompute the counts of every municipality from the source tables.
    Rebuild,
    /// Compare the kept counts with the recomputed ones; fails on a difference.
    Check,
    /// Load synthetic municipalities for the benchmark (not for production).
    Generate {
        #[arg(long, default_value_t = 1_000_000)]
        children: usize,
        #[arg(long, default_value_t = 5)]
        municipalities: usize,
        #[arg(long, default_value_t = 2026)]
        seed: u64,
    },
    /// Time each steering view for the leader of the largest municipality.
    Bench {
        /// Requests per view.
        #[arg(long, default_value_t = 50)]
        requests: usize,
    },
}

pub async fn run(
    settings: &Settings,
    cmd: SteeringCommand,
) -> anyhow::Result<std::process::ExitCode> {
    use std::process::ExitCode;
    let store = super::open(settings).await?;
    let result = match cmd {
        SteeringCommand::Rebuild => {
            let started = Instant::now();
            let n = store.rebuild_steering().await?;
            println!(
                "{n} counter(s) rebuilt in {:.1} s.",
                started.elapsed().as_secs_f64()
            );
            Ok(ExitCode::SUCCESS)
        }
        SteeringCommand::Check => {
            let diffs = store.check_steering().await?;
            for d in &diffs {
                println!("{d}");
            }
            if diffs.is_empty() {
                println!("The kept counts equal the source.");
                Ok(ExitCode::SUCCESS)
            } else {
                println!(
                    "{} counter(s) differ; run `ettlag steering rebuild`.",
                    diffs.len()
                );
                Ok(ExitCode::FAILURE)
            }
        }
        SteeringCommand::Generate {
            children,
            municipalities,
            seed,
        } => {
            let started = Instant::now();
            let load = store
                .generate_national(children, municipalities, seed)
                .await?;
            println!(
                "{} municipalities, {} children, {} concerns, {} relay logs, {} events, {} counters in {:.0} s.",
                load.municipalities,
                load.children,
                load.concerns,
                load.logs,
                load.events,
                load.counters,
                started.elapsed().as_secs_f64()
            );
            Ok(ExitCode::SUCCESS)
        }
        SteeringCommand::Bench { requests } => {
            bench(&store, requests).await.map(|()| ExitCode::SUCCESS)
        }
    };
    store.close().await;
    result
}

async fn bench(store: &Store, requests: usize) -> anyhow::Result<()> {
    let (tenant, leader) = store.largest_municipality_leader().await?.ok_or_else(|| {
        anyhow::anyhow!("no municipality leader; run `ettlag steering generate` first")
    })?;
    let actor = store
        .actor(&tenant, &leader)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the leader is not active"))?;
    let view = store.access(actor, Purpose::Steering, "bench");
    let units = view.for_purpose(Purpose::FollowUp).units().await?;
    let areas = view.steering_areas().await?;
    let now = now_ms();
    let (y, m, _) = Day::from_ms(now).ymd();
    let year = Period::last_twelve(y, m);
    let two_years = Period::parse(&format!("{:04}-{m:02}", y - 2), year.to())?;
    let base = SteeringFilter {
        unit: None,
        service_type: None,
        area: None,
        age: None,
        period: year,
    };
    let views: Vec<(&str, SteeringFilter)> = vec![
        ("municipality, 12 months", base.clone()),
        (
            "municipality, 24 months",
            SteeringFilter {
                period: two_years,
                ..base.clone()
            },
        ),
        (
            "one unit",
            SteeringFilter {
                unit: units
                    .iter()
                    .find(|u| u.service_type == ServiceType::School)
                    .map(|u| u.id.clone()),
                ..base.clone()
            },
        ),
        (
            "service type: school",
            SteeringFilter {
                service_type: Some(ServiceType::School),
                ..base.clone()
            },
        ),
        (
            "one area",
            SteeringFilter {
                area: areas.first().cloned(),
                ..base.clone()
            },
        ),
        (
            "age band 6-12",
            SteeringFilter {
                age: Some(AgeBand::Primary),
                ..base.clone()
            },
        ),
    ];
    println!("| view | requests | p50 ms | p95 ms | max ms |");
    println!("|---|---:|---:|---:|---:|");
    for (name, filter) in views {
        let mut times = Vec::with_capacity(requests);
        for _ in 0..requests.max(1) {
            let started = Instant::now();
            let figures = view.steering(&filter, now).await?;
            std::hint::black_box(figures);
            times.push(started.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(f64::total_cmp);
        let at = |p: usize| times[((p * times.len()).div_ceil(100)).clamp(1, times.len()) - 1];
        println!(
            "| {name} | {} | {:.1} | {:.1} | {:.1} |",
            times.len(),
            at(50),
            at(95),
            at(100)
        );
    }
    Ok(())
}
