//! clusterpool: faceted, multilingual search over the Baltic Sea Region's shared
//! pool of cluster practice material.
//!
//! # Map of the crate
//!
//! A **document** flows one way:
//!
//! ```text
//! corpus file ─ ingest (walk, limits, extract per format, metadata) ─ lang (detect)
//!             ─ analysis (per-language analyzers) ─ index (one commit per run)
//! ```
//!
//! A **query** flows the other way:
//!
//! ```text
//! HTTP / CLI parameters ─ search::request (validated once) ─ search::query (parse)
//!             ─ search::expand (concepts) ─ search::plan (ranked tantivy query)
//!             ─ search::facets (one pass: facets, count, page) ─ search::snippets
//!             ─ JSON (http::api), HTML (http::pages)
//! ```
//!
//! | module | stage |
//! | --- | --- |
//! | [`ingest`] | file → [`document::Extracted`] → [`document::Document`]: walking, formats, metadata, limits |
//! | [`lang`] | language identification over a bounded sample: cheap cues first, lingua among the languages they leave open |
//! | [`analysis`] | tokenizers and stemmers per language, including our Latvian stemmer |
//! | [`vocabulary`] | the multilingual concept vocabulary: tagging, labels, query expansion |
//! | [`schema`] | tantivy schema, field handles, the facet list |
//! | [`index`] | the writer: incremental runs, hashes, the report, one commit |
//! | [`embed`] | multilingual-e5-small in process: model file, fetch, tokenizer, encoder, passages and their vectors |
//! | [`search`] | the reader, a module per stage: request, query, expand, plan (bm25, coordination), facets, snippets |
//! | [`export`] | JSON lines and OpenSearch template + `_bulk` files of the processed pool |
//! | [`http`] | axum router, JSON API, the pages in twelve languages, Atom feeds, admin endpoints, the error mapping |
//! | [`querylog`] | the curators' count of searches (text and filters only), bounded and kept beside the index |
//! | [`watch`] | `serve --watch`: debounced reindexing on corpus changes |
//! | [`eval`] | relevance evaluation of a judged query set (MRR, Recall, nDCG); TREC runs for benchmarks |
//! | [`error`] | the crate's one error enum |

/// mimalloc rather than the system's allocator, for every program built on this
/// library (the server and the command line, the tests, the benchmarks of
/// clusterpool; not `bench-tantivy`, the raw-tantivy peer, which does not link it):
/// a search makes and drops many small strings and vectors, and glibc's malloc and
/// free were about 9 % of its profile (BENCHMARKS.md, issue 16).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub mod analysis;
pub mod document;
pub mod embed;
pub mod error;
pub mod eval;
pub mod export;
pub mod http;
pub mod index;
pub mod ingest;
pub mod lang;
pub mod querylog;
pub mod schema;
pub mod search;
pub mod vocabulary;
pub mod watch;

pub use error::{Error, Result};
