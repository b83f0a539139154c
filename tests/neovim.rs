//! End to end with a real editor: Neovim (headless) starts `fairlint lsp`, opens an example
//! article and receives its diagnostics. `scripts/setup-test-deps.sh` installs Neovim; `.ci/run`
//! calls it, so in CI a missing Neovim is a failure, while on a laptop without it the test says
//! so and passes.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use serde_json::Value;

fn nvim_available() -> bool {
    Command::new("nvim")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn neovim_receives_diagnostics_from_fairlint_lsp() {
    if !nvim_available() {
        assert!(
            std::env::var_os("CI").is_none(),
            "Neovim is missing in CI: .ci/run must call scripts/setup-test-deps.sh"
        );
        eprintln!("skipping: nvim not found (run scripts/setup-test-deps.sh)");
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = std::env::temp_dir().join(format!("fairlint-nvim-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let article: PathBuf = dir.join("ceasefire-talks.txt");
    std::fs::copy(root.join("examples/ceasefire-talks.txt"), &article).unwrap();
    let out = dir.join("diagnostics.json");
    let mut child = Command::new("nvim")
        .args(["--headless", "--clean", "-c"])
        .arg(format!(
            "luafile {}",
            root.join("tests/e2e/neovim.lua").display()
        ))
        .env("FAIRLINT_BIN", env!("CARGO_BIN_EXE_fairlint"))
        .env("FAIRLINT_FILE", &article)
        .env("FAIRLINT_ROOT", &dir)
        .env("FAIRLINT_OUT", &out)
        .current_dir(&dir)
        .spawn()
        .expect("nvim starts");
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("Neovim did not finish within 60 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let result: Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("the script wrote its result"))
            .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    let diagnostics = result["diagnostics"].as_array().unwrap();
    let mut codes: Vec<&str> = diagnostics
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    codes.sort();
    assert_eq!(
        codes,
        ["quote-unattributed", "source-unlisted"],
        "{diagnostics:#?}"
    );
    let quote = diagnostics
        .iter()
        .find(|d| d["code"] == "quote-unattributed")
        .unwrap();
    // Line 4 of the article (0-based 3): the quote opens after "The Geneva round has been billed as ".
    assert_eq!(quote["lnum"], 3);
    assert_eq!(
        quote["col"],
        "The Geneva round has been billed as "
            .encode_utf16()
            .count()
    );
    assert_eq!(quote["source"], "fairlint");
    assert!(
        result["hover"]
            .as_str()
            .unwrap()
            .contains("quote-unattributed"),
        "{result:#?}"
    );
}
