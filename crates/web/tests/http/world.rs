use ettlag_core::nin::BirthDate;
use ettlag_core::{
    NationalId, PersonId, PersonKind, RelationKind, Role, RoleSet, ServiceType, StaffId, TenantId,
    UnitId,
};
use ettlag_db::testing::TestDatabase;
use ettlag_db::{NewPerson, NewStaff};
use ettlag_web::{AppState, WebConfig};
use reqwest::{Response, StatusCode};
use serde_json::Value;

/// A running server over a fresh municipality: two schools with a teacher
/// each, an administrator and a privacy officer without units, two children
/// at the first school, one at the second, and a guardian of the first child.
/// Everyone signs in with [`PASSWORD`]; the teachers and the administrator
/// also have personal API tokens.
pub struct World {
    pub base: String,
    pub db: TestDatabase,
    pub tenant: TenantId,
    pub school_a: UnitId,
    pub school_b: UnitId,
    pub child_a1: PersonId,
    pub child_a2: PersonId,
    pub child_b: PersonId,
    pub guardian_a: PersonId,
    /// The staff ids of the teacher at school A (`laerer.a`) and at school B
    /// (`laerer.b`).
    pub staff_a: StaffId,
    pub staff_b: StaffId,
    /// Tokens of the teacher at school A, the teacher at school B and the
    /// administrator.
    pub teacher_a: String,
    pub teacher_b: String,
    pub admin: String,
    client: reqwest::Client,
    server: tokio::task::JoinHandle<()>,
}

/// The child welfare service of [`World::add_child_welfare`].
pub struct ChildWelfare {
    pub unit: UnitId,
    /// The caseworker `barnevern`.
    pub staff: StaffId,
    pub token: String,
}

/// The intake worker of the coordinating unit.
#[derive(Debug, Clone)]
pub struct IntakeWorker {
    pub unit: UnitId,
    pub staff: StaffId,
    pub token: String,
}

/// The password of every user of the test municipality.
pub const PASSWORD: &str = "korrekt-hest-batteri";

/// A synthetic national identity number (month + 80): no real person has one.
pub fn nin(year: u16, month: u8, day: u8) -> NationalId {
    (500..1000)
        .find_map(|i| NationalId::synthetic(BirthDate { year, month, day }, i))
        .expect("a synthetic number exists for this date")
}

impl World {
    /// Records the parents' consent, taken by teacher A, that school B may
    /// receive Ada's relay log.
    pub async fn consent_for_school_b(&self) -> String {
        use ettlag_core::consent::{AgeBasis, Category, Consent, Evidence, Recipients};
        let s = &self.db.store;
        let actor = s
            .actor(&self.tenant, &self.staff_a)
            .await
            .expect("load")
            .expect("teacher");
        s.access(actor, ettlag_core::policy::Purpose::FollowUp, "test")
            .give_consent(Consent {
                id: String::new(),
                subject: self.child_a1.clone(),
                grantors: vec![self.guardian_a.clone()],
                basis: AgeBasis::Guardians,
                purpose: "Skolene snakker sammen".into(),
                recipients: Recipients {
                    units: vec![self.school_b.clone()],
                    service_types: Vec::new(),
                },
                categories: vec![Category::RelayLog],
                valid_from: ettlag_core::Day::from_ms(ettlag_db::now_ms()),
                valid_to: None,
                evidence: Evidence::Meeting,
                withdrawn_at_ms: None,
                stance: Default::default(),
                awaiting: Vec::new(),
                one_guardian_accepted: false,
            })
            .await
            .expect("consent")
            .to_string()
    }

