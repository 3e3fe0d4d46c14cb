//! A municipality's own numbers (deadlines and the like), with defaults for
//! those it has not set.

use ettlag_core::TenantId;
use sqlx::{AnyConnection, Row};

use crate::error::DbResult;

/// A number a municipality may configure, with its default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Setting {
    pub name: &'static str,
    pub default: i64,
    pub min: i64,
    pub max: i64,
}

/// Days from a concern to its decision (level 0).
pub const CONCERN_DAYS: Setting = Setting {
    name: "concern_days",
    default: 14,
    min: 1,
    max: 90,
};

/// The age at which a young person consents alone (the main rule).
pub const CONSENT_AGE: Setting = Setting {
    name: "consent_age",
    default: 15,
    min: 12,
    max: 18,
};

/// The age at which a young person consents alone to sharing health information.
pub const CONSENT_AGE_HEALTH: Setting = Setting {
    name: "consent_age_health",
    default: 16,
    min: 12,
    max: 18,
};

/// Whether one guardian's consent suffices with joint parental
/// responsibility (1) or every guardian consents (0, the law's main rule).
pub const CONSENT_ONE_GUARDIAN: Setting = Setting {
    name: "consent_one_guardian",
    default: 0,
    min: 0,
    max: 1,
};

/// Minutes a break-the-glass access lasts.
pub const EMERGENCY_MINUTES: Setting = Setting {
    name: "emergency_minutes",
    default: 60,
    min: 5,
    max: 720,
};

/// Days to answer a parent's or young person's own request for help.
pub const INTAKE_DAYS_SELF_REFERRAL: Setting = Setting {
    name: "intake_days_self_referral",
    default: 7,
    min: 1,
    max: 90,
};

/// Days to answer a staff member's request for help or a team.
pub const INTAKE_DAYS_STAFF_REQUEST: Setting = Setting {
    name: "intake_days_staff_request",
    default: 7,
    min: 1,
    max: 90,
};

/// Days to answer a notice that someone needs an individual plan or a coordinator.
pub const INTAKE_DAYS_PLAN_NOTICE: Setting = Setting {
    name: "intake_days_plan_notice",
    default: 14,
    min: 1,
    max: 90,
};

/// Days to answer a referral from an outside agency.
pub const INTAKE_DAYS_REFERRAL: Setting = Setting {
    name: "intake_days_referral",
    default: 14,
    min: 1,
    max: 90,
};

/// Hours a one-time feedback link stays valid.
pub const FEEDBACK_LINK_HOURS: Setting = Setting {
    name: "feedback_link_hours",
    default: 72,
    min: 1,
    max: 720,
};

/// Earlier episodes with the same intake score (±1) needed before the
/// expected-trajectory band is drawn.
pub const FEEDBACK_TRAJECTORY_MIN: Setting = Setting {
    name: "feedback_trajectory_min",
    default: 30,
    min: 1,
    max: 10_000,
};

/// Episodes below which a feedback aggregate is hidden.
pub const FEEDBACK_AGGREGATE_MIN_N: Setting = Setting {
    name: "feedback_aggregate_min_n",
    default: 10,
    min: 1,
    max: 10_000,
};

/// What parents see once their child has reached the self-consent age:
/// 0 nothing, 1 who follows the young person up.
pub const PORTAL_PARENT_VIEW: Setting = Setting {
    name: "portal_parent_view",
    default: 1,
    min: 0,
    max: 1,
};

/// Whether staff who read personal data (every role but the municipality
/// leader's) must sign in with a second factor (1) or may sign in with their
/// password alone (0). An account without one enrols at its next sign-in.
pub const SECOND_FACTOR_REQUIRED: Setting = Setting {
    name: "second_factor_required",
    default: 0,
    min: 0,
    max: 1,
};

