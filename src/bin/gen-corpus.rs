//! `gen-corpus`: a deterministic synthetic corpus for scale benchmarks.
//!
//! ```text
//! gen-corpus --docs N --seed S --out DIR [--words bench/words] [--threads T] [--force]
//! ```
//!
//! Writes `N` documents under `DIR/gen/<lang>/<nnnn>/<lang>-<nnnnnnn>.{md,html}`
//! (`nnnn` = document number / 1000, so no folder holds more than 1000 files) and
//! `DIR/manifest.tsv` with one `id<TAB>lang<TAB>type` line per document, in document
//! order (`id` is the path relative to `DIR`, as the engine names documents).
//!
//! About 70 % of the documents are Markdown with YAML front matter and 30 % HTML
//! with `<meta name="FIELD">` tags, with the metadata fields and values of
//! `corpus/README.md` (title, type, country, organisation, topics, audience, module
//! for training modules, year). There is deliberately no `lang` field and no
//! `<html lang>`: the engine has to detect the language, and the manifest holds the
//! truth to compare with.
//!
//! Text: 150–900 words of body text per document (log-normal length, median about
//! 260), sampled word by word from the language's frequency list
//! (`bench/words/<lang>.tsv`, see `bench/words/README.md`) with Walker/Vose alias
//! tables, in sentences of 6–20 words (first word capitalised, full stop) grouped
//! in paragraphs under headings.
//!
//! Determinism: the output depends only on `--seed`, `--docs` and the word lists,
//! not on the number of threads. Every document has its own random stream: a
//! `xoshiro256**` generator whose state is filled by `SplitMix64` seeded from
//! (seed, document number). Both generators are the public-domain algorithms of
//! Blackman and Vigna (<https://prng.di.unimi.it/>), written out below.
//!
//! One file on purpose (about 940 lines): it is a standalone benchmark tool whose
//! output must stay byte-for-byte stable across versions, so the generators, the
//! alias tables, the metadata tables and the writers stay together where a change
//! to any of them is seen at once.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Instant;

use clusterpool::analysis::capitalise;

