//! Every example in every `rules/*.yaml` is a test: the rule fires exactly as often as the
//! example says. Adding an example to a rule file adds a test.

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
            let (_, findings) =
                check_text_with("example.txt", &example.text, &settings, &originals);
            let fired: Vec<_> = findings.iter().filter(|f| f.rule == rule.id).collect();
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
    }
    assert!(count >= 12, "too few examples");
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
