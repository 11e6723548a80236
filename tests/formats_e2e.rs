//! Presentations and documents through the real extractors: PDF (in a limited child
//! process), PPTX, DOCX, ODT and ODP fixtures are found by their distinctive words,
//! and hostile files are reported while every good file is indexed.

mod common;

use std::io::Write;
use std::time::Duration;

use clusterpool::ingest::{PdfSkip, Skip};
use common::{Pool, copy_dir, fixture};

fn formats_pool() -> Pool {
    let pool = Pool::empty();
    copy_dir(&fixture("formats"), &pool.corpus.join("formats"));
    pool
}

#[tokio::test(flavor = "multi_thread")]
async fn each_office_format_and_pdf_is_found_by_its_word_with_title_and_type() {
    let pool = formats_pool();
    let report = pool.index();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.docs_in_index, 5);
    let server = pool.serve(None).await;
    let cases = [
        (
            "zyxpdfmarker",
            "formats/sample.pdf",
            "Sample PDF brief",
            "other",
            Some(("page", 2)),
        ),
        (
            "zyxpptxmarker",
            "formats/sample.pptx",
            "Sample PPTX deck",
            "presentation",
            Some(("slide", 4)),
        ),
        (
            "zyxnotesmarker",
            "formats/sample.pptx",
            "Sample PPTX deck",
            "presentation",
            Some(("slide", 2)),
        ),
        (
            "zyxdocxmarker",
            "formats/sample.docx",
            "Sample DOCX report",
            "other",
            None,
        ),
        (
            "zyxodtmarker",
            "formats/sample.odt",
            "Sample ODT brief",
            "other",
            None,
        ),
        (
            "zyxodpmarker",
            "formats/sample.odp",
            "Sample ODP deck",
            "presentation",
            Some(("slide", 2)),
        ),
    ];
    for (word, id, title, doc_type, location) in cases {
        let (status, body) = server.get(&format!("/api/search?q={word}")).await;
        assert_eq!(status, 200);
        assert_eq!(body["total"], 1, "{word}: {body}");
        let hit = &body["hits"][0];
        assert_eq!(hit["id"], id);
        assert_eq!(hit["title"], title, "{id}");
        assert_eq!(hit["type"], doc_type, "{id}");
        match location {
            Some((kind, number)) => {
                assert_eq!(hit["location"]["kind"], kind, "{word}: {hit}");
                assert_eq!(hit["location"]["number"], number, "{word}: {hit}");
            }
            None => assert!(hit["location"].is_null(), "{hit}"),
        }
    }
    // The deck's text keeps slide order and its sections.
    let (_, deck) = server.get("/api/documents/formats/sample.pptx").await;
    let sections = deck["sections"].as_array().unwrap();
    assert_eq!(sections.len(), 5);
    assert!(
        sections
            .iter()
            .enumerate()
            .all(|(i, s)| s["number"] == i as u64 + 1)
    );
}

/// A minimal PDF whose single page has a content stream that inflates to
/// `inflated` bytes of drawing operators: a flate bomb the parser chews on.
fn endless_content_pdf(inflated: usize) -> Vec<u8> {
    let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let chunk = "0 0 m 1 1 l S q Q BT ET ".repeat(4096);
    let mut written = 0;
    while written < inflated {
        enc.write_all(chunk.as_bytes()).unwrap();
        written += chunk.len();
    }
    let stream = enc.finish().unwrap();
    let mut pdf = Vec::new();
    let mut offsets = Vec::new();
    pdf.extend_from_slice(b"%PDF-1.4\n");
    let objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>".to_vec(),
        {
            let mut o = format!(
                "<< /Length {} /Filter /FlateDecode >>\nstream\n",
                stream.len()
            )
            .into_bytes();
            o.extend_from_slice(&stream);
            o.extend_from_slice(b"\nendstream");
            o
        },
    ];
    for (i, body) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        pdf.extend_from_slice(body);
        pdf.extend_from_slice(b"\nendobj\n");
    }
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for off in offsets {
        pdf.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

/// A zip whose one slide part inflates to `inflated` bytes of zeros.
fn zip_bomb(inflated: usize) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        zip.start_file("ppt/slides/slide1.xml", opts).unwrap();
        let zeros = vec![b'0'; 1 << 20];
        for _ in 0..inflated / zeros.len() {
            zip.write_all(&zeros).unwrap();
        }
        zip.finish().unwrap();
    }
    buf.into_inner()
}

/// Pseudo-random bytes without a crate: a linear congruential generator.
fn noise(len: usize, seed: u64) -> Vec<u8> {
    let mut x = seed;
    (0..len)
        .map(|_| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (x >> 56) as u8
        })
        .collect()
}

