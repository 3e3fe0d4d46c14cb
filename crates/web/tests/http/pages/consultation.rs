//! Anonymous consultation over real HTTP: identifiers are refused or warned
//! about before anything is saved.

use crate::world::{World as App, nin};

async fn post(c: &reqwest::Client, app: &App, fields: &[(&str, &str)]) -> reqwest::Response {
    c.post(app.url("/consultations"))
        .form(fields)
        .send()
        .await
        .expect("post")
}

#[tokio::test]
async fn a_teacher_consults_another_school_without_identifying_the_child() {
    let app = App::start().await;
    let (c, csrf) = app.sign_in("laerer.a").await;
    let unit = app.school_b.as_str();
    let number = nin(2015, 3, 1);
    let with_number = format!("Gjelder {}", number.as_str());
    let r = post(
        &c,
        &app,
        &[
            ("csrf", &csrf),
            ("with_unit", unit),
            ("question", &with_number),
            ("confirmed", "yes"),
        ],
    )
    .await;
    assert_eq!(r.status(), 422);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("Teksten inneholder et fødselsnummer.")
    );

    let named = "Ada Testesen er mye borte. Hva gjør vi?";
    let r = post(
        &c,
        &app,
        &[("csrf", &csrf), ("with_unit", unit), ("question", named)],
    )
    .await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.expect("body");
    assert!(html.contains("ser ut som et navn"), "{html}");
    assert!(
        html.contains("name=\"confirmed\""),
        "the writer may confirm"
    );
    assert!(html.contains(named), "what was typed is kept");

    let plain = "En jente på 11 år er mye borte. Hva gjør vi?";
    let r = post(
        &c,
        &app,
        &[
            ("csrf", &csrf),
            ("with_unit", unit),
            ("question", plain),
            ("advice", "Snakk med helsesykepleier."),
        ],
    )
    .await;
    assert_eq!(r.status(), 303);
    let html = c
        .get(app.url("/consultations?done=saved"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(
        html.contains(plain)
            && html.contains("Snakk med helsesykepleier.")
            && html.contains("Sørli skole")
    );
    assert!(
        !html.contains(named),
        "the identifying text was never saved"
    );
    app.stop().await;
}
