//! "Who has looked at our data" over HTTP: the school's three reads of the
//! relay log are one line in plain bokmål with the count, in a table with
//! headings, and a page number that is no number shows the first page with a
//! plain message instead of an error.

use super::{Family, assert_plain, open_log, parent_account};
use crate::world::World as App;

#[tokio::test]
async fn the_schools_reads_of_the_log_are_one_line_with_the_count_in_bokmal() {
    let app = App::start().await;
    parent_account(&app).await;
    let log = open_log(&app).await;
    let log_path = format!("/api/v1/relay-logs/{log}");
    for _ in 0..3 {
        assert_eq!(app.get(&app.teacher_a, &log_path).await.status(), 200);
    }

    let f = Family::sign_in(&app).await;
    let path = format!("/portal/children/{}/looked", app.child_a1.as_str());
    let html = f.page(&path).await;
    assert!(html.contains("Nordli skole så loggen 3 ganger."), "{html}");
    assert_eq!(
        html.matches("Nordli skole så loggen").count(),
        1,
        "one line, not one per read: {html}"
    );
    assert!(html.contains("Ansatt. For å hjelpe dere. De jobber med dere."));
    assert!(html.contains("<th scope=\"col\">Dag</th>"));
    assert!(!html.contains("rel=\"next\""), "one page has no older page");
    assert_plain("looked", &html);

    let (status, odd) = f.get(&format!("{path}?page=tre")).await;
    assert_eq!(status, 200, "{odd}");
    assert!(odd.contains("Vi fant ikke den siden. Her er den første."));
    assert!(odd.contains("Nordli skole så loggen 3 ganger."));
    let (status, past) = f.get(&format!("{path}?page=99")).await;
    assert_eq!(status, 200);
    assert!(past.contains("Nordli skole så loggen 3 ganger."));
    assert!(!past.contains("Vi fant ikke den siden."));
}
