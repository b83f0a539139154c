//! The CI formats, end to end through the library: `--format sarif` validated against the
//! official OASIS SARIF 2.1.0 schema (tests/data/sarif/, see NOTICE.md there), and
//! `--format github` workflow commands with GitHub's escaping.

use std::path::PathBuf;
use std::sync::OnceLock;

use fairlint::app::build_report;
use fairlint::cli::InputArgs;
use fairlint::emit::github::{escape_data, escape_property};
use fairlint::emit::{Format, Style, emit_check, sarif};
use fairlint::finding::Related;
use fairlint::report::RunReport;
use fairlint::rules::Severity;
use serde_json::Value;

const SCHEMA: &str = include_str!("data/sarif/sarif-schema-2.1.0.json");

const EXAMPLES: &[&str] = &[
    "examples/ceasefire-talks.txt",
    "examples/harbour-strike.md",
    "examples/no-source-list.txt",
    "examples/school-meals.md",
];

fn report(paths: &[&str]) -> RunReport {
    let args = InputArgs {
        paths: paths.iter().map(|p| p.to_string()).collect(),
        stdin_filename: None,
        config: None,
        ..InputArgs::default()
    };
    build_report(&args, true).unwrap_or_else(|e| panic!("config error: {e:?}"))
}

fn emit(report: &RunReport, format: Format) -> String {
    let mut buf = Vec::new();
    let style = Style {
        color: false,
        width: 100,
        quiet: false,
    };
    emit_check(report, format, style, &mut buf).expect("emit");
    String::from_utf8(buf).expect("UTF-8 output")
}

fn sarif_log(report: &RunReport) -> Value {
    let text = emit(report, Format::Sarif);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("SARIF is not JSON: {e}\n{text}"))
}

/// A fixture article in a folder of its own under the target dir, with an empty
/// `.fairlint.yaml` beside it so that no config further up changes the built-in rules.
fn fixture(name: &str, bytes: &[u8]) -> String {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("formats");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(".fairlint.yaml"), "").unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_str().unwrap().to_string()
}

fn validator() -> &'static jsonschema::Validator {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        let schema: Value = serde_json::from_str(SCHEMA).expect("schema is JSON");
        jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .expect("the SARIF schema compiles")
    })
}

/// Every way `log` breaks the schema, one line each.
fn schema_errors(log: &Value) -> Vec<String> {
    validator()
        .iter_errors(log)
        .map(|e| format!("at {}: {e}", e.instance_path()))
        .collect()
}

#[track_caller]
fn assert_valid(log: &Value) {
    let errors = schema_errors(log);
    assert!(
        errors.is_empty(),
        "SARIF output does not validate against the SARIF 2.1.0 schema ({} errors):\n{}\n\nlog:\n{}",
        errors.len(),
        errors.join("\n"),
        serde_json::to_string_pretty(log).unwrap()
    );
}