    pub async fn start() -> World {
        let db = TestDatabase::new().await.expect("test database");
        let s = db.store.clone();
        let tenant = s
            .create_tenant("Testvik kommune", "testvik")
            .await
            .expect("tenant");
        let system = s.system_access(&tenant);
        let school_a = system
            .create_unit("Nordli skole", ServiceType::School)
            .await
            .expect("unit");
        let school_b = system
            .create_unit("Sørli skole", ServiceType::School)
            .await
            .expect("unit");
        let hash = ettlag_web::password::hash(PASSWORD).await.expect("hash");
        let mut tokens = Vec::new();
        let mut staff_ids = Vec::new();
        for (user, roles, units) in [
            ("laerer.a", vec![Role::Staff], vec![school_a.clone()]),
            ("laerer.b", vec![Role::Staff], vec![school_b.clone()]),
            ("admin", vec![Role::Admin], vec![]),
            ("personvern", vec![Role::PrivacyOfficer], vec![]),
        ] {
            let staff = system
                .create_staff(NewStaff {
                    username: user.into(),
                    display_name: format!("Navn {user}"),
                    roles: RoleSet::new(roles),
                    units,
                    password_hash: Some(hash.clone()),
                })
                .await
                .expect("staff");
            tokens.push(
                s.create_api_token(&tenant, &staff, "test")
                    .await
                    .expect("token"),
            );
            staff_ids.push(staff);
        }
        let person = |kind, given: &str, n| NewPerson {
            kind,
            national_id: Some(n),
            given_name: given.into(),
            family_name: "Testesen".into(),
        };
        let child_a1 = system
            .create_person(person(PersonKind::Child, "Ada", nin(2015, 3, 1)))
            .await
            .expect("child");
        let child_a2 = system
            .create_person(person(PersonKind::Child, "Aksel", nin(2016, 1, 20)))
            .await
            .expect("child");
        let child_b = system
            .create_person(person(PersonKind::Child, "Bo", nin(2014, 5, 9)))
            .await
            .expect("child");
        let guardian_a = system
            .create_person(person(PersonKind::Adult, "Gro", nin(1985, 6, 7)))
            .await
            .expect("adult");
        system
            .add_relation(&child_a1, &guardian_a, RelationKind::Guardian)
            .await
            .expect("relation");
        for (child, unit) in [
            (&child_a1, &school_a),
            (&child_a2, &school_a),
            (&child_b, &school_b),
        ] {
            system
                .enrol(child, unit, "2021-08-16")
                .await
                .expect("enrol");
        }

        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        // Locks long enough that no test sees one run out while it checks it.
        let config = WebConfig {
            throttle: ettlag_db::Throttle {
                base_lock_ms: 60_000,
                ..ettlag_db::Throttle::default()
            },
            ..WebConfig::default()
        };
        // As `ettlag serve` does: the handlers see the client's address.
        let router = ettlag_web::router(AppState::new(s, config))
            .into_make_service_with_connect_info::<std::net::SocketAddr>();
        let server = tokio::spawn(async move {
            let _ = axum::serve(listener, router).await;
        });
        tokens
            .pop()
            .expect("the privacy officer's token is not used");
        let admin = tokens.pop().expect("admin token");
        let (staff_a, staff_b) = (staff_ids[0].clone(), staff_ids[1].clone());
        let teacher_b = tokens.pop().expect("teacher b token");
        let teacher_a = tokens.pop().expect("teacher a token");
        World {
            base,
            tenant,
            db,
            school_a,
            school_b,
            child_a1,
            child_a2,
            child_b,
            guardian_a,
            staff_a,
            staff_b,
            teacher_a,
            teacher_b,
            admin,
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("client"),
            server,
        }
    }

    /// Adds the municipality's child welfare service: a unit
    /// (`Barneverntjenesten`) with one caseworker (`barnevern`), who signs in
    /// with [`PASSWORD`] and has a token. Call it once per world.
    pub async fn add_child_welfare(&self) -> ChildWelfare {
        let system = self.db.store.system_access(&self.tenant);
        let unit = system
            .create_unit("Barneverntjenesten", ServiceType::ChildWelfare)
            .await
            .expect("unit");
        let staff = system
            .create_staff(NewStaff {
                username: "barnevern".into(),
                display_name: "Navn barnevern".into(),
                roles: RoleSet::new(vec![Role::Staff]),
                units: vec![unit.clone()],
                password_hash: Some(ettlag_web::password::hash(PASSWORD).await.expect("hash")),
            })
            .await
            .expect("staff");
        let token = self
            .db
            .store
            .create_api_token(&self.tenant, &staff, "test")
            .await
            .expect("token");
        ChildWelfare { unit, staff, token }
    }