const USAGE: &str = "\
usage: gen-corpus --docs N --seed S --out DIR [--words DIR] [--threads T] [--force]

  --docs N      number of documents (k and M suffixes allowed: 10k, 1M)
  --seed S      seed (unsigned 64-bit integer); same seed, same corpus
  --out DIR     output folder; DIR/gen/ and DIR/manifest.tsv are written
  --words DIR   word lists <lang>.tsv (default: bench/words, else the crate's)
  --threads T   worker threads (default: available cores); output is the same
  --force       remove an existing DIR/gen/ and DIR/manifest.tsv first
";

/// Documents per folder and per unit of work.
const CHUNK: u64 = 1000;

// ---------------------------------------------------------------------------
// Random numbers
// ---------------------------------------------------------------------------

/// `SplitMix64` (Steele, Lea, Flood; Vigna's reference version): used only to seed.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// `xoshiro256**` 1.0 (Blackman, Vigna): the generator every document draws from.
struct Rng([u64; 4]);

impl Rng {
    /// The stream of document `doc` for corpus seed `seed`.
    fn for_doc(seed: u64, doc: u64) -> Rng {
        let key = SplitMix64(seed).next();
        let mut sm = SplitMix64(key ^ doc.wrapping_mul(0xD134_2543_DE82_EF95));
        Rng([sm.next(), sm.next(), sm.next(), sm.next()])
    }

    fn next_u64(&mut self) -> u64 {
        let s = &mut self.0;
        let result = s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }

    /// Uniform in `0..n` (Lemire's multiply-shift; the bias is below 2^-32 here).
    fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 32) * n as u64) >> 32) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// Standard normal (Box–Muller).
    fn normal(&mut self) -> f64 {
        let u = 1.0 - self.unit(); // (0, 1]
        let v = self.unit();
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }

    /// An index drawn with the given integer weights.
    fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut r = self.below(total as usize) as u32;
        for (i, &w) in weights.iter().enumerate() {
            if r < w {
                return i;
            }
            r -= w;
        }
        weights.len() - 1
    }

    /// `k` distinct items of `items`, in random order.
    fn pick<'a, T>(&mut self, items: &'a [T], k: usize, out: &mut Vec<&'a T>) {
        out.clear();
        while out.len() < k.min(items.len()) {
            let item = &items[self.below(items.len())];
            if !out.iter().any(|x| std::ptr::eq(*x, item)) {
                out.push(item);
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Word lists
// ---------------------------------------------------------------------------

/// A language's vocabulary with an alias table for sampling by frequency.
struct Vocabulary {
    words: Vec<String>,
    capitalised: Vec<String>,
    /// Probability (scaled to 2^32) of keeping column `i` rather than its alias.
    keep: Vec<u64>,
    alias: Vec<u32>,
}

impl Vocabulary {
    fn load(path: &Path) -> Result<Vocabulary, String> {
        let text =
            fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let mut words = Vec::new();
        let mut weights = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |why: &str| format!("{}:{}: {why}: {line:?}", path.display(), n + 1);
            let (word, freq) = line
                .split_once('\t')
                .ok_or_else(|| bad("expected word<TAB>frequency"))?;
            let freq: f64 = freq
                .trim()
                .parse()
                .map_err(|_| bad("frequency is not a number"))?;
            if !(freq.is_finite() && freq > 0.0) {
                return Err(bad("frequency must be positive"));
            }
            if word.is_empty() || !word.chars().all(char::is_alphabetic) {
                return Err(bad("word must be alphabetic"));
            }
            words.push(word.to_string());
            weights.push(freq);
        }
        if words.is_empty() {
            return Err(format!("{}: no words", path.display()));
        }
        if words.len() > u32::MAX as usize {
            return Err(format!("{}: too many words", path.display()));
        }
        let capitalised = words.iter().map(|w| capitalise(w)).collect();
        let (keep, alias) = alias_table(&weights);
        Ok(Vocabulary {
            words,
            capitalised,
            keep,
            alias,
        })
    }

    /// Index of a word drawn by frequency: one random number per draw.
    fn sample(&self, rng: &mut Rng) -> usize {
        let r = rng.next_u64();
        let column = (((r >> 32) * self.keep.len() as u64) >> 32) as usize;
        if (r & 0xFFFF_FFFF) < self.keep[column] {
            column
        } else {
            self.alias[column] as usize
        }
    }
}

/// Vose's alias method: `keep[i]` (scaled to 2^32) and `alias[i]` per column.
fn alias_table(weights: &[f64]) -> (Vec<u64>, Vec<u32>) {
    let n = weights.len();
    let total: f64 = weights.iter().sum();
    let mut scaled: Vec<f64> = weights.iter().map(|w| w * n as f64 / total).collect();
    let mut keep = vec![1u64 << 32; n];
    let mut alias: Vec<u32> = (0..n as u32).collect();
    let (mut small, mut large): (Vec<usize>, Vec<usize>) = (0..n).partition(|&i| scaled[i] < 1.0);
    while let (Some(s), Some(&l)) = (small.pop(), large.last()) {
        keep[s] = (scaled[s] * (1u64 << 32) as f64) as u64;
        alias[s] = l as u32;
        scaled[l] -= 1.0 - scaled[s];
        if scaled[l] < 1.0 {
            large.pop();
            small.push(l);
        }
    }
    // Whatever is left is 1 up to rounding: always keep it.
    (keep, alias)
}

// ---------------------------------------------------------------------------
// The metadata vocabulary (corpus/README.md)
// ---------------------------------------------------------------------------

/// Languages, with their share of documents (English most frequent).
const LANGS: [(&str, u32); 12] = [
    ("en", 25),
    ("da", 7),
    ("sv", 8),
    ("no", 7),
    ("fi", 7),
    ("et", 7),
    ("lv", 7),
    ("lt", 7),
    ("pl", 7),
    ("de", 7),
    ("ru", 6),
    ("fr", 5),
];

/// The country most material in a language is about, if any.
fn home_country(lang: &str) -> Option<&'static str> {
    Some(match lang {
        "da" => "DK",
        "sv" => "SE",
        "no" => "NO",
        "fi" => "FI",
        "et" => "EE",
        "lv" => "LV",
        "lt" => "LT",
        "pl" => "PL",
        "de" => "DE",
        _ => return None,
    })
}

const TYPES: [(&str, u32); 6] = [
    ("case-study", 25),
    ("tool", 25),
    ("programme", 15),
    ("presentation", 15),
    ("training-module", 10),
    ("other", 10),
];

