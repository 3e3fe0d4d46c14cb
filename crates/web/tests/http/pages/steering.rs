//! The steering pages over real HTTP: leaders see the five bottom lines with
//! explanations, charts with tables, small counts hidden and CSV files;
//! a unit leader sees only their units; staff see nothing; a bad filter is
//! refused in the user's language.

use ettlag_core::{Role, RoleSet, UnitId};
use ettlag_db::NewStaff;
use ettlag_web::i18n::{Lang, Tr};

use crate::world::{PASSWORD, World as App};

fn nb(id: &str) -> String {
    Tr::new(Lang::Nb).t(id)
}

async fn add_leader(
    app: &App,
    username: &str,
    role: Role,
    units: Vec<UnitId>,
) -> ettlag_core::StaffId {
    app.db
        .store
        .system_access(&app.tenant)
        .create_staff(NewStaff {
            username: username.into(),
            display_name: username.into(),
            roles: RoleSet::new(vec![role]),
            units,
            password_hash: Some(ettlag_web::password::hash(PASSWORD).await.expect("hash")),
        })
        .await
        .expect("staff")
}

async fn get(c: &reqwest::Client, app: &App, path: &str) -> (u16, String, String) {
    let r = c.get(app.url(path)).send().await.expect("get");
    let status = r.status().as_u16();
    let kind = r
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    (status, kind, r.text().await.expect("body"))
}

#[tokio::test]
async fn a_municipality_leader_sees_every_bottom_line_with_small_counts_hidden() {
    let app = App::start().await;
    add_leader(&app, "kommunalsjef", Role::MunicipalityLeader, vec![]).await;
    let (c, _) = app.sign_in("kommunalsjef").await;
    let (status, _, html) = get(&c, &app, "/steering").await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains(&format!(
        "href=\"/steering\" aria-current=\"page\">{}",
        nb("nav-steering")
    )));
    for key in [
        "steering-line-citizen",
        "steering-line-quality",
        "steering-line-workplace",
        "steering-line-economy",
        "steering-line-law",
        "steering-explain-levels",
        "steering-explain-funnel",
        "steering-explain-first-measure",
        "steering-explain-ladder",
        "steering-explain-clocks",
        "steering-suppression",
    ] {
        assert!(html.contains(&nb(key)), "{key}");
    }
    // Three children are enrolled: too few to show.
    assert!(html.contains(&format!("<td>{}</td>", nb("steering-hidden"))));
    assert!(html.contains("<svg role=\"img\""), "charts are drawn");
    assert!(html.contains("<caption>"), "every chart has its table");

    let (status, _, one) = get(&c, &app, "/steering/quality").await;
    assert_eq!(status, 200);
    assert!(one.contains(&nb("steering-explain-first-measure")));
    assert!(
        !one.contains(&nb("steering-explain-funnel")),
        "one line alone"
    );
    assert_eq!(get(&c, &app, "/steering/money").await.0, 404);

    let (status, kind, csv) = get(
        &c,
        &app,
        "/steering/citizen/funnel.csv?from=2025-01&to=2025-12",
    )
    .await;
    assert_eq!(status, 200);
    assert!(kind.starts_with("text/csv"), "{kind}");
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some(format!("{},{}", nb("steering-col-stage"), nb("steering-col-count")).as_str())
    );
    assert_eq!(
        lines.next(),
        Some(
            format!(
                "{},{}",
                nb("steering-funnel-enrolled"),
                nb("steering-hidden")
            )
            .as_str()
        ),
        "the file hides what the page hides"
    );
    assert_eq!(get(&c, &app, "/steering/citizen/nothing.csv").await.0, 404);

    // A bad filter is refused in the user's language.
    for (query, key) in [
        ("from=2025-13", "steering-error-month"),
        ("from=2025-06&to=2025-01", "steering-error-period"),
        ("age=7-9", "steering-error-age"),
        ("service=zoo", "steering-error-service"),
    ] {
        let (status, _, html) = get(&c, &app, &format!("/steering?{query}")).await;
        assert_eq!(status, 400, "{query}");
        assert!(html.contains(&nb(key)), "{query}: {html}");
    }
}

#[tokio::test]
async fn a_unit_leader_sees_their_unit_and_staff_see_nothing() {
    let app = App::start().await;
    add_leader(
        &app,
        "rektor.a",
        Role::UnitLeader,
        vec![app.school_a.clone()],
    )
    .await;
    let (c, _) = app.sign_in("rektor.a").await;
    let (status, _, html) = get(&c, &app, "/steering").await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains(&format!("<option value=\"{}\" selected>", app.school_a)));
    assert!(!html.contains(&nb("steering-filter-all-units")));
    assert!(
        !html.contains(&app.school_b.to_string()),
        "other units are not offered"
    );
    let (status, _, _) = get(&c, &app, &format!("/steering?unit={}", app.school_b)).await;
    assert_eq!(status, 404);
    let (status, _, _) = get(
        &c,
        &app,
        &format!("/steering/law/clocks.csv?unit={}", app.school_b),
    )
    .await;
    assert_eq!(status, 404);

    let (teacher, _) = app.sign_in("laerer.a").await;
    let (status, _, _) = get(&teacher, &app, "/steering").await;
    assert_eq!(status, 404);
    let (_, _, desk) = get(&teacher, &app, "/settings").await;
    assert!(!desk.contains("href=\"/steering\""), "no link for staff");
}

const PLAIN_PACK: &str = include_str!("../../../../../packs/ettlag-plain.toml");