    /// An intake worker (`inntak`, roles intake and staff) in a new
    /// coordinating unit, with an API token.
    pub async fn add_intake(&self) -> IntakeWorker {
        let system = self.db.store.system_access(&self.tenant);
        let unit = system
            .create_unit("Koordinerende enhet", ServiceType::CoordinatingUnit)
            .await
            .expect("unit");
        let staff = system
            .create_staff(NewStaff {
                username: "inntak".into(),
                display_name: "Navn inntak".into(),
                roles: RoleSet::new(vec![Role::Intake, Role::Staff]),
                units: vec![unit.clone()],
                password_hash: Some(ettlag_web::password::hash(PASSWORD).await.expect("hash")),
            })
            .await
            .expect("staff");
        let token = self
            .db
            .store
            .create_api_token(&self.tenant, &staff, "test")
            .await
            .expect("token");
        IntakeWorker { unit, staff, token }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// A browser-like client: keeps cookies, does not follow redirects, and
    /// sends `Sec-Fetch-Site: same-origin` as a browser does for our own forms.
    pub fn browser(&self) -> reqwest::Client {
        self.browser_in("nb")
    }

    /// A browser whose `Accept-Language` asks for `lang` (`nb`, `nn`, `da`, `en`).
    pub fn browser_in(&self, lang: &'static str) -> reqwest::Client {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert(
            "sec-fetch-site",
            reqwest::header::HeaderValue::from_static("same-origin"),
        );
        headers.insert(
            reqwest::header::ACCEPT_LANGUAGE,
            reqwest::header::HeaderValue::from_static(lang),
        );
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .default_headers(headers)
            .build()
            .expect("client")
    }

    /// A browser like [`World::browser`] that connects from another
    /// loopback address (`127.0.0.x`), as a client elsewhere would.
    pub fn browser_from(&self, local: std::net::Ipv4Addr) -> reqwest::Client {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert(
            "sec-fetch-site",
            reqwest::header::HeaderValue::from_static("same-origin"),
        );
        headers.insert(
            reqwest::header::ACCEPT_LANGUAGE,
            reqwest::header::HeaderValue::from_static("nb"),
        );
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .default_headers(headers)
            .local_address(std::net::IpAddr::V4(local))
            .build()
            .expect("client")
    }

    /// Signs in and returns the client and the page's CSRF token.
    pub async fn sign_in(&self, user: &str) -> (reqwest::Client, String) {
        let c = self.browser();
        let r = c
            .post(self.url("/login"))
            .form(&[("username", user), ("password", PASSWORD)])
            .send()
            .await
            .expect("login");
        assert_eq!(r.status(), 303, "sign-in of {user} failed");
        let page = c
            .get(self.url("/settings"))
            .send()
            .await
            .expect("page")
            .text()
            .await
            .expect("body");
        (c, csrf_of(&page))
    }

    pub fn client(&self) -> &reqwest::Client {
        &self.client
    }

    pub async fn get(&self, token: &str, path: &str) -> Response {
        self.client
            .get(self.url(path))
            .bearer_auth(token)
            .send()
            .await
            .expect("GET")
    }

    pub async fn post(&self, token: &str, path: &str, body: &Value) -> Response {
        self.client
            .post(self.url(path))
            .bearer_auth(token)
            .json(body)
            .send()
            .await
            .expect("POST")
    }

