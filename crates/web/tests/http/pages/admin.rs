//! The administration pages over real HTTP: forms, the admin-only rule, and
//! CSV import with its own CSRF check.

use ettlag_core::PersonId;

use crate::world::{PASSWORD, World as App, nin};

/// Posts a URL-encoded form with the CSRF token.
async fn post(
    c: &reqwest::Client,
    app: &App,
    path: &str,
    csrf: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let mut form = vec![("csrf", csrf)];
    form.extend_from_slice(fields);
    c.post(app.url(path))
        .form(&form)
        .send()
        .await
        .expect("post")
}

fn location(r: &reqwest::Response) -> String {
    r.headers()["location"].to_str().expect("ascii").to_string()
}

/// A `multipart/form-data` body of text parts; a part with a file name is a file.
pub(super) fn multipart(parts: &[(&str, Option<&str>, &str)]) -> (String, Vec<u8>) {
    let boundary = "ettlag-test-boundary-7d1f";
    let mut body = String::new();
    for (name, file, value) in parts {
        body.push_str(&format!("--{boundary}\r\n"));
        match file {
            Some(file) => body.push_str(&format!(
                "Content-Disposition: form-data; name=\"{name}\"; filename=\"{file}\"\r\n\
                 Content-Type: text/csv\r\n\r\n"
            )),
            None => body.push_str(&format!(
                "Content-Disposition: form-data; name=\"{name}\"\r\n\r\n"
            )),
        }
        body.push_str(value);
        body.push_str("\r\n");
    }
    body.push_str(&format!("--{boundary}--\r\n"));
    (
        format!("multipart/form-data; boundary={boundary}"),
        body.into_bytes(),
    )
}

async fn upload(
    c: &reqwest::Client,
    app: &App,
    kind: &str,
    parts: &[(&str, Option<&str>, &str)],
) -> reqwest::Response {
    let (content_type, body) = multipart(parts);
    c.post(app.url(&format!("/admin/import/{kind}")))
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .expect("upload")
}

async fn text(r: reqwest::Response) -> String {
    r.text().await.expect("body")
}

/// The names of the children in the whole register, as the administrator's
/// list shows them.
async fn register(app: &App) -> Vec<String> {
    let admin = app.db.store.system_access(&app.tenant);
    let mut names: Vec<String> = admin
        .children("", 0)
        .await
        .expect("children")
        .into_iter()
        .map(|c| c.given_name)
        .collect();
    names.sort();
    names
}

