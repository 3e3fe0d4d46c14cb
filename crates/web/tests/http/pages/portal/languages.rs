//! Plain language in every language the portal speaks: the pages a family
//! reads most — sign-in, home, the child's page, the log with a withheld
//! health entry, "yes or no to sharing", who has looked, writing to the
//! team, everything about us and notices — have a LIX of 40 or less in
//! bokmål, nynorsk, Danish and English alike, built from the same messages.

use ettlag_core::Day;
use ettlag_core::consent::Category;
use ettlag_core::relay::Entry;
use ettlag_db::now_ms;

use super::family_log::{teacher, text, write};
use super::{Family, assert_plain, open_log, parent_account};
use crate::world::World as App;

/// A log with a goal, a measure and a health entry the family does not see.
async fn a_log_with_something_in_it(app: &App) {
    let log = open_log(app).await;
    let t = teacher(app).await;
    let today = Day::from_ms(now_ms());
    for (entry, category) in [
        (
            Entry::Goal {
                text: text("Ada har en venn i friminuttene"),
                areas: Vec::new(),
            },
            Category::RelayLog,
        ),
        (
            Entry::Measure {
                what: text("Vi leker i gruppe hver dag"),
                responsible: app.staff_a.clone(),
                responsible_unit: app.school_a.clone(),
                start: today,
                evaluate_by: today.add_days(30),
                goal: None,
                measure_type: None,
            },
            Category::RelayLog,
        ),
        (
            Entry::Observation {
                text: text("Astma"),
            },
            Category::Health,
        ),
    ] {
        write(&t, &log, entry, category).await;
    }
}

#[tokio::test]
async fn every_main_portal_page_is_plain_in_bokmal_nynorsk_danish_and_english() {
    let app = App::start().await;
    parent_account(&app).await;
    a_log_with_something_in_it(&app).await;
    app.consent_for_school_b().await;
    let child = app.child_a1.as_str();
    let pages = [
        "/portal".to_string(),
        format!("/portal/children/{child}"),
        format!("/portal/children/{child}/log"),
        format!("/portal/children/{child}/consents"),
        format!("/portal/children/{child}/looked"),
        format!("/portal/children/{child}/write"),
        format!("/portal/children/{child}/document"),
        "/portal/notices".to_string(),
    ];
    for lang in ["nb", "nn", "da", "en"] {
        let login = app
            .browser_in(lang)
            .get(app.url("/portal/login"))
            .send()
            .await
            .expect("get")
            .text()
            .await
            .expect("body");
        assert_plain(&format!("{lang} /portal/login"), &login);
        let f = Family::sign_in_speaking(&app, lang).await;
        for path in &pages {
            let html = f.page(path).await;
            assert!(html.contains(&format!("lang=\"{lang}\"")), "{lang} {path}");
            assert_plain(&format!("{lang} {path}"), &html);
        }
    }
    app.stop().await;
}
