//! Feedback exported as FHIR R4 JSON: the shapes another system reads.

use ettlag_core::feedback::Tenths;
use ettlag_core::policy::Purpose;
use ettlag_db::{NewEpisode, PackOrigin};

use crate::world::{World, json};

#[tokio::test]
async fn a_pack_an_answer_and_its_total_are_fhir_resources() {
    let w = World::start().await;
    let s = &w.db.store;
    s.install_pack_for(
        &w.tenant,
        include_str!("../../../../../packs/test.toml"),
        PackOrigin::Shipped,
    )
    .await
    .expect("store")
    .expect("pack");
    let teacher = s
        .actor(&w.tenant, &w.staff_a)
        .await
        .expect("load")
        .expect("actor");
    let a = s.access(teacher, Purpose::FollowUp, "fhir");
    let episode = a
        .start_feedback_episode(NewEpisode {
            person: w.child_a1.clone(),
            unit: w.school_a.clone(),
            pack_id: "test".into(),
            log_id: None,
            plan_id: None,
        })
        .await
        .expect("episode");
    let items = [73, 80, 80, 5].map(Tenths::new).to_vec();
    let answer = a
        .record_feedback_answer(&episode, "outcome", items)
        .await
        .expect("answer")
        .id;

    let r = w.get(&w.teacher_a, "/api/v1/fhir/Questionnaire/test").await;
    assert_eq!(
        r.headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/fhir+json")
    );
    let (status, q) = json(r).await;
    assert_eq!(status, 200);
    assert_eq!(q["resourceType"], "Questionnaire");
    assert_eq!(q["status"], "draft", "a placeholder pack is not active");
    assert_eq!(q["version"], "0.1");
    assert_eq!(q["item"][0]["linkId"], "outcome");
    assert_eq!(q["item"][0]["type"], "group");
    assert_eq!(q["item"][0]["item"][0]["linkId"], "outcome.a");
    assert_eq!(q["item"][0]["item"][0]["type"], "decimal");
    assert_eq!(q["item"][1]["item"].as_array().map(Vec::len), Some(2));

    let (status, qr) = json(
        w.get(
            &w.teacher_a,
            &format!("/api/v1/fhir/QuestionnaireResponse/{answer}"),
        )
        .await,
    )
    .await;
    assert_eq!(status, 200, "{qr}");
    assert_eq!(qr["resourceType"], "QuestionnaireResponse");
    assert_eq!(qr["status"], "completed");
    assert_eq!(qr["questionnaire"], "urn:ettlag:pack:test|0.1");
    let subject = format!("Patient/{}", w.child_a1);
    assert_eq!(qr["subject"]["reference"], subject.as_str());
    let answers = &qr["item"][0]["item"];
    assert_eq!(answers[0]["linkId"], "outcome.a");
    assert_eq!(answers[0]["answer"][0]["valueDecimal"], 7.3);
    assert_eq!(answers[3]["answer"][0]["valueDecimal"], 0.5);

    let (status, obs) = json(
        w.get(&w.teacher_a, &format!("/api/v1/fhir/Observation/{answer}"))
            .await,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(obs["resourceType"], "Observation");
    assert_eq!(obs["status"], "final");
    assert_eq!(obs["code"]["coding"][0]["code"], "test.outcome.total");
    assert_eq!(obs["valueQuantity"]["value"], 23.8);
    assert_eq!(obs["subject"]["reference"], subject.as_str());
    assert_eq!(
        obs["derivedFrom"][0]["reference"],
        format!("QuestionnaireResponse/{answer}").as_str()
    );
    // No national identity number anywhere in what is sent.
    let nin = crate::world::nin(2015, 3, 1);
    for body in [qr.to_string(), obs.to_string()] {
        assert!(!body.contains(nin.as_str()));
    }
    let (status, _) = json(
        w.get(&w.teacher_b, &format!("/api/v1/fhir/Observation/{answer}"))
            .await,
    )
    .await;
    assert_eq!(status, 404);
    w.stop().await;
}