#[tokio::test]
async fn an_administrator_builds_the_register_through_the_forms() {
    let app = App::start().await;
    let (c, csrf) = app.sign_in("admin").await;
    let overview = c.get(app.url("/admin")).send().await.expect("get");
    assert_eq!(overview.status(), 200);
    let html = text(overview).await;
    assert!(
        html.contains("href=\"/admin/import\""),
        "links to the parts"
    );
    assert!(html.contains("<dd>2</dd>"), "two units, two children");

    // A unit.
    let fields = [
        ("name", "Solsikken barnehage"),
        ("service_type", "kindergarten"),
    ];
    let r = post(&c, &app, "/admin/units", &csrf, &fields).await;
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), "/admin/units?done=unit");
    let html = text(
        c.get(app.url("/admin/units?done=unit"))
            .send()
            .await
            .expect("get"),
    )
    .await;
    assert!(html.contains("role=\"status\"") && html.contains("Enheten er opprettet."));
    assert!(html.contains("<th scope=\"row\">Solsikken barnehage</th><td>Barnehage</td>"));
    let again = post(&c, &app, "/admin/units", &csrf, &fields).await;
    assert_eq!(again.status(), 422);
    let html = text(again).await;
    assert!(html.contains("role=\"alert\"") && html.contains("finnes allerede en enhet"));
    assert!(
        html.contains("value=\"Solsikken barnehage\""),
        "the input is kept"
    );
    let units = app
        .db
        .store
        .system_access(&app.tenant)
        .units()
        .await
        .expect("units");
    assert_eq!(units.len(), 3);
    let unit = units
        .iter()
        .find(|u| u.name == "Solsikken barnehage")
        .expect("created")
        .id
        .clone();

    // A staff member who works there and can sign in.
    let staff = [
        ("username", "Pia.Pedagog"),
        ("display_name", "Pia Pedagog"),
        ("roles", "staff"),
        ("roles", "unit_leader"),
        ("units", unit.as_str()),
        ("password", PASSWORD),
    ];
    let r = post(&c, &app, "/admin/staff", &csrf, &staff).await;
    assert_eq!(r.status(), 303);
    let html = text(
        c.get(app.url("/admin/staff?done=staff"))
            .send()
            .await
            .expect("get"),
    )
    .await;
    assert!(html.contains("<th scope=\"row\">Pia Pedagog</th><td>pia.pedagog</td><td>Ansatt, Enhetsleder</td><td>Solsikken barnehage</td>"));
    let short = [
        ("username", "kort"),
        ("display_name", "Kort Passord"),
        ("password", "hemmelig"),
    ];
    let r = post(&c, &app, "/admin/staff", &csrf, &short).await;
    assert_eq!(r.status(), 422);
    let html = text(r).await;
    assert!(html.contains("Passordet må ha minst 10 tegn."));
    assert!(html.contains("value=\"Kort Passord\"") && !html.contains("hemmelig"));

    // A child and an adult.
    let child_nin = nin(2020, 4, 12);
    let child = [
        ("kind", "child"),
        ("national_id", child_nin.as_str()),
        ("given_name", "Live"),
        ("family_name", "Skjemasen"),
    ];
    let r = post(&c, &app, "/admin/persons", &csrf, &child).await;
    assert_eq!(r.status(), 303);
    let to = location(&r);
    assert!(to.starts_with("/admin/persons?done=person&id="), "{to}");
    let child_id = to
        .split("id=")
        .nth(1)
        .and_then(|s| s.split('&').next())
        .and_then(PersonId::parse)
        .expect("the new child's id");
    let html = text(c.get(app.url(&to)).send().await.expect("get")).await;
    assert!(html.contains("Personen er registrert."));
    assert!(html.contains(&format!("href=\"/children/{child_id}\"")));
    let adult = [
        ("kind", "adult"),
        ("national_id", ""),
        ("given_name", "Vera"),
        ("family_name", "Skjemasen"),
    ];
    assert_eq!(
        post(&c, &app, "/admin/persons", &csrf, &adult)
            .await
            .status(),
        303
    );
    let adults = app
        .db
        .store
        .system_access(&app.tenant)
        .register_adults("vera")
        .await
        .expect("adults");
    assert_eq!(adults.len(), 1);
    let adult_id = adults[0].id.clone();
    assert!(adults[0].national_id.is_none());

    // How they relate, and where the child belongs.
    let relation = [
        ("child", child_id.as_str()),
        ("adult", adult_id.as_str()),
        ("kind", "guardian"),
        ("q", "Skjemasen"),
    ];
    let r = post(&c, &app, "/admin/relations", &csrf, &relation).await;
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), "/admin/persons?done=relation&q=Skjemasen");
    let twice = post(&c, &app, "/admin/relations", &csrf, &relation).await;
    assert_eq!(twice.status(), 422);
    assert!(text(twice).await.contains("allerede registrert"));
    let enrol = [
        ("child", child_id.as_str()),
        ("unit", unit.as_str()),
        ("from_date", "2024-08-15"),
    ];
    assert_eq!(
        post(&c, &app, "/admin/enrolments", &csrf, &enrol)
            .await
            .status(),
        303
    );
    let detail = app
        .db
        .store
        .system_access(&app.tenant)
        .person(&child_id)
        .await
        .expect("child");
    assert_eq!(detail.relations.len(), 1);
    assert_eq!(detail.relations[0].person_id, adult_id);
    assert_eq!(detail.enrolments[0].from_date, "2024-08-15");

    // The new staff member sees the child of her unit.
    let (pia, _) = app.sign_in("pia.pedagog").await;
    let list = text(pia.get(app.url("/children")).send().await.expect("get")).await;
    assert!(list.contains(&format!("/children/{child_id}")));
    app.stop().await;
}

