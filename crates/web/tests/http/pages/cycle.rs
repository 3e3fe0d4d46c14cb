//! The annual cycle's pages over real HTTP: a unit leader sees the tasks for
//! their unit month by month and marks one done with a note (an empty note
//! is refused in bokmål and changes nothing); staff are refused; the
//! administrator keeps the list of tasks at `/admin/cycle`.

use ettlag_core::cycle::{Audience, CycleTask, Recurrence, RecurrenceKind};
use ettlag_core::ids::CycleTaskId;
use ettlag_core::{Day, Role, RoleSet, ServiceType, UnitId};
use ettlag_db::{NewStaff, now_ms};
use ettlag_web::i18n::{Lang, Tr};

use crate::world::{PASSWORD, World as App};

fn nb(id: &str) -> String {
    Tr::new(Lang::Nb).t(id)
}

pub async fn add_leader(app: &App, username: &str, role: Role, units: Vec<UnitId>) -> String {
    let id = app
        .db
        .store
        .system_access(&app.tenant)
        .create_staff(NewStaff {
            username: username.into(),
            display_name: format!("Leder {username}"),
            roles: RoleSet::new(vec![role]),
            units,
            password_hash: Some(ettlag_web::password::hash(PASSWORD).await.expect("hash")),
        })
        .await
        .expect("staff");
    app.db
        .store
        .create_api_token(&app.tenant, &id, "test")
        .await
        .expect("token")
}

/// A yearly task for every school, due 20 days from now; its id and due day.
pub async fn school_task(app: &App, title: &str) -> (CycleTaskId, Day) {
    let due = Day::from_ms(now_ms()).add_days(20);
    let (_, m, d) = due.ymd();
    let r = Recurrence::new(RecurrenceKind::Yearly, m, d, 30).expect("recurrence");
    let task = CycleTask::new(
        title,
        "Hva virket?",
        Audience::ServiceType(ServiceType::School),
        r,
    )
    .expect("task");
    let id = app
        .db
        .store
        .system_access(&app.tenant)
        .save_cycle_task(None, task, true)
        .await
        .expect("save");
    (id, r.first_on_or_after(Day::from_ms(now_ms())))
}

async fn get(c: &reqwest::Client, app: &App, path: &str) -> (u16, String) {
    let r = c.get(app.url(path)).send().await.expect("get");
    (r.status().as_u16(), r.text().await.expect("body"))
}

