//! The crate's one error type: each variant is one kind of failure, and those about
//! a thing name it (the path, the parameter, the document id, the address). The HTTP layer maps variants to status codes in
//! `http/error.rs`; nothing here knows about HTTP.

use std::path::PathBuf;

/// Everything that can go wrong in clusterpool.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or directory could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The path that failed.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A search or request parameter is invalid.
    #[error("parameter `{param}`: {message}")]
    InvalidParam {
        /// The parameter's name as the client sent it.
        param: String,
        /// What is wrong with it.
        message: String,
    },
    /// No document has this id.
    #[error("no document with id {0:?}")]
    NotFound(String),
    /// Another indexing run holds the index writer.
    #[error("another indexing run is in progress on {0}")]
    IndexBusy(PathBuf),
    /// No index of the current version has been built in this directory (a reader
    /// never creates one).
    #[error("no index at {0}: run `clusterpool index` first")]
    NoIndex(PathBuf),
    /// The index directory holds something that is not a clusterpool index.
    #[error("index at {path}: {message}")]
    BadIndex {
        /// The index directory.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// The query log beside the index cannot be read or written as a log.
    #[error("query log {path}: {message}")]
    QueryLog {
        /// The log's file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// The admin token is missing or wrong.
    #[error("missing or wrong admin token")]
    Unauthorized,
    /// Admin endpoints are disabled because no token is configured.
    #[error("admin endpoints are disabled: no admin token is configured")]
    AdminDisabled,
    /// An error inside tantivy.
    #[error("index engine: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    /// The corpus path is not a folder.
    #[error("{0}: the corpus must be a directory")]
    NotADirectory(PathBuf),
    /// The corpus folder cannot be watched for changes (`serve --watch`).
    #[error("{path}: cannot watch for changes: {message}")]
    Watch {
        /// The corpus folder.
        path: PathBuf,
        /// Why.
        message: String,
    },
    /// The server cannot listen on, or stopped serving on, its address.
    #[error("listen on {addr}: {source}")]
    Listen {
        /// The address asked for (or bound).
        addr: std::net::SocketAddr,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The server's async runtime could not start.
    #[error("cannot start the async runtime: {0}")]
    Runtime(std::io::Error),
    /// Writing results to standard output failed (a closed pipe, a full disk).
    #[error("standard output: {0}")]
    Output(std::io::Error),
    /// The embedding model file is not one this reader can use.
    #[error("model file {path}: {message}")]
    Model {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// No embedding model could be found or fetched.
    #[error("no embedding model: {0}")]
    ModelUnavailable(String),
    /// A configuration or data file is malformed.
    #[error("{path}: {message}")]
    Config {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
}

impl Error {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// A bad parameter, naming it.
    pub fn param(param: impl Into<String>, message: impl Into<String>) -> Error {
        Error::InvalidParam {
            param: param.into(),
            message: message.into(),
        }
    }
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
