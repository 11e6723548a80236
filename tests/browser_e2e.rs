//! The web page in a real browser: headless Chromium driven over WebDriver
//! (chromedriver + fantoccini) against a real server on 127.0.0.1. It types a
//! query, ticks a facet, sees the count change, opens a document and follows a
//! related-material link, saving screenshots for a person to look at.
//!
//! Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them). Where
//! they are missing the test says how to install them and passes, except in CI
//! (`CI=true`), where a missing browser is a failure.

mod common;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::Pool;
use fantoccini::{Client, ClientBuilder, Locator};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Kills chromedriver however the test ends.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn screenshots() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

async fn shot(client: &Client, name: &str) {
    let png = client.screenshot().await.expect("screenshot");
    std::fs::write(screenshots().join(name), png).unwrap();
}

async fn wait_for_text_change(client: &Client, css: &str, old: &str) -> String {
    let start = Instant::now();
    loop {
        if let Ok(el) = client.find(Locator::Css(css)).await
            && let Ok(text) = el.text().await
            && text != old
        {
            return text;
        }
        if start.elapsed() > Duration::from_secs(15) {
            let _ = shot(client, "failure.png").await;
            let url = client
                .current_url()
                .await
                .map(|u| u.to_string())
                .unwrap_or_default();
            panic!("{css} never changed from {old} (at {url}; see failure.png)");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The text of the first element `css` selects.
async fn text(client: &Client, css: &str) -> String {
    let el = client.find(Locator::Css(css)).await.unwrap();
    el.text().await.unwrap()
}

/// An attribute of the first element `css` selects.
async fn attr(client: &Client, css: &str, name: &str) -> Option<String> {
    let el = client.find(Locator::Css(css)).await.unwrap();
    el.attr(name).await.unwrap()
}

async fn click(client: &Client, css: &str) {
    client
        .find(Locator::Css(css))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

/// Polls the browser (WebDriver has no events to wait on) until the current
/// address satisfies `ready`, for at most 10 s; returns the address.
async fn wait_for_address(client: &Client, what: &str, ready: impl Fn(&str) -> bool) -> String {
    let start = Instant::now();
    loop {
        let url = client.current_url().await.unwrap().to_string();
        if ready(&url) {
            return url;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "{what} (at {url})"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Polls until the attribute `name` of `css` reads `want`, for at most 10 s.
async fn wait_for_attr(client: &Client, css: &str, name: &str, want: &str) {
    let start = Instant::now();
    loop {
        let now = attr(client, css, name).await;
        if now.as_deref() == Some(want) {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "{css} {name} stayed {now:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Whether the browser is here; in CI its absence is a failure.
fn browser_missing() -> bool {
    if !Path::new(CHROMIUM).exists() || !Path::new(CHROMEDRIVER).exists() {
        let msg = "Chromium is not installed: `apt-get install -y chromium chromium-driver` to run the browser test";
        assert!(std::env::var("CI").is_err(), "{msg}");
        eprintln!("skipped: {msg}");
        return true;
    }
    false
}

/// Headless Chromium driven over WebDriver, its browser language `accept_lang`
/// (what it sends as `Accept-Language`).
async fn browser(profile: &Path, accept_lang: &str) -> (Driver, Client) {
    let port = free_port();
    let driver = Driver(
        Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver"),
    );
    let caps: serde_json::Map<String, serde_json::Value> = serde_json::from_value(serde_json::json!({
        "goog:chromeOptions": {
            "binary": CHROMIUM,
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1400",
                format!("--user-data-dir={}", profile.display()),
                format!("--accept-lang={accept_lang}"),
            ],
            "prefs": { "intl.accept_languages": accept_lang }
        }
    }))
    .unwrap();
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    let started = Instant::now();
    let client = loop {
        match ClientBuilder::new(connector.clone())
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(c) => break c,
            Err(e) => {
                assert!(
                    started.elapsed() < Duration::from_secs(30),
                    "chromedriver: {e}"
                );
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        }
    };
    (driver, client)
}

/// The number a result count starts with ("12 results", "12 rezultāti").
fn leading_number(text: &str) -> u64 {
    let digits: String = text.chars().take_while(|c| c.is_ascii_digit()).collect();
    digits
        .parse()
        .unwrap_or_else(|_| panic!("no count in {text:?}"))
}

#[tokio::test(flavor = "multi_thread")]
async fn a_facilitator_searches_filters_and_follows_related_material_in_chromium() {
    if browser_missing() {
        return;
    }
    let pool = Pool::from_corpus();
    pool.index();
    let server = pool.serve(None).await;
    let (_driver, client) = browser(&pool.dir.path().join("chromium-profile"), "en").await;

    client.goto(&server.url("/")).await.unwrap();
    shot(&client, "01-home.png").await;
    let total_all = text(&client, "#result-count").await;

    // Type a query and submit it.
    let q = client.find(Locator::Css("#q")).await.unwrap();
    q.send_keys("cluster mapping").await.unwrap();
    click(&client, ".searchbar button[type=submit]").await;
    let searched = wait_for_text_change(&client, "#result-count", &total_all).await;
    let heading = text(&client, "#results-heading").await;
    assert!(heading.contains("cluster mapping"), "{heading}");
    shot(&client, "02-results.png").await;

    // Tick the Latvian facet: the count narrows (live with JavaScript).
    click(&client, "label[for^='f-lang-'][for$='6c76']").await;
    let narrowed = wait_for_text_change(&client, "#result-count", &searched).await;
    let (before, after) = (leading_number(&searched), leading_number(&narrowed));
    assert!(after < before && after > 0, "{before} -> {after}");
    let chip = text(&client, "ul.chips a").await;
    assert!(chip.contains("Latvian"), "{chip}");
    shot(&client, "03-latvian.png").await;

    // Open the first document, then follow related material.
    click(&client, "ol.hits li.hit h3 a").await;
    client
        .wait()
        .for_element(Locator::Css("article.document h1"))
        .await
        .unwrap();
    assert!(
        client
            .current_url()
            .await
            .unwrap()
            .path()
            .starts_with("/doc/")
    );
    shot(&client, "04-document.png").await;
    let first_doc = client.current_url().await.unwrap().to_string();
    let related_title = text(&client, "section.related li a").await;
    click(&client, "section.related li a").await;
    wait_for_address(&client, "the related link did not navigate", |u| {
        u != first_doc
    })
    .await;
    let h1 = client
        .wait()
        .for_element(Locator::Css("article.document h1"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(h1, related_title);
    shot(&client, "05-related.png").await;

    // A phone-width view of the search page.
    client.set_window_size(390, 844).await.unwrap();
    client
        .goto(&server.url("/?q=biedru%20aptauja"))
        .await
        .unwrap();
    shot(&client, "06-phone.png").await;
    client.close().await.unwrap();
    eprintln!("screenshots in {}", screenshots().display());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_latvian_browser_gets_the_page_in_latvian_and_can_switch_it_to_danish() {
    if browser_missing() {
        return;
    }
    let pool = Pool::from_corpus();
    pool.index();
    let server = pool.serve(None).await;
    let (_driver, client) = browser(&pool.dir.path().join("chromium-lv"), "lv").await;

    client.goto(&server.url("/?q=klasteri")).await.unwrap();
    assert_eq!(attr(&client, "html", "lang").await.as_deref(), Some("lv"));
    let button = text(&client, ".searchbar button[type=submit]").await;
    assert_eq!(button, "Meklēt");
    let language_facet = text(&client, "label[for^='f-lang-'][for$='6c76']").await;
    assert!(language_facet.starts_with("Latviešu"), "{language_facet}");
    shot(&client, "10-latvian.png").await;

    // The switch in the header: Dansk.
    click(&client, "nav.languages a[hreflang='da']").await;
    wait_for_attr(&client, "html", "lang", "da").await;
    let button = text(&client, ".searchbar button[type=submit]").await;
    assert_eq!(button, "Søg");
    shot(&client, "11-danish.png").await;

    // A facet ticked (the script sends the form): still Danish, the address
    // carries the choice, and so do the links of the new results.
    click(&client, "label[for^='f-lang-'][for$='6c76']").await;
    let url = wait_for_address(&client, "the filter was not applied", |u| {
        u.contains("lang=lv")
    })
    .await;
    assert!(url.contains("ui=da"), "{url}");
    let chip = text(&client, "ul.chips a").await;
    assert!(chip.contains("Lettisk"), "{chip}");
    let lang = attr(&client, "html", "lang").await;
    assert_eq!(lang.as_deref(), Some("da"));
    let doc_link = attr(&client, "ol.hits li.hit h3 a", "href").await.unwrap();
    assert!(doc_link.ends_with("?ui=da"), "{doc_link}");
    shot(&client, "12-danish-filtered.png").await;

    // Typing offers completions under the box, in the language ticked; a title
    // opens its document, still in Danish.
    let q = client.find(Locator::Css("#q")).await.unwrap();
    q.clear().await.unwrap();
    q.send_keys("klasteru kart").await.unwrap();
    let offered = wait_for_options(&client, "#suggestions [role=option]").await;
    assert!(
        offered.contains(&"klasteru kartēšana".to_string()),
        "{offered:?}"
    );
    assert_eq!(
        attr(&client, "#q", "aria-expanded").await.as_deref(),
        Some("true")
    );
    shot(&client, "13-suggestions.png").await;
    click(&client, "#suggestions [data-kind=title]").await;
    let url = wait_for_address(&client, "the title did not open its document", |u| {
        u.contains("/doc/")
    })
    .await;
    assert!(
        url.contains("lv-klasteru-kartesana") && url.ends_with("?ui=da"),
        "{url}"
    );
    client.close().await.unwrap();
}

/// Polls until `css` selects elements, for at most 10 s; returns their texts.
async fn wait_for_options(client: &Client, css: &str) -> Vec<String> {
    let start = Instant::now();
    loop {
        let mut values = Vec::new();
        for option in client.find_all(Locator::Css(css)).await.unwrap() {
            values.push(option.text().await.unwrap());
        }
        if !values.is_empty() {
            return values;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "no {css} appeared"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