fn run(log: &Value) -> &Value {
    let runs = log["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 1, "one run");
    &runs[0]
}

fn results(log: &Value) -> &Vec<Value> {
    run(log)["results"].as_array().expect("results")
}

// --- SARIF ---------------------------------------------------------------------------------

#[test]
fn stored_schema_is_the_oasis_sarif_2_1_0_schema() {
    let schema: Value = serde_json::from_str(SCHEMA).unwrap();
    let id = schema["id"].as_str().or(schema["$id"].as_str()).unwrap();
    assert!(id.contains("oasis-open.org"), "{id}");
    assert!(id.ends_with("sarif-schema-2.1.0.json"), "{id}");
    assert_eq!(
        schema["properties"]["version"]["enum"],
        serde_json::json!(["2.1.0"])
    );
    let notice = include_str!("data/sarif/NOTICE.md");
    assert!(notice.contains("Copyright © OASIS Open"));
}

#[test]
fn the_validator_rejects_broken_logs() {
    // Proof that validation is really on: a log the schema must refuse.
    let mut log = sarif_log(&report(&["examples/harbour-strike.md"]));
    assert_valid(&log);
    let result = &mut log["runs"][0]["results"][0];
    result["level"] = Value::from("fatal");
    result["locations"][0]["physicalLocation"]["region"]["startLine"] = Value::from(0);
    result["locations"][0]["physicalLocation"]["region"]["endColumn"] = Value::from("9");
    let errors = schema_errors(&log);
    assert!(errors.len() >= 3, "{errors:#?}");
    let mut log = sarif_log(&report(&["examples/harbour-strike.md"]));
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"] =
        serde_json::json!({ "endColumn": 3 });
    assert!(
        !schema_errors(&log).is_empty(),
        "a region needs startLine, charOffset or byteOffset"
    );
}

#[test]
fn sarif_of_the_examples_validates_against_the_schema() {
    let report = report(EXAMPLES);
    let log = sarif_log(&report);
    assert_valid(&log);

    assert_eq!(log["version"], "2.1.0");
    let run = run(&log);
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "fairlint");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(
        driver["informationUri"],
        "https://github.com/fairlint/fairlint"
    );
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);

    let findings: usize = report.files.iter().map(|f| f.findings.len()).sum();
    assert!(findings > 5, "the examples trip every rule");
    assert_eq!(results(&log).len(), findings, "one result per finding");
    for result in results(&log) {
        let location = &result["locations"][0]["physicalLocation"];
        let uri = location["artifactLocation"]["uri"].as_str().unwrap();
        assert!(uri.starts_with("examples/"), "relative URI: {uri}");
        assert_eq!(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        let region = &location["region"];
        for key in [
            "startLine",
            "startColumn",
            "endLine",
            "endColumn",
            "charOffset",
            "charLength",
        ] {
            assert!(region[key].is_u64(), "{key} in {region}");
        }
        assert!(!result["message"]["text"].as_str().unwrap().is_empty());
    }
}

#[test]
fn every_rule_is_described_and_every_result_points_at_its_rule() {
    let log = sarif_log(&report(EXAMPLES));
    let rules = run(&log)["tool"]["driver"]["rules"].as_array().unwrap();
    let builtin = fairlint::rules::builtin();
    assert_eq!(rules.len(), builtin.len());
    for (descriptor, rule) in rules.iter().zip(builtin) {
        assert_eq!(descriptor["id"], rule.id.as_str());
        assert_eq!(
            descriptor["shortDescription"]["text"],
            rule.summary.as_str()
        );
        assert!(!descriptor["name"].as_str().unwrap().contains('-'));
        assert!(
            descriptor["fullDescription"]["text"]
                .as_str()
                .unwrap()
                .len()
                > 20
        );
        let markdown = descriptor["help"]["markdown"].as_str().unwrap();
        assert!(markdown.contains("## What it does"), "{markdown}");
        assert!(!descriptor["help"]["text"].as_str().unwrap().is_empty());
        let level = match rule.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "note",
        };
        assert_eq!(descriptor["defaultConfiguration"]["level"], level);
    }
    let mut seen = std::collections::BTreeSet::new();
    for result in results(&log) {
        let id = result["ruleId"].as_str().unwrap();
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], id, "ruleIndex of {id}");
        seen.insert(id.to_string());
    }
    assert!(seen.len() >= 4, "results of several rules: {seen:?}");
}

#[test]
fn levels_follow_the_severities() {
    assert_eq!(sarif::level(Severity::Error), "error");
    assert_eq!(sarif::level(Severity::Warning), "warning");
    assert_eq!(sarif::level(Severity::Info), "note");
    let report = report(EXAMPLES);
    let log = sarif_log(&report);
    let findings = report.files.iter().flat_map(|f| &f.findings);
    for (finding, result) in findings.zip(results(&log)) {
        assert_eq!(result["ruleId"], finding.rule.as_str());
        assert_eq!(result["level"], sarif::level(finding.severity));
    }
}

/// Line 2 has an em dash and a euro sign (three bytes each in UTF-8, one code point) before the
/// quote; line 1 has an Å (two bytes). Columns and offsets count code points.
const MULTIBYTE: &str = "Ålesund harbour news\n\
                         Fees — €4 a tonne — rose. “We are close to a deal.”\n\
                         \n\
                         Sources: Reuters\n";

