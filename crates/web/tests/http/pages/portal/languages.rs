//! Plain language in every language the portal speaks: the pages a family
//! reads most — sign-in, home, the child's page, the log with a withheld
//! health entry, "yes or no to sharing", who has looked, writing to the
//! team, everything about us and notices — have a LIX of 40 or less in
//! bokmål, nynorsk, Danish and English alike; and every message of the
//! portal's own texts that is a sentence in bokmål has a LIX of 40 or less
//! in all four languages.

use ettlag_core::Day;
use ettlag_core::consent::Category;
use ettlag_core::readability::Lix;
use ettlag_core::relay::Entry;
use ettlag_db::now_ms;

use super::family_log::{teacher, text, write};
use super::{Family, assert_plain, open_log, parent_account};
use crate::world::World as App;

/// A log with a goal, a measure and a health entry the family does not see.
async fn a_log_with_something_in_it(app: &App) {
    let log = open_log(app).await;
    let t = teacher(app).await;
    let today = Day::from_ms(now_ms());
    for (entry, category) in [
        (
            Entry::Goal {
                text: text("Ada har en venn i friminuttene"),
                areas: Vec::new(),
            },
            Category::RelayLog,
        ),
        (
            Entry::Measure {
                what: text("Vi leker i gruppe hver dag"),
                responsible: app.staff_a.clone(),
                responsible_unit: app.school_a.clone(),
                start: today,
                evaluate_by: today.add_days(30),
                goal: None,
                measure_type: None,
            },
            Category::RelayLog,
        ),
        (
            Entry::Observation {
                text: text("Astma"),
            },
            Category::Health,
        ),
    ] {
        write(&t, &log, entry, category).await;
    }
}

#[tokio::test]
async fn every_main_portal_page_is_plain_in_bokmal_nynorsk_danish_and_english() {
    let app = App::start().await;
    parent_account(&app).await;
    a_log_with_something_in_it(&app).await;
    app.consent_for_school_b().await;
    let child = app.child_a1.as_str();
    let pages = [
        "/portal".to_string(),
        format!("/portal/children/{child}"),
        format!("/portal/children/{child}/log"),
        format!("/portal/children/{child}/consents"),
        format!("/portal/children/{child}/looked"),
        format!("/portal/children/{child}/write"),
        format!("/portal/children/{child}/document"),
        "/portal/notices".to_string(),
    ];
    for lang in ["nb", "nn", "da", "en"] {
        let login = app
            .browser_in(lang)
            .get(app.url("/portal/login"))
            .send()
            .await
            .expect("get")
            .text()
            .await
            .expect("body");
        assert_plain(&format!("{lang} /portal/login"), &login);
        let f = Family::sign_in_speaking(&app, lang).await;
        for path in &pages {
            let html = f.page(path).await;
            assert!(html.contains(&format!("lang=\"{lang}\"")), "{lang} {path}");
            assert_plain(&format!("{lang} {path}"), &html);
        }
    }
    app.stop().await;
}

/// The text of every message of a Fluent file, by id: variants and
/// continuation lines each on a line of their own, placeables (`{ $name }`,
/// a selector's `{ $n ->` and its closing `}`) left out, since what fills
/// them is not our wording.
fn messages(ftl: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in ftl.lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        if !line.starts_with(' ') {
            if let Some((id, value)) = line.split_once(" =") {
                out.push((id.trim().to_string(), without_placeables(value)));
            }
            continue;
        }
        let Some((_, text)) = out.last_mut() else {
            continue;
        };
        let body = line.trim_start();
        let body = match body.trim_start_matches('*').strip_prefix('[') {
            Some(rest) => rest.split_once(']').map_or("", |(_, t)| t),
            None => body,
        };
        text.push('\n');
        text.push_str(&without_placeables(body));
    }
    out
}

fn without_placeables(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(open) = rest.find(['{', '}']) {
        out.push_str(&rest[..open]);
        let tail = &rest[open..];
        // A selector's closing brace, or a placeable (up to its `}`), or a
        // selector's opening (up to its `->`, keeping the variants).
        rest = match tail.strip_prefix('}') {
            Some(after) => after,
            None => match (tail.find('}'), tail.find("->")) {
                (close, Some(arrow)) if close.is_none_or(|c| arrow < c) => &tail[arrow + 2..],
                (Some(close), _) => &tail[close + 1..],
                _ => "",
            },
        };
    }
    out.push_str(rest);
    out
}

#[test]
fn every_sentence_the_portal_says_is_plain_in_every_language() {
    // A message of a few words is a label or a button; the rule is for
    // what the family reads as a sentence, chosen once in bokmål and then
    // held to in every language. Settings and the staff side's links are
    // staff's texts.
    const SENTENCE: usize = 6;
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    let read = |lang: &str, file: &str| {
        messages(&std::fs::read_to_string(dir.join(lang).join(file)).expect("ftl"))
    };
    let files: Vec<String> = std::fs::read_dir(dir.join("nb"))
        .expect("locales/nb")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|f| f.starts_with("portal") && f.ends_with(".ftl"))
        .collect();
    assert!(files.len() >= 3, "{files:?}");
    let (mut hard, mut checked) = (Vec::new(), 0);
    for file in &files {
        let sentences: Vec<String> = read("nb", file)
            .into_iter()
            .filter(|(id, text)| {
                !id.starts_with("setting-")
                    && !id.starts_with("portal-staff-")
                    && Lix::of(text).words >= SENTENCE
            })
            .map(|(id, _)| id)
            .collect();
        for lang in ["nb", "nn", "da", "en"] {
            let all = read(lang, file);
            for id in &sentences {
                let (_, text) = all
                    .iter()
                    .find(|(i, _)| i == id)
                    .unwrap_or_else(|| panic!("{lang}/{file} lacks {id}"));
                let lix = Lix::of(text);
                if !lix.is_plain() {
                    hard.push(format!(
                        "{lang}/{file} {id}: LIX {:.0}: {text}",
                        lix.score()
                    ));
                }
                checked += 1;
            }
        }
    }
    assert!(checked >= 4 * 40, "only {checked} sentences were checked");
    assert!(hard.is_empty(), "{}", hard.join("\n"));
}
