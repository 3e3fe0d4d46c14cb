//! Reminder e-mails through a real SMTP conversation with a small server in
//! the test: one e-mail per staff member with new reminders, in their
//! language, naming no child, sent once, and sent later when the server
//! refused it the first time; and a family notice by e-mail and by SMS
//! (through the recording double), which waits while no gateway is set.

use std::sync::{Arc, Mutex};

use ettlag_core::policy::Purpose;
use ettlag_core::text::Text;
use ettlag_core::{PersonKind, Role, RoleSet, ServiceType};
use ettlag_db::testing::TestDatabase;
use ettlag_db::{NewConcern, NewPerson, NewStaff, now_ms};
use ettlag_web::mail::{MailConfig, Mailer, SmtpSecurity};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

use crate::world::nin;

/// One message as the SMTP server received it.
#[derive(Debug, Clone)]
struct Received {
    to: Vec<String>,
    data: String,
}

/// An SMTP server that keeps what it is sent; with `refuse`, it refuses
/// every recipient.
async fn smtp_server(refuse: bool) -> (u16, Arc<Mutex<Vec<Received>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = listener.local_addr().expect("address").port();
    let inbox = Arc::new(Mutex::new(Vec::new()));
    let keep = inbox.clone();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let keep = keep.clone();
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                let _ = write.write_all(b"220 test ESMTP\r\n").await;
                let mut to = Vec::new();
                while let Ok(Some(line)) = lines.next_line().await {
                    let upper = line.to_ascii_uppercase();
                    let answer: &[u8] = if upper.starts_with("EHLO") || upper.starts_with("HELO") {
                        b"250 test\r\n"
                    } else if upper.starts_with("RCPT TO:") {
                        if refuse {
                            b"550 no such mailbox\r\n"
                        } else {
                            to.push(line[8..].trim().trim_matches(['<', '>']).to_string());
                            b"250 OK\r\n"
                        }
                    } else if upper.starts_with("DATA") {
                        let _ = write.write_all(b"354 go on\r\n").await;
                        let mut data = String::new();
                        while let Ok(Some(l)) = lines.next_line().await {
                            if l == "." {
                                break;
                            }
                            data.push_str(&l);
                            data.push('\n');
                        }
                        keep.lock().expect("inbox").push(Received {
                            to: std::mem::take(&mut to),
                            data,
                        });
                        b"250 queued\r\n"
                    } else if upper.starts_with("QUIT") {
                        let _ = write.write_all(b"221 bye\r\n").await;
                        break;
                    } else {
                        b"250 OK\r\n"
                    };
                    if write.write_all(answer).await.is_err() {
                        break;
                    }
                }
            });
        }
    });
    (port, inbox)
}

