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
    std::fs::write(Path::new(&out_dir).join("thesaurus.rs"), thesaurus_table()).unwrap();
}

/// WordNet's synonyms as a table the copy checks read without loading anything: every stem
/// (Snowball English) of a one-word entry, sorted, and for each the stems of its synonyms. A
/// reworded sentence keeps the original's meaning in other words ("traders" / "dealers",
/// "kept" / "held"); the close-paraphrase check lets such words stand for one another.
///
/// Loading WordNet at run time costs more than checking a day's articles, so the table is
/// built here, once, from the thesaurus-wordnet crate.
fn thesaurus_table() -> String {
    use std::collections::{BTreeMap, BTreeSet, HashSet};

    let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
    let dictionary = thesaurus_wordnet::uncompress();
    let one_word = |w: &str| w.len() >= 3 && w.bytes().all(|b| b.is_ascii_lowercase());
    let entries: Vec<(&str, Vec<&str>)> = dictionary
        .lines()
        .filter_map(|line| {
            let mut words = line.split('|');
            let head = words.next()?;
            one_word(head).then(|| (head, words.filter(|w| one_word(w)).collect()))
        })
        .collect();
    // A synonym that is not itself an entry is one the crate's data cut short ("recko").
    let heads: HashSet<&str> = entries.iter().map(|(head, _)| *head).collect();
    let mut links: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (head, synonyms) in &entries {
        let from = stemmer.stem(head).into_owned();
        for synonym in synonyms.iter().filter(|s| heads.contains(*s)) {
            let to = stemmer.stem(synonym).into_owned();
            if to == from {
                continue;
            }
            links.entry(from.clone()).or_default().insert(to.clone());
            links.entry(to).or_default().insert(from.clone());
        }
    }
    let ids: BTreeMap<&str, u32> = links
        .keys()
        .enumerate()
        .map(|(i, stem)| (stem.as_str(), i as u32))
        .collect();
    // The stems as one string with their ends, rather than a slice of strings: no relocation
    // per stem for the loader to apply when the program starts.
    let mut out = String::from("pub static STEMS: &str = \"");
    for stem in links.keys() {
        out.push_str(stem);
    }
    out.push_str("\";\npub static STEM_ENDS: &[u32] = &[");
    let mut end = 0;
    for stem in links.keys() {
        end += stem.len();
        write!(out, "{end},").unwrap();
    }
    // An open-addressing hash table of the stems (entry + 1 per slot, 0 for empty), so a
    // lookup touches a slot or two rather than binary-searching a table the size of a cache.
    let slots = (links.len() * 2).next_power_of_two();
    let mut table = vec![0u32; slots];
    for (i, stem) in links.keys().enumerate() {
        let mut slot = stem_hash(stem) as usize & (slots - 1);
        while table[slot] != 0 {
            slot = (slot + 1) & (slots - 1);
        }
        table[slot] = i as u32 + 1;
    }
    out.push_str("];\npub static SLOTS: &[u32] = &[");
    for entry in table {
        write!(out, "{entry},").unwrap();
    }
    out.push_str("];\npub static STARTS: &[u32] = &[0,");
    let mut total = 0;
    for synonyms in links.values() {
        total += synonyms.len();
        write!(out, "{total},").unwrap();
    }
    out.push_str("];\npub static LINKS: &[u32] = &[");
    for synonyms in links.values() {
        for synonym in synonyms {
            write!(out, "{},", ids[synonym.as_str()]).unwrap();
        }
    }
    out.push_str("];\n");
    out
}

/// FNV-1a over a stem's bytes; `src/align/thesaurus.rs` hashes the same way.
fn stem_hash(stem: &str) -> u64 {
    stem.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn to_json(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let value: serde_yaml::Value = serde_yaml::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not valid YAML: {e}", path.display()));
    serde_json::to_string(&value).unwrap()
}