#[tokio::test]
async fn a_unit_leader_sees_the_year_and_marks_a_task_done_with_a_note() {
    let app = App::start().await;
    add_leader(&app, "rektor", Role::UnitLeader, vec![app.school_a.clone()]).await;
    let (id, due) = school_task(&app, "Evaluer praksis i skolen").await;
    let year = due.ymd().0.to_string();
    let (c, csrf) = app.sign_in("rektor").await;
    let (status, html) = get(&c, &app, &format!("/steering/cycle?year={year}")).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("Evaluer praksis i skolen"));
    assert!(html.contains(&nb("cycle-month-1")) && html.contains(&nb("cycle-month-12")));
    assert!(html.contains(&nb("cycle-status-planned")));
    // The wheel is an image named by the year, with the summary in words;
    // the task's month is coloured as planned (or open, within its lead).
    assert!(html.contains("role=\"img\" aria-labelledby=\"ring-title ring-desc\""));
    assert!(html.contains(&format!("{} {year}</title>", nb("cycle-ring-title"))));
    assert_eq!(html.matches("<path d=\"M").count(), 12, "twelve months");
    assert_eq!(
        html.matches("class=\"ring-planned\"").count()
            + html.matches("class=\"ring-open\"").count(),
        1,
        "one month holds the task"
    );
    // The steering page links to it.
    let (_, steering) = get(&c, &app, "/steering").await;
    assert!(steering.contains("href=\"/steering/cycle\""));

    let mark = |note: &'static str| {
        let c = c.clone();
        let form = [
            ("csrf", csrf.clone()),
            ("task", id.to_string()),
            ("due", due.to_string()),
            ("year", year.clone()),
            ("action", "done".to_string()),
            ("note", note.to_string()),
        ];
        let url = app.url("/steering/cycle/mark");
        async move { c.post(url).form(&form).send().await.expect("post") }
    };
    let r = mark("   ").await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.expect("body");
    assert!(html.contains(&nb("cycle-error-note")), "{html}");
    assert!(!html.contains("Gjort av"), "nothing was marked");

    let r = mark("Vi gikk gjennom nivå 1-loggene.").await;
    assert_eq!(r.status(), 303);
    let (_, html) = get(&c, &app, &format!("/steering/cycle?year={year}&done=done")).await;
    assert!(html.contains(&nb("cycle-marked-done")));
    assert!(html.contains("Vi gikk gjennom nivå 1-loggene."));
    assert!(html.contains("Gjort av Leder rektor"), "{html}");

    // Staff do not work with the cycle.
    let (teacher, _) = app.sign_in("laerer.a").await;
    let (status, _) = get(&teacher, &app, "/steering/cycle").await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn the_administrator_keeps_the_list_and_a_bad_task_is_refused() {
    let app = App::start().await;
    let (c, csrf) = app.sign_in("admin").await;
    let (status, html) = get(&c, &app, "/admin/cycle").await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains(&nb("cycle-task-new")));
    let form = |day: &str| {
        vec![
            ("csrf", csrf.clone()),
            ("id", String::new()),
            ("title", "Revider verdiplakaten".to_string()),
            ("description", "Sammen med enhetslederne".to_string()),
            ("audience", "municipality:".to_string()),
            ("kind", "yearly".to_string()),
            ("month", "1".to_string()),
            ("day", day.to_string()),
            ("lead", "21".to_string()),
            ("active", "on".to_string()),
        ]
    };
    let r = c
        .post(app.url("/admin/cycle"))
        .form(&form("32"))
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 422);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains(&nb("cycle-error-recurrence"))
    );
    let r = c
        .post(app.url("/admin/cycle"))
        .form(&form("31"))
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 303);
    let (_, html) = get(&c, &app, "/admin/cycle?done=cycle-task-saved").await;
    assert!(html.contains(&nb("cycle-task-saved")));
    assert!(html.contains("Revider verdiplakaten"));
    assert!(html.contains("hvert år den 31. Januar"), "{html}");

    // A municipality leader sees it in the year; a teacher may not open the admin page.
    add_leader(&app, "sjef", Role::MunicipalityLeader, vec![]).await;
    let (boss, _) = app.sign_in("sjef").await;
    // Made today, it plans from its next due day on.
    let next = Recurrence::new(RecurrenceKind::Yearly, 1, 31, 21)
        .expect("recurrence")
        .first_on_or_after(Day::from_ms(now_ms()));
    let path = format!("/steering/cycle?year={}", next.ymd().0);
    let (_, html) = get(&boss, &app, &path).await;
    assert!(html.contains("Revider verdiplakaten"));
    let (teacher, _) = app.sign_in("laerer.a").await;
    let (status, _) = get(&teacher, &app, "/admin/cycle").await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn a_municipality_leader_keeps_the_tasks_and_a_unit_leader_may_not() {
    let app = App::start().await;
    add_leader(&app, "sjef", Role::MunicipalityLeader, vec![]).await;
    add_leader(&app, "rektor", Role::UnitLeader, vec![app.school_a.clone()]).await;
    let (boss, csrf) = app.sign_in("sjef").await;
    let (_, html) = get(&boss, &app, "/steering/cycle").await;
    assert!(html.contains("href=\"/steering/cycle/tasks\""), "{html}");
    let (status, html) = get(&boss, &app, "/steering/cycle/tasks").await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("action=\"/steering/cycle/tasks\""));
    assert!(
        !html.contains("href=\"/admin\""),
        "not among the admin pages"
    );
    let task = |csrf: &str, day: &str| {
        vec![
            ("csrf", csrf.to_string()),
            ("id", String::new()),
            ("title", "Gjennomgang av tilbakemeldingene".to_string()),
            ("description", "Hva sier familiene?".to_string()),
            ("audience", "service_type:school".to_string()),
            ("kind", "quarterly".to_string()),
            ("month", "3".to_string()),
            ("day", day.to_string()),
            ("lead", "14".to_string()),
            ("active", "on".to_string()),
        ]
    };
    let post = |c: reqwest::Client, form: Vec<(&'static str, String)>| {
        let url = app.url("/steering/cycle/tasks");
        async move { c.post(url).form(&form).send().await.expect("post") }
    };
    let r = post(boss.clone(), task(&csrf, "40")).await;
    assert_eq!(r.status(), 422);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains(&nb("cycle-error-recurrence"))
    );
    let r = post(boss.clone(), task(&csrf, "15")).await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        r.headers()["location"],
        "/steering/cycle/tasks?done=cycle-task-saved"
    );
    let (_, html) = get(&boss, &app, "/steering/cycle/tasks?done=cycle-task-saved").await;
    assert!(html.contains(&nb("cycle-task-saved")));
    assert!(html.contains("Gjennomgang av tilbakemeldingene"));

    // A unit leader marks tasks but does not keep the list.
    let (head, head_csrf) = app.sign_in("rektor").await;
    let (_, html) = get(&head, &app, "/steering/cycle").await;
    assert!(!html.contains("href=\"/steering/cycle/tasks\""));
    let (status, _) = get(&head, &app, "/steering/cycle/tasks").await;
    assert_eq!(status, 403);
    let r = post(head, task(&head_csrf, "15")).await;
    assert_eq!(r.status(), 403);
}
