//! End to end with a real editor, set up as docs/editors.md says: each Neovim snippet there is
//! cut out of the document at test time, written as init.lua, and a headless Neovim started with
//! it opens an article in a project. `tests/fixtures/neovim/harness.lua` then checks what a
//! person would see: the fairlint client attached with the project's root, its diagnostics
//! (with the project's `.fairlint.yaml` applied), a hover, and the quick fixes, one of which it
//! applies, after which the finding goes away.
//!
//! The snippet for Neovim 0.7 to 0.10 runs on the `nvim` on PATH (Debian's 0.7.2); the one for
//! Neovim 0.11 or later on the first of `$FAIRLINT_NVIM`, `nvim-0.11`, `nvim` that is 0.11 or
//! later. `scripts/setup-test-deps.sh` installs both and `.ci/run` calls it, so in CI a missing
//! Neovim is a failure, while on a laptop without one the test says so and passes. Each Neovim
//! is killed after 60 s: a hang fails the test.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

const DEADLINE: Duration = Duration::from_secs(60);
const ARTICLE: &str = "examples/ceasefire-talks.txt";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The Lua block that follows `<!-- tests/neovim.rs runs this block as init.lua: NAME -->` in
/// docs/editors.md.
fn documented_snippet(name: &str) -> String {
    let doc = std::fs::read_to_string(root().join("docs/editors.md")).unwrap();
    let marker = format!("<!-- tests/neovim.rs runs this block as init.lua: {name} -->");
    let at = doc
        .find(&marker)
        .unwrap_or_else(|| panic!("docs/editors.md has no `{marker}`"));
    let mut lines = doc[at + marker.len()..]
        .lines()
        .skip_while(|l| l.is_empty());
    assert_eq!(
        lines.next(),
        Some("```lua"),
        "a ```lua block must follow `{marker}`"
    );
    let mut code = String::new();
    for line in lines.by_ref() {
        if line == "```" {
            return code;
        }
        code.push_str(line);
        code.push('\n');
    }
    panic!("the block after `{marker}` is not closed");
}

/// `nvim --version`'s (major, minor, patch), or `None` when there is no such Neovim.
fn nvim_version(nvim: &str) -> Option<(u32, u32, u32)> {
    let out = Command::new(nvim).arg("--version").output().ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let version = text.lines().next()?.strip_prefix("NVIM v")?;
    let mut parts = version
        .split(|c: char| !c.is_ascii_digit())
        .map(|p| p.parse::<u32>().ok());
    Some((parts.next()??, parts.next()??, parts.next()??))
}

/// Skips (returns `None`) where no suitable Neovim is found, except in CI, which must have one.
fn require(found: Option<(String, (u32, u32, u32))>, wanted: &str) -> Option<(String, String)> {
    match found {
        Some((nvim, (major, minor, patch))) => Some((nvim, format!("{major}.{minor}.{patch}"))),
        None => {
            assert!(
                std::env::var_os("CI").is_none(),
                "{wanted} is missing in CI: .ci/run must call scripts/setup-test-deps.sh"
            );
            eprintln!("skipping: no {wanted} found (run scripts/setup-test-deps.sh)");
            None
        }
    }
}

