//! ettlag's storage: one portable SQL implementation for SQLite and PostgreSQL.
//!
//! Personal data is reached only through [`AccessContext`]; the pool is not
//! exported, and the web layer does not depend on sqlx.
#![forbid(unsafe_code)]

mod access;
mod api_tokens;
mod audit;
mod auth;
mod backend;
mod backup;
mod bulk;
mod clock;
mod deferred_indexes;
mod demo;
mod error;
mod family_notice;
mod identifier;
mod job_queue;
mod jobs;
mod mail;
mod migrate;
mod models;
mod oidc;
mod outbox;
mod profile;
mod relay_models;
mod roles;
mod rows;
mod second_factor;
mod settings;
mod staff_notice;
mod staff_sso;
mod steering;
mod store;
mod system;
#[cfg(feature = "test-support")]
pub mod testing;
mod throttle;
mod writer;

pub use access::audit_view::{AUDIT_PAGE, AuditFilter};
pub use access::consent::{CITIZEN, ConsentRecord};
pub use access::consultation::{Consultation, NewConsultation};
pub use access::cycle::{CycleTaskRow, MAX_PERIOD_DAYS, Occurrence};
pub use access::emergency::EmergencyAccess;
pub use access::feedback::{
    AggregateLevel, AggregateLine, AnswerLine, EpisodeLine, EpisodeView, FeedbackSummary, LinkForm,
    LinkState, NewEpisode, NewLink, PackOrigin, SavedAnswer, StoredPack,
};
pub use access::gate::AuditBatch;
pub use access::intake::{IntakeItem, IntakeReceipt, NewIntake, QueueFilter};
pub use access::may::About;
pub use access::meeting::{
    ActionOutcome, MeetingAbout, MeetingCandidates, MeetingEventLine, MeetingInvitation,
    MeetingLine, MeetingView, NewActionItem, NewMeeting, TemplateLine,
};
pub use access::plan::{
    CaseloadLine, CoordinationOverview, CoordinatorLine, CoordinatorLoad, OverviewLine, PlanView,
    PlanWrite,
};
pub use access::portal::auth::{CitizenAccount, CitizenSession};
pub use access::portal::{
    CitizenAccess, Contact, ContactRole, FamilyEntry, FamilyEvaluation, FamilyLog, FamilyMeasure,
    FamilyMessage, FamilyRequest, LOOK_GROUPS_PER_PAGE, LookGroup, LookPage, MeetingStaff, Member,
    MessageKind, NoticeContact, PortalConsent, PortalFeedback, PortalMeeting, RequestStatus,
};
pub use access::report::{NewReport, Report};
pub use access::restriction::RestrictionStatus;
pub use access::{AccessContext, UNGUARDED};
pub use api_tokens::{
    DEFAULT_DAYS as TOKEN_DEFAULT_DAYS, IssuedToken, MAX_DAYS as TOKEN_MAX_DAYS,
    MAX_LABEL as TOKEN_MAX_LABEL, StaffToken, TokenInfo, is_token_id,
};
pub use audit::{ChainHead, ChainReport};
pub use auth::{Account, Session, SessionLimits, SignedInStaff};
pub use backend::{Backend, redact};
pub use clock::{new_token, now_ms, today};
pub use demo::{DemoChild, DemoFamily, DemoPerson, DemoStaff};
pub use error::{DbError, DbResult};
pub use family_notice::{FAMILY_NOTICE, FamilyNotice, NoticeKind};
pub use job_queue::{
    CONCERN_DEADLINE, EVALUATION_DUE, INTAKE_DEADLINE, PLAN_REVISION_DUE, REPORT_REVIEW_DUE,
};
pub use mail::EmailDigest;
pub use models::*;
pub use oidc::{
    EndedSession, OIDC_FLOW_MS, OidcAudience, OidcLogin, ProviderLogout, ProviderSession,
};
pub use outbox::{MEETING_INVITATION, OutboxMail};
pub use profile::{FamilyContactSetting, ShowToFamily};
pub use relay_models::*;
pub use second_factor::{CodeOutcome, Enrolment, SecondFactorStatus, SignInStep};
pub use settings::SECOND_FACTOR_REQUIRED;
pub use settings::{
    CONCERN_DAYS, EMERGENCY_MINUTES, PORTAL_PARENT_VIEW, SETTINGS, Setting, SettingValue,
};
pub use settings::{FEEDBACK_AGGREGATE_MIN_N, FEEDBACK_LINK_HOURS, FEEDBACK_TRAJECTORY_MIN};
pub use staff_notice::{CYCLE_DUE, FEEDBACK_ALERT};
pub use staff_sso::{LinkedStaff, NewFromProvider};
pub use steering::{Figures, MeasureLine, NationalLoad, SteeringFilter, Sums};
pub use store::Store;
pub use system::SYSTEM_ACTOR;
pub use throttle::{Admission, PostKind, Throttle, ThrottleKey};
