//! `ettlag serve`: the web server, with graceful shutdown on Ctrl-C or SIGTERM
//! (the writer commits what it holds before the process ends).

use anyhow::Context;
use clap::Args;
use ettlag_db::Store;
use ettlag_web::AppState;

use crate::config::Settings;
use crate::cookies::CookieSecurity;

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on (default 127.0.0.1:8080, or ETTLAG_ADDR).
    #[arg(long)]
    pub addr: Option<String>,
}

pub async fn run(settings: &Settings, args: ServeArgs) -> anyhow::Result<()> {
    let store = super::open(settings).await?;
    serve(
        settings,
        store,
        args.addr.as_deref().unwrap_or(&settings.addr),
    )
    .await
}

pub async fn serve(settings: &Settings, store: Store, addr: &str) -> anyhow::Result<()> {
    if ettlag_db::UNGUARDED {
        tracing::error!(
            "BENCHMARK BUILD: the access policy and the access log of reads are switched off. \
             Never serve anyone with this build."
        );
        eprintln!("ettlag: BENCHMARK BUILD, access policy and read audit OFF");
    }
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("could not listen on {addr}"))?;
    let local = listener.local_addr()?;
    super::feedback_packs::install(&store).await?;
    // Decided from the address actually bound, so `localhost` counts as the
    // loopback it resolved to.
    let cookies = CookieSecurity::choose(settings.secure_cookies, local.ip());
    if let Some(notice) = cookies.notice() {
        eprintln!("{notice}");
    }
    let mut web = settings.web.clone();
    web.secure_cookies = cookies.secure();
    let state = AppState::new(store.clone(), web);
    // A wrong or unreachable identity provider is the operator's error to
    // see now, not a citizen's or a teacher's at the first sign-in.
    for (who, provider) in [
        ("citizens", &state.citizen_idp),
        ("staff", &state.staff_idp),
    ] {
        if let Some(provider) = provider {
            check_provider(who, provider).await?;
        }
    }
    if let Some(slug) = &settings.web.staff_sign_in.create_accounts_in {
        anyhow::ensure!(
            store.tenant_by_slug(slug).await?.is_some(),
            "staff accounts are to be created in the municipality {slug:?}, which does not exist \
             (ETTLAG_STAFF_CREATE_ACCOUNTS_IN names a municipality by its short name)"
        );
        eprintln!(
            "staff who sign in for the first time get an account in {slug} when their groups give a role"
        );
    }
    // Reminders that fell due while the server was down run at once.
    let jobs = store.spawn_job_runner(settings.job_interval);
    let mailer = match &settings.mail {
        Some(config) => {
            let mailer = ettlag_web::mail::Mailer::new(config).map_err(anyhow::Error::msg)?;
            eprintln!(
                "reminder e-mails go out through {}:{}",
                config.host, config.port
            );
            Some(mailer.spawn(store.clone(), settings.job_interval))
        }
        None => None,
    };
    let checkpoints = super::audit_checkpoints::start(settings, &store).await?;
    eprintln!("ettlag is serving on http://{local}");
    // The client's address (for sign-in throttling) comes with each connection.
    let app =
        ettlag_web::router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    jobs.abort();
    if let Some(mailer) = mailer {
        mailer.abort();
    }
    if let Some(checkpoints) = checkpoints {
        checkpoints.finish(&store).await;
    }
    store.close().await;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}

async fn check_provider(who: &str, provider: &ettlag_web::oidc::Provider) -> anyhow::Result<()> {
    let s = provider.settings();
    provider.check().await.map_err(|why| {
        anyhow::anyhow!(
            "the {who}' identity provider {} cannot be used: {why}",
            s.issuer
        )
    })?;
    let level = s
        .acr
        .as_ref()
        .map_or("the provider's level", |a| a.required());
    eprintln!(
        "{who} sign in through {} ({}, {level})",
        s.issuer,
        s.client_auth.method()
    );
    Ok(())
}
