//! `ettlag user add`, `ettlag user token` (make, list and revoke personal
//! API tokens).

use std::io::Read;

use anyhow::{Context, bail};
use clap::{Args, Subcommand};
use ettlag_core::{Day, RoleSet};
use ettlag_db::{NewStaff, Store};

use crate::config::Settings;

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a staff member with a local account. Prints a new password
    /// unless one is given on standard input with --password-stdin.
    Add(AddArgs),
    /// Print a new personal API token for USER (use as `Authorization: Bearer
    /// TOKEN`); with --list, USER's live tokens; with --revoke ID, end one.
    Token(TokenArgs),
}

#[derive(Debug, Args)]
pub struct TokenArgs {
    /// Whose token.
    #[arg(required_unless_present = "revoke")]
    username: Option<String>,
    /// Days the new token lives (1 to 366).
    #[arg(long, default_value_t = ettlag_db::TOKEN_DEFAULT_DAYS, allow_negative_numbers = true)]
    days: i64,
    /// A short note of what the token is for.
    #[arg(long, default_value = "cli")]
    label: String,
    /// List USER's live tokens (id, label, made, expires) instead.
    #[arg(long, conflicts_with = "revoke")]
    list: bool,
    /// Revoke the token with this id (from --list) at once.
    #[arg(long)]
    revoke: Option<String>,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The user name to sign in with.
    #[arg(long)]
    username: String,
    /// The name shown to colleagues.
    #[arg(long)]
    name: String,
    /// The municipality's short name (slug). Optional when there is only one.
    #[arg(long)]
    municipality: Option<String>,
    /// Roles, comma-separated: staff, unit_leader, municipality_leader, intake, admin, privacy_officer.
    #[arg(long, default_value = "staff")]
    roles: String,
    /// Units the person works in, by name, separated by '|'.
    #[arg(long, default_value = "")]
    units: String,
    /// Read the password from standard input instead of generating one.
    #[arg(long)]
    password_stdin: bool,
    /// The address reminders are announced at by e-mail (optional).
    #[arg(long)]
    email: Option<String>,
}

pub async fn run(settings: &Settings, cmd: UserCommand) -> anyhow::Result<()> {
    let store = super::open(settings).await?;
    let result = match cmd {
        UserCommand::Add(args) => add(&store, args).await,
        UserCommand::Token(args) => token(&store, args).await,
    };
    store.close().await;
    result
}

async fn add(store: &Store, args: AddArgs) -> anyhow::Result<()> {
    let roles =
        RoleSet::parse(&args.roles).map_err(|bad| anyhow::anyhow!("unknown role: {bad}"))?;
    let tenants = store.tenants().await?;
    let tenant = match (&args.municipality, tenants.as_slice()) {
        (Some(slug), _) => tenants
            .iter()
            .find(|t| &t.slug == slug)
            .with_context(|| format!("no municipality with the short name {slug}"))?,
        (None, [only]) => only,
        (None, []) => bail!("there is no municipality yet: run `ettlag demo` or create one first"),
        (None, _) => bail!("there are several municipalities: name one with --municipality"),
    };
    let admin = store.system_access(&tenant.id);
    let all_units = admin.units().await?;
    let mut units = Vec::new();
    for name in args
        .units
        .split('|')
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        let unit = all_units
            .iter()
            .find(|u| u.name.eq_ignore_ascii_case(name))
            .with_context(|| format!("no unit named {name}"))?;
        units.push(unit.id.clone());
    }
    let (password, generated) = if args.password_stdin {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s)?;
        (s.trim_end_matches(['\n', '\r']).to_string(), false)
    } else {
        (ettlag_db::new_token()[..20].to_string(), true)
    };
    let email = match &args.email {
        Some(text) => Some(
            ettlag_web::mail::parse_address(text)
                .with_context(|| format!("{text:?} is not an e-mail address"))?,
        ),
        None => None,
    };
    if password.chars().count() < ettlag_web::password::MIN_LENGTH {
        bail!(
            "the password must have at least {} characters",
            ettlag_web::password::MIN_LENGTH
        );
    }
    let hash = ettlag_web::password::hash(&password)
        .await
        .map_err(anyhow::Error::msg)?;
    let staff = admin
        .create_staff(NewStaff {
            username: args.username.clone(),
            display_name: args.name.clone(),
            roles,
            units,
            password_hash: Some(hash),
        })
        .await
        .map_err(|e| anyhow::anyhow!("could not create the user: {e}"))?;
    if email.is_some() {
        store.set_staff_email(&tenant.id, &staff, email).await?;
    }
    if generated {
        println!("login: {} / {password}", args.username.to_lowercase());
    } else {
        println!("created: {}", args.username.to_lowercase());
    }
    Ok(())
}

async fn token(store: &Store, args: TokenArgs) -> anyhow::Result<()> {
    if let Some(id) = &args.revoke {
        return match store.revoke_api_token(id).await {
            Ok(()) => {
                println!("revoked: {id}");
                Ok(())
            }
            Err(ettlag_db::DbError::NotFound) => bail!("no token has the id {id}"),
            Err(e) => Err(e.into()),
        };
    }
    let username = args.username.as_deref().unwrap_or_default();
    let account = store
        .account(username)
        .await?
        .with_context(|| format!("no user named {username}"))?;
    let (tenant, staff) = (&account.tenant_id, &account.staff_id);
    if args.list {
        for t in store.api_tokens_of(tenant, staff).await? {
            println!(
                "{}  {}  made {}  expires {}",
                t.id,
                t.label,
                Day::from_ms(t.created_at_ms),
                Day::from_ms(t.expires_at_ms)
            );
        }
        return Ok(());
    }
    let label: String = args.label.trim().chars().take(64).collect();
    let issued = match store
        .issue_api_token(tenant, staff, &label, args.days)
        .await
    {
        Err(ettlag_db::DbError::Refused(_)) => bail!(
            "--days must be 1 to {}, not {}",
            ettlag_db::TOKEN_MAX_DAYS,
            args.days
        ),
        other => other?,
    };
    println!("{}", issued.token);
    eprintln!(
        "token {} expires {}; revoke it with: ettlag user token --revoke {}",
        issued.id,
        Day::from_ms(issued.expires_at_ms),
        issued.id
    );
    Ok(())
}