/// The deadline setting of an intake item by where it came from.
pub fn intake_days(source: ettlag_core::intake::Source) -> Setting {
    use ettlag_core::intake::Source;
    match source {
        Source::SelfReferral => INTAKE_DAYS_SELF_REFERRAL,
        Source::StaffRequest => INTAKE_DAYS_STAFF_REQUEST,
        Source::PlanNotice => INTAKE_DAYS_PLAN_NOTICE,
        Source::Referral => INTAKE_DAYS_REFERRAL,
    }
}

/// Every setting, for the admin page.
pub const SETTINGS: &[Setting] = &[
    CONCERN_DAYS,
    CONSENT_AGE,
    CONSENT_AGE_HEALTH,
    CONSENT_ONE_GUARDIAN,
    EMERGENCY_MINUTES,
    INTAKE_DAYS_SELF_REFERRAL,
    INTAKE_DAYS_STAFF_REQUEST,
    INTAKE_DAYS_PLAN_NOTICE,
    INTAKE_DAYS_REFERRAL,
    PORTAL_PARENT_VIEW,
    FEEDBACK_LINK_HOURS,
    FEEDBACK_TRAJECTORY_MIN,
    FEEDBACK_AGGREGATE_MIN_N,
    SECOND_FACTOR_REQUIRED,
];

/// The value a municipality uses: its own when set and in range, else the default.
pub(crate) async fn setting(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    setting: Setting,
) -> DbResult<i64> {
    let row = sqlx::query("SELECT value FROM tenant_settings WHERE tenant_id = $1 AND name = $2")
        .bind(tenant.as_str())
        .bind(setting.name)
        .fetch_optional(conn)
        .await?;
    let value = match row {
        Some(r) => r.try_get::<String, _>("value")?.trim().parse::<i64>().ok(),
        None => None,
    };
    Ok(value
        .filter(|v| (setting.min..=setting.max).contains(v))
        .unwrap_or(setting.default))
}

/// A setting with the value the municipality uses now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SettingValue {
    pub setting: Setting,
    pub value: i64,
}

impl crate::access::context::AccessContext {
    /// Every setting with the municipality's value (part of its organisation).
    pub async fn settings(&self) -> DbResult<Vec<SettingValue>> {
        use ettlag_core::policy::Subject;
        let tenant = self.actor().tenant.clone();
        self.gate_org_read("setting", &Subject::Organisation { tenant: &tenant })
            .await?;
        let mut conn = self.store().pool.acquire().await?;
        let mut out = Vec::new();
        for s in SETTINGS {
            out.push(SettingValue {
                setting: *s,
                value: setting(&mut conn, &tenant, *s).await?,
            });
        }
        Ok(out)
    }

    /// Sets a municipality's value (administrators). A value outside the
    /// setting's range is refused with `setting-error-range`.
    pub async fn set_setting(&self, name: &str, value: i64) -> DbResult<()> {
        use ettlag_core::policy::{Action, Subject};
        let Some(s) = SETTINGS.iter().copied().find(|s| s.name == name) else {
            return Err(crate::DbError::NotFound);
        };
        if !(s.min..=s.max).contains(&value) {
            return Err(crate::DbError::Refused("setting-error-range"));
        }
        let ctx = self.write_ctx();
        self.store()
            .writer
            .run(move |tx| {
                Box::pin(async move {
                    let tenant = ctx.actor.tenant.clone();
                    let decision =
                        ctx.decide(Action::Update, &Subject::Organisation { tenant: &tenant });
                    ctx.settle(tx, Action::Update, ("setting", s.name), decision)
                        .await?;
                    if !decision.is_allowed() {
                        return Ok(Err(crate::DbError::Forbidden));
                    }
                    sqlx::query(
                        "INSERT INTO tenant_settings (tenant_id, name, value) VALUES ($1, $2, $3) \
                         ON CONFLICT (tenant_id, name) DO UPDATE SET value = excluded.value",
                    )
                    .bind(tenant.as_str())
                    .bind(s.name)
                    .bind(value.to_string())
                    .execute(&mut tx.conn)
                    .await?;
                    Ok(Ok(()))
                })
            })
            .await?
    }
}