const COUNTRIES: [&str; 10] = ["DK", "SE", "LV", "LT", "EE", "FI", "NO", "PL", "DE", "IS"];

/// Real national bodies behind cluster policy and programmes, by country.
const NATIONAL_BODIES: [(&str, &[&str]); 10] = [
    (
        "DK",
        &[
            "REG X",
            "Clusters Excellence Denmark",
            "Danmarks Erhvervsfremmebestyrelse",
        ],
    ),
    ("SE", &["VINNOVA", "Tillväxtverket"]),
    ("LV", &["LIAA", "Ekonomikas ministrija"]),
    (
        "LT",
        &["Inovacijų agentūra", "Ekonomikos ir inovacijų ministerija"],
    ),
    ("EE", &["Enterprise Estonia", "KredEx"]),
    ("FI", &["Business Finland", "Sitra"]),
    ("NO", &["Innovation Norway", "Siva", "Norges forskningsråd"]),
    ("PL", &["PARP", "Ministerstwo Rozwoju i Technologii"]),
    ("DE", &["go-cluster", "BMWK"]),
    ("IS", &["Rannís", "Íslandsstofa"]),
];

/// Real transnational bodies and networks of the region.
const TRANSNATIONAL_BODIES: [&str; 7] = [
    "Interreg Baltic Sea Region",
    "BSR Stars",
    "European Cluster Collaboration Platform",
    "ESCA",
    "Nordic Council of Ministers",
    "Enterprise Europe Network",
    "Interreg Central Baltic",
];

const TOPICS: [&str; 22] = [
    "cluster-management",
    "cluster-mapping",
    "member-survey",
    "benchmarking",
    "cluster-labels",
    "facilitation",
    "matchmaking",
    "internationalisation",
    "project-development",
    "evaluation",
    "strategy",
    "financing",
    "policy-design",
    "smart-specialisation",
    "triple-helix",
    "value-chains",
    "skills",
    "digitalisation",
    "green-transition",
    "communication",
    "transnational-cooperation",
    "funding-calls",
];

/// Training modules and their audiences, as in corpus/README.md.
const MODULES: [(&str, &[&str]); 8] = [
    ("basic-1", &["facilitator", "business-support"]),
    ("basic-2", &["facilitator", "business-support"]),
    ("advanced-1", &["facilitator", "business-support"]),
    ("advanced-2", &["facilitator", "business-support", "policy"]),
    ("advanced-3", &["facilitator", "policy"]),
    ("programme-1", &["policy"]),
    ("programme-2", &["policy", "business-support"]),
    ("programme-3", &["policy"]),
];

// ---------------------------------------------------------------------------
// Documents
// ---------------------------------------------------------------------------

struct Meta {
    title: String,
    description: String,
    doc_type: &'static str,
    countries: Vec<&'static str>,
    organisations: Vec<&'static str>,
    topics: Vec<&'static str>,
    audience: Vec<&'static str>,
    module: Option<&'static str>,
    year: u32,
}

/// Appends `n` words of running text (one sentence when `n` is 6–20).
fn sentence(out: &mut String, vocab: &Vocabulary, rng: &mut Rng, n: usize, full_stop: bool) {
    for i in 0..n {
        let w = vocab.sample(rng);
        if i == 0 {
            out.push_str(&vocab.capitalised[w]);
        } else {
            out.push(' ');
            out.push_str(&vocab.words[w]);
        }
        if i > 1 && i + 2 < n && rng.chance(0.06) {
            out.push(',');
        }
    }
    if full_stop {
        out.push('.');
    }
}

/// Body text: paragraphs of sentences, with a heading every few paragraphs.
/// Exactly `words` words in the paragraphs (headings come on top).
struct Body {
    /// `(heading, paragraphs)`; the first section has no heading.
    sections: Vec<(Option<String>, Vec<String>)>,
}

