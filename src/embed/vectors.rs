//! How a document's passages and their vectors are kept in the index: one byte
//! string per document in a fast field, so they are written, committed and
//! deleted with the document itself (a killed run leaves the previous commit's
//! vectors, never half of a new one) and read per segment without touching the
//! stored texts. The vectors are kept as 16-bit floats, which changes a cosine by
//! less than 0.001, and carry a tag of the model that made them, so vectors of
//! another model are never compared with this one's.
//!
//! Layout: `CPV1`, the model tag (4 bytes), the width and the number of passages
//! (u16 each), then per passage its start, end and section (u32 each, `u32::MAX`
//! for none), then the vectors, passage by passage; little-endian throughout.

use half::f16;

use super::passages::Span;

const MAGIC: &[u8; 4] = b"CPV1";
/// The first four bytes of the pinned model file's sha256 (`fetch::MODEL_SHA256`).
pub const MODEL_TAG: [u8; 4] = [0x15, 0x71, 0xfc, 0x98];
const NO_SECTION: u32 = u32::MAX;

/// One embedded passage of a document.
#[derive(Clone, Debug, PartialEq)]
pub struct Passage {
    /// Where it lies in the document's text.
    pub span: Span,
    /// Its unit vector.
    pub vector: Vec<f32>,
}

/// Writes a document's passages in the layout above.
pub fn encode(passages: &[Passage]) -> Vec<u8> {
    let dim = passages.first().map_or(0, |p| p.vector.len());
    let mut out = Vec::with_capacity(12 + passages.len() * (12 + dim * 2));
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&MODEL_TAG);
    out.extend_from_slice(&(dim as u16).to_le_bytes());
    out.extend_from_slice(&(passages.len() as u16).to_le_bytes());
    for p in passages {
        let section = p.span.section.map_or(NO_SECTION, |s| s as u32);
        for v in [p.span.start as u32, p.span.end as u32, section] {
            out.extend_from_slice(&v.to_le_bytes());
        }
    }
    for p in passages {
        for v in &p.vector {
            out.extend_from_slice(&f16::from_f32(*v).to_le_bytes());
        }
    }
    out
}

/// The spans of a stored byte string and its vectors, appended to `vectors`
/// (`dim` half-precision floats each, as stored); `None` when it is not this
/// layout, another model's, or of another width (such a document counts as not
/// embedded).
pub fn decode(bytes: &[u8], dim: usize, vectors: &mut Vec<f16>) -> Option<Vec<Span>> {
    let rest = bytes.strip_prefix(MAGIC)?.strip_prefix(&MODEL_TAG)?;
    let width = u16::from_le_bytes(rest.get(0..2)?.try_into().ok()?) as usize;
    let count = u16::from_le_bytes(rest.get(2..4)?.try_into().ok()?) as usize;
    if width != dim || rest.len() != 4 + count * (12 + dim * 2) {
        return None;
    }
    let u32_at =
        |at: usize| u32::from_le_bytes([rest[at], rest[at + 1], rest[at + 2], rest[at + 3]]);
    let spans = (0..count)
        .map(|i| {
            let at = 4 + i * 12;
            let section = u32_at(at + 8);
            Span {
                start: u32_at(at) as usize,
                end: u32_at(at + 4) as usize,
                section: (section != NO_SECTION).then_some(section as usize),
            }
        })
        .collect();
    let floats = &rest[4 + count * 12..];
    vectors.extend(
        floats
            .chunks_exact(2)
            .map(|b| f16::from_le_bytes([b[0], b[1]])),
    );
    Some(spans)
}

/// The dot product of a query's vector with a kept one (half precision, as
/// [`decode`] gives it): their cosine, both being unit vectors. The search by
/// meaning runs it once per passage of the index, so on x86 it reads the halves
/// straight into vector registers (F16C) rather than through a buffer.
pub fn dot_half(query: &[f32], row: &[f16]) -> f32 {
    assert_eq!(query.len(), row.len(), "vectors of one width");
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx2")
            && std::arch::is_x86_feature_detected!("fma")
            && std::arch::is_x86_feature_detected!("f16c")
        {
            // SAFETY: the CPU has AVX2, FMA and F16C, checked just above.
            return unsafe { dot_half_avx2(query, row) };
        }
    }
    let mut lanes = [0.0f32; 8];
    let (q, r) = (query.chunks_exact(8), row.chunks_exact(8));
    let tail: f32 = q
        .remainder()
        .iter()
        .zip(r.remainder())
        .map(|(x, y)| x * y.to_f32())
        .sum();
    for (x, y) in q.zip(r) {
        for i in 0..8 {
            lanes[i] += x[i] * y[i].to_f32();
        }
    }
    lanes.iter().sum::<f32>() + tail
}

