use ettlag_core::nin::BirthDate;
use ettlag_core::{
    NationalId, PersonId, PersonKind, RelationKind, Role, RoleSet, ServiceType, TenantId,
};
use ettlag_db::testing::TestDatabase;
use ettlag_db::{NewPerson, NewStaff};
use ettlag_web::{AppState, WebConfig};

pub const PASSWORD: &str = "korrekt-hest-batteri";

/// A running server over a fresh database with two schools, a teacher at each,
/// an administrator, and a child with a guardian at the first school.
pub struct App {
    pub base: String,
    pub db: TestDatabase,
    pub tenant: TenantId,
    pub child_a: PersonId,
    pub guardian_a: PersonId,
    pub child_b: PersonId,
}

pub fn nin(year: u16, month: u8, day: u8) -> NationalId {
    (500..1000)
        .find_map(|i| NationalId::synthetic(BirthDate { year, month, day }, i))
        .expect("synthetic number")
}

impl App {
    pub async fn start() -> App {
        let db = TestDatabase::new().await.expect("database");
        let s = db.store.clone();
        let tenant = s
            .create_tenant("Testvik kommune", "testvik")
            .await
            .expect("tenant");
        let admin = s.system_access(&tenant);
        let a = admin
            .create_unit("Nordli skole", ServiceType::School)
            .await
            .expect("unit");
        let b = admin
            .create_unit("Sørli skole", ServiceType::School)
            .await
            .expect("unit");
        let hash = ettlag_web::password::hash(PASSWORD).await.expect("hash");
        for (user, roles, units) in [
            ("laerer.a", vec![Role::Staff], vec![a.clone()]),
            ("laerer.b", vec![Role::Staff], vec![b.clone()]),
            ("admin", vec![Role::Admin], vec![]),
            ("personvern", vec![Role::PrivacyOfficer], vec![]),
        ] {
            admin
                .create_staff(NewStaff {
                    username: user.into(),
                    display_name: format!("Navn {user}"),
                    roles: RoleSet::new(roles),
                    units,
                    password_hash: Some(hash.clone()),
                })
                .await
                .expect("staff");
        }
        let person = |kind, given: &str, n| NewPerson {
            kind,
            national_id: Some(n),
            given_name: given.into(),
            family_name: "Testesen".into(),
        };
        let child_a = admin
            .create_person(person(PersonKind::Child, "Ada", nin(2015, 3, 1)))
            .await
            .expect("child");
        let child_b = admin
            .create_person(person(PersonKind::Child, "Bo", nin(2014, 5, 9)))
            .await
            .expect("child");
        let guardian_a = admin
            .create_person(person(PersonKind::Adult, "Gro", nin(1985, 6, 7)))
            .await
            .expect("adult");
        admin
            .add_relation(&child_a, &guardian_a, RelationKind::Guardian)
            .await
            .expect("relation");
        admin
            .enrol(&child_a, &a, "2021-08-16")
            .await
            .expect("enrol");
        admin
            .enrol(&child_b, &b, "2021-08-16")
            .await
            .expect("enrol");

        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("addr"));
        let router = ettlag_web::router(AppState::new(s, WebConfig::default()));
        tokio::spawn(async move {
            let _ = axum::serve(listener, router).await;
        });
        App {
            base,
            db,
            tenant,
            child_a,
            guardian_a,
            child_b,
        }
    }

    /// A browser-like client: keeps cookies, does not follow redirects, and
    /// sends `Sec-Fetch-Site: same-origin` as a browser does for our own forms.
    pub fn browser(&self) -> reqwest::Client {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert(
            "sec-fetch-site",
            reqwest::header::HeaderValue::from_static("same-origin"),
        );
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .default_headers(headers)
            .build()
            .expect("client")
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
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

    pub async fn stop(self) {
        self.db.remove().await;
    }
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
