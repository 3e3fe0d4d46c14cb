//! What a staff member shows a family of how to reach them: their e-mail,
//! a phone number, both or neither. Each one chooses it on their own
//! settings page; the portal reads it through [`family_contact_of`].

use crate::access::gate::Record;
use ettlag_core::{StaffId, TenantId};
use sqlx::{AnyConnection, Row};

use crate::error::DbResult;
use crate::store::Store;

/// Which of their contact details a staff member shows families.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ShowToFamily {
    /// The default, as before the choice existed: the e-mail they gave.
    #[default]
    Email,
    Phone,
    Both,
    Nothing,
}

impl ShowToFamily {
    pub const ALL: [ShowToFamily; 4] = [Self::Email, Self::Phone, Self::Both, Self::Nothing];

    pub fn code(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::Phone => "phone",
            Self::Both => "both",
            Self::Nothing => "nothing",
        }
    }

    pub fn from_code(code: &str) -> Option<ShowToFamily> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    fn email(self) -> bool {
        matches!(self, Self::Email | Self::Both)
    }

    fn phone(self) -> bool {
        matches!(self, Self::Phone | Self::Both)
    }
}

/// A staff member's own contact details for families and their choice.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FamilyContactSetting {
    pub phone: Option<String>,
    pub show: ShowToFamily,
}

/// A staff member as a family may reach them: name and what they chose to
/// show.
#[derive(Debug, Clone)]
pub(crate) struct ShownContact {
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// The name and the chosen contact details of a staff member, or `None`
/// when there is no such staff member.
pub(crate) async fn family_contact_of(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    staff: &str,
) -> DbResult<Option<ShownContact>> {
    let row = sqlx::query(
        "SELECT display_name, email, phone, family_contact FROM staff \
         WHERE tenant_id = $1 AND id = $2",
    )
    .bind(tenant.as_str())
    .bind(staff)
    .fetch_optional(conn)
    .await?;
    let Some(r) = row else { return Ok(None) };
    let show = r
        .try_get::<Option<String>, _>("family_contact")?
        .and_then(|c| ShowToFamily::from_code(&c))
        .unwrap_or_default();
    let given = |v: Option<String>| v.filter(|s| !s.is_empty());
    Ok(Some(ShownContact {
        name: r.try_get("display_name")?,
        email: given(r.try_get("email")?).filter(|_| show.email()),
        phone: given(r.try_get("phone")?).filter(|_| show.phone()),
    }))
}

impl Store {
    /// A staff member's phone for families and what they show.
    pub async fn family_contact_setting(
        &self,
        tenant: &TenantId,
        staff: &StaffId,
    ) -> DbResult<FamilyContactSetting> {
        let row =
            sqlx::query("SELECT phone, family_contact FROM staff WHERE tenant_id = $1 AND id = $2")
                .bind(tenant.as_str())
                .bind(staff.as_str())
                .fetch_optional(&self.pool)
                .await?;
        let Some(r) = row else {
            return Ok(FamilyContactSetting::default());
        };
        Ok(FamilyContactSetting {
            phone: r.try_get("phone")?,
            show: r
                .try_get::<Option<String>, _>("family_contact")?
                .and_then(|c| ShowToFamily::from_code(&c))
                .unwrap_or_default(),
        })
    }

    /// Sets a staff member's own phone for families and what they show;
    /// audited as a change of their own profile. The caller has checked
    /// the phone number.
    pub async fn set_family_contact_setting(
        &self,
        tenant: &TenantId,
        staff: &StaffId,
        setting: FamilyContactSetting,
    ) -> DbResult<()> {
        let (tenant, staff) = (tenant.to_string(), staff.to_string());
        self.writer
            .run(move |tx| {
                Box::pin(async move {
                    sqlx::query(
                        "UPDATE staff SET phone = $3, family_contact = $4 \
                         WHERE tenant_id = $1 AND id = $2",
                    )
                    .bind(&tenant)
                    .bind(&staff)
                    .bind(setting.phone)
                    .bind(setting.show.code())
                    .execute(&mut tx.conn)
                    .await?;
                    crate::access::gate::seal(
                        tx,
                        &TenantId::from_trusted(tenant.clone()),
                        vec![own_profile_event(&staff)],
                    )
                    .await
                })
            })
            .await
    }
}

/// The access log's record of a staff member changing their own contact
/// details, which are personal data too.
fn own_profile_event(staff: &str) -> Record {
    Record::own_account(
        staff,
        "update",
        ("staff_family_contact", staff),
        true,
        "own_profile",
        "",
    )
}