#[test]
fn positions_count_code_points_after_multibyte_characters() {
    let path = fixture("multibyte.txt", MULTIBYTE.as_bytes());
    let log = sarif_log(&report(&[&path]));
    assert_valid(&log);
    let quote = results(&log)
        .iter()
        .find(|r| r["ruleId"] == "quote-unattributed")
        .unwrap_or_else(|| panic!("no quote-unattributed result: {log:#}"));
    let region = &quote["locations"][0]["physicalLocation"]["region"];

    // Worked out by hand: “ is the 27th character of line 2 (the 33rd byte).
    assert_eq!(region["startLine"], 2, "{region}");
    assert_eq!(region["startColumn"], 27, "{region}");
    assert_eq!(region["charOffset"], 21 + 26, "{region}");

    // And in general: the region is exactly where its snippet is, counted in characters.
    let snippet = region["snippet"]["text"].as_str().unwrap();
    assert!(snippet.contains("We are close to a deal"), "{snippet}");
    let start = MULTIBYTE.find(snippet).unwrap();
    let end = start + snippet.len();
    let line_col = |offset: usize| {
        let before = &MULTIBYTE[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        (
            before.matches('\n').count() + 1,
            before[line_start..].chars().count() + 1,
        )
    };
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (
            Some(line_col(start).0 as u64),
            Some(line_col(start).1 as u64)
        )
    );
    assert_eq!(
        (region["endLine"].as_u64(), region["endColumn"].as_u64()),
        (Some(line_col(end).0 as u64), Some(line_col(end).1 as u64))
    );
    assert_eq!(
        region["charOffset"].as_u64(),
        Some(MULTIBYTE[..start].chars().count() as u64)
    );
    assert_eq!(
        region["charLength"].as_u64(),
        Some(snippet.chars().count() as u64)
    );
    assert_ne!(
        region["charLength"].as_u64(),
        Some(snippet.len() as u64),
        "the snippet has multibyte quotation marks"
    );
}

#[test]
fn sarif_output_is_deterministic() {
    let first = emit(&report(EXAMPLES), Format::Sarif);
    let second = emit(&report(EXAMPLES), Format::Sarif);
    assert_eq!(first, second);
    assert!(!first.contains("TimeUtc"), "no timestamps");
    assert!(
        !first.contains(env!("CARGO_MANIFEST_DIR")),
        "no machine paths"
    );
}

#[test]
fn related_locations_carry_ids_messages_and_regions() {
    let path = fixture("related.txt", MULTIBYTE.as_bytes());
    let mut report = report(&[&path]);
    let euro = MULTIBYTE.find("€4").unwrap();
    let finding = &mut report.files[0].findings[0];
    finding.related = vec![
        Related {
            path: path.clone(),
            span: euro..euro + "€4".len(),
            char_span: 0..0,
            text: "the same article".into(),
            similarity: None,
            source: None,
        },
        Related {
            path: "originals/wire story.txt".into(),
            span: 10..42,
            char_span: 10..42,
            text: "“We are close to a deal,” the negotiator said.".into(),
            similarity: Some(0.91),
            source: None,
        },
    ];
    let log = sarif_log(&report);
    assert_valid(&log);
    let related = results(&log)[0]["relatedLocations"].as_array().unwrap();
    assert_eq!(related.len(), 2);
    assert_eq!(related[0]["id"], 1);
    assert_eq!(related[1]["id"], 2);
    assert_eq!(related[0]["message"]["text"], "the same article");
    let same = &related[0]["physicalLocation"]["region"];
    assert_eq!(
        (same["startLine"].as_u64(), same["startColumn"].as_u64()),
        (Some(2), Some(8))
    );
    assert_eq!(same["charLength"], 2);
    let other = &related[1]["physicalLocation"];
    assert_eq!(
        other["artifactLocation"]["uri"],
        "originals/wire%20story.txt"
    );
    assert_eq!(other["region"]["byteOffset"], 10);
    assert_eq!(other["region"]["byteLength"], 32);
    assert_eq!(related[1]["properties"]["similarity"], 0.91);
    // Findings without related places have no relatedLocations at all.
    assert!(
        results(&log)[1..]
            .iter()
            .all(|r| r.get("relatedLocations").is_none())
    );
}

