// Embeds every rule card (`rules/`) and word list (`lexicons/`) into the binary, so that no Rust list
// of cards can fall out of step with the folder. A rule is its card plus one check function
// (CONTRIBUTING.md).
//
// The cards are embedded as JSON converted from their YAML here: every run starts by reading
// all of them, and parsing YAML was most of the cost of checking a short file (a process per
// article is how copy checks and pre-commit hooks run).
use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out_dir = std::env::var("OUT_DIR").unwrap();
    let mut out = String::new();
    for (name, dir) in [("RULE_FILES", "rules"), ("LEXICON_FILES", "lexicons")] {
        let dir = root.join(dir);
        println!("cargo:rerun-if-changed={}", dir.display());
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .expect("rules directory")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
            .collect();
        files.sort();
        writeln!(out, "pub static {name}: &[(&str, &str)] = &[").unwrap();
        for path in files {
            println!("cargo:rerun-if-changed={}", path.display());
            let file = path.file_name().unwrap().to_string_lossy();
            let json = Path::new(&out_dir).join(format!("{file}.json"));
            std::fs::write(&json, to_json(&path)).unwrap();
            writeln!(out, "    ({file:?}, include_str!({:?})),", json.display()).unwrap();
        }
        writeln!(out, "];").unwrap();
    }
    let dest = Path::new(&out_dir).join("embedded.rs");
    std::fs::write(dest, out).unwrap();
}

fn to_json(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let value: serde_yaml::Value = serde_yaml::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not valid YAML: {e}", path.display()));
    serde_json::to_string(&value).unwrap()
}
