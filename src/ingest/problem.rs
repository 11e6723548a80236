//! What goes wrong with a file, as types. A [`Problem`] is a file (or the run's
//! vocabulary) and its [`Reason`]: skipped with a [`Skip`], or indexed degraded
//! with warnings. Each `Skip` is one kind of failure with the figures that explain
//! it, and its `Display` is the line a curator reads in the report; the report's
//! JSON carries that line, the code and the tests look at the kind.

use std::path::PathBuf;

use serde::Serialize;

/// How bad a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The file was not indexed.
    Skipped,
    /// The file was indexed, but something in it was ignored.
    Degraded,
}

/// A file that was skipped or indexed with warnings, or a problem of the run, and
/// why. In JSON: `path`, `severity` and `reason` as one line a curator can act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Corpus-relative path (lossy for names that are not UTF-8), or the file the
    /// problem is about.
    pub path: String,
    /// What happened.
    pub reason: Reason,
}

/// What a [`Problem`] is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// The file was not indexed.
    Skipped(Skip),
    /// The file was indexed, but parts of it were ignored: one line each.
    Degraded(Vec<String>),
    /// The corpus's vocabulary could not be read; the message says what is used
    /// instead.
    Vocabulary(String),
    /// After the commit, something the run could not finish (the commit stands).
    AfterCommit(String),
}

impl Problem {
    /// A skipped file.
    pub fn skipped(path: impl Into<String>, skip: Skip) -> Problem {
        Problem {
            path: path.into(),
            reason: Reason::Skipped(skip),
        }
    }

    /// Skipped (not indexed) or degraded (indexed with parts ignored).
    pub fn severity(&self) -> Severity {
        match self.reason {
            Reason::Skipped(_) | Reason::Vocabulary(_) => Severity::Skipped,
            Reason::Degraded(_) | Reason::AfterCommit(_) => Severity::Degraded,
        }
    }

    /// The skip, when the file was skipped.
    pub fn skip(&self) -> Option<&Skip> {
        match &self.reason {
            Reason::Skipped(s) => Some(s),
            _ => None,
        }
    }
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Reason::Skipped(s) => write!(f, "{s}"),
            Reason::Degraded(warnings) => write!(f, "{}", warnings.join("; ")),
            Reason::Vocabulary(m) | Reason::AfterCommit(m) => write!(f, "{m}"),
        }
    }
}

impl Serialize for Problem {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Problem", 3)?;
        s.serialize_field("path", &self.path)?;
        s.serialize_field("severity", &self.severity())?;
        s.serialize_field("reason", &self.reason.to_string())?;
        s.end()
    }
}

/// Why a file was skipped.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Skip {
    /// The walk could not read a folder entry.
    #[error("cannot read: {0}")]
    Unlistable(String),
    /// Symbolic links are never followed (they could lead out of the corpus).
    #[error("symbolic link: not followed")]
    Symlink,
    /// A device, socket or pipe.
    #[error("not a regular file")]
    NotAFile,
    /// The name cannot be a document id.
    #[error("file name is not valid UTF-8 or not a plain relative path: rename it")]
    BadName,
    /// No extractor reads this kind of file.
    #[error("unsupported format (readable: md, html, txt, pdf, pptx, docx, odt, odp)")]
    Unsupported,
    /// The file could not be opened.
    #[error("cannot open: {0}")]
    Open(String),
    /// The file could not be read to the end.
    #[error("cannot read: {0}")]
    Read(String),
    /// Larger than the file-size limit.
    #[error("file is {bytes} bytes, over the limit of {limit} bytes")]
    TooLarge {
        /// Its size.
        bytes: u64,
        /// The limit.
        limit: u64,
    },
    /// It grew past the limit while being read.
    #[error("file grew over the limit of {limit} bytes while being read")]
    Grew {
        /// The limit.
        limit: u64,
    },
    /// Its metadata sidecar could not be read.
    #[error("sidecar: {0}")]
    Sidecar(Box<Skip>),
    /// A text format that is not UTF-8.
    #[error("not valid UTF-8 at byte offset {0}: save it as UTF-8")]
    NotUtf8(usize),
    /// An office file whose container or XML is damaged.
    #[error("{0}")]
    Damaged(String),
    /// An office file over one of the container limits (entries, decompressed bytes).
    #[error("{0}")]
    OverLimit(String),
    /// A PDF the extractor could not read.
    #[error("{0}")]
    Pdf(PdfSkip),
    /// More text than the extracted-text limit.
    #[error("extracted text is {bytes} bytes, over the limit of {limit} bytes")]
    TextTooLarge {
        /// The text's size.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
    /// Nothing to index.
    #[error("no text could be extracted (empty, or only images)")]
    NoText,
    /// An extractor panicked (a bug; the run goes on).
    #[error("the extractor panicked on this file")]
    Panicked,
    /// An extraction worker stopped without an answer.
    #[error("extraction did not finish")]
    Unfinished,
}

/// Why a PDF could not be read: the extractor runs in a limited child process.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PdfSkip {
    /// The child process could not start.
    #[error("cannot start the PDF extractor {}: {error}", helper.display())]
    Start {
        /// The program.
        helper: PathBuf,
        /// Why.
        error: String,
    },
    /// Over the time limit, and stopped.
    #[error("PDF extraction took longer than {0} s and was stopped")]
    Timeout(u64),
    /// Waiting for the child failed.
    #[error("waiting for the PDF extractor: {0}")]
    Wait(String),
    /// More text than the extracted-text limit.
    #[error("PDF text is larger than the extracted-text limit")]
    TextTooLarge,
    /// Damaged, or not a PDF.
    #[error("the PDF could not be parsed (damaged or not a PDF)")]
    Unparsable,
    /// The child exited with another failure.
    #[error("the PDF extractor failed (exit status {0})")]
    Failed(i32),
    /// Killed by a signal: the memory or CPU limit.
    #[error("the PDF extractor was killed (memory or CPU limit)")]
    Killed,
    /// The child's answer could not be read.
    #[error("the PDF extractor sent malformed output: {0}")]
    Malformed(String),
}

impl From<PdfSkip> for Skip {
    fn from(p: PdfSkip) -> Skip {
        Skip::Pdf(p)
    }
}