/// Starts Neovim with `init` as its init.lua on a copy of the example article in a fresh project
/// (`.fairlint.yaml` in project/, `.git` one level up), runs the harness, and returns what it
/// wrote, with the project folder.
fn run_snippet(nvim: &str, name: &str, init: &str) -> (Value, PathBuf) {
    let dir = std::env::temp_dir().join(format!("fairlint-nvim-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let project = dir.join("project");
    std::fs::create_dir_all(dir.join(".git")).unwrap();
    std::fs::create_dir_all(project.join("articles")).unwrap();
    // The project's config must reach the server: source-unlisted is a warning by default.
    std::fs::write(
        project.join(".fairlint.yaml"),
        "rules:\n  source-unlisted: error\n",
    )
    .unwrap();
    let article = project.join("articles/ceasefire-talks.txt");
    std::fs::copy(root().join(ARTICLE), &article).unwrap();
    std::fs::write(dir.join("init.lua"), init).unwrap();
    let out = dir.join("result.json");

    // The snippet runs `fairlint` from PATH, as a user's would.
    let bin = Path::new(env!("CARGO_BIN_EXE_fairlint")).parent().unwrap();
    let path = std::env::join_paths(std::iter::once(bin.to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .unwrap();
    let mut command = Command::new(nvim);
    command
        .args(["--headless", "-i", "NONE", "-u"])
        .arg(dir.join("init.lua"))
        .arg("-c")
        .arg(format!(
            "luafile {}",
            root().join("tests/fixtures/neovim/harness.lua").display()
        ))
        .arg(&article)
        .env("PATH", path)
        .env("FAIRLINT_OUT", &out)
        .env_remove("FAIRLINT_ARCHIVE")
        .env_remove("NVIM_APPNAME")
        .env_remove("VIMINIT")
        .current_dir(&dir)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(dir.join("stdout")).unwrap())
        .stderr(std::fs::File::create(dir.join("stderr")).unwrap());
    // Nothing of the user's own Neovim set-up: config, plugins, state and logs live here.
    for (var, sub) in [
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_CACHE_HOME", "cache"),
    ] {
        command.env(var, dir.join("xdg").join(sub));
    }
    let mut child = command.spawn().expect("nvim starts");
    let deadline = Instant::now() + DEADLINE;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "Neovim ({nvim}, {name}) did not finish within {DEADLINE:?}; stderr:\n{}",
                std::fs::read_to_string(dir.join("stderr")).unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let stderr = std::fs::read_to_string(dir.join("stderr")).unwrap_or_default();
    let text = std::fs::read_to_string(&out).unwrap_or_else(|_| {
        panic!("the harness wrote no result ({nvim}, {name}, {status}); stderr:\n{stderr}")
    });
    let mut result: Value = serde_json::from_str(&text).unwrap();
    result["stderr"] = Value::String(stderr);
    (result, project)
}

fn codes(diagnostics: &Value) -> Vec<&str> {
    let mut codes: Vec<&str> = diagnostics
        .as_array()
        .unwrap_or_else(|| panic!("no diagnostics: {diagnostics:#?}"))
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    codes.sort();
    codes
}

/// What a person sees with the documented set-up.
fn check(result: &Value, project: &Path) {
    let context = format!("{result:#}");
    assert!(result["error"].is_null(), "{context}");
    // A broken init.lua (say `vim.fs` on 0.7) or a config the server rejects (say an empty Lua
    // table arriving as `[]`) shows up as an error message at start.
    let messages = result["messages"].as_str().unwrap_or_default();
    let stderr = result["stderr"].as_str().unwrap_or_default();
    for text in [messages, stderr] {
        assert!(
            !text.contains("rror")
                && !text.contains("invalid config")
                && !text.contains("fairlint config"),
            "{context}"
        );
    }
    assert_eq!(result["filetype"], "text", "{context}");
    assert_eq!(result["attached"], "fairlint", "{context}");
    assert_eq!(
        result["root_dir"].as_str().map(PathBuf::from).as_deref(),
        Some(project),
        "{context}"
    );

    let diagnostics = &result["diagnostics"];
    assert_eq!(
        codes(diagnostics),
        ["quote-unattributed", "source-unlisted"],
        "{context}"
    );
    let all = diagnostics.as_array().unwrap();
    assert!(all.iter().all(|d| d["source"] == "fairlint"), "{context}");
    let quote = all
        .iter()
        .find(|d| d["code"] == "quote-unattributed")
        .unwrap();
    // Line 4 of the article (0-based 3): the quote opens after "The Geneva round has been billed as ".
    assert_eq!(quote["lnum"], 3, "{context}");
    assert_eq!(
        quote["col"],
        "The Geneva round has been billed as ".len(),
        "{context}"
    );
    let unlisted = all.iter().find(|d| d["code"] == "source-unlisted").unwrap();
    assert_eq!(
        unlisted["severity"], 1,
        "the project's .fairlint.yaml makes source-unlisted an error: {context}"
    );
    assert!(
        result["hover"]
            .as_str()
            .is_some_and(|h| h.contains("quote-unattributed")),
        "{context}"
    );

    let actions: Vec<&str> = result["actions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        actions.contains(&"Disable quote-unattributed for this finding in .fairlint.yaml"),
        "{context}"
    );
    // Plain text is published as it is: the article is untouched, the config holds the entry.
    let original = std::fs::read_to_string(root().join(ARTICLE)).unwrap();
    let original: Vec<&str> = original.lines().collect();
    let after: Vec<&str> = result["lines_after"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(after, original, "{context}");
    let config = std::fs::read_to_string(project.join(".fairlint.yaml")).unwrap();
    assert!(
        config.contains("rule: quote-unattributed, text: \"“the last real chance"),
        "{config}\n{context}"
    );
    assert_eq!(
        codes(&result["diagnostics_after"]),
        ["source-unlisted"],
        "the server rechecked the edited buffer: {context}"
    );
}

#[test]
fn the_documented_snippet_for_neovim_0_7_to_0_10_works() {
    let found = nvim_version("nvim")
        .filter(|v| *v >= (0, 7, 0))
        .map(|v| ("nvim".to_string(), v));
    let Some((nvim, version)) = require(found, "nvim >= 0.7 on PATH") else {
        return;
    };
    eprintln!("running docs/editors.md's neovim-0.7 snippet on Neovim {version}");
    let (result, project) = run_snippet(&nvim, "0.7", &documented_snippet("neovim-0.7"));
    check(&result, &project);
    let _ = std::fs::remove_dir_all(project.parent().unwrap());
}

#[test]
fn the_documented_snippet_for_neovim_0_11_works() {
    let candidates = std::env::var("FAIRLINT_NVIM")
        .ok()
        .into_iter()
        .chain(["nvim-0.11".to_string(), "nvim".to_string()]);
    let found = candidates
        .filter_map(|nvim| nvim_version(&nvim).map(|v| (nvim, v)))
        .find(|(_, v)| *v >= (0, 11, 0));
    let Some((nvim, version)) = require(found, "Neovim >= 0.11 ($FAIRLINT_NVIM, nvim-0.11, nvim)")
    else {
        return;
    };
    eprintln!("running docs/editors.md's neovim-0.11 snippet on Neovim {version} ({nvim})");
    let (result, project) = run_snippet(&nvim, "0.11", &documented_snippet("neovim-0.11"));
    check(&result, &project);
    let _ = std::fs::remove_dir_all(project.parent().unwrap());
}