#[tokio::test]
async fn bad_input_is_shown_next_to_the_form_and_changes_nothing() {
    let app = App::start().await;
    let (c, csrf) = app.sign_in("admin").await;
    let before = register(&app).await;
    let mut wrong = nin(2019, 1, 5).as_str().to_string();
    let last = if wrong.ends_with('0') { "1" } else { "0" };
    wrong.replace_range(10.., last);
    let child = [
        ("kind", "child"),
        ("national_id", wrong.as_str()),
        ("given_name", "Feil"),
        ("family_name", ""),
    ];
    let r = post(&c, &app, "/admin/persons", &csrf, &child).await;
    assert_eq!(r.status(), 422);
    let html = text(r).await;
    assert!(html.contains("role=\"alert\""));
    assert!(
        html.contains("Kontrollsifrene stemmer ikke."),
        "the nin error, translated"
    );
    assert!(html.contains("Et navn må ha mellom 1 og 100 tegn."));
    assert!(html.contains(&format!("value=\"{wrong}\"")) && html.contains("value=\"Feil\""));
    assert!(html.contains("id=\"person-national-id\"") && html.contains("aria-invalid=\"true\""));
    for (path, fields) in [
        (
            "/admin/persons",
            vec![("kind", "alien"), ("given_name", "X"), ("family_name", "Y")],
        ),
        (
            "/admin/relations",
            vec![("child", "x y"), ("adult", ""), ("kind", "boss")],
        ),
        (
            "/admin/enrolments",
            vec![
                ("child", app.child_a1.as_str()),
                ("unit", "nope"),
                ("from_date", "2024-02-30"),
            ],
        ),
        (
            "/admin/units",
            vec![("name", "\u{7}"), ("service_type", "hospital")],
        ),
        (
            "/admin/staff",
            vec![("username", "Æ"), ("roles", "king"), ("units", "nowhere")],
        ),
    ] {
        let r = post(&c, &app, path, &csrf, &fields).await;
        assert_eq!(r.status(), 422, "{path}");
        assert!(text(r).await.contains("role=\"alert\""), "{path}");
    }
    let unknown = [
        ("child", app.child_a1.as_str()),
        ("adult", app.child_b.as_str()),
        ("kind", "guardian"),
    ];
    let r = post(&c, &app, "/admin/relations", &csrf, &unknown).await;
    assert_eq!(r.status(), 422, "a child is no adult");
    assert_eq!(register(&app).await, before);
    let admin = app.db.store.system_access(&app.tenant);
    assert_eq!(admin.units().await.expect("units").len(), 2);
    assert_eq!(admin.staff().await.expect("staff").len(), 4);
    app.stop().await;
}

#[tokio::test]
async fn only_administrators_reach_the_admin_pages() {
    let app = App::start().await;
    let (teacher, csrf) = app.sign_in("laerer.a").await;
    for path in [
        "/admin",
        "/admin/units",
        "/admin/staff",
        "/admin/persons",
        "/admin/import",
    ] {
        let r = teacher.get(app.url(path)).send().await.expect("get");
        assert_eq!(r.status(), 403, "{path}");
    }
    let fields = [("name", "Snikskolen"), ("service_type", "school")];
    let r = post(&teacher, &app, "/admin/units", &csrf, &fields).await;
    assert_eq!(r.status(), 403);
    let file = "name,service_type\nSnikskolen,school\n";
    let r = upload(
        &teacher,
        &app,
        "units",
        &[("csrf", None, &csrf), ("file", Some("u.csv"), file)],
    )
    .await;
    assert_eq!(r.status(), 403);
    let units = app
        .db
        .store
        .system_access(&app.tenant)
        .units()
        .await
        .expect("units");
    assert_eq!(units.len(), 2);
    // Every refused attempt is in the access log, naming the teacher.
    let log = app
        .db
        .store
        .audit_records(&app.tenant, 100_000)
        .await
        .expect("log");
    let teacher_id = app
        .db
        .store
        .account("laerer.a")
        .await
        .expect("account")
        .expect("exists")
        .staff_id;
    let refused = log
        .iter()
        .filter(|r| r.event.actor_id == teacher_id.as_str() && r.event.outcome == "deny")
        .count();
    assert_eq!(refused, 7, "five pages, one form, one upload");
    let (admin, _) = app.sign_in("admin").await;
    let html = text(admin.get(app.url("/children")).send().await.expect("get")).await;
    assert!(
        html.contains("href=\"/admin\""),
        "the menu shows administration"
    );
    app.stop().await;
}