/// An unlisted outlet after a multibyte character: its fix (add it to the source list) is a SARIF
/// `fix` whose replacement is placed by character offset, and applying it settles the finding.
#[test]
fn fixes_are_replacements_by_character_offset() {
    const UNLISTED: &str = "Prices in Zürich rose 4%, Al Jazeera reported.\n\nSources: Reuters\n";
    let path = fixture("fixable.md", UNLISTED.as_bytes());
    let log = sarif_log(&report(&[&path]));
    assert_valid(&log);
    let result = results(&log)
        .iter()
        .find(|r| r["ruleId"] == "source-unlisted")
        .expect("a source-unlisted result");
    let fixes = result["fixes"].as_array().expect("fixes");
    assert_eq!(fixes.len(), 1);
    assert_eq!(
        fixes[0]["description"]["text"],
        "Add “Al Jazeera” to the source list"
    );
    let change = &fixes[0]["artifactChanges"][0];
    assert_eq!(
        change["artifactLocation"]["uri"],
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    );
    let replacement = &change["replacements"][0];
    let offset = replacement["deletedRegion"]["charOffset"].as_u64().unwrap() as usize;
    let length = replacement["deletedRegion"]["charLength"].as_u64().unwrap() as usize;
    let inserted = replacement["insertedContent"]["text"].as_str().unwrap();
    let chars: Vec<char> = UNLISTED.chars().collect();
    let fixed: String = chars[..offset]
        .iter()
        .chain(inserted.chars().collect::<Vec<_>>().iter())
        .chain(chars[offset + length..].iter())
        .collect();
    assert_eq!(
        fixed,
        "Prices in Zürich rose 4%, Al Jazeera reported.\n\nSources: Reuters, Al Jazeera\n"
    );
    // Results without a fix have no `fixes` at all.
    assert!(
        results(&log)
            .iter()
            .filter(|r| r["ruleId"] != "source-unlisted")
            .all(|r| r.get("fixes").is_none())
    );
}

