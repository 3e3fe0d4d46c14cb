//! Ids in the URL, parsed once at the door: `IdPath<RelayLogId>` hands the
//! handler a `RelayLogId`, and `IdPath2<PersonId, MeetingId>` the two ids of a
//! nested route. A malformed id names nothing, so it is answered exactly like
//! an id that names something hidden: not found, in the user's language.
//! [`optional_id`] does the same for an id typed in a form or a JSON body,
//! [`hidden_id`] for an id the page itself put in a form.

use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use ettlag_core::ids::Id;

use crate::error::AppError;

/// One id from the route.
#[derive(Debug)]
pub struct IdPath<I>(pub I);

/// Two ids from a nested route, in the order the route names them.
#[derive(Debug)]
pub struct IdPath2<A, B>(pub A, pub B);

fn parse<T>(text: &str) -> Result<Id<T>, AppError> {
    Id::parse(text).ok_or(AppError::NotFound)
}

impl<S: Send + Sync, T> FromRequestParts<S> for IdPath<Id<T>> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Path(text) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|_| AppError::NotFound)?;
        parse(&text).map(IdPath)
    }
}

impl<S: Send + Sync, A, B> FromRequestParts<S> for IdPath2<Id<A>, Id<B>> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Path((a, b)) = Path::<(String, String)>::from_request_parts(parts, state)
            .await
            .map_err(|_| AppError::NotFound)?;
        Ok(IdPath2(parse(&a)?, parse(&b)?))
    }
}

/// An id the page put in a form's hidden field: blank is none (a new
/// record); text that is no id names nothing, so it is not found, like an
/// id that names nothing.
pub fn hidden_id<T>(text: &str) -> Result<Option<Id<T>>, AppError> {
    match text.trim() {
        "" => Ok(None),
        t => parse(t).map(Some),
    }
}

/// An id given in a form or a body: left out or blank is none; text that is
/// no id is refused with `refusal`, the message a wrong id gets too.
pub fn optional_id<T>(text: Option<&str>, refusal: &str) -> Result<Option<Id<T>>, AppError> {
    match text.map(str::trim) {
        None | Some("") => Ok(None),
        Some(t) => Id::parse(t)
            .map(Some)
            .ok_or_else(|| AppError::BadRequest(refusal.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ettlag_core::ids::CycleTaskId;

    #[test]
    fn a_hidden_id_is_none_when_blank_and_not_found_when_it_is_no_id() {
        assert_eq!(
            hidden_id::<ettlag_core::ids::CycleTask>(" ").ok(),
            Some(None)
        );
        assert_eq!(
            hidden_id("0193a1b2-c3d4").ok(),
            Some(CycleTaskId::parse("0193a1b2-c3d4"))
        );
        assert!(matches!(
            hidden_id::<ettlag_core::ids::CycleTask>("../etc"),
            Err(AppError::NotFound)
        ));
    }
}
