//! Anonymous consultation: a national identity number is refused, names in
//! the register and dates are warned about until confirmed, and what is
//! stored links to no child.

use ettlag_core::anonymous::Finding;
use ettlag_core::text::Text;
use ettlag_db::{DbError, NewConsultation};

use crate::support::{as_actor, nin, store, world};

fn question(text: &str, w: &crate::support::World, confirmed: bool) -> NewConsultation {
    NewConsultation {
        with_unit: w.school_b.clone(),
        question: Text::parse(text, 4000).expect("text"),
        advice: None,
        confirmed,
    }
}

#[tokio::test]
async fn identifying_text_is_refused_or_warned_about_before_it_is_stored() {
    let w = world().await;
    let a = as_actor(&w, &w.teacher_a);
    let number = nin(2015, 3, 1);
    for confirmed in [false, true] {
        let r = a
            .record_consultation(question(
                &format!("Gjelder {}", number.as_str()),
                &w,
                confirmed,
            ))
            .await;
        assert!(
            matches!(r, Err(DbError::Refused("anonymous-error-nin"))),
            "{r:?}"
        );
    }
    let warned = a
        .record_consultation(question(
            "Ada Testesen er mye borte. Hva gjør vi?",
            &w,
            false,
        ))
        .await
        .expect("checked");
    assert_eq!(warned, Err(vec![Finding::Name("Ada Testesen".into())]));
    // A name no one in the register has warns the same way.
    let unknown = a
        .record_consultation(question(
            "Zyxwv Qwerty er mye borte. Hva gjør vi?",
            &w,
            false,
        ))
        .await
        .expect("checked");
    assert_eq!(unknown, Err(vec![Finding::Name("Zyxwv Qwerty".into())]));
    assert!(
        a.my_consultations().await.expect("list").is_empty(),
        "nothing stored"
    );

    let plain = "En jente på 11 år er mye borte. Hva gjør vi?";
    let id = a
        .record_consultation(question(plain, &w, false))
        .await
        .expect("stored")
        .expect("no warnings");
    let mine = a.my_consultations().await.expect("list");
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].id, id);
    assert_eq!(mine[0].question, plain);
    assert_eq!(mine[0].with_unit, "Sørli skole");
    // Someone else does not see it; the log records the creation.
    assert!(
        as_actor(&w, &w.teacher_b)
            .my_consultations()
            .await
            .expect("list")
            .is_empty()
    );
    let audit = store(&w)
        .audit_records(&w.tenant, 200)
        .await
        .expect("audit");
    assert!(
        audit
            .iter()
            .any(|r| r.event.resource_type == "consultation" && r.event.resource_id == id)
    );
    w.db.remove().await;
}