/// [`dot_half`] sixteen values a step, in two independent sums.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma,f16c")]
fn dot_half_avx2(query: &[f32], row: &[f16]) -> f32 {
    use std::arch::x86_64::{
        __m128i, _mm_loadu_si128, _mm256_add_ps, _mm256_cvtph_ps, _mm256_fmadd_ps, _mm256_loadu_ps,
        _mm256_setzero_ps,
    };
    let n = query.len().min(row.len());
    let whole = n - n % 16;
    let (mut a, mut b) = (_mm256_setzero_ps(), _mm256_setzero_ps());
    for k in (0..whole).step_by(16) {
        // SAFETY: k + 16 <= whole <= both lengths; an f16 is two bytes, so eight
        // are the 16 bytes loaded; loadu needs no alignment.
        unsafe {
            let h0 = _mm_loadu_si128(row.as_ptr().add(k).cast::<__m128i>());
            let h1 = _mm_loadu_si128(row.as_ptr().add(k + 8).cast::<__m128i>());
            a = _mm256_fmadd_ps(
                _mm256_loadu_ps(query.as_ptr().add(k)),
                _mm256_cvtph_ps(h0),
                a,
            );
            b = _mm256_fmadd_ps(
                _mm256_loadu_ps(query.as_ptr().add(k + 8)),
                _mm256_cvtph_ps(h1),
                b,
            );
        }
    }
    let tail: f32 = query[whole..n]
        .iter()
        .zip(&row[whole..n])
        .map(|(x, y)| x * y.to_f32())
        .sum();
    super::encoder::horizontal_sum(_mm256_add_ps(a, b)) + tail
}

/// Whether a stored byte string holds this model's vectors.
pub fn is_current(bytes: &[u8]) -> bool {
    bytes.len() >= 8 && &bytes[..4] == MAGIC && bytes[4..8] == MODEL_TAG
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passages_survive_the_round_trip_within_half_precision() {
        let passages = vec![
            Passage {
                span: Span {
                    start: 0,
                    end: 10,
                    section: None,
                },
                vector: vec![0.6, -0.8, 0.0],
            },
            Passage {
                span: Span {
                    start: 12,
                    end: 40,
                    section: Some(3),
                },
                vector: vec![0.0, 0.28, 0.96],
            },
        ];
        let bytes = encode(&passages);
        assert!(is_current(&bytes));
        let mut vectors = Vec::new();
        let spans = decode(&bytes, 3, &mut vectors).unwrap();
        assert_eq!(spans, vec![passages[0].span, passages[1].span]);
        for (a, b) in vectors.iter().zip(passages.iter().flat_map(|p| &p.vector)) {
            assert!((a.to_f32() - b).abs() < 1e-3, "{a} {b}");
        }
        assert_eq!(decode(&bytes, 4, &mut Vec::new()), None, "another width");
        let mut other = bytes.clone();
        other[4] ^= 1;
        assert!(!is_current(&other));
        assert_eq!(decode(&other, 3, &mut Vec::new()), None, "another model");
        assert_eq!(decode(&bytes[..bytes.len() - 1], 3, &mut Vec::new()), None);
    }

    #[test]
    fn the_dot_product_on_halves_equals_the_plain_one() {
        // Widths around the 16-value step, so the tail is exercised too.
        for width in [3, 16, 37, 384] {
            let query: Vec<f32> = (0..width)
                .map(|i| ((i * 7 % 13) as f32 - 6.0) / 9.0)
                .collect();
            let row: Vec<f16> = (0..width)
                .map(|i| f16::from_f32(((i * 5 % 11) as f32 - 5.0) / 7.0))
                .collect();
            let plain: f32 = query.iter().zip(&row).map(|(q, r)| q * r.to_f32()).sum();
            let fast = dot_half(&query, &row);
            assert!(
                (fast - plain).abs() < 1e-4 * width as f32,
                "{width}: {fast} {plain}"
            );
        }
    }
}