#[tokio::test]
async fn a_file_with_bad_rows_shows_every_line_and_imports_nothing() {
    let app = App::start().await;
    let (c, csrf) = app.sign_in("admin").await;
    let before = register(&app).await;
    let (a, b, dad) = (nin(2017, 2, 2), nin(2018, 3, 3), nin(1983, 4, 4));
    let missing = nin(2016, 6, 6);
    let file = format!(
        "national_id;given_name;family_name;kind;unit;child_national_id;relation\n\
         {};Alma;Filesen;child;Nordli skole;;\n\
         {};Brage;Filesen;child;Finnes ikke skole;;\n\
         {};Dag;Filesen;adult;;{};guardian\n\
         {};Dag;Filesen;adult;;{};guardian\n",
        a.as_str(),
        b.as_str(),
        dad.as_str(),
        a.as_str(),
        dad.as_str(),
        missing.as_str(),
    );
    let parts = [
        ("csrf", None, csrf.as_str()),
        ("file", Some("personer.csv"), file.as_str()),
    ];
    let r = upload(&c, &app, "persons", &parts).await;
    assert_eq!(r.status(), 422);
    let html = text(r).await;
    assert!(
        html.contains("Fila har 2 feil. Ingenting ble importert."),
        "{html}"
    );
    assert!(html.contains("<th scope=\"row\">3</th><td><code>unit</code></td><td>Det finnes ingen enhet med dette navnet.</td><td>Finnes ikke skole</td>"));
    assert!(html.contains("<th scope=\"row\">5</th><td><code>child_national_id</code></td>"));
    assert!(
        !html.contains(missing.as_str()),
        "identity numbers are never echoed"
    );
    assert_eq!(register(&app).await, before);

    // Errors the parser finds are shown the same way.
    let file = format!(
        "national_id,given_name,family_name,kind,unit,child_national_id,relation\n\
         {},Alma,Filesen,child,,,\n12345678901,Brage,Filesen,child,,,\n,Cato,Filesen,baby,,,\n",
        a.as_str()
    );
    let parts = [
        ("csrf", None, csrf.as_str()),
        ("file", Some("p.csv"), file.as_str()),
    ];
    let r = upload(&c, &app, "persons", &parts).await;
    assert_eq!(r.status(), 422);
    let html = text(r).await;
    assert!(html.contains("<th scope=\"row\">3</th>") && html.contains("<th scope=\"row\">4</th>"));
    assert!(html.contains("Må være child eller adult."));
    assert_eq!(register(&app).await, before);
    app.stop().await;
}