/// Decodes a quoted-printable body.
fn unquote(text: &str) -> String {
    let joined = text.replace("=\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'='
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(&joined[i + 1..i + 3], 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn mailer(port: u16) -> Mailer {
    Mailer::new(&MailConfig {
        host: "127.0.0.1".into(),
        port,
        security: SmtpSecurity::None,
        username: None,
        password: None,
        from: "ettlag <ettlag@testvik.invalid>".into(),
        extra_ca_pem: Vec::new(),
        base_url: "https://ettlag.testvik.invalid/".into(),
    })
    .expect("mailer")
}

#[tokio::test]
async fn reminders_are_announced_once_by_email_without_naming_the_child() {
    let db = TestDatabase::new().await.expect("database");
    let store = db.store.clone();
    let tenant = store
        .create_tenant("Testvik kommune", "testvik")
        .await
        .expect("tenant");
    let system = store.system_access(&tenant);
    let school = system
        .create_unit("Nordli skole", ServiceType::School)
        .await
        .expect("unit");
    let mut teachers = Vec::new();
    for name in ["kari", "ola"] {
        let id = system
            .create_staff(NewStaff {
                username: name.into(),
                display_name: name.into(),
                roles: RoleSet::new(vec![Role::Staff]),
                units: vec![school.clone()],
                password_hash: None,
            })
            .await
            .expect("staff");
        teachers.push(id);
    }
    // Kari wants e-mail, in English; Ola gave no address.
    store
        .set_staff_email(&tenant, &teachers[0], Some("kari@testvik.invalid".into()))
        .await
        .expect("email");
    store
        .set_language(&tenant, &teachers[0], "en")
        .await
        .expect("language");
    let child = system
        .create_person(NewPerson {
            kind: PersonKind::Child,
            national_id: Some(nin(2016, 4, 2)),
            given_name: "Synnøve".into(),
            family_name: "Hemmeligsen".into(),
        })
        .await
        .expect("child");
    system
        .enrol(&child, &school, "2021-08-16")
        .await
        .expect("enrol");
    for teacher in &teachers {
        let actor = store
            .actor(&tenant, teacher)
            .await
            .expect("load")
            .expect("actor");
        store
            .access(actor, Purpose::FollowUp, "test")
            .raise_concern(NewConcern {
                child: child.clone(),
                unit: None,
                text: Text::parse("Virker trist", 100).expect("text"),
                areas: Vec::new(),
                since: None,
            })
            .await
            .expect("concern");
    }
    // Fifteen days on, both concerns are past their deadline.
    let ran = store
        .run_due_jobs(now_ms() + 15 * 86_400_000)
        .await
        .expect("jobs");
    assert_eq!(ran, 2);

    // A server that refuses the recipient: nothing counts as sent.
    let (refusing, refused) = smtp_server(true).await;
    assert_eq!(mailer(refusing).send_due(&store).await, Ok(0));
    assert!(refused.lock().expect("inbox").is_empty());

    let (port, inbox) = smtp_server(false).await;
    let mailer = mailer(port);
    assert_eq!(
        mailer.send_due(&store).await,
        Ok(1),
        "one e-mail, to Kari only"
    );
    assert_eq!(mailer.send_due(&store).await, Ok(0), "and only once");
    let received = inbox.lock().expect("inbox").clone();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].to, vec!["kari@testvik.invalid".to_string()]);
    let text = unquote(&received[0].data);
    assert!(text.contains("You have 1 new reminder in ettlag"), "{text}");
    assert!(text.contains("https://ettlag.testvik.invalid/my"), "{text}");
    for secret in ["Synnøve", "Hemmeligsen", "trist"] {
        assert!(!text.contains(secret), "the e-mail names {secret}: {text}");
    }
    db.remove().await;
}

#[tokio::test]
async fn a_family_notice_goes_by_email_and_sms_once_without_naming_the_child() {
    use ettlag_core::policy::citizen::Citizen;
    use ettlag_core::relay::{ConcernDecision, Level};
    use ettlag_db::NoticeContact;
    use ettlag_web::sms::RecordingSms;

    let app = crate::world::World::start().await;
    let store = app.db.store.clone();
    store
        .citizen_access(
            Citizen {
                tenant: app.tenant.clone(),
                person: app.guardian_a.clone(),
            },
            "test",
        )
        .set_notice_contact(
            NoticeContact {
                email: Some("gro@familie.invalid".into()),
                phone: Some("40000000".into()),
            },
            "nb",
        )
        .await
        .expect("address");
    let actor = store
        .actor(&app.tenant, &app.staff_a)
        .await
        .expect("load")
        .expect("teacher");
    let teacher = store.access(actor, Purpose::FollowUp, "test");
    let concern = teacher
        .raise_concern(NewConcern {
            child: app.child_a1.clone(),
            unit: None,
            text: Text::parse("Trekker seg unna", 100).expect("text"),
            areas: Vec::new(),
            since: None,
        })
        .await
        .expect("concern");
    teacher
        .decide_concern(
            &concern,
            ConcernDecision::StartLog(Level::One),
            Some(ettlag_core::relay::FamilyInformed::Told {
                on: ettlag_core::Day::parse("2026-01-05").expect("date"),
                how: ettlag_core::relay::Channel::Meeting,
                who: ettlag_core::text::Text::parse("Mor", 200).expect("text"),
                said: ettlag_core::text::Text::parse("Ja", 200).expect("text"),
            }),
            None,
            None,
        )
        .await
        .expect("decide")
        .expect("log");

    let (port, inbox) = smtp_server(false).await;
    // Without a gateway the text message waits and the e-mail still goes.
    assert_eq!(mailer(port).send_due(&store).await, Ok(1));
    let waiting = store.outbox_unsent_on("sms").await.expect("outbox");
    assert_eq!(waiting.len(), 1);
    let sms = std::sync::Arc::new(RecordingSms::default());
    let mailer = mailer(port).with_sms(sms.clone());
    assert_eq!(mailer.send_due(&store).await, Ok(1));
    assert_eq!(mailer.send_due(&store).await, Ok(0), "and only once");
    let received = inbox.lock().expect("inbox").clone();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].to, vec!["gro@familie.invalid".to_string()]);
    let text = unquote(&received[0].data);
    assert!(text.contains("Det er noe nytt om barnet ditt"), "{text}");
    assert!(
        text.contains("https://ettlag.testvik.invalid/portal"),
        "{text}"
    );
    let sent = sms.sent();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].0, "40000000");
    assert!(sent[0].1.contains("https://ettlag.testvik.invalid/portal"));
    for name in ["Ada", "Testesen", app.child_a1.as_str()] {
        assert!(!text.contains(name) && !sent[0].1.contains(name), "{name}");
    }
    app.stop().await;
}
