//! PDF: text per page and the document info (title, author, creation date). PDF
//! parsers panic, loop and balloon on hostile files, so extraction never runs in
//! the indexer's process: a child (`clusterpool extract-pdf FILE`) does it under an
//! address-space and CPU-time limit and is killed at the wall-clock limit; the
//! parent reads at most a bounded amount of its output. A bad PDF costs one child.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde::{Deserialize, Serialize};
use wait_timeout::ChildExt;

use super::{Limits, PdfSkip};
use crate::document::{Extracted, SectionKind};

/// What the child process sends back.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct PdfText {
    /// Text of each page, in order.
    pub pages: Vec<String>,
    /// `/Title` from the document info.
    pub title: Option<String>,
    /// `/Author`.
    pub author: Option<String>,
    /// Year of `/CreationDate`.
    pub year: Option<u32>,
}

/// The executable that runs `extract-pdf`: `CLUSTERPOOL_PDF_HELPER`, else this
/// program when it is `clusterpool`, else a `clusterpool` next to it (or one folder
/// up, where cargo puts binaries beside `deps/`).
pub fn helper() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CLUSTERPOOL_PDF_HELPER") {
        return Some(PathBuf::from(p));
    }
    let exe = std::env::current_exe().ok()?;
    let name = format!("clusterpool{}", std::env::consts::EXE_SUFFIX);
    if exe.file_name().is_some_and(|n| n == name.as_str()) {
        return Some(exe);
    }
    let dir = exe.parent()?;
    [dir.join(&name), dir.parent()?.join(&name)]
        .into_iter()
        .find(|p| p.is_file())
}

/// Extracts a PDF in a limited child process run from `helper` (default: [`helper`]).
pub fn extract(
    path: &Path,
    limits: &Limits,
    helper_exe: Option<&Path>,
) -> Result<Extracted, PdfSkip> {
    let helper = helper_exe
        .map(Path::to_path_buf)
        .or_else(helper)
        .ok_or_else(|| PdfSkip::Start {
            helper: PathBuf::from("clusterpool"),
            error: "not found next to this program (set CLUSTERPOOL_PDF_HELPER)".into(),
        })?;
    let mut cmd = Command::new(&helper);
    cmd.arg("extract-pdf")
        .arg(path)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    limit_child(&mut cmd, limits);
    let mut child = cmd.spawn().map_err(|e| PdfSkip::Start {
        helper: helper.clone(),
        error: e.to_string(),
    })?;
    let stdout = child.stdout.take();
    let cap = (limits.max_text_bytes as u64) * 2 + 64 * 1024;
    // Read in a thread so a child that writes a lot cannot block on a full pipe.
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(out) = stdout {
            let _ = out.take(cap + 1).read_to_end(&mut buf);
        }
        buf
    });
    let status = match child.wait_timeout(limits.timeout) {
        Ok(Some(status)) => status,
        Ok(None) => {
            let _ = child.kill();
            let _ = child.wait();
            let _ = reader.join();
            return Err(PdfSkip::Timeout(limits.timeout.as_secs()));
        }
        Err(e) => {
            let _ = child.kill();
            let _ = child.wait();
            let _ = reader.join();
            return Err(PdfSkip::Wait(e.to_string()));
        }
    };
    let out = reader.join().unwrap_or_default();
    // Checked first: a child cut off at the cap dies of a broken pipe.
    if out.len() as u64 > cap {
        return Err(PdfSkip::TextTooLarge);
    }
    if !status.success() {
        return Err(match status.code() {
            Some(3) => PdfSkip::Unparsable,
            Some(c) => PdfSkip::Failed(c),
            None => PdfSkip::Killed,
        });
    }
    let parsed: PdfText =
        serde_json::from_slice(&out).map_err(|e| PdfSkip::Malformed(e.to_string()))?;
    let mut x = Extracted::default();
    for (i, page) in parsed.pages.iter().enumerate() {
        x.push_section(SectionKind::Page, i as u32 + 1, &super::html::tidy(page));
    }
    x.meta.title = parsed.title;
    x.meta.author = parsed.author;
    x.meta.year = parsed.year;
    Ok(x)
}

#[cfg(unix)]
fn limit_child(cmd: &mut Command, limits: &Limits) {
    use std::os::unix::process::CommandExt;
    let memory = limits.max_memory_bytes;
    let cpu = limits.timeout.as_secs().max(1) + 1;
    // SAFETY: only async-signal-safe calls (setrlimit) between fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            let mem = libc::rlimit {
                rlim_cur: memory as libc::rlim_t,
                rlim_max: memory as libc::rlim_t,
            };
            let cpu = libc::rlimit {
                rlim_cur: cpu as libc::rlim_t,
                rlim_max: cpu as libc::rlim_t,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &mem) != 0
                || libc::setrlimit(libc::RLIMIT_CPU, &cpu) != 0
            {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

#[cfg(not(unix))]
fn limit_child(_cmd: &mut Command, _limits: &Limits) {}

/// The child's side: extract `path` and print [`PdfText`] as JSON. Exit status 3
/// when the file cannot be parsed.
pub fn run_child(path: &Path) -> i32 {
    let Ok(bytes) = std::fs::read(path) else {
        return 2;
    };
    let pages = match pdf_extract::extract_text_from_mem_by_pages(&bytes) {
        Ok(p) => p,
        Err(_) => return 3,
    };
    let mut out = PdfText {
        pages,
        ..PdfText::default()
    };
    if let Ok(doc) = pdf_extract::Document::load_mem(&bytes) {
        read_info(&doc, &mut out);
    }
    match serde_json::to_writer(std::io::stdout().lock(), &out) {
        Ok(()) => 0,
        Err(_) => 4,
    }
}

fn read_info(doc: &pdf_extract::Document, out: &mut PdfText) {
    use pdf_extract::Object;
    let Ok(info) = doc.trailer.get(b"Info") else {
        return;
    };
    let dict = match info {
        Object::Reference(id) => doc.get_object(*id).and_then(|o| o.as_dict()).ok(),
        Object::Dictionary(d) => Some(d),
        _ => None,
    };
    let Some(dict) = dict else {
        return;
    };
    let text = |key: &[u8]| -> Option<String> {
        match dict.get(key).ok()? {
            Object::String(bytes, _) => Some(pdf_string(bytes)).filter(|s| !s.trim().is_empty()),
            _ => None,
        }
    };
    out.title = text(b"Title");
    out.author = text(b"Author");
    out.year = text(b"CreationDate").and_then(|d| {
        let d = d.trim_start_matches("D:");
        d.get(..4)?.parse().ok()
    });
}

/// Decodes a PDF text string: UTF-16BE with a byte-order mark, else PDFDocEncoding
/// (Latin-1 for the characters that matter here).
fn pdf_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_string();
    }
    bytes.iter().map(|&b| b as char).collect()
}
