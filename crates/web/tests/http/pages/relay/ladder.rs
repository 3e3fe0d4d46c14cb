//! The intervention ladder as the administrator keeps it: measure types on
//! a step with a cost, the names of the steps, and units' areas; a teacher
//! writes a measure with a type, and the leader's figures name both.

use ettlag_core::{Role, RoleSet};
use ettlag_db::NewStaff;

use ettlag_web::i18n::{Lang, Tr};

use super::support::{Browser, assert_shows, entry_form, input_value, open_log, options};
use crate::world::{PASSWORD, World as App};

fn nb(id: &str) -> String {
    Tr::new(Lang::Nb).t(id)
}

const TYPE: &str = "Fosterhjem i slekt";
const CODE: &str = "fosterhjem-i-slekt";

#[tokio::test]
async fn an_administrator_keeps_the_ladder_and_a_teacher_types_a_measure() {
    let app = App::start().await;
    let admin = Browser::sign_in(&app, "admin").await;
    let html = admin.page("/admin/ladder").await;
    assert_shows(&html, &nb("ladder-types-none"));

    // A bad cost is refused in words, and nothing is added.
    let bad = [("name", TYPE), ("step", "4"), ("cost", "mye")];
    let (status, html) = admin.post_refused("/admin/ladder/types", &bad).await;
    assert_eq!(status, 422);
    assert_shows(&html, &nb("steering-error-cost"));
    assert_eq!(input_value(&html, "name"), TYPE, "what was typed stays");
    assert_shows(&admin.page("/admin/ladder").await, &nb("ladder-types-none"));

    let good = [("name", TYPE), ("step", "4"), ("cost", "12 500")];
    let location = admin.post_ok("/admin/ladder/types", &good).await;
    assert_eq!(location, "/admin/ladder?done=measure-type");
    let html = admin.page(&location).await;
    assert_shows(&html, &nb("admin-done-measure-type"));
    assert!(html.contains(&format!("action=\"/admin/ladder/types/{CODE}\"")));
    assert!(html.contains("value=\"12500\""), "{html}");

    let steps = [("step_4", "Slekt og nettverk")];
    assert_eq!(
        admin.post_ok("/admin/ladder/steps", &steps).await,
        "/admin/ladder?done=ladder-steps"
    );
    let html = admin.page("/admin/ladder").await;
    assert!(html.contains("value=\"Slekt og nettverk\""), "{html}");
    assert_shows(&html, "4. Slekt og nettverk");

    // A teacher may not change the ladder.
    let a = Browser::sign_in(&app, "laerer.a").await;
    let r = a.post("/admin/ladder/types", &good).await;
    assert_eq!(r.status(), 403);

    // The measure form offers the type; a measure written with it shows it.
    let (_, log) = open_log(&a, &app.child_a1).await;
    let path = format!("/logs/{log}");
    let html = a.page(&path).await;
    let offered = options(entry_form(&html, "measure"), "measure_type");
    assert_eq!(
        offered,
        vec![
            (String::new(), nb("entry-no-measure-type")),
            (CODE.to_string(), TYPE.to_string())
        ]
    );
    let responsible = options(&html, "responsible")[0].0.clone();
    let start = input_value(entry_form(&html, "measure"), "start");
    let evaluate_by = ettlag_core::Day::parse(&start)
        .expect("day")
        .add_days(30)
        .to_string();
    let measure = |measure_type: &'static str| {
        vec![
            ("kind", "measure"),
            ("what", "Bor hos mormor i en periode."),
            ("responsible", responsible.as_str()),
            ("start", start.as_str()),
            ("evaluate_by", evaluate_by.as_str()),
            ("measure_type", measure_type),
        ]
    };
    let entries = format!("{path}/entries");
    let (status, html) = a.post_refused(&entries, &measure("finnes-ikke")).await;
    assert_eq!(status, 422);
    assert_shows(&html, &nb("measure-type-error-unknown"));
    a.post_ok(&entries, &measure(CODE)).await;
    let html = a.page(&path).await;
    assert_shows(&html, &nb("entry-measure-type"));
    let table = html
        .split("id=\"measures-h\"")
        .nth(1)
        .and_then(|t| t.split("</table>").next())
        .expect("the measures table");
    assert!(
        table.contains(&format!("<span class=\"muted\">{TYPE}</span>")),
        "{table}"
    );

    // Taken out of use, the type is no longer offered for new measures.
    let unused = [("name", TYPE), ("step", "4"), ("cost", "12500")];
    admin
        .post_ok(&format!("/admin/ladder/types/{CODE}"), &unused)
        .await;
    let html = a.page(&path).await;
    assert_eq!(
        options(entry_form(&html, "measure"), "measure_type").len(),
        0,
        "no type in use: no choice"
    );
    let (status, _) = a.post_refused(&entries, &measure(CODE)).await;
    assert_eq!(status, 422);

    // A unit goes in an area; the search finds units by name.
    let html = admin.page("/admin/areas?q=nord").await;
    assert_shows(&html, "Nordli skole");
    assert!(!html.contains("Sørli skole"), "{html}");
    let location = admin
        .post_ok(
            &format!("/admin/areas/{}", app.school_a),
            &[("area", "Nord"), ("q", "nord")],
        )
        .await;
    assert_eq!(location, "/admin/areas?q=nord&done=area");
    let html = admin.page(&location).await;
    assert!(html.contains("value=\"Nord\""), "{html}");
    let long = "x".repeat(150);
    let (status, html) = admin
        .post_refused(
            &format!("/admin/areas/{}", app.school_a),
            &[("area", long.as_str())],
        )
        .await;
    assert_eq!(status, 422);
    assert_shows(&html, &nb("steering-error-area"));

    // The leader's figures name the step and the type.
    app.db
        .store
        .system_access(&app.tenant)
        .create_staff(NewStaff {
            username: "kommunalsjef".into(),
            display_name: "Kommunalsjef".into(),
            roles: RoleSet::new(vec![Role::MunicipalityLeader]),
            units: vec![],
            password_hash: Some(ettlag_web::password::hash(PASSWORD).await.expect("hash")),
        })
        .await
        .expect("leader");
    let leader = Browser::sign_in(&app, "kommunalsjef").await;
    let html = leader.page("/steering").await;
    assert_shows(&html, "4. Slekt og nettverk");
    assert_shows(&html, TYPE);
    assert_shows(&html, &nb("steering-table-ladder-months"));
    let areas = options(&html, "area");
    assert!(areas.iter().any(|(v, _)| v == "Nord"), "{areas:?}");
    app.stop().await;
}
