//! `POST /admin/relations`: how an adult relates to a child.

use axum::body::Bytes;
use axum::extract::State;
use axum::response::Response;
use ettlag_core::{Coded, PersonId, RelationKind};
use ettlag_db::DbError;

use super::persons::{Forms, show};
use super::{PURPOSE, require_admin};
use crate::error::AppResult;
use crate::extractors::current_user::CurrentUser;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::form::{Fields, see_other};

pub async fn create(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    body: Bytes,
) -> AppResult<Response> {
    require_admin(&state, &user).await?;
    let fields = Fields::parse(&body)?;
    let mut f = Forms {
        q: fields.get("q"),
        relation_child: fields.get("child"),
        relation_adult: fields.get("adult"),
        relation_kind: fields.get("kind"),
        ..Forms::default()
    };
    let errors = &mut f.relation_errors;
    let child = PersonId::parse(&f.relation_child)
        .ok_or_else(|| errors.add("relation-child", tr.t("admin-error-choose-child")));
    let adult = PersonId::parse(&f.relation_adult)
        .ok_or_else(|| errors.add("relation-adult", tr.t("admin-error-choose-adult")));
    let kind = RelationKind::from_code(&f.relation_kind)
        .ok_or_else(|| errors.add("relation-kind", tr.t("admin-error-choose-relation")));
    let (Ok(child), Ok(adult), Ok(kind)) = (child, adult, kind) else {
        return show(&state, tr, &user, f, None, None).await;
    };
    let done = user
        .access(&state, PURPOSE)
        .add_relation(&child, &adult, kind)
        .await;
    let (field, key) = match done {
        Ok(()) => {
            return Ok(see_other(
                "/admin/persons",
                &[("done", "relation"), ("q", &f.q)],
            ));
        }
        Err(DbError::Conflict(_)) => ("relation-child", "error-conflict-relation"),
        Err(DbError::NotFound) => ("relation-child", "admin-error-gone"),
        Err(e) => return Err(e.into()),
    };
    f.relation_errors.add(field, tr.t(key));
    show(&state, tr, &user, f, None, None).await
}