fn body(vocab: &Vocabulary, rng: &mut Rng, words: usize) -> Body {
    let mut sections: Vec<(Option<String>, Vec<String>)> = vec![(None, Vec::new())];
    let mut left = words;
    let mut paragraphs_in_section = 0;
    let mut section_len = rng.range(1, 3);
    while left > 0 {
        if paragraphs_in_section == section_len {
            let mut heading = String::with_capacity(48);
            let n = rng.range(2, 5);
            sentence(&mut heading, vocab, rng, n, false);
            sections.push((Some(heading), Vec::new()));
            paragraphs_in_section = 0;
            section_len = rng.range(2, 4);
        }
        let mut paragraph = String::with_capacity(800);
        let sentences = rng.range(2, 7);
        for s in 0..sentences {
            if left == 0 {
                break;
            }
            // Take everything when what would be left could not form a sentence.
            let n = if left <= 20 {
                left
            } else {
                rng.range(6, 20.min(left - 6))
            };
            if s > 0 {
                paragraph.push(' ');
            }
            sentence(&mut paragraph, vocab, rng, n, true);
            left -= n;
        }
        if let Some((_, paragraphs)) = sections.last_mut() {
            paragraphs.push(paragraph);
        }
        paragraphs_in_section += 1;
    }
    Body { sections }
}

fn metadata(lang: &str, vocab: &Vocabulary, rng: &mut Rng, bodies: &Bodies) -> Meta {
    let doc_type = TYPES[rng.weighted(&TYPES.map(|t| t.1))].0;

    // Countries: usually the language's own country first, then 0-2 others.
    let mut countries: Vec<&'static str> = Vec::with_capacity(3);
    let wanted = [1, 1, 1, 2, 2, 3][rng.below(6)];
    if let Some(home) = home_country(lang).filter(|_| rng.chance(0.85)) {
        countries.push(home);
    }
    while countries.len() < wanted {
        let c = COUNTRIES[rng.below(COUNTRIES.len())];
        if !countries.contains(&c) {
            countries.push(c);
        }
    }

    // Organisations: a national body of one of the countries, sometimes a second
    // one, sometimes a transnational body.
    let mut organisations: Vec<&'static str> = Vec::with_capacity(3);
    let n_orgs = [1, 1, 1, 2, 2, 3][rng.below(6)];
    for attempt in 0..12 {
        if organisations.len() == n_orgs {
            break;
        }
        let name = if attempt > 0 && rng.chance(0.3) {
            TRANSNATIONAL_BODIES[rng.below(TRANSNATIONAL_BODIES.len())]
        } else {
            let country = countries[rng.below(countries.len())];
            let list = bodies.get(country);
            list[rng.below(list.len())]
        };
        if !organisations.contains(&name) {
            organisations.push(name);
        }
    }

    let mut picked = Vec::with_capacity(4);
    let n_topics = rng.range(1, 4);
    rng.pick(&TOPICS, n_topics, &mut picked);
    let topics: Vec<&'static str> = picked.iter().map(|t| **t).collect();

    let (module, audience) = if doc_type == "training-module" {
        let (m, aud) = MODULES[rng.below(MODULES.len())];
        (Some(m), aud.to_vec())
    } else {
        let mut picked = Vec::with_capacity(3);
        let n = [1, 1, 2, 2, 3][rng.below(5)];
        rng.pick(&clusterpool::document::AUDIENCES, n, &mut picked);
        (None, picked.iter().map(|slug| **slug).collect())
    };

    let year = 2005 + rng.below(21) as u32;

    let mut title = String::with_capacity(80);
    let n = rng.range(3, 9);
    sentence(&mut title, vocab, rng, n, false);
    let mut description = String::with_capacity(160);
    let n = rng.range(10, 20);
    sentence(&mut description, vocab, rng, n, true);

    Meta {
        title,
        description,
        doc_type,
        countries,
        organisations,
        topics,
        audience,
        module,
        year,
    }
}

