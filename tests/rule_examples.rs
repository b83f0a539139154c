//! Every example in every `rules/*.yaml` is a test: the rule fires exactly as often as the
//! example says, and what it says is pinned by an insta snapshot per card
//! (`tests/snapshots/`: each finding's place, the text it underlines and its message), so a
//! change that moves a span or rewords a message shows as a diff. Adding an example to a rule
//! file adds a test; `INSTA_UPDATE=always cargo test --test rule_examples` (or `cargo insta
//! review`) records its snapshot.

use std::sync::Arc;

use fairlint::check::check_text_with;
use fairlint::config::Settings;
use fairlint::originals::Original;

#[test]
fn rule_examples_fire_as_documented() {
    let settings = Settings::builtin();
    let mut failures = Vec::new();
    let mut count = 0;
    for rule in fairlint::rules::builtin() {
        let mut shown = String::new();
        for example in &rule.examples {
            count += 1;
            let originals: Vec<Arc<Original>> = example
                .originals
                .iter()
                .map(|(source, text)| {
                    Arc::new(Original {
                        source: source.clone(),
                        path: format!("{source}.txt"),
                        text: Arc::from(text.as_str()),
                        archive: None,
                    })
                })
                .collect();
            let mut settings = settings.clone();
            if let Some(options) = settings.rules.get_mut(&rule.id) {
                options.options.extend(example.options.clone());
            }
            let (_, findings) =
                check_text_with("example.txt", &example.text, &settings, &originals);
            let fired: Vec<_> = findings.iter().filter(|f| f.rule == rule.id).collect();
            shown.push_str(&format!("## {} (fires: {})\n", example.name, example.fires));
            for (key, value) in &example.options {
                let value = serde_json::to_string(value).unwrap_or_default();
                shown.push_str(&format!("options: {key} = {value}\n"));
            }
            for f in &fired {
                shown.push_str(&format!(
                    "{}..{} {:?}: {}\n",
                    f.span.start,
                    f.span.end,
                    example.text.get(f.span.clone()).unwrap_or(""),
                    f.message
                ));
            }
            if fired.len() != example.fires {
                failures.push(format!(
                    "{} / {}: expected {} finding(s), got {}: {:?}",
                    rule.id,
                    example.name,
                    example.fires,
                    fired.len(),
                    fired.iter().map(|f| &f.message).collect::<Vec<_>>()
                ));
            }
        }
        insta::assert_snapshot!(rule.id.clone(), shown);
    }
    assert!(count >= 12, "too few examples");
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
