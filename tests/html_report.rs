//! The HTML provenance report in a real browser: `fairlint report` writes the page for the
//! fixture articles in `tests/fixtures/html-report/` (a rewritten story with its original, and an
//! article whose text is HTML), headless Chromium renders it, and the test reads the DOM the
//! browser built and checks that the screenshot it took has something on it.
//!
//! `scripts/setup-test-deps.sh` installs Debian's `chromium`; `.ci/run` calls it, so in CI a
//! missing browser is a failure, while on a laptop without it the browser test says so and
//! passes. What needs no browser (the page loads nothing, markup in the text stays text) is
//! checked on the file itself either way.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html-report")
}

/// A fresh folder for one test's output.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("fairlint-html-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs `fairlint report` on both fixture articles and returns the page.
fn write_report(out: &Path) -> String {
    let status = Command::new(env!("CARGO_BIN_EXE_fairlint"))
        .args(["report", "ferry-cuts.md", "hostile.txt", "-o"])
        .arg(out)
        .current_dir(fixtures())
        .status()
        .expect("fairlint runs");
    // The articles have errors: `report` exits as `check` does, and the page is written anyway.
    assert_eq!(status.code(), Some(1));
    std::fs::read_to_string(out).expect("the report was written")
}

/// Every value of `attribute="…"` in `html`.
fn attribute_values<'a>(html: &'a str, attribute: &str) -> Vec<&'a str> {
    let needle = format!(" {attribute}=\"");
    html.match_indices(&needle)
        .map(|(at, _)| {
            let rest = &html[at + needle.len()..];
            &rest[..rest.find('"').unwrap_or(rest.len())]
        })
        .collect()
}

/// Nothing on the page points anywhere but into the page itself.
fn assert_loads_nothing(html: &str) {
    for href in attribute_values(html, "href") {
        assert!(href.starts_with('#'), "a link out of the page: {href}");
    }
    assert!(
        attribute_values(html, "src").is_empty(),
        "something to load: {:?}",
        attribute_values(html, "src")
    );
    assert!(!html.contains("url("), "the style sheet loads something");
    assert!(!html.contains("@import"), "the style sheet loads something");
    assert!(html.contains("Content-Security-Policy\" content=\"default-src 'none'"));
}

#[test]
fn the_page_loads_nothing_and_markup_in_articles_stays_text() {
    let dir = scratch("file");
    let html = write_report(&dir.join("report.html"));
    let _ = std::fs::remove_dir_all(&dir);
    assert_loads_nothing(&html);
    // hostile.txt's title holds a script and its quote an image: both only as text.
    assert!(!html.contains("<script"), "a script element in the page");
    assert!(!html.contains("<img"), "an image element in the page");
    assert!(html.contains("Council vote &lt;script&gt;document.title = "));
    assert!(html.contains("&lt;/script&gt; postponed"));
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt; is not a picture"));
}

