//! Writing in a relay log through its forms: goals, measures, evaluations,
//! corrections that keep the original visible, level changes, and forms
//! filled in against an old version.

use ettlag_core::Day;

use super::support::{
    Browser, CONCERN, GOAL, assert_shows, entry_form, entry_of, esc, id_after, input_value, nb,
    open_log, options, raise, shown, textarea, within,
};
use crate::world::World as App;

#[tokio::test]
async fn goals_measures_and_evaluations_are_written_in_the_log() {
    let app = App::start().await;
    let a = Browser::sign_in(&app, "laerer.a").await;
    let (_, log) = open_log(&a, &app.child_a1).await;
    let path = format!("/logs/{log}");
    let entries = format!("{path}/entries");

    let version = a.version(&path).await;
    let fields = [
        ("kind", "goal"),
        ("text", GOAL),
        ("areas", "social"),
        ("version", &version),
    ];
    let location = a.post_ok(&entries, &fields).await;
    let goal = entry_of(&location);
    assert_eq!(location, format!("{path}?done=entry#e-{goal}"));
    let html = a.page(&location).await;
    assert_shows(&html, &nb("log-done-entry"));
    assert!(html.contains(&format!("id=\"e-{goal}\"")), "{html}");
    assert_shows(&html, GOAL);
    let (status, refused) = a
        .post_refused(&entries, &[("kind", "wish"), ("text", "Hva er dette?")])
        .await;
    assert_eq!(status, 422);
    assert_shows(&refused, &nb("entry-error-kind"));

    // A measure: the responsible person is one of the page's choices.
    let responsible = options(&html, "responsible")
        .first()
        .map(|(value, _)| value.clone())
        .expect("someone may be responsible");
    let staff_a = app.db.store.account("laerer.a").await.expect("account");
    let staff_a = staff_a.expect("laerer.a").staff_id;
    assert_eq!(responsible, format!("{staff_a}|{}", app.school_a));
    let start = input_value(entry_form(&html, "measure"), "start");
    let today = Day::parse(&start).expect("the form starts today");
    let (before, evaluate_by) = (today.add_days(-1), today.add_days(28));
    let (before_text, evaluate_text) = (before.to_string(), evaluate_by.to_string());
    let what = "Ada får en fast makker i friminuttene.";
    let version = input_value(&html, "version");
    let mut measure = vec![
        ("kind", "measure"),
        ("what", what),
        ("responsible", &responsible),
        ("start", &start),
        ("version", &version),
    ];

    let mut early = measure.clone();
    early.push(("evaluate_by", &before_text));
    let (status, html) = a.post_refused(&entries, &early).await;
    assert_eq!(status, 422);
    assert_shows(&html, &nb("entry-error-evaluation-before-start"));
    let form = entry_form(&html, "measure");
    assert!(form.starts_with("id=\"form-measure\" open"), "{form}");
    assert_eq!(textarea(form, "what"), esc(what));
    assert_eq!(input_value(form, "evaluate_by"), before_text);
    let html = a.page(&path).await;
    assert_shows(&html, &nb("log-no-measures"));
    assert_eq!(
        input_value(&html, "version"),
        version,
        "nothing was written"
    );

    measure.push(("evaluate_by", &evaluate_text));
    let measure_id = entry_of(&a.post_ok(&entries, &measure).await);
    let html = a.page(&path).await;
    let table = within(&html, "id=\"measures-h\"", "</table>");
    assert_shows(table, what);
    assert_shows(table, &shown(evaluate_by));
    assert_shows(table, "Navn laerer.a (Nordli skole)");
    // The evaluation form offers the measure.
    let evaluated = options(entry_form(&html, "evaluation"), "measure");
    assert_eq!(evaluated.len(), 1, "{evaluated:?}");
    assert_eq!(evaluated[0].0, measure_id);

    let learned = "Makkerordningen hjelper, men Ada trenger den lenger.";
    let next = today.add_days(56);
    let version = input_value(&html, "version");
    let next_text = next.to_string();
    let location = a
        .post_ok(
            &entries,
            &[
                ("kind", "evaluation"),
                ("measure", &measure_id),
                ("outcome", "continue"),
                ("learned", learned),
                ("next_evaluation", &next_text),
                ("version", &version),
            ],
        )
        .await;
    let evaluation = entry_of(&location);
    let html = a.page(&path).await;
    let line = within(&html, &format!("id=\"e-{evaluation}\""), "</li>");
    assert_shows(line, learned);
    assert_shows(line, "Fortsette");
    assert_shows(line, what);
    let table = within(&html, "id=\"measures-h\"", "</table>");
    assert_shows(table, &shown(next));
    assert!(!table.contains(&shown(evaluate_by)), "the next date counts");
    app.stop().await;
}

