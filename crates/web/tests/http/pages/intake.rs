//! Intake over real HTTP: a parent asks for help on the public page without
//! signing in (bad input answered in Norwegian, nothing stored), gets a
//! receipt; the coordinating unit finds it in its queue, links it to the
//! child, assigns it to the child's teacher, who starts a relay log from it;
//! a teacher's own request about a child; others see nothing.

use crate::world::World as App;

const NB: &str = include_str!("../../../locales/nb/intake.ftl");

fn nb(key: &str) -> String {
    NB.lines()
        .find_map(|line| {
            let value = line.strip_prefix(key)?.trim_start().strip_prefix('=')?;
            Some(value.trim().to_string())
        })
        .unwrap_or_else(|| panic!("no nb message {key}"))
}

fn esc(text: &str) -> String {
    text.replace('&', "&#38;")
        .replace('"', "&#34;")
        .replace('\'', "&#39;")
}

fn value_after<'h>(html: &'h str, marker: &str) -> &'h str {
    html.split(marker)
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap_or_else(|| panic!("no {marker} in:\n{html}"))
}

struct Browser<'a> {
    app: &'a App,
    c: reqwest::Client,
    csrf: String,
}

impl<'a> Browser<'a> {
    async fn sign_in(app: &'a App, user: &str) -> Browser<'a> {
        let (c, csrf) = app.sign_in(user).await;
        Browser { app, c, csrf }
    }

    fn anonymous(app: &'a App) -> Browser<'a> {
        Browser {
            app,
            c: app.browser(),
            csrf: String::new(),
        }
    }

    async fn get(&self, path: &str) -> (u16, String) {
        let r = self.c.get(self.app.url(path)).send().await.expect("get");
        (r.status().as_u16(), r.text().await.expect("body"))
    }

    async fn post(&self, path: &str, fields: &[(&str, &str)]) -> (u16, String, String) {
        let mut form = vec![("csrf", self.csrf.as_str())];
        form.extend_from_slice(fields);
        let r = self
            .c
            .post(self.app.url(path))
            .form(&form)
            .send()
            .await
            .expect("post");
        let status = r.status().as_u16();
        let location = r
            .headers()
            .get("location")
            .map(|l| l.to_str().expect("ascii").to_string())
            .unwrap_or_default();
        (status, location, r.text().await.expect("body"))
    }
}

#[tokio::test]
async fn a_parents_request_is_triaged_and_becomes_a_relay_log() {
    let app = App::start().await;
    app.add_intake().await;
    let public = Browser::anonymous(&app);

    let (status, html) = public.get("/help").await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains(&esc(&nb("help-title"))));
    // No way to reach them: refused in Norwegian, what was typed kept.
    let text = "Ada gruer seg til skolen hver dag, og vi vet ikke hvem vi skal spørre.";
    let fields = [
        ("who", "parent"),
        ("text", text),
        ("name", "Mor Testesen"),
        ("child_name", "Ada"),
    ];
    let (status, _, html) = public.post("/help", &fields).await;
    assert_eq!(status, 422, "{html}");
    assert!(html.contains(&esc(&nb("help-error-contact"))), "{html}");
    assert!(html.contains(&esc(text)), "what was typed stays");

    let mut fields = fields.to_vec();
    fields.push(("phone", "400 00 000"));
    let (status, location, _) = public.post("/help", &fields).await;
    assert_eq!(status, 303);
    assert!(location.starts_with("/help/sent?ref=INN-"), "{location}");
    let (_, receipt) = public.get(&location).await;
    let reference = location
        .split("ref=")
        .nth(1)
        .and_then(|r| r.split('&').next())
        .expect("ref");
    assert!(receipt.contains(reference), "{receipt}");
    assert!(
        !receipt.contains("gruer seg"),
        "the receipt repeats nothing written"
    );

    // Only intake staff see the queue's new item.
    let teacher = Browser::sign_in(&app, "laerer.a").await;
    let (_, queue) = teacher.get("/intake").await;
    assert!(!queue.contains(reference), "{queue}");
    let intake = Browser::sign_in(&app, "inntak").await;
    let (status, queue) = intake.get("/intake").await;
    assert_eq!(status, 200);
    let title = queue
        .split("<title>")
        .nth(1)
        .and_then(|t| t.split("</title>").next())
        .expect("a title");
    assert!(
        !title.contains('<') && title.contains(&nb("intake-title")),
        "{title}"
    );
    assert!(queue.contains(reference), "{queue}");
    let item = format!("/intake/{}", value_after(&queue, "<a href=\"/intake/"));
    let (status, page) = intake.get(&item).await;
    assert_eq!(status, 200);
    assert!(page.contains("gruer seg"), "{page}");
    assert!(page.contains("400 00 000"));
    assert_eq!(teacher.get(&item).await.0, 404);

    // Linking needs a valid number of a child in the register.
    let triage = format!("{item}/triage");
    let (status, _, html) = intake
        .post(&triage, &[("step", "link"), ("nin", "12345678901")])
        .await;
    assert_eq!(status, 422, "{html}");
    let nin = crate::world::nin(2015, 3, 1);
    let (status, location, _) = intake
        .post(&triage, &[("step", "link"), ("nin", nin.as_str())])
        .await;
    assert_eq!(
        (status, location.as_str()),
        (303, format!("{item}?done=linked").as_str())
    );
    let to = format!("staff|{}|{}", app.staff_a, app.school_a);
    let (status, _, _) = intake
        .post(&triage, &[("step", "assign"), ("to", to.as_str())])
        .await;
    assert_eq!(status, 303);

    // The teacher it went to sees it and starts a relay log from it.
    let (status, page) = teacher.get(&item).await;
    assert_eq!(status, 200, "{page}");
    let (status, location, _) = teacher
        .post(
            &format!("{item}/log"),
            &crate::world::with_told(&[("level", "1")]),
        )
        .await;
    assert_eq!(status, 303);
    assert!(location.starts_with("/logs/"), "{location}");
    let (_, log) = teacher
        .get(location.split('?').next().unwrap_or_default())
        .await;
    assert!(
        log.contains("gruer seg"),
        "the request is the log's first entry"
    );
    let (_, page) = intake.get(&item).await;
    assert!(page.contains(&esc(&nb("intake-step-log"))), "{page}");

    // A teacher asks for help about a child of their own school.
    let (status, location, _) = teacher
        .post(
            &format!("/children/{}/help-request", app.child_a1),
            &[("text", "Vi trenger et team rundt Ada.")],
        )
        .await;
    assert_eq!(status, 303);
    assert!(location.ends_with("?done=asked"), "{location}");
    let other = Browser::sign_in(&app, "laerer.b").await;
    let (status, _, _) = other
        .post(
            &format!("/children/{}/help-request", app.child_a1),
            &[("text", "Vi trenger et team rundt Ada.")],
        )
        .await;
    assert_eq!(status, 404);
    app.stop().await;
}

#[tokio::test]
async fn intake_staff_register_a_referral_linked_to_the_child() {
    let app = App::start().await;
    app.add_intake().await;
    let intake = Browser::sign_in(&app, "inntak").await;
    let nin = crate::world::nin(2015, 3, 1);
    let text = "Fastlegen ber om samarbeid rundt Ada.";
    // An unknown kind is refused with a message, and what was typed stays.
    let (status, _, html) = intake
        .post(
            "/intake/new",
            &[("source", "self_referral"), ("text", text)],
        )
        .await;
    assert_eq!(status, 422, "{html}");
    assert!(html.contains(&esc(&nb("intake-error-source"))), "{html}");
    assert!(html.contains(text));
    let (status, location, _) = intake
        .post(
            "/intake/new",
            &[
                ("source", "referral"),
                ("from", "Fastlegen"),
                ("text", text),
                ("nin", nin.as_str()),
            ],
        )
        .await;
    assert_eq!(status, 303);
    assert!(location.ends_with("?done=registered"), "{location}");
    let (_, page) = intake.get(&location).await;
    assert!(page.contains(&esc(&nb("intake-source-referral"))), "{page}");
    assert!(
        page.contains(&format!("href=\"/children/{}\"", app.child_a1)),
        "linked at once"
    );
    assert!(page.contains("Fastlegen"));
    // Registering is intake staff's work.
    let teacher = Browser::sign_in(&app, "laerer.a").await;
    let (status, _, _) = teacher
        .post("/intake/new", &[("source", "referral"), ("text", text)])
        .await;
    assert_eq!(status, 403);
    app.stop().await;
}