#[tokio::test]
async fn the_citizen_line_shows_the_families_outcomes_with_n_and_hides_small_groups() {
    use ettlag_core::feedback::Tenths;
    use ettlag_core::policy::Purpose;
    let app = App::start().await;
    let s = &app.db.store;
    s.install_pack_for(&app.tenant, PLAIN_PACK, ettlag_db::PackOrigin::Shipped)
        .await
        .expect("store")
        .expect("pack");
    let system = s.system_access(&app.tenant);
    system
        .set_setting("feedback_aggregate_min_n", 2)
        .await
        .expect("setting");
    let leader_id = add_leader(&app, "kommunalsjef", Role::MunicipalityLeader, vec![]).await;
    let teacher = s
        .actor(&app.tenant, &app.staff_a)
        .await
        .expect("load")
        .expect("actor");
    let a = s.access(teacher, Purpose::FollowUp, "t");
    // Two episodes from the clinical range (20,0 of 40): to 32,0 and to 28,0.
    for latest in [80u16, 70] {
        let episode = a
            .start_feedback_episode(ettlag_db::NewEpisode {
                person: app.child_a1.clone(),
                unit: app.school_a.clone(),
                pack_id: "ettlag-plain".into(),
                log_id: None,
                plan_id: None,
            })
            .await
            .expect("episode");
        for each in [50u16, latest] {
            a.record_feedback_answer(&episode, "going", vec![Tenths::new(each); 4])
                .await
                .expect("answer");
        }
    }
    // N by SQL: the episodes with an intake and a later answer.
    let by_sql = s
        .fetch_raw(&format!(
            "SELECT COUNT(*) FROM (SELECT episode_id FROM feedback_answers WHERE tenant_id = '{}' \
             AND scale_id = 'going' GROUP BY episode_id HAVING COUNT(*) >= 2) e",
            app.tenant
        ))
        .await
        .expect("sql");
    let n: String = by_sql[0][0].clone().expect("count");
    assert_eq!(n, "2");

    let (c, _) = app.sign_in("kommunalsjef").await;
    let (status, _, html) = get(&c, &app, "/steering/citizen").await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains(&nb("steering-table-outcomes")), "{html}");
    let (status, kind, csv) = get(&c, &app, "/steering/citizen/outcomes.csv").await;
    assert_eq!(status, 200);
    assert!(kind.starts_with("text/csv"), "{kind}");
    // The same figures as the feedback aggregates, with N from SQL.
    let leader = s
        .access(
            s.actor(&app.tenant, &leader_id)
                .await
                .expect("load")
                .expect("actor"),
            Purpose::Steering,
            "t",
        )
        .feedback_aggregates("ettlag-plain", "going")
        .await
        .expect("aggregates");
    let whole = leader
        .1
        .iter()
        .find(|l| l.level == ettlag_db::AggregateLevel::Municipality)
        .and_then(|l| l.aggregate)
        .expect("shown at N = 2");
    assert_eq!(whole.n.to_string(), n);
    for (key, share) in [
        ("steering-outcome-recovered", &whole.recovered),
        ("steering-outcome-improved", &whole.reliably_improved),
        ("steering-outcome-unchanged", &whole.unchanged),
        ("steering-outcome-deteriorated", &whole.deteriorated),
    ] {
        let row = format!("{},{},{n},", nb(key), share.count);
        assert!(csv.contains(&row), "{row} in {csv}");
    }

    // Below the minimum N nothing but "hidden" is shown, on the page and in the file.
    system
        .set_setting("feedback_aggregate_min_n", 3)
        .await
        .expect("setting");
    let (_, _, csv) = get(&c, &app, "/steering/citizen/outcomes.csv").await;
    let hidden = nb("steering-hidden");
    assert_eq!(
        csv.lines().nth(1),
        Some(
            format!(
                "{},{hidden},{hidden},{hidden},{hidden}",
                nb("steering-outcome-all")
            )
            .as_str()
        ),
        "{csv}"
    );
}

#[tokio::test]
async fn a_measure_type_named_like_a_formula_comes_out_as_text_in_the_csv_file() {
    use ettlag_core::policy::Purpose;
    use ettlag_core::steering::{LadderStep, MeasureTypeFields};
    let app = App::start().await;
    let admin = app
        .db
        .store
        .system_access(&app.tenant)
        .for_purpose(Purpose::Administration);
    for name in ["=HYPERLINK(\"http://x\",\"klikk\")", "@SUM(1)"] {
        admin
            .add_measure_type(MeasureTypeFields {
                name: name.into(),
                step: LadderStep::new(2).expect("step"),
                // A cost puts the type in the table even with no measures.
                cost: Some(1500),
                active: true,
            })
            .await
            .expect("type");
    }
    add_leader(&app, "kommunalsjef", Role::MunicipalityLeader, vec![]).await;
    let (c, _) = app.sign_in("kommunalsjef").await;
    let (status, kind, csv) = get(&c, &app, "/steering/economy/costs.csv").await;
    assert_eq!(status, 200, "{csv}");
    assert!(kind.starts_with("text/csv"), "{kind}");
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"klikk\"\")\","),
        "{csv}"
    );
    assert!(csv.contains("\n'@SUM(1),"), "{csv}");
    assert!(csv.contains(",1500,"), "a number stays a number: {csv}");
    for line in csv.lines() {
        assert!(!line.starts_with(['=', '+', '-', '@']), "{line}");
    }
}