fn chromium_available() -> bool {
    Command::new("chromium")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Headless Chromium with `args`, its stdout returned; killed if it takes over a minute.
fn chromium(profile: &Path, args: &[String]) -> String {
    let stdout = profile.with_extension("out");
    let mut child = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .stdout(std::fs::File::create(&stdout).unwrap())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("chromium did not finish within 60 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    std::fs::read_to_string(&stdout).unwrap()
}

/// Start tags of elements in the serialised DOM whose class attribute is exactly `class`.
fn count(dom: &str, class: &str) -> usize {
    dom.matches(&format!("class=\"{class}\"")).count()
}

#[test]
fn chromium_renders_the_report() {
    if !chromium_available() {
        assert!(
            std::env::var_os("CI").is_none(),
            "Chromium is missing in CI: .ci/run must call scripts/setup-test-deps.sh"
        );
        eprintln!("skipping: chromium not found (run scripts/setup-test-deps.sh)");
        return;
    }
    let dir = scratch("browser");
    let page = dir.join("report.html");
    write_report(&page);
    let url = format!("file://{}", page.display());
    let dom = chromium(
        &dir.join("profile-dom"),
        &["--dump-dom".into(), url.clone()],
    );
    let screenshot = dir.join("report.png");
    chromium(
        &dir.join("profile-shot"),
        &[
            format!("--screenshot={}", screenshot.display()),
            "--window-size=1200,1600".into(),
            url,
        ],
    );
    let png = std::fs::read(&screenshot).expect("chromium wrote the screenshot");
    if std::env::var_os("FAIRLINT_KEEP_SCREENSHOT").is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    } else {
        eprintln!("screenshot kept at {}", screenshot.display());
    }

    // The browser parsed a whole page, and nothing from the articles became an element or ran.
    assert!(dom.contains("</html>"), "{dom}");
    assert!(
        dom.contains("<title>Provenance report: 2 articles</title>"),
        "{dom}"
    );
    assert!(
        !dom.contains("<script"),
        "an article's script became an element"
    );
    assert!(
        !dom.contains("<img"),
        "an article's image became an element"
    );
    assert!(dom.contains("&lt;script&gt;document.title"));
    assert_loads_nothing(&dom);

    // One section per article, with the contents linking to them.
    assert_eq!(dom.matches("<section class=\"article\"").count(), 2);
    assert!(dom.contains("<a href=\"#article-2\">hostile.txt</a>"));

    // Quotes and figures marked by status, the attribution on hover.
    assert_eq!(count(&dom, "claim quote named"), 2, "{dom}");
    assert_eq!(count(&dom, "claim quote vague"), 3);
    assert_eq!(count(&dom, "claim quote none"), 1);
    assert_eq!(count(&dom, "claim figure none"), 1);
    assert!(count(&dom, "claim figure named") >= 4);
    assert!(count(&dom, "claim figure vague") >= 1);
    assert!(
        dom.contains("data-tip=\"Quote: named source\nSpeaker: Marit Olsen\nOutlet: Harbour Wire"),
        "{dom}"
    );

    // Findings in the margin beside their paragraph.
    assert!(dom.contains("<aside><div class=\"note error\" data-rule=\"copy-verbatim\">"));
    assert!(dom.contains("data-rule=\"quote-unattributed\""));

    // The copied passages beside the original, the shared words marked on both sides.
    assert!(count(&dom, "side article-side") >= 2);
    assert!(count(&dom, "side original-side") >= 2);
    assert!(
        dom.contains("<mark class=\"shared\">Islanders will have four ferry crossings"),
        "{dom}"
    );

    // The reuse share per original as a chart.
    assert!(dom.contains("<svg class=\"reuse-chart\""));
    assert!(dom.contains("data-source=\"Harbour Wire\""));
    assert_eq!(count(&dom, "bar-original"), 1);

    // A PNG of the asked size with a page on it (a blank one compresses to a few kilobytes).
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(png[20..24].try_into().unwrap());
    assert_eq!((width, height), (1200, 1600));
    assert!(
        png.len() > 40_000,
        "a nearly blank screenshot: {} bytes",
        png.len()
    );
}

/// Random articles built from pieces of an original, quotes, figures and markup, checked with
/// that original: every page they make nests its tags properly, whatever the overlaps of
/// quotes, figures and copied passages.
#[test]
fn pages_of_random_articles_are_well_formed() {
    use std::sync::Arc;

    use fairlint::check::check_text_with;
    use fairlint::config::Settings;
    use fairlint::originals::Original;
    use fairlint::report::{FileReport, RunReport};

    const PIECES: &[&str] = &[
        "Islanders will have four ferry crossings a day instead of seven from November",
        ", after the operator Norsund Lines said rising fuel costs had made the winter timetable unaffordable",
        "People living on the outer islands fear being cut off for days",
        " “We are losing money on every empty sailing,” ",
        " said Marit Olsen. ",
        "“A quote that runs on",
        "\n\n“and on,” officials said.",
        " 212,000 passengers ",
        " more than 300 jobs ",
        " <script>x</script> & \"quoted\" ",
        "\n\n",
        "\n\n# A heading\n\n",
        "\n\n- Harbour Wire: a headline\n",
        ". ",
    ];
    let original_text =
        std::fs::read_to_string(fixtures().join("originals/harbour-wire.txt")).unwrap();
    let original = Arc::new(Original {
        source: "Harbour Wire".into(),
        path: "harbour-wire.txt".into(),
        text: Arc::from(original_text),
        archive: None,
    });
    let settings = Settings::builtin();
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut copied = 0;
    for round in 0..300 {
        let pieces = 1 + next() % 24;
        let text: String = (0..pieces)
            .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
            .collect();
        let (analysis, findings) = check_text_with(
            "random.md",
            &text,
            &settings,
            std::slice::from_ref(&original),
        );
        let report = RunReport {
            files: vec![FileReport {
                path: "random.md".into(),
                analysis: Some(analysis),
                findings,
                errors: Vec::new(),
            }],
        };
        let page = fairlint::emit::html::page(&report);
        if let Err(problem) = well_formed(&page) {
            panic!("round {round}: {problem} in the page of {text:?}");
        }
        copied += usize::from(page.contains("<span class=\"copied\""));
    }
    // The rounds do overlap copied passages with claims, or the test proves little.
    assert!(copied > 30, "only {copied} pages with a copied passage");
}

/// Every tag the page's body opens is closed, innermost first. Input text never holds a raw `<` (it is
/// escaped), so every `<` starts a tag.
fn well_formed(page: &str) -> Result<(), String> {
    const VOID: &[&str] = &["meta", "rect", "!DOCTYPE"];
    let start = page.find("<body>").ok_or("no body")?;
    let end = page.rfind("</body>").ok_or("no body end")? + "</body>".len();
    let body = &page[start..end];
    let mut open: Vec<&str> = Vec::new();
    for tag in body.split('<').skip(1) {
        let tag = &tag[..tag.find('>').ok_or("an unclosed tag")?];
        if let Some(name) = tag.strip_prefix('/') {
            match open.pop() {
                Some(top) if top == name => continue,
                top => return Err(format!("</{name}> closes {top:?}")),
            }
        }
        let name = tag.split([' ', '/']).next().unwrap_or_default();
        if !VOID.contains(&name) && !tag.ends_with('/') {
            open.push(name);
        }
    }
    match open.as_slice() {
        [] => Ok(()),
        left => Err(format!("left open: {left:?}")),
    }
}