    /// A request of any method, with a JSON body and headers (`If-Match`…).
    pub async fn send(
        &self,
        method: reqwest::Method,
        token: &str,
        path: &str,
        body: Option<&Value>,
        headers: &[(&str, &str)],
    ) -> Response {
        let mut r = self
            .client
            .request(method, self.url(path))
            .bearer_auth(token);
        if let Some(body) = body {
            r = r.json(body);
        }
        for (name, value) in headers {
            r = r.header(*name, *value);
        }
        r.send().await.expect("request")
    }

    /// A POST with a raw body and content type.
    pub async fn post_raw(
        &self,
        token: &str,
        path: &str,
        content_type: &str,
        body: &str,
    ) -> Response {
        self.client
            .post(self.url(path))
            .bearer_auth(token)
            .header("content-type", content_type)
            .body(body.to_string())
            .send()
            .await
            .expect("POST")
    }

    /// The ids of the children the holder of `token` lists for `q`.
    pub async fn child_ids(&self, token: &str, q: &str) -> Vec<String> {
        let r = self
            .client
            .get(self.url(&format!(
                "/api/v1/children?{}",
                serde_urlencoded::to_string([("q", q)]).expect("query")
            )))
            .bearer_auth(token)
            .send()
            .await
            .expect("GET");
        let (status, body) = json(r).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let mut ids: Vec<String> = body
            .as_array()
            .expect("a list")
            .iter()
            .map(|c| c["id"].as_str().expect("id").to_string())
            .collect();
        ids.sort();
        ids
    }

    pub async fn stop(self) {
        self.server.abort();
        let _ = self.server.await;
        self.db.remove().await;
    }
}

/// The status and JSON body of a response.
pub async fn json(r: Response) -> (StatusCode, Value) {
    let status = r.status();
    let text = r.text().await.expect("body");
    let value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("not JSON ({e}) with status {status}: {text}"));
    (status, value)
}

/// Asserts that a response is the API's problem (RFC 9457) for `status`
/// and `key`: the media type, a title and a detail in words, the key.
pub async fn assert_error(r: Response, status: StatusCode, key: &str) -> Value {
    let media = r
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let (got, body) = json(r).await;
    assert_eq!(got, status, "{body}");
    assert_eq!(media, "application/problem+json", "{body}");
    assert_eq!(body["type"], "about:blank", "{body}");
    assert_eq!(body["error"], key, "{body}");
    assert_eq!(body["status"], status.as_u16(), "{body}");
    let message = body["message"].as_str().expect("a message");
    assert!(!message.is_empty() && message != key, "{body}");
    assert_eq!(body["detail"], message, "{body}");
    let title = body["title"].as_str().expect("a title");
    assert!(
        !title.is_empty() && !title.starts_with("error-title"),
        "{body}"
    );
    body
}

pub fn sorted(ids: &[&PersonId]) -> Vec<String> {
    let mut v: Vec<String> = ids.iter().map(|i| i.as_str().to_string()).collect();
    v.sort();
    v
}

/// The CSRF token of a page (the hidden field of the sign-out form).
pub fn csrf_of(html: &str) -> String {
    let marker = "name=\"csrf\" value=\"";
    html.find(marker)
        .map(|i| {
            html[i + marker.len()..]
                .chars()
                .take_while(|c| *c != '"')
                .collect()
        })
        .unwrap_or_default()
}

/// What a teacher records when the family was told of a start or a level
/// change, as the API takes it.
pub fn told() -> serde_json::Value {
    serde_json::json!({
        "status": "told",
        "on": "2026-01-05",
        "how": "meeting",
        "who": "Mor",
        "said": "Hun vil gjerne være med."
    })
}

/// The same, as the pages' fieldset sends it, added to a form's fields.
pub fn with_told<'a>(fields: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut all = fields.to_vec();
    all.extend_from_slice(&[
        ("family", "told"),
        ("family_on", "2026-01-05"),
        ("family_how", "meeting"),
        ("family_who", "Mor"),
        ("family_said", "Hun vil gjerne være med."),
    ]);
    all
}