#[test]
fn hostile_files_are_reported_and_every_good_file_is_indexed() {
    let pool = formats_pool();
    copy_dir(&fixture("corpus"), &pool.corpus.join("good"));
    let hostile = pool.corpus.join("hostile");
    std::fs::create_dir_all(&hostile).unwrap();
    let sample_pdf = std::fs::read(fixture("formats/sample.pdf")).unwrap();
    std::fs::write(
        hostile.join("truncated.pdf"),
        &sample_pdf[..sample_pdf.len() / 3],
    )
    .unwrap();
    std::fs::write(hostile.join("endless.pdf"), endless_content_pdf(1 << 30)).unwrap();
    std::fs::write(hostile.join("bomb.pptx"), zip_bomb(64 << 20)).unwrap();
    let mut corrupt = b"PK\x03\x04".to_vec();
    corrupt.extend(noise(4096, 7));
    std::fs::write(hostile.join("corrupt.docx"), corrupt).unwrap();
    std::fs::write(hostile.join("random.pdf"), noise(8192, 11)).unwrap();
    std::fs::write(hostile.join("empty.txt"), b"").unwrap();
    let big = std::fs::File::create(hostile.join("huge.txt")).unwrap();
    big.set_len(50 * 1024 * 1024).unwrap();

    let report = pool.index_with(|o| {
        // Tight limits keep the test quick; the defaults are larger but work the same.
        // Time enough that only the memory cap can stop the endless PDF, which
        // inflates to 1 GiB.
        o.ctx.limits.timeout = Duration::from_secs(120);
        o.ctx.limits.max_memory_bytes = 512 << 20;
        o.ctx.limits.max_unzipped_bytes = 16 << 20;
    });
    common::assert_holds_what_it_indexed(&report);
    let skip = |name: &str| -> Skip {
        let p = report
            .problems
            .iter()
            .find(|p| p.path == format!("hostile/{name}"))
            .unwrap_or_else(|| panic!("{name} not reported: {:#?}", report.problems));
        p.skip()
            .cloned()
            .unwrap_or_else(|| panic!("{name} was not skipped: {p:?}"))
    };
    assert_eq!(skip("truncated.pdf"), Skip::Pdf(PdfSkip::Unparsable));
    assert_eq!(skip("endless.pdf"), Skip::Pdf(PdfSkip::Killed));
    assert!(
        matches!(skip("bomb.pptx"), Skip::OverLimit(_)),
        "{:?}",
        skip("bomb.pptx")
    );
    assert!(
        matches!(skip("corrupt.docx"), Skip::Damaged(ref m) if m.contains("zip")),
        "{:?}",
        skip("corrupt.docx")
    );
    assert_eq!(skip("random.pdf"), Skip::Pdf(PdfSkip::Unparsable));
    assert_eq!(skip("empty.txt"), Skip::NoText);
    assert!(
        matches!(
            skip("huge.txt"),
            Skip::TooLarge {
                bytes: 52_428_800,
                ..
            }
        ),
        "{:?}",
        skip("huge.txt")
    );

    // The counts are exactly what this test put in the corpus.
    let good = 5 + 12;
    assert_eq!(report.files_seen, good + 7);
    assert_eq!(report.skipped, 7);
    assert_eq!(report.added, good);
    assert_eq!(report.docs_in_index, good as u64);
    assert_eq!(report.by_format["pdf"].seen, 4);
    assert_eq!(report.by_format["pdf"].indexed, 1);
    assert_eq!(report.by_format["pdf"].skipped, 3);
    assert_eq!(report.by_format["pptx"].skipped, 1);
    assert_eq!(report.by_format["text"].skipped, 2);
    assert_eq!(report.by_format["markdown"].indexed, 9);
}

#[test]
fn index_command_prints_a_report_and_json() {
    let pool = formats_pool();
    std::fs::write(pool.corpus.join("notes.xyz"), b"unknown format").unwrap();
    let out = pool.cli().args(["index", "--json"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["added"], 5);
    assert_eq!(json["skipped"], 1);
    assert_eq!(json["problems"][0]["path"], "notes.xyz");
    assert!(
        json["problems"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("unsupported format")
    );

    let out = pool.cli().arg("index").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("0 added, 0 updated, 5 unchanged"), "{text}");
    assert!(
        text.contains("skipped  notes.xyz: unsupported format"),
        "{text}"
    );

    // Nothing committable (no corpus folder) is the one failing exit.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_clusterpool"))
        .env("CLUSTERPOOL_SEMANTIC", "off")
        .args(["--corpus", "/nonexistent/corpus", "--index"])
        .arg(&pool.index)
        .arg("index")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/corpus"));
}

#[test]
fn pdfs_that_crash_the_pdf_parser_under_fuzzing_cost_one_file_each() {
    // Reproducers found by `fuzz/` (target `pdf`): each makes pdf-extract or its
    // CMap parser panic, or loop. Through the product they are isolated in the
    // child process and reported; the run goes on.
    let pool = formats_pool();
    let regressions = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut crashers = 0;
    for entry in std::fs::read_dir(&regressions).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "pdf") {
            std::fs::copy(&path, pool.corpus.join(path.file_name().unwrap())).unwrap();
            crashers += 1;
        }
    }
    assert!(crashers >= 5);
    let report = pool.index_with(|o| o.ctx.limits.timeout = Duration::from_secs(5));
    common::assert_holds_what_it_indexed(&report);
    // Some reproducers trip only the fuzz build's debug assertions; those index.
    let skipped: Vec<_> = report
        .problems
        .iter()
        .filter(|p| !p.path.starts_with("formats/"))
        .collect();
    assert_eq!(
        report.docs_in_index as usize + skipped.len(),
        5 + crashers,
        "every file is accounted for"
    );
    assert!(skipped.len() * 2 >= crashers, "{skipped:#?}");
    for p in &skipped {
        assert!(matches!(p.skip(), Some(Skip::Pdf(_))), "{p:?}");
    }
    let engine = clusterpool::search::Engine::open(&pool.index).unwrap();
    for id in [
        "formats/sample.pdf",
        "formats/sample.pptx",
        "formats/sample.docx",
        "formats/sample.odt",
        "formats/sample.odp",
    ] {
        assert!(engine.document(id).is_ok(), "{id} lost");
    }
}