#[test]
fn input_errors_are_tool_execution_notifications() {
    let bad = fixture("bad-utf8.txt", b"ok\nab\xffcd\n");
    let report = report(&["examples/harbour-strike.md", "examples/missing.md", &bad]);
    let log = sarif_log(&report);
    assert_valid(&log);
    let invocation = &run(&log)["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notes = invocation["toolExecutionNotifications"].as_array().unwrap();
    assert_eq!(notes.len(), 2, "{notes:#?}");
    assert!(notes.iter().all(|n| n["level"] == "error"));
    let missing = &notes[0];
    assert!(
        missing["message"]["text"]
            .as_str()
            .unwrap()
            .contains("no such file"),
        "{missing}"
    );
    assert_eq!(
        missing["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "examples/missing.md"
    );
    let utf8 = &notes[1]["locations"][0]["physicalLocation"];
    assert!(
        utf8["artifactLocation"]["uri"]
            .as_str()
            .unwrap()
            .ends_with("/formats/bad-utf8.txt")
    );
    assert_eq!(utf8["region"]["startLine"], 2);
    assert_eq!(utf8["region"]["startColumn"], 3);
    // The file that could be read is still reported.
    assert!(!results(&log).is_empty());
}

#[test]
fn paths_become_percent_encoded_uris() {
    let path = fixture("desk, draft: v1 #2.md", MULTIBYTE.as_bytes());
    let log = sarif_log(&report(&[&path]));
    assert_valid(&log);
    let uri = results(&log)[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        .as_str()
        .unwrap();
    assert!(uri.starts_with("file:///"), "absolute path: {uri}");
    assert!(
        uri.ends_with("/formats/desk%2C%20draft%3A%20v1%20%232.md"),
        "{uri}"
    );
    assert_eq!(
        sarif::path_uri("./desk/Zürich 50%.md"),
        ("desk/Z%C3%BCrich%2050%25.md".to_string(), true)
    );
}

// --- GitHub workflow commands ------------------------------------------------------------

#[test]
fn github_escapes_data_like_the_actions_toolkit() {
    assert_eq!(escape_data("50% of\r\nthem"), "50%25 of%0D%0Athem");
    assert_eq!(escape_data("a: b, c"), "a: b, c", "data keeps : and ,");
    assert_eq!(
        escape_data("%0A"),
        "%250A",
        "an escape in the text stays text"
    );
    assert_eq!(escape_data("“€” ok"), "“€” ok");
}

#[test]
fn github_escapes_properties_like_the_actions_toolkit() {
    assert_eq!(
        escape_property("desk, draft: v1%\r\n.md"),
        "desk%2C draft%3A v1%25%0D%0A.md"
    );
    assert_eq!(escape_property("quote-unattributed"), "quote-unattributed");
}

#[test]
fn github_prints_one_command_per_finding() {
    let report = report(EXAMPLES);
    let text = emit(&report, Format::Github);
    let lines: Vec<&str> = text.lines().collect();
    let findings: Vec<_> = report.files.iter().flat_map(|f| &f.findings).collect();
    assert_eq!(lines.len(), findings.len(), "{text}");
    assert!(text.ends_with('\n') && !text.contains('\r'));
    for (line, finding) in lines.iter().zip(&findings) {
        let command = match finding.severity {
            Severity::Error => "::error ",
            Severity::Warning => "::warning ",
            Severity::Info => "::notice ",
        };
        assert!(line.starts_with(command), "{line}");
        let (properties, message) = line[command.len()..].split_once("::").unwrap();
        assert!(properties.starts_with("file=examples/"), "{line}");
        assert!(
            properties.ends_with(&format!(",title={}", finding.rule)),
            "{line}"
        );
        for key in ["line=", "endLine="] {
            assert!(properties.contains(key), "{line}");
        }
        assert!(
            message.starts_with(&escape_data(&finding.message)),
            "{line}"
        );
        if let Some(help) = &finding.help {
            assert!(message.ends_with(&escape_data(&format!("\nhelp: {help}"))));
        }
    }
    // A figure with a percent sign is escaped in the message.
    assert!(text.contains("“18%25”"), "{text}");
}

#[test]
fn github_positions_match_the_sarif_regions() {
    let path = fixture("github-multibyte.txt", MULTIBYTE.as_bytes());
    let report = report(&[&path]);
    let text = emit(&report, Format::Github);
    let line = text
        .lines()
        .find(|l| l.contains("title=quote-unattributed"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(line.contains(",line=2,col=27,endLine=2,"), "{line}");
}

#[test]
fn github_maps_levels_and_escapes_paths_and_messages() {
    let path = fixture("desk, draft: v1.md", MULTIBYTE.as_bytes());
    let mut report = report(&[&path]);
    let findings = &mut report.files[0].findings;
    assert!(findings.len() >= 2, "{findings:?}");
    findings.truncate(3);
    while findings.len() < 3 {
        let copy = findings[0].clone();
        findings.push(copy);
    }
    findings[0].severity = Severity::Error;
    findings[1].severity = Severity::Warning;
    findings[2].severity = Severity::Info;
    findings[0].message = "50% of\nthem: a, b".into();
    findings[0].help = None;
    // A span over two lines: GitHub takes columns only on one line.
    let second_line = MULTIBYTE.find("Fees").unwrap();
    findings[1].span = 0..second_line + 4;
    let text = emit(&report, Format::Github);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[0].starts_with("::error file="), "{}", lines[0]);
    assert!(lines[1].starts_with("::warning file="), "{}", lines[1]);
    assert!(lines[2].starts_with("::notice file="), "{}", lines[2]);
    let file = format!("file={}", escape_property(&path));
    assert!(file.ends_with("desk%2C draft%3A v1.md"), "{file}");
    assert!(lines.iter().all(|l| l.contains(&format!("{file},line="))));
    assert!(
        lines[0].ends_with("::50%25 of%0Athem: a, b"),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].contains(",line=1,endLine=2,title="),
        "no columns across lines: {}",
        lines[1]
    );
}

#[test]
fn github_reports_input_errors_as_error_commands() {
    let bad = fixture("github-bad-utf8.txt", b"ok\nab\xffcd\n");
    let report = report(&["examples/missing.md", &bad]);
    let text = emit(&report, Format::Github);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert_eq!(
        lines[0],
        "::error file=examples/missing.md::no such file or directory"
    );
    assert!(lines[1].starts_with("::error file="), "{}", lines[1]);
    assert!(
        lines[1].contains("bad-utf8.txt,line=2,col=3::invalid UTF-8"),
        "{}",
        lines[1]
    );
}
