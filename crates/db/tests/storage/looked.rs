//! "Who has looked at our data" is complete and grouped: staff's reads of a
//! child's relay log, meetings and feedback forms show as one line per day,
//! unit, purpose and kind of thing with how many times; a list of many
//! records counts once; child welfare's handling of a report stays out; and
//! the groups page beyond one page and beyond the old cap of 500 records.

use ettlag_core::ids::{EpisodeId, MeetingId, MeetingTemplateId, PlanId, RelayLogId};
use ettlag_core::meeting::MeetingTime;
use ettlag_core::plan::{GoalDraft, PlanDraft, parse_reason};
use ettlag_core::policy::citizen::Citizen;
use ettlag_core::policy::{Actor, Purpose};
use ettlag_core::relay::{ConcernDecision, Level};
use ettlag_core::report::ReportDraft;
use ettlag_core::text::Text;
use ettlag_core::{Day, Role, RoleSet, ServiceType};
use ettlag_db::{
    AccessContext, CitizenAccess, LOOK_GROUPS_PER_PAGE, LookGroup, NewConcern, NewEpisode,
    NewMeeting, NewReport, NewStaff, PackOrigin, PlanWrite, now_ms,
};

use crate::support::{World, store, world};

const TEST_PACK: &str = include_str!("../../../../packs/test.toml");

fn parent(w: &World) -> CitizenAccess {
    store(w).citizen_access(
        Citizen {
            tenant: w.tenant.clone(),
            person: w.guardian_a.clone(),
        },
        "test",
    )
}

/// The actor acting in its own request, as each page view in the web is.
fn request(w: &World, actor: &Actor, request_id: &str) -> AccessContext {
    store(w).access(actor.clone(), Purpose::FollowUp, request_id)
}

fn today() -> Day {
    Day::from_ms(now_ms())
}

async fn open_log(w: &World) -> RelayLogId {
    let a = request(w, &w.teacher_a, "setup");
    let concern = a
        .raise_concern(NewConcern {
            child: w.child_a.clone(),
            unit: None,
            text: Text::parse("Ada leker alene", 100).expect("text"),
            areas: Vec::new(),
            since: None,
        })
        .await
        .expect("raise");
    a.decide_concern(
        &concern,
        ConcernDecision::StartLog(Level::Two),
        Some(crate::support::told()),
        None,
        None,
    )
    .await
    .expect("decide")
    .expect("log")
}

fn plan_write() -> PlanWrite {
    let draft = PlanDraft {
        what_matters: "Å være med vennene mine".into(),
        needs_and_dreams: "Bli fotballtrener".into(),
        goals: vec![GoalDraft {
            master: "Lese en bok selv".into(),
            by: today().add_days(200).to_string(),
            know_by: "Hun forteller om den".into(),
        }],
        period_start: today().add_days(-30).to_string(),
        period_end: today().add_days(365).to_string(),
        next_revision: today().add_days(90).to_string(),
        ..Default::default()
    };
    PlanWrite {
        content: draft.parse().expect("a valid plan"),
        reason: parse_reason("Ny plan").expect("reason"),
    }
}

fn new_meeting(w: &World, in_days: i64) -> NewMeeting {
    let start = today().add_days(in_days).start_ms() + 9 * 3_600_000;
    NewMeeting {
        template_id: MeetingTemplateId::parse("default").expect("the built-in template"),
        time: MeetingTime::new(start, start + 3_600_000).expect("time"),
        place: "Nordli skole, rom 2".into(),
        leader: w.teacher_a.staff.clone(),
        staff: vec![],
        family: vec![w.guardian_a.clone()],
        child: true,
    }
}

