//! Every example in every `rules/*.yaml` is a test: the rule fires exactly as often as the
//! example says. Adding an example to a rule file adds a test.

use fairlint::check::check_text;
use fairlint::config::Settings;

#[test]
fn rule_examples_fire_as_documented() {
    let settings = Settings::builtin();
    let mut failures = Vec::new();
    let mut count = 0;
    for rule in fairlint::rules::builtin() {
        for example in &rule.examples {
            count += 1;
            let (_, findings) = check_text("example.txt", &example.text, &settings);
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