#[tokio::test]
async fn a_correction_is_a_new_entry_and_the_original_stays_visible() {
    let app = App::start().await;
    let a = Browser::sign_in(&app, "laerer.a").await;
    let (_, log) = open_log(&a, &app.child_a1).await;
    let path = format!("/logs/{log}");
    let entries = format!("{path}/entries");
    let version = a.version(&path).await;
    let goal = entry_of(
        &a.post_ok(
            &entries,
            &[
                ("kind", "goal"),
                ("text", GOAL),
                ("areas", "social"),
                ("version", &version),
            ],
        )
        .await,
    );
    let html = a.page(&path).await;
    let correct = format!("{path}/entries/{goal}/correct");
    assert!(html.contains(&format!("href=\"{correct}\"")), "{html}");

    let form = a.page(&correct).await;
    assert_eq!(
        textarea(&form, "text"),
        esc(GOAL),
        "the old text to start from"
    );
    assert_eq!(input_value(&form, "supersedes"), goal);
    assert_eq!(input_value(&form, "kind"), "goal");
    assert!(form.contains("value=\"social\" checked"), "{form}");

    let corrected = "Ada har to venner å være sammen med i friminuttene.";
    let version = input_value(&form, "version");
    let fields = [
        ("kind", "goal"),
        ("text", corrected),
        ("areas", "social"),
        ("supersedes", &goal),
        ("version", &version),
    ];
    let new_goal = entry_of(&a.post_ok(&entries, &fields).await);
    assert_ne!(new_goal, goal);
    let html = a.page(&path).await;
    let old_line = within(&html, &format!("id=\"e-{goal}\""), "</li>");
    assert_shows(old_line, GOAL);
    assert_shows(old_line, "Rettet senere.");
    assert!(old_line.contains(&format!("href=\"#e-{new_goal}\"")));
    assert!(!old_line.contains(&correct), "only the newest is corrected");
    let new_line = within(&html, &format!("id=\"e-{new_goal}\""), "</li>");
    assert_shows(new_line, corrected);
    assert_shows(new_line, &nb("entry-corrects"));
    // The measure form links to the goal as it is now.
    let goals = options(entry_form(&html, "measure"), "goal");
    assert_eq!(goals.len(), 2, "no goal, or the corrected one: {goals:?}");
    assert_eq!(goals[1].0, new_goal);

    // The same correction sent twice: the form shows why, with what was typed.
    let (status, again) = a.post_refused(&entries, &fields).await;
    assert_eq!(status, 412);
    assert_shows(&again, &nb("error-stale"));
    assert_eq!(textarea(&again, "text"), esc(corrected));
    assert_eq!(input_value(&again, "supersedes"), new_goal);
    let html = a.page(&path).await;
    let timeline = within(&html, "id=\"timeline-h\"", "</ol>");
    assert_eq!(timeline.matches(corrected).count(), 1, "stored once");

    // A correction keeps the kind of what it corrects.
    let (status, html) = a
        .post_refused(
            &entries,
            &[
                ("kind", "observation"),
                ("text", "Ada lo i dag."),
                ("supersedes", &new_goal),
                ("version", &a.version(&path).await),
            ],
        )
        .await;
    assert_eq!(status, 422);
    assert_shows(&html, &nb("relay-error-correction-kind"));
    assert_eq!(a.get(&correct).await.0, 404, "already corrected");
    app.stop().await;
}