#[tokio::test]
async fn a_good_file_imports() {
    let app = App::start().await;
    let (c, csrf) = app.sign_in("admin").await;
    let page = c.get(app.url("/admin/import")).send().await.expect("get");
    assert_eq!(page.status(), 200);
    let html = text(page).await;
    assert_eq!(html.matches("enctype=\"multipart/form-data\"").count(), 3);
    assert!(html.contains("<code>name,service_type</code>"));

    let units = "name,service_type\nEikelund barnehage,kindergarten\n";
    let parts = [
        ("csrf", None, csrf.as_str()),
        ("file", Some("enheter.csv"), units),
    ];
    let r = upload(&c, &app, "units", &parts).await;
    assert_eq!(r.status(), 200);
    assert!(text(r).await.contains("Importerte 1 rader."));

    let staff =
        "username,display_name,roles,units\nimport.ert,Ina Import,staff,Eikelund barnehage\n";
    let parts = [
        ("csrf", None, csrf.as_str()),
        ("file", Some("ansatte.csv"), staff),
    ];
    let r = upload(&c, &app, "staff", &parts).await;
    assert_eq!(r.status(), 200);
    let account = app
        .db
        .store
        .account("import.ert")
        .await
        .expect("read")
        .expect("account");
    assert!(
        account.password_hash.is_none(),
        "imported staff get no password"
    );

    let (kid, mum) = (nin(2021, 1, 9), nin(1991, 2, 10));
    let persons = format!(
        "national_id,given_name,family_name,kind,unit,child_national_id,relation\n\
         {},Ine,Importsen,child,Eikelund barnehage,,\n{},Mari,Importsen,adult,,{},guardian\n",
        kid.as_str(),
        mum.as_str(),
        kid.as_str()
    );
    let parts = [
        ("csrf", None, csrf.as_str()),
        ("file", Some("personer.csv"), persons.as_str()),
    ];
    let r = upload(&c, &app, "persons", &parts).await;
    assert_eq!(r.status(), 200);
    assert!(text(r).await.contains("Importerte 2 rader."));
    assert_eq!(register(&app).await, ["Ada", "Aksel", "Bo", "Ine"]);
    let html = text(c.get(app.url("/children?q=ine")).send().await.expect("get")).await;
    assert!(html.contains("Importsen, Ine"));
    app.stop().await;
}

#[tokio::test]
async fn an_upload_without_the_right_token_is_refused() {
    let app = App::start().await;
    let (c, csrf) = app.sign_in("admin").await;
    let file = "name,service_type\nLureskolen,school\n";
    let wrong = "0".repeat(csrf.len());
    let attempts: [Vec<(&str, Option<&str>, &str)>; 4] = [
        vec![("file", Some("u.csv"), file)],
        vec![
            ("csrf", None, wrong.as_str()),
            ("file", Some("u.csv"), file),
        ],
        vec![("file", Some("u.csv"), file), ("csrf", None, csrf.as_str())],
        vec![("csrf", None, ""), ("file", Some("u.csv"), file)],
    ];
    for parts in &attempts {
        let r = upload(&c, &app, "units", parts).await;
        assert_eq!(r.status(), 403);
    }
    let r = c
        .post(app.url("/admin/import/units"))
        .header("content-type", "multipart/form-data; boundary=x")
        .body("garbage")
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 403);
    let units = app
        .db
        .store
        .system_access(&app.tenant)
        .units()
        .await
        .expect("units");
    assert_eq!(units.len(), 2);
    // The right token, but no file, or a file too large: refused, nothing imported.
    let r = upload(&c, &app, "units", &[("csrf", None, csrf.as_str())]).await;
    assert_eq!(r.status(), 422);
    let big = format!("name,service_type\n{}", "Stor,school\n".repeat(437_000));
    let parts = [
        ("csrf", None, csrf.as_str()),
        ("file", Some("stor.csv"), big.as_str()),
    ];
    let r = upload(&c, &app, "units", &parts).await;
    assert_eq!(r.status(), 413);
    assert!(text(r).await.contains("role=\"alert\""));
    let r = upload(&c, &app, "nothing", &[("csrf", None, csrf.as_str())]).await;
    assert_eq!(r.status(), 404);
    app.stop().await;
}