/// National bodies by country, looked up once.
struct Bodies(HashMap<&'static str, &'static [&'static str]>);

impl Bodies {
    fn new() -> Bodies {
        Bodies(NATIONAL_BODIES.iter().copied().collect())
    }

    fn get(&self, country: &str) -> &'static [&'static str] {
        self.0
            .get(country)
            .copied()
            .unwrap_or(&TRANSNATIONAL_BODIES)
    }
}

fn write_markdown(out: &mut String, meta: &Meta, body: &Body) {
    // Titles and names hold letters, spaces, commas and hyphens only: no quoting
    // problems in a double-quoted YAML string or a flow sequence.
    let _ = writeln!(
        out,
        "---\ntitle: \"{}\"\ntype: {}",
        meta.title, meta.doc_type
    );
    if let Some(m) = meta.module {
        let _ = writeln!(out, "module: {m}");
    }
    let _ = writeln!(out, "country: [{}]", meta.countries.join(", "));
    let _ = writeln!(out, "organisation: [{}]", meta.organisations.join(", "));
    let _ = writeln!(out, "topics: [{}]", meta.topics.join(", "));
    let _ = writeln!(out, "audience: [{}]", meta.audience.join(", "));
    let _ = writeln!(out, "year: {}\n---\n\n# {}\n", meta.year, meta.title);
    for (heading, paragraphs) in &body.sections {
        if let Some(h) = heading {
            let _ = writeln!(out, "## {h}\n");
        }
        for p in paragraphs {
            out.push_str(p);
            out.push_str("\n\n");
        }
    }
}

fn write_html(out: &mut String, meta: &Meta, body: &Body) {
    // Generated text and names contain no `<`, `>`, `&` or `"`: nothing to escape.
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n\
         <meta name=\"description\" content=\"{}\">\n<meta name=\"type\" content=\"{}\">\n",
        meta.title, meta.description, meta.doc_type
    );
    if let Some(m) = meta.module {
        let _ = writeln!(out, "<meta name=\"module\" content=\"{m}\">");
    }
    let _ = write!(
        out,
        "<meta name=\"country\" content=\"{}\">\n<meta name=\"organisation\" content=\"{}\">\n\
         <meta name=\"topics\" content=\"{}\">\n<meta name=\"audience\" content=\"{}\">\n\
         <meta name=\"year\" content=\"{}\">\n</head>\n<body>\n<main>\n<h1>{}</h1>\n",
        meta.countries.join(","),
        meta.organisations.join(","),
        meta.topics.join(","),
        meta.audience.join(","),
        meta.year,
        meta.title
    );
    for (heading, paragraphs) in &body.sections {
        if let Some(h) = heading {
            let _ = writeln!(out, "<h2>{h}</h2>");
        }
        for p in paragraphs {
            let _ = writeln!(out, "<p>{p}</p>");
        }
    }
    out.push_str("</main>\n</body>\n</html>\n");
}

/// Body length in words: log-normal, median 260, clamped to 150..=900.
fn body_words(rng: &mut Rng) -> usize {
    let w = (260f64.ln() + 0.45 * rng.normal()).exp();
    w.round().clamp(150.0, 900.0) as usize
}

// ---------------------------------------------------------------------------
// Driver
// ---------------------------------------------------------------------------

struct Args {
    docs: u64,
    seed: u64,
    out: PathBuf,
    words: PathBuf,
    threads: usize,
    force: bool,
}

fn parse_count(s: &str) -> Option<u64> {
    let s = s.replace('_', "");
    let (digits, mult) = match s.chars().last()? {
        'k' | 'K' => (&s[..s.len() - 1], 1_000),
        'm' | 'M' => (&s[..s.len() - 1], 1_000_000),
        _ => (&s[..], 1),
    };
    digits.parse::<u64>().ok()?.checked_mul(mult)
}

fn parse_args() -> Result<Args, String> {
    let mut docs = None;
    let mut seed = None;
    let mut out = None;
    let mut words = None;
    let mut threads = None;
    let mut force = false;
    let mut it = std::env::args_os().skip(1);
    while let Some(arg) = it.next() {
        let arg = arg
            .into_string()
            .map_err(|a| format!("argument is not UTF-8: {}", a.display()))?;
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = || -> Result<String, String> {
            match &inline {
                Some(v) => Ok(v.clone()),
                None => it
                    .next()
                    .ok_or_else(|| format!("{name} needs a value"))?
                    .into_string()
                    .map_err(|a| format!("{name}: value is not UTF-8: {}", a.display())),
            }
        };
        match name.as_str() {
            "--docs" => {
                let v = value()?;
                docs = Some(parse_count(&v).ok_or_else(|| {
                    format!("--docs: expected a whole number such as 1000 or 10k, got {v:?}")
                })?);
            }
            "--seed" => {
                let v = value()?;
                seed = Some(v.parse::<u64>().map_err(|_| {
                    format!("--seed: expected an unsigned 64-bit integer, got {v:?}")
                })?);
            }
            "--out" => out = Some(PathBuf::from(value()?)),
            "--words" => words = Some(PathBuf::from(value()?)),
            "--threads" => {
                let v = value()?;
                threads = Some(
                    v.parse::<usize>()
                        .ok()
                        .filter(|t| (1..=256).contains(t))
                        .ok_or_else(|| format!("--threads: expected 1 to 256, got {v:?}"))?,
                );
            }
            "--force" if inline.is_none() => force = true,
            "-h" | "--help" => {
                print!("{USAGE}");
                std::process::exit(0);
            }
            _ => return Err(format!("unknown argument {arg:?}")),
        }
    }
    let docs = docs.ok_or("--docs is required")?;
    if docs == 0 {
        return Err("--docs must be at least 1".into());
    }
    let words = words.unwrap_or_else(|| {
        let local = PathBuf::from("bench/words");
        if local.is_dir() {
            local
        } else {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/words")
        }
    });
    if !words.is_dir() {
        return Err(format!("--words: {} is not a folder", words.display()));
    }
    let threads = threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get().min(16)));
    Ok(Args {
        docs,
        seed: seed.ok_or("--seed is required")?,
        out: out.ok_or("--out is required")?,
        words,
        threads,
        force,
    })
}

