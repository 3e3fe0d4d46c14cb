//! FHIR R4 resources built from feedback: a pack as a `Questionnaire` (one
//! group per scale, one decimal item per line, 0–10 in steps of 0.1), an
//! answer as a `QuestionnaireResponse` and its total as an `Observation`.
//! Scores are integer tenths inside ettlag and become decimals only here.
//! The subject is referenced by ettlag's own person id, never by the
//! national identity number.

use ettlag_core::feedback::{Lang, Pack, Scale, Tenths};
use ettlag_db::{AnswerLine, EpisodeView};
use serde_json::{Value, json};

/// The system of ettlag's own codes for feedback totals (no LOINC code
/// exists for these scales, reference/fit.md §4).
const CODE_SYSTEM: &str = "urn:ettlag:feedback";
/// Decimal slider steps (Danish eHealth's extension; the standard one is
/// integer-only).
const SLIDER_STEP: &str = "http://ehealth.sundhed.dk/fhir/StructureDefinition/ehealth-questionnaire-sliderStepValueDecimal";

fn decimal(t: Tenths) -> Value {
    // Exact: a tenth as text, read back by serde_json as the same decimal.
    serde_json::from_str(&t.to_string()).unwrap_or(Value::Null)
}

fn canonical(pack: &Pack) -> String {
    format!("urn:ettlag:pack:{}", pack.id())
}

fn rfc3339(ms: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default()
}

fn link_id(scale: &Scale, item: &str) -> String {
    format!("{}.{item}", scale.id())
}

pub fn questionnaire(pack: &Pack, lang: Lang) -> Value {
    json!({
        "resourceType": "Questionnaire",
        "id": pack.id(),
        "url": canonical(pack),
        "version": pack.version(),
        "name": pack.id().replace(['-', '_'], ""),
        "title": pack.name(lang),
        "status": if pack.placeholder() { "draft" } else { "active" },
        "language": lang.code(),
        "item": pack.scales().iter().map(|scale| json!({
            "linkId": scale.id(),
            "type": "group",
            "text": scale.name(lang),
            "item": scale.items().iter().map(|item| {
                let text = item.text(lang);
                json!({
                    "linkId": link_id(scale, item.id()),
                    "type": "decimal",
                    "text": text.label,
                    "required": true,
                    "extension": [
                        {"url": "http://hl7.org/fhir/StructureDefinition/minValue", "valueDecimal": 0},
                        {"url": "http://hl7.org/fhir/StructureDefinition/maxValue", "valueDecimal": 10},
                        {"url": SLIDER_STEP, "valueDecimal": 0.1},
                        {"url": "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl",
                         "valueCodeableConcept": {"coding": [{
                            "system": "http://hl7.org/fhir/questionnaire-item-control",
                            "code": "slider"}]}},
                    ],
                })
            }).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}

pub fn questionnaire_response(e: &EpisodeView, pack: &Pack, a: &AnswerLine) -> Value {
    let Some(scale) = pack.scale(&a.scale_id) else {
        return Value::Null;
    };
    json!({
        "resourceType": "QuestionnaireResponse",
        "id": a.id,
        "questionnaire": format!("{}|{}", canonical(pack), pack.version()),
        "status": "completed",
        "subject": {"reference": format!("Patient/{}", e.person_id)},
        "authored": rfc3339(a.at_ms),
        "item": [{
            "linkId": scale.id(),
            "item": scale.items().iter().zip(&a.items).map(|(item, score)| json!({
                "linkId": link_id(scale, item.id()),
                "answer": [{"valueDecimal": decimal(*score)}],
            })).collect::<Vec<_>>(),
        }],
    })
}

pub fn observation(e: &EpisodeView, pack: &Pack, a: &AnswerLine, lang: Lang) -> Value {
    let name = pack
        .scale(&a.scale_id)
        .map(|s| s.name(lang).to_string())
        .unwrap_or_default();
    json!({
        "resourceType": "Observation",
        "id": a.id,
        "status": "final",
        "category": [{"coding": [{
            "system": "http://terminology.hl7.org/CodeSystem/observation-category",
            "code": "survey"}]}],
        "code": {"coding": [{
            "system": CODE_SYSTEM,
            "code": format!("{}.{}.total", pack.id(), a.scale_id),
            "display": name,
        }]},
        "subject": {"reference": format!("Patient/{}", e.person_id)},
        "effectiveDateTime": rfc3339(a.at_ms),
        // R4 has no valueDecimal on an Observation: a quantity in UCUM's
        // unitless "{score}".
        "valueQuantity": {
            "value": decimal(a.total),
            "unit": "{score}",
            "system": "http://unitsofmeasure.org",
            "code": "{score}",
        },
        "derivedFrom": [{"reference": format!("QuestionnaireResponse/{}", a.id)}],
    })
}