#[tokio::test]
async fn deactivating_a_staff_member_signs_them_out_everywhere() {
    let app = App::start().await;
    let (teacher, _) = app.sign_in("laerer.a").await;
    assert_eq!(
        teacher
            .get(app.url("/children"))
            .send()
            .await
            .expect("get")
            .status(),
        200
    );
    let teacher_id = app
        .db
        .store
        .account("laerer.a")
        .await
        .expect("account")
        .expect("exists")
        .staff_id;
    let admin_id = app
        .db
        .store
        .account("admin")
        .await
        .expect("account")
        .expect("exists")
        .staff_id;

    let (admin, csrf) = app.sign_in("admin").await;
    let path = format!("/admin/staff/{teacher_id}/active");
    let r = post(&admin, &app, &path, &csrf, &[("active", "0")]).await;
    assert_eq!(r.status(), 303);
    let page = text(
        admin
            .get(app.url("/admin/staff?done=staff-deactivated"))
            .send()
            .await
            .expect("get"),
    )
    .await;
    assert!(page.contains("Deaktivert"), "the list shows the new state");
    // The open session is gone and the password no longer works.
    assert_eq!(
        teacher
            .get(app.url("/children"))
            .send()
            .await
            .expect("get")
            .status(),
        303
    );
    let again = app
        .browser()
        .post(app.url("/login"))
        .form(&[
            ("username", "laerer.a"),
            ("password", crate::world::PASSWORD),
        ])
        .send()
        .await
        .expect("login");
    assert_eq!(again.status(), 401);

    let bad = post(&admin, &app, &path, &csrf, &[("active", "maybe")]).await;
    assert_eq!(bad.status(), 400);
    let own = post(
        &admin,
        &app,
        &format!("/admin/staff/{admin_id}/active"),
        &csrf,
        &[("active", "0")],
    )
    .await;
    assert_eq!(
        own.status(),
        400,
        "an administrator cannot lock themselves out"
    );

    let r = post(&admin, &app, &path, &csrf, &[("active", "1")]).await;
    assert_eq!(r.status(), 303);
    app.sign_in("laerer.a").await;
    app.stop().await;
}

#[tokio::test]
async fn an_administrator_ends_an_enrolment_from_the_childs_page() {
    let app = App::start().await;
    let (admin, csrf) = app.sign_in("admin").await;
    let page = text(
        admin
            .get(app.url(&format!("/children/{}", app.child_a1)))
            .send()
            .await
            .expect("get"),
    )
    .await;
    assert!(
        page.contains("action=\"/admin/enrolments/end\""),
        "the form is offered"
    );
    let unit = page
        .split("name=\"unit\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("unit id in the form")
        .to_string();
    let child = app.child_a1.to_string();
    let bad = post(
        &admin,
        &app,
        "/admin/enrolments/end",
        &csrf,
        &[
            ("child", &child),
            ("unit", &unit),
            ("to_date", "2020-13-01"),
        ],
    )
    .await;
    assert_eq!(bad.status(), 400);
    let early = post(
        &admin,
        &app,
        "/admin/enrolments/end",
        &csrf,
        &[
            ("child", &child),
            ("unit", &unit),
            ("to_date", "2020-01-01"),
        ],
    )
    .await;
    assert_eq!(early.status(), 400, "an end before the start is refused");

    let (teacher, _) = app.sign_in("laerer.a").await;
    let mine = teacher
        .get(app.url(&format!("/children/{}", app.child_a1)))
        .send()
        .await
        .expect("get");
    assert_eq!(mine.status(), 200);
    assert!(
        !text(mine).await.contains("/admin/enrolments/end"),
        "teachers get no such form"
    );

    let done = post(
        &admin,
        &app,
        "/admin/enrolments/end",
        &csrf,
        &[
            ("child", &child),
            ("unit", &unit),
            ("to_date", "2022-06-20"),
        ],
    )
    .await;
    assert_eq!(done.status(), 303);
    let gone = teacher
        .get(app.url(&format!("/children/{}", app.child_a1)))
        .send()
        .await
        .expect("get");
    assert_eq!(
        gone.status(),
        404,
        "the child has left the teacher's school"
    );
    app.stop().await;
}