#[tokio::test]
async fn levels_change_with_a_reason_and_stale_forms_change_nothing() {
    let app = App::start().await;
    let a = Browser::sign_in(&app, "laerer.a").await;
    let (_, log) = open_log(&a, &app.child_a1).await;
    let path = format!("/logs/{log}");
    let level = format!("{path}/level");
    let html = a.page(&path).await;
    let levels: Vec<String> = options(&html, "level").into_iter().map(|o| o.0).collect();
    assert_eq!(levels, ["2", "3"]);
    let first = input_value(&html, "version");

    let fields = [
        ("level", "2"),
        ("reason", "PPT kommer inn."),
        ("version", &first),
    ];
    // Not without whether the family was told: refused in words, nothing changes.
    let (status, html) = a.post_refused(&level, &fields).await;
    assert_eq!(status, 422);
    assert_shows(&html, &nb("family-error-missing"));
    assert!(html.contains("href=\"#family-told\""), "{html}");
    assert!(html.contains("id=\"form-level\" open"), "{html}");
    assert_eq!(input_value(&a.page(&path).await, "version"), first);
    let fields = crate::world::with_told(&fields);
    assert_eq!(
        a.post_ok(&level, &fields).await,
        format!("{path}?done=level")
    );
    let html = a.page(&format!("{path}?done=level")).await;
    assert_shows(&html, &nb("log-done-level"));
    assert_shows(&html, "Nivå 2");
    assert_shows(&html, "Nivået ble endret fra 1 til 2");
    assert_shows(&html, "PPT kommer inn.");
    // The timeline says in plain words how the family was told.
    assert_shows(
        &html,
        "Mor ble informert i møte 05.01.2026: Hun vil gjerne være med.",
    );

    let second = input_value(&html, "version");
    let fields = crate::world::with_told(&[("level", "3"), ("reason", " "), ("version", &second)]);
    let (status, html) = a.post_refused(&level, &fields).await;
    assert_eq!(status, 422);
    assert_shows(&html, &nb("relay-error-reason"));
    assert!(html.contains("id=\"form-level\" open"), "{html}");
    assert_shows(&html, "Nivå 2");

    let fields = crate::world::with_told(&[
        ("level", "3"),
        ("reason", "BUP og barnevernet er med."),
        ("version", &second),
    ]);
    a.post_ok(&level, &fields).await;
    let html = a.page(&path).await;
    assert_shows(&html, "Nivå 3");
    assert_shows(&html, &nb("log-level-3-hint"));

    // Forms filled in against an old version are refused.
    let fields =
        crate::world::with_told(&[("level", "1"), ("reason", "Bedre nå."), ("version", &first)]);
    let (status, html) = a.post_refused(&level, &fields).await;
    assert_eq!(status, 412);
    assert_shows(&html, &nb("error-stale"));
    assert!(
        html.contains(
            "name=\"reason\" rows=\"3\" required maxlength=\"4000\">Bedre nå.</textarea>"
        ),
        "the reason typed is shown again"
    );
    let observation = [
        ("kind", "observation"),
        ("text", "Ada lo hele friminuttet."),
        ("version", &first),
    ];
    let (status, html) = a
        .post_refused(&format!("{path}/entries"), &observation)
        .await;
    assert_eq!(status, 412);
    assert_shows(&html, &nb("error-stale"));
    let form = entry_form(&html, "observation");
    assert!(form.starts_with("id=\"form-observation\" open"), "{form}");
    assert_eq!(textarea(form, "text"), "Ada lo hele friminuttet.");
    let html = a.page(&path).await;
    assert_shows(&html, "Nivå 3");
    assert!(!html.contains("fra 3 til 1") && !html.contains("Ada lo hele"));
    app.stop().await;
}

#[tokio::test]
async fn a_family_not_told_because_violence_is_suspected_points_to_the_duty_to_report() {
    let app = App::start().await;
    let a = Browser::sign_in(&app, "laerer.a").await;
    let concern = raise(&a, &app.child_a1, CONCERN).await;
    let page = format!("/concerns/{concern}");
    let html = a.page(&page).await;
    assert_shows(&html, &nb("family-legend"));
    assert_shows(&html, &nb("family-duty-hint"));
    let version = a.version(&page).await;
    let fields = [
        ("decision", "level-2"),
        ("family", "not_yet"),
        ("family_reason", "suspected_violence_or_abuse"),
        ("family_note", "Ada fortalte om slag hjemme."),
        ("version", &version),
    ];
    let location = a.post_ok(&format!("{page}/decision"), &fields).await;
    let log = id_after(&location, "/logs/");
    let html = a.page(&format!("/logs/{log}")).await;
    assert_shows(&html, &nb("family-duty-applies"));
    assert!(
        html.contains(&format!("href=\"/children/{}/reports/new\"", app.child_a1)),
        "a link to writing the report:\n{html}"
    );
    assert_shows(
        &html,
        "Familien er ikke informert ennå. Grunn: Mistanke om vold eller overgrep. Ada fortalte om slag hjemme.",
    );
    let print = a.page(&format!("/logs/{log}/print")).await;
    assert_shows(&print, &nb("family-duty-applies"));
    assert_shows(&print, "Ada fortalte om slag hjemme.");
    app.stop().await;
}
