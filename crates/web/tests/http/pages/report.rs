//! Reports to child welfare over real HTTP, driven like a browser: a teacher
//! reports without any consent and gets a receipt, a stranger to the child
//! gets 404, bad input changes nothing, child welfare acknowledges and
//! reviews, the receipt shows the outcome but never child welfare's note, and
//! the access log holds the report with its legal basis.

mod situations;
mod support;

use support::{Browser, NOTE, SEEN, esc, input_text_after, input_value, nb, reports_made};

use crate::world::World as App;

#[tokio::test]
async fn a_teacher_reports_without_consent_and_child_welfare_reviews_it() {
    let app = App::start().await;
    app.add_child_welfare().await;
    let teacher = Browser::sign_in(&app, "laerer.a").await;
    let child = format!("/children/{}", app.child_a1);
    let new = format!("{child}/reports/new");

    // The child's page links to the form; the form explains the duty first.
    let html = teacher.page(&child).await;
    assert!(html.contains(&format!("href=\"{new}\"")), "{html}");
    assert!(html.contains(&nb("case-report")));
    let form = teacher.page(&new).await;
    for key in [
        "report-duty-consent",
        "report-duty-logged",
        "report-duty-parents",
    ] {
        assert!(form.contains(&nb(key)), "{key}:\n{form}");
    }
    assert!(form.contains(&nb("ground-trafficking")) && form.contains("<strong>d)</strong>"));
    assert!(
        form.contains("Barneverntjenesten"),
        "the one receiver is stated"
    );
    assert!(!form.contains("<select"), "nothing to choose between");

    // Bad input: shown again in Norwegian with what was typed, nothing sent.
    let (status, html) = teacher.post(&new, &[("text", SEEN)]).await;
    assert_eq!(status, 422, "{html}");
    assert!(html.contains(&nb("report-error-ground")), "{html}");
    assert!(html.contains(&esc(SEEN)), "the text is kept");
    let (status, html) = teacher
        .post(&new, &[("ground", "serious_behaviour"), ("text", "  ")])
        .await;
    assert_eq!(status, 422, "{html}");
    assert!(html.contains(&nb("report-error-text")), "{html}");
    assert!(
        html.contains("value=\"serious_behaviour\" checked"),
        "the ground stays ticked"
    );
    assert_eq!(reports_made(&app).await, 0);
    assert!(
        teacher
            .page("/reports")
            .await
            .contains(&nb("report-sent-none"))
    );

    // Sent without any consent in the ledger: a receipt.
    let (status, location) = teacher
        .post(
            &new,
            &[
                ("ground", "mistreatment"),
                ("ground", "serious_behaviour"),
                ("text", SEEN),
            ],
        )
        .await;
    assert_eq!(status, 303, "{location}");
    let id = location
        .strip_prefix("/reports/")
        .and_then(|l| l.strip_suffix("?done=sent"))
        .unwrap_or_else(|| panic!("{location}"))
        .to_string();
    let receipt = teacher.page(&location).await;
    assert!(receipt.contains(&nb("report-done-sent")), "{receipt}");
    assert!(receipt.contains(&nb("report-receipt-title")));
    assert!(receipt.contains("BV-") && receipt.contains("Barneverntjenesten"));
    assert!(receipt.contains(&esc(SEEN)) && receipt.contains(&nb("ground-serious-behaviour")));
    assert!(receipt.contains(&nb("report-status-waiting")));
    assert!(
        !receipt.contains("/acknowledge"),
        "the reporter does not acknowledge"
    );
    let reference = input_text_after(&receipt, "BV-");
    assert_eq!(reports_made(&app).await, 1);

    // A teacher at another school: the form, the receipt and a post are 404.
    let stranger = Browser::sign_in(&app, "laerer.b").await;
    assert_eq!(stranger.get(&new).await.0, 404);
    assert_eq!(stranger.get(&format!("/reports/{id}")).await.0, 404);
    let (status, _) = stranger
        .post(&new, &[("ground", "a"), ("text", SEEN)])
        .await;
    assert_eq!(status, 404);
    assert_eq!(reports_made(&app).await, 1);

    // Child welfare: the queue, the clock, acknowledge, review.
    let cw = Browser::sign_in(&app, "barnevern").await;
    let queue = cw.page("/reports").await;
    assert!(
        queue.contains(&reference) && queue.contains("Ada Testesen"),
        "{queue}"
    );
    assert!(queue.contains(&nb("report-state-waiting")));
    // The same report stands in the one queue of what comes in, with its
    // clock, for the caseworkers it was sent to — and for no one else.
    for path in ["/intake", "/intake?kind=report&urgent=0"] {
        let intake = cw.page(path).await;
        assert!(
            intake.contains(&reference)
                && intake.contains(&nb("intake-source-report"))
                && intake.contains(&format!("href=\"/reports/{id}\"")),
            "{intake}"
        );
    }
    assert!(!cw.page("/intake?kind=referral").await.contains(&reference));
    assert!(
        !teacher
            .page("/intake?kind=report")
            .await
            .contains(&reference)
    );
    let path = format!("/reports/{id}");
    let html = cw.page(&path).await;
    assert!(
        html.contains("7 dager igjen av fristen for gjennomgang"),
        "{html}"
    );
    let version = input_value(&html, "version");
    let ack = format!("{path}/acknowledge");
    let (status, location) = cw.post(&ack, &[("version", &version)]).await;
    assert_eq!(
        (status, location.as_str()),
        (303, format!("{path}?done=acknowledged").as_str())
    );
    let (status, html) = cw.post(&ack, &[("version", &version)]).await;
    assert_eq!(status, 409, "a second click says what happened");
    assert!(html.contains(&nb("report-error-acknowledged")), "{html}");
    assert_eq!(teacher.post(&ack, &[]).await.0, 403);
    let receipt = teacher.page(&path).await;
    assert!(
        receipt.contains("Barnevernet bekreftet mottak"),
        "{receipt}"
    );

    let version = input_value(&cw.page(&path).await, "version");
    let review = format!("{path}/review");
    let (status, html) = cw
        .post(&review, &[("version", &version), ("note", NOTE)])
        .await;
    assert_eq!(status, 422, "an outcome is needed");
    assert!(html.contains(&nb("report-error-outcome")) && html.contains(&esc(NOTE)));
    let fields = [
        ("version", version.as_str()),
        ("outcome", "dismiss"),
        ("note", NOTE),
    ];
    assert_eq!(cw.post(&review, &fields).await.0, 303);
    let html = cw.page(&path).await;
    assert!(
        html.contains(&esc(NOTE)) && !html.contains("/review\""),
        "{html}"
    );

    // The receipt shows the outcome, never the note.
    let receipt = teacher.page(&path).await;
    assert!(receipt.contains(&nb("report-outcome-dismiss")), "{receipt}");
    assert!(!receipt.contains(&esc(NOTE)), "{receipt}");
    let desk = teacher.page("/my").await;
    assert!(desk.contains(&format!("href=\"{path}\"")), "{desk}");
    assert!(desk.contains("Barnevernet har gjennomgått meldingen din om Ada Testesen"));

    // The access log: the report was made under the duty to report.
    let officer = Browser::sign_in(&app, "personvern").await;
    let audit = officer.page(&format!("/audit?resource={id}")).await;
    assert!(
        audit.contains("(duty_to_report)") && audit.contains("Navn laerer.a"),
        "{audit}"
    );
    // With its legal basis and the statutory ground(s) it was made on.
    assert!(
        audit.contains("Opplysningsplikten til barnevernet ("),
        "{audit}"
    );
    let log = app
        .db
        .store
        .audit_records(&app.tenant, 1_000_000)
        .await
        .expect("log");
    assert!(log.iter().any(|r| r.event.resource_id == id
        && r.event.action == "create"
        && r.event.reason == "duty_to_report"
        && r.event.legal_basis.starts_with("duty_to_report:")));
    app.stop().await;
}