/// A plan with two meetings and a feedback form, set up in one request.
async fn plan_meetings_and_form(w: &World) -> (PlanId, MeetingId, EpisodeId) {
    let a = request(w, &w.teacher_a, "setup");
    store(w)
        .install_pack_for(&w.tenant, TEST_PACK, PackOrigin::Shipped)
        .await
        .expect("store")
        .expect("pack");
    let plan = a
        .create_plan(&w.child_a, None, plan_write())
        .await
        .expect("plan");
    let meeting = a
        .create_meeting(&plan, new_meeting(w, 3))
        .await
        .expect("meeting");
    a.create_meeting(&plan, new_meeting(w, 10))
        .await
        .expect("second meeting");
    let episode = a
        .start_feedback_episode(NewEpisode {
            person: w.child_a.clone(),
            unit: w.school_a.clone(),
            pack_id: "test".into(),
            log_id: None,
            plan_id: None,
        })
        .await
        .expect("episode");
    (plan, meeting, episode)
}

/// How many times the school looked at `kind` today, as the family sees it.
async fn school_looks(w: &World, kind: &str) -> i64 {
    parent(w)
        .who_has_looked(&w.child_a, Day::from_ms)
        .await
        .expect("looks")
        .iter()
        .filter(|g| {
            g.day == today()
                && g.units == ["Nordli skole"]
                && g.verb == "read"
                && g.kind == kind
                && g.purpose == "follow_up"
                && g.role == "staff"
        })
        .map(|g| g.times)
        .sum()
}

#[tokio::test]
async fn reads_of_the_log_meetings_and_feedback_show_as_one_line_each_with_the_count() {
    let w = world().await;
    let log = open_log(&w).await;
    let (plan, meeting, episode) = plan_meetings_and_form(&w).await;
    let before = (
        school_looks(&w, "log").await,
        school_looks(&w, "meetings").await,
        school_looks(&w, "feedback").await,
    );

    for i in 0..3 {
        request(&w, &w.teacher_a, &format!("log-{i}"))
            .relay_log(&log)
            .await
            .expect("the teacher reads the log");
    }
    request(&w, &w.teacher_a, "meeting")
        .meeting(&meeting)
        .await
        .expect("the teacher reads a meeting");
    // One list of two meetings is one look, not two.
    let listed = request(&w, &w.teacher_a, "meetings")
        .plan_meetings(&plan)
        .await
        .expect("the teacher lists the plan's meetings");
    assert_eq!(listed.len(), 2);
    request(&w, &w.teacher_a, "form")
        .feedback_episode(&episode)
        .await
        .expect("the teacher reads the feedback form");

    assert_eq!(school_looks(&w, "log").await - before.0, 3);
    assert_eq!(school_looks(&w, "meetings").await - before.1, 2);
    assert_eq!(school_looks(&w, "feedback").await - before.2, 1);
    let looks = parent(&w)
        .who_has_looked(&w.child_a, Day::from_ms)
        .await
        .expect("looks");
    let mut keys: Vec<_> = looks
        .iter()
        .map(|g| (g.day, &g.units, &g.verb, &g.kind, &g.role, &g.purpose))
        .collect();
    let all = keys.len();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), all, "no two lines say the same: {looks:?}");
    assert!(looks.iter().all(|g| g.role != "citizen" && g.times > 0));
    w.db.remove().await;
}

/// The municipality's child welfare service with one caseworker.
async fn caseworker(w: &World) -> Actor {
    let s = store(w);
    let admin = s.system_access(&w.tenant);
    let unit = admin
        .create_unit("Testvik barnevern", ServiceType::ChildWelfare)
        .await
        .expect("unit");
    let id = admin
        .create_staff(NewStaff {
            username: "saksbehandler".into(),
            display_name: "Siri Sak".into(),
            roles: RoleSet::new(vec![Role::Staff]),
            units: vec![unit],
            password_hash: None,
        })
        .await
        .expect("staff");
    s.actor(&w.tenant, &id).await.expect("load").expect("actor")
}

fn is_child_welfare(g: &LookGroup) -> bool {
    g.units.iter().any(|u| u == "Testvik barnevern")
        || ["duty_to_report", "child_welfare_review"].contains(&g.legal_basis.as_str())
}