struct Shared<'a> {
    args: &'a Args,
    vocabs: &'a [Vocabulary],
    bodies: &'a Bodies,
    next_chunk: AtomicU64,
    /// Manifest lines of each chunk, in chunk order.
    manifest: Mutex<Vec<Option<Vec<u8>>>>,
    bytes: AtomicU64,
    html: AtomicU64,
    per_lang: [AtomicUsize; 12],
}

fn worker(sh: &Shared) -> Result<(), String> {
    let result = generate(sh);
    if result.is_err() {
        // Stop the other workers at their next chunk.
        sh.next_chunk.store(u64::MAX / 2, Ordering::Relaxed);
    }
    result
}

fn generate(sh: &Shared) -> Result<(), String> {
    let args = sh.args;
    let chunks = args.docs.div_ceil(CHUNK);
    let lang_weights = LANGS.map(|l| l.1);
    let mut text = String::with_capacity(16 * 1024);
    let mut path = args.out.clone();
    loop {
        let chunk = sh.next_chunk.fetch_add(1, Ordering::Relaxed);
        if chunk >= chunks {
            return Ok(());
        }
        let mut manifest = Vec::with_capacity(CHUNK as usize * 48);
        let mut made_dir = [false; 12];
        let mut bytes = 0u64;
        let mut html = 0u64;
        let mut per_lang = [0usize; 12];
        let first = chunk * CHUNK;
        let last = (first + CHUNK).min(args.docs);
        for doc in first..last {
            let mut rng = Rng::for_doc(args.seed, doc);
            let li = rng.weighted(&lang_weights);
            let lang = LANGS[li].0;
            let vocab = &sh.vocabs[li];
            let is_html = rng.chance(0.3);
            let meta = metadata(lang, vocab, &mut rng, sh.bodies);
            let n_words = body_words(&mut rng);
            let body = body(vocab, &mut rng, n_words);
            text.clear();
            if is_html {
                write_html(&mut text, &meta, &body);
            } else {
                write_markdown(&mut text, &meta, &body);
            }

            let dir = format!("gen/{lang}/{chunk:04}");
            let id = format!(
                "{dir}/{lang}-{doc:07}.{}",
                if is_html { "html" } else { "md" }
            );
            if !made_dir[li] {
                path.push(&dir);
                fs::create_dir_all(&path)
                    .map_err(|e| format!("cannot create {}: {e}", path.display()))?;
                path.clone_from(&args.out);
                made_dir[li] = true;
            }
            path.push(&id);
            // One write per document: the whole file is built in memory first.
            fs::write(&path, text.as_bytes())
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            path.clone_from(&args.out);

            bytes += text.len() as u64;
            html += u64::from(is_html);
            per_lang[li] += 1;
            let _ = writeln!(
                ManifestLine(&mut manifest),
                "{id}\t{lang}\t{}",
                meta.doc_type
            );
        }
        sh.bytes.fetch_add(bytes, Ordering::Relaxed);
        sh.html.fetch_add(html, Ordering::Relaxed);
        for (total, n) in sh.per_lang.iter().zip(per_lang) {
            total.fetch_add(n, Ordering::Relaxed);
        }
        let mut m = sh.manifest.lock().map_err(|_| "a worker thread panicked")?;
        m[chunk as usize] = Some(manifest);
    }
}

/// `fmt::Write` into a byte buffer.
struct ManifestLine<'a>(&'a mut Vec<u8>);

