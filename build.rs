// Embeds every rule card (`rules/`) and word list (`lexicons/`) into the binary, so that no Rust list
// of cards can fall out of step with the folder. A rule is its card plus one check function
// (CONTRIBUTING.md).
use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
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
            writeln!(out, "    ({file:?}, include_str!({:?})),", path.display()).unwrap();
        }
        writeln!(out, "];").unwrap();
    }
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("embedded.rs");
    std::fs::write(dest, out).unwrap();
}