#[tokio::test]
async fn a_report_to_child_welfare_and_its_reading_do_not_show() {
    let w = world().await;
    let cw = caseworker(&w).await;
    let a = request(&w, &w.teacher_a, "report");
    // The report form reads the child on the duty to report's basis.
    a.report_subject(&w.child_a).await.expect("the form");
    let report = a
        .make_report(NewReport {
            child: w.child_a.clone(),
            draft: ReportDraft::parse(&["a".into()], "Ada hadde blåmerker på armene")
                .expect("draft"),
            receiving_unit: None,
            concern: None,
        })
        .await
        .expect("report");
    let c = request(&w, &cw, "review");
    c.report(&report.id).await.expect("child welfare reads it");
    assert!(!c.report_queue().await.expect("queue").is_empty());

    let looks = parent(&w)
        .who_has_looked(&w.child_a, Day::from_ms)
        .await
        .expect("looks");
    assert!(
        !looks.iter().any(is_child_welfare),
        "child welfare's procedure gives insight, not this page: {looks:?}"
    );
    w.db.remove().await;
}

#[tokio::test]
async fn the_groups_page_beyond_one_page_and_beyond_five_hundred_looks() {
    let w = world().await;
    let log = open_log(&w).await;
    // Each colleague at the school also works in a unit of their own, so
    // each one's look is a line of its own.
    let admin = store(&w).system_access(&w.tenant);
    let extra = LOOK_GROUPS_PER_PAGE + 1;
    for i in 0..extra {
        let unit = admin
            .create_unit(&format!("Team {i:02}"), ServiceType::School)
            .await
            .expect("unit");
        let id = admin
            .create_staff(NewStaff {
                username: format!("kollega.{i}"),
                display_name: format!("Kollega {i}"),
                roles: RoleSet::new(vec![Role::Staff]),
                units: vec![w.school_a.clone(), unit],
                password_hash: None,
            })
            .await
            .expect("staff");
        let colleague = store(&w)
            .actor(&w.tenant, &id)
            .await
            .expect("load")
            .expect("actor");
        request(&w, &colleague, &format!("colleague-{i}"))
            .relay_log(&log)
            .await
            .expect("a colleague reads the log");
    }
    // More looks than the old cap of 500 records, all in one line.
    for i in 0..501 {
        request(&w, &w.teacher_a, &format!("again-{i}"))
            .relay_log(&log)
            .await
            .expect("read");
    }

    let p = parent(&w);
    let all = p
        .who_has_looked(&w.child_a, Day::from_ms)
        .await
        .expect("all");
    assert!(all.len() > LOOK_GROUPS_PER_PAGE, "{}", all.len());
    let first = p
        .who_has_looked_page(&w.child_a, Day::from_ms, 1)
        .await
        .expect("page 1");
    let second = p
        .who_has_looked_page(&w.child_a, Day::from_ms, 2)
        .await
        .expect("page 2");
    assert_eq!((first.page, first.pages), (1, 2));
    assert_eq!(first.groups.len(), LOOK_GROUPS_PER_PAGE);
    assert_eq!(second.page, 2);
    assert_eq!(second.groups.len(), all.len() - LOOK_GROUPS_PER_PAGE);
    let mut paged = first.groups.clone();
    paged.extend(second.groups.clone());
    assert_eq!(paged, all, "the pages together are every line, once");
    for i in 0..extra {
        let team = format!("Team {i:02}");
        assert_eq!(
            all.iter()
                .filter(|g| g.units.contains(&team) && g.kind == "log" && g.verb == "read")
                .map(|g| g.times)
                .sum::<i64>(),
            1,
            "{team}"
        );
    }
    assert!(
        school_looks(&w, "log").await >= 501,
        "no cap at 500 records"
    );
    // A page past the end shows the last page.
    let past = p
        .who_has_looked_page(&w.child_a, Day::from_ms, 9)
        .await
        .expect("past the end");
    assert_eq!(past.page, 2);
    assert_eq!(past.groups, second.groups);
    w.db.remove().await;
}