impl std::fmt::Write for ManifestLine<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.extend_from_slice(s.as_bytes());
        Ok(())
    }
}

fn prepare_out(args: &Args) -> Result<(), String> {
    let gen_dir = args.out.join("gen");
    let manifest = args.out.join("manifest.tsv");
    let existing: Vec<&PathBuf> = [&gen_dir, &manifest]
        .into_iter()
        .filter(|p| fs::symlink_metadata(p).is_ok())
        .collect();
    if !existing.is_empty() {
        if !args.force {
            return Err(format!(
                "{} already exists: choose another --out or add --force to replace it",
                existing[0].display()
            ));
        }
        if gen_dir.exists() {
            fs::remove_dir_all(&gen_dir)
                .map_err(|e| format!("cannot remove {}: {e}", gen_dir.display()))?;
        }
        if fs::symlink_metadata(&manifest).is_ok() {
            fs::remove_file(&manifest)
                .map_err(|e| format!("cannot remove {}: {e}", manifest.display()))?;
        }
    }
    fs::create_dir_all(&gen_dir).map_err(|e| format!("cannot create {}: {e}", gen_dir.display()))
}

fn run(args: &Args) -> Result<(), String> {
    let start = Instant::now();
    let vocabs = LANGS
        .iter()
        .map(|(lang, _)| Vocabulary::load(&args.words.join(format!("{lang}.tsv"))))
        .collect::<Result<Vec<_>, _>>()?;
    prepare_out(args)?;
    let bodies = Bodies::new();
    let chunks = args.docs.div_ceil(CHUNK);
    let chunk_slots = usize::try_from(chunks).map_err(|_| "--docs is too large")?;
    let shared = Shared {
        args,
        vocabs: &vocabs,
        bodies: &bodies,
        next_chunk: AtomicU64::new(0),
        manifest: Mutex::new(vec![None; chunk_slots]),
        bytes: AtomicU64::new(0),
        html: AtomicU64::new(0),
        per_lang: std::array::from_fn(|_| AtomicUsize::new(0)),
    };
    let threads = args.threads.min(chunk_slots).max(1);
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads).map(|_| s.spawn(|| worker(&shared))).collect();
        let mut first_error = None;
        for h in handles {
            let result = h
                .join()
                .unwrap_or_else(|_| Err("a worker thread panicked".into()));
            if let Err(e) = result {
                first_error.get_or_insert(e);
            }
        }
        first_error.map_or(Ok(()), Err)
    })?;

    let manifest_path = args.out.join("manifest.tsv");
    let file = fs::File::create(&manifest_path)
        .map_err(|e| format!("cannot create {}: {e}", manifest_path.display()))?;
    let mut w = BufWriter::with_capacity(1 << 20, file);
    let parts = shared
        .manifest
        .into_inner()
        .map_err(|_| "a worker thread panicked")?;
    for part in parts.into_iter().flatten() {
        w.write_all(&part)
            .map_err(|e| format!("cannot write {}: {e}", manifest_path.display()))?;
    }
    w.flush()
        .map_err(|e| format!("cannot write {}: {e}", manifest_path.display()))?;

    let secs = start.elapsed().as_secs_f64();
    let bytes = shared.bytes.load(Ordering::Relaxed);
    let html = shared.html.load(Ordering::Relaxed);
    let langs: Vec<String> = LANGS
        .iter()
        .zip(&shared.per_lang)
        .map(|((l, _), n)| format!("{l} {}", n.load(Ordering::Relaxed)))
        .collect();
    // The summary is informational: a closed stdout (`| head`) is not an error.
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "gen-corpus: {} docs ({} md, {} html) in {}; seed {}, threads {}",
        args.docs,
        args.docs - html,
        html,
        args.out.display(),
        args.seed,
        threads
    );
    let _ = writeln!(out, "languages: {}", langs.join(", "));
    let _ = writeln!(
        out,
        "{} bytes ({:.1} MB, {:.0} B/doc) in {:.1} s: {:.0} docs/s, {:.1} MB/s",
        bytes,
        bytes as f64 / 1e6,
        bytes as f64 / args.docs as f64,
        secs,
        args.docs as f64 / secs,
        bytes as f64 / 1e6 / secs
    );
    Ok(())
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("gen-corpus: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen-corpus: {e}");
            ExitCode::FAILURE
        }
    }
}
