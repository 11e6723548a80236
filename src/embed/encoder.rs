//! The encoder: multilingual-e5-small's forward pass on the CPU, in f32. A text
//! gets its prefix (`query: ` or `passage: `), is tokenized and cut into windows of
//! at most 510 pieces; each window runs through the embeddings and twelve post-norm
//! BERT layers (bidirectional attention in 12 heads, erf GELU), is averaged
//! over its tokens, and the windows are averaged by their lengths into one
//! L2-normalised 384-dimensional vector. A long window's products are
//! `matrixmultiply`'s sgemm over the layer weights dequantised once at load; a window
//! of a few pieces (a query) multiplies the weights' 4-bit blocks directly in AVX2
//! tiles, unpacking four rows at a time, so it reads a seventh of the bytes. The
//! 250k-row word table is kept in its 4-bit form and read a row at a time.

use std::path::Path;

use super::model::{Config, ModelFile, Q4_BLOCK, Q4_BLOCK_BYTES, dequantise, dequantise_row};
use super::tokenizer::Tokenizer;
use crate::Result;

/// Which side of a search a text is on; e5 was trained with a prefix for each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A query.
    Query,
    /// A passage of a document.
    Passage,
}

impl Kind {
    fn prefix(self) -> &'static str {
        match self {
            Kind::Query => "query: ",
            Kind::Passage => "passage: ",
        }
    }
}

/// `y = x·Wᵀ + b` for a `out × inp` weight, held twice: as f32 for sgemm (long
/// windows) and in its 4-bit blocks for few rows, whose cost is reading the weight.
struct Linear {
    w: Vec<f32>,
    q4: Vec<u8>,
    b: Vec<f32>,
    inp: usize,
    out: usize,
}

struct Norm {
    w: Vec<f32>,
    b: Vec<f32>,
}

struct Layer {
    q: Linear,
    k: Linear,
    v: Linear,
    attention_out: Linear,
    attention_norm: Norm,
    up: Linear,
    down: Linear,
    out_norm: Norm,
}

/// A loaded e5 model.
pub struct Encoder {
    config: Config,
    tokenizer: Tokenizer,
    word_blocks: Vec<u8>,
    positions: Vec<f32>,
    token_type: Vec<f32>,
    embedding_norm: Norm,
    layers: Vec<Layer>,
    /// How many texts have gone through the network (see [`Encoder::texts_embedded`]).
    embedded: std::sync::atomic::AtomicU64,
}

impl std::fmt::Debug for Encoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Encoder")
            .field("dim", &self.config.hidden)
            .field("layers", &self.layers.len())
            .finish_non_exhaustive()
    }
}

impl Encoder {
    /// Loads the model file.
    pub fn load(path: &Path) -> Result<Encoder> {
        let file = ModelFile::read(path)?;
        let c = file.config.clone();
        let h = c.hidden;
        let linear = |name: &str, out: usize, inp: usize| -> Result<Linear> {
            let q4 = file.q4_blocks(&format!("{name}.w"), out, inp)?;
            let mut w = vec![0.0; out * inp];
            dequantise(&q4, &mut w);
            Ok(Linear {
                w,
                q4,
                b: file.f32s(&format!("{name}.b"), out)?,
                inp,
                out,
            })
        };
        let norm = |name: &str| -> Result<Norm> {
            Ok(Norm {
                w: file.f32s(&format!("{name}.w"), h)?,
                b: file.f32s(&format!("{name}.b"), h)?,
            })
        };
        let mut layers = Vec::with_capacity(c.layers);
        for l in 0..c.layers {
            layers.push(Layer {
                q: linear(&format!("l{l}.q"), h, h)?,
                k: linear(&format!("l{l}.k"), h, h)?,
                v: linear(&format!("l{l}.v"), h, h)?,
                attention_out: linear(&format!("l{l}.ao"), h, h)?,
                attention_norm: norm(&format!("l{l}.aln"))?,
                up: linear(&format!("l{l}.fi"), c.ff, h)?,
                down: linear(&format!("l{l}.fo"), h, c.ff)?,
                out_norm: norm(&format!("l{l}.oln"))?,
            });
        }
        let token_types = file
            .f32s("emb.type", 2 * h)
            .or_else(|_| file.f32s("emb.type", h))?;
        Ok(Encoder {
            tokenizer: Tokenizer::new(file.vocab()?),
            word_blocks: file.q4_blocks("emb.word", c.vocab_rows, h)?,
            positions: file.f32s("emb.pos", c.max_positions * h)?,
            token_type: token_types[..h].to_vec(),
            embedding_norm: norm("emb.ln")?,
            layers,
            config: c,
            embedded: Default::default(),
        })
    }

    /// Width of the vectors.
    pub fn dim(&self) -> usize {
        self.config.hidden
    }

    /// The model ids of a text as it is embedded (prefix included, no `<s>`/`</s>`).
    pub fn tokens(&self, text: &str, kind: Kind) -> Vec<u32> {
        self.tokenizer.encode(&format!("{}{text}", kind.prefix()))
    }

    /// How many texts this encoder has embedded since it was loaded: what a cache
    /// in front of it saves can be seen.
    pub fn texts_embedded(&self) -> u64 {
        self.embedded.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The L2-normalised embedding of a text.
    pub fn embed(&self, text: &str, kind: Kind) -> Vec<f32> {
        self.embedded
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let content = self.tokens(text, kind);
        let window = self.config.max_positions - 2;
        let mut sum = vec![0.0f32; self.dim()];
        let mut weight = 0.0f32;
        let chunks: Vec<&[u32]> = if content.is_empty() {
            vec![&[]]
        } else {
            content.chunks(window).collect()
        };
        for chunk in chunks {
            let mut ids = Vec::with_capacity(chunk.len() + 2);
            ids.push(self.tokenizer.bos);
            ids.extend_from_slice(chunk);
            ids.push(self.tokenizer.eos);
            let mean = self.window(&ids);
            let n = chunk.len().max(1) as f32;
            for (s, m) in sum.iter_mut().zip(mean) {
                *s += n * m;
            }
            weight += n;
        }
        for s in sum.iter_mut() {
            *s /= weight;
        }
        let norm = sum.iter().map(|v| v * v).sum::<f32>().max(1e-12).sqrt();
        sum.iter().map(|v| v / norm).collect()
    }

    /// One window through the network, averaged over its tokens.
    fn window(&self, ids: &[u32]) -> Vec<f32> {
        let h = self.dim();
        let len = ids.len();
        let mut x = vec![0.0f32; len * h];
        for (t, id) in ids.iter().enumerate() {
            let row = &mut x[t * h..(t + 1) * h];
            let id = (*id as usize).min(self.config.vocab_rows - 1);
            dequantise_row(&self.word_blocks, id, h, row);
            let pos = &self.positions[t * h..(t + 1) * h];
            for ((v, p), ty) in row.iter_mut().zip(pos).zip(&self.token_type) {
                *v += p + ty;
            }
        }
        self.layer_norm(&mut x, &self.embedding_norm);
        let mut scratch = Scratch::default();
        for layer in &self.layers {
            self.layer(layer, &mut x, len, &mut scratch);
        }
        let mut mean = vec![0.0f32; h];
        for row in x.chunks_exact(h) {
            for (m, v) in mean.iter_mut().zip(row) {
                *m += v;
            }
        }
        for m in mean.iter_mut() {
            *m /= len as f32;
        }
        mean
    }

    fn layer(&self, layer: &Layer, x: &mut [f32], len: usize, s: &mut Scratch) {
        let h = self.dim();
        let heads = self.config.heads;
        let d = h / heads;
        layer.q.forward(x, len, &mut s.q);
        layer.k.forward(x, len, &mut s.k);
        layer.v.forward(x, len, &mut s.v);
        s.context.clear();
        s.context.resize(len * h, 0.0);
        s.scores.clear();
        s.scores.resize(len * len, 0.0);
        let scale = 1.0 / (d as f32).sqrt();
        debug_assert!(s.q.len() == len * h && s.k.len() == len * h && s.v.len() == len * h);
        for head in 0..heads {
            if len <= FEW_ROWS {
                attend_few(s, len, h, head * d, d, scale);
            } else {
                attend_sgemm(s, len, h, head * d, d, scale);
            }
        }
        layer.attention_out.forward(&s.context, len, &mut s.q);
        for (xv, a) in x.iter_mut().zip(&s.q) {
            *xv += a;
        }
        self.layer_norm(x, &layer.attention_norm);
        layer.up.forward(x, len, &mut s.ff);
        for v in s.ff.iter_mut() {
            *v = 0.5 * *v * (1.0 + erf(*v * std::f32::consts::FRAC_1_SQRT_2));
        }
        layer.down.forward(&s.ff, len, &mut s.q);
        for (xv, a) in x.iter_mut().zip(&s.q) {
            *xv += a;
        }
        self.layer_norm(x, &layer.out_norm);
    }

    fn layer_norm(&self, x: &mut [f32], norm: &Norm) {
        let h = self.dim();
        for row in x.chunks_exact_mut(h) {
            let mean = row.iter().sum::<f32>() / h as f32;
            let var = row.iter().map(|v| (v - mean) * (v - mean)).sum::<f32>() / h as f32;
            let inv = 1.0 / (var + self.config.eps).sqrt();
            for ((v, w), b) in row.iter_mut().zip(&norm.w).zip(&norm.b) {
                *v = (*v - mean) * inv * w + b;
            }
        }
    }
}

/// Buffers reused across the layers of one window.
#[derive(Default)]
struct Scratch {
    q: Vec<f32>,
    k: Vec<f32>,
    v: Vec<f32>,
    context: Vec<f32>,
    scores: Vec<f32>,
    ff: Vec<f32>,
}

/// Up to this many rows (a query's pieces; the reference queries have 19 at the
/// median and 37 at most), a product is computed as dot products over the
/// weight's 4-bit rows: sgemm first copies the whole f32 weight into its packed
/// layout, which for a handful of rows cost more than the arithmetic.
const FEW_ROWS: usize = 48;

impl Linear {
    /// `out = x·Wᵀ + b` for `rows` rows of `x`.
    fn forward(&self, x: &[f32], rows: usize, out: &mut Vec<f32>) {
        assert_eq!(x.len(), rows * self.inp, "input width");
        assert_eq!(self.w.len(), self.out * self.inp, "weight shape");
        assert_eq!(self.b.len(), self.out, "bias width");
        out.clear();
        for _ in 0..rows {
            out.extend_from_slice(&self.b);
        }
        if rows <= FEW_ROWS {
            self.few_rows(x, rows, out);
            return;
        }
        // SAFETY: x is rows × inp, W is out × inp (read as its transpose through
        // the strides), out is rows × out (filled with the bias just above); the
        // lengths of x, W and b are asserted above.
        unsafe {
            matrixmultiply::sgemm(
                rows,
                self.inp,
                self.out,
                1.0,
                x.as_ptr(),
                self.inp as isize,
                1,
                self.w.as_ptr(),
                1,
                self.inp as isize,
                1.0,
                out.as_mut_ptr(),
                self.out as isize,
                1,
            );
        }
    }
}

impl Linear {
    /// `out += x·Wᵀ` by dot products, a few weight rows at a time against every
    /// row of `x` (which stays in cache), so the weight is read once, in order.
    fn few_rows(&self, x: &[f32], rows: usize, out: &mut [f32]) {
        #[cfg(target_arch = "x86_64")]
        {
            if std::arch::is_x86_feature_detected!("avx2")
                && std::arch::is_x86_feature_detected!("fma")
                && self.inp.is_multiple_of(Q4_BLOCK)
            {
                // SAFETY: the CPU has AVX2 and FMA, checked just above.
                unsafe { few_rows_q4_avx2(&self.q4, self.inp, self.out, x, rows, out) };
                return;
            }
        }
        few_rows_portable(&self.w, self.inp, self.out, x, rows, out);
    }
}

/// The portable loop: eight partial sums per dot product, which the compiler
/// keeps in vector registers.
#[inline(always)]
fn few_rows_portable(w: &[f32], inp: usize, outs: usize, x: &[f32], rows: usize, out: &mut [f32]) {
    for o in 0..outs {
        let wrow = &w[o * inp..(o + 1) * inp];
        for r in 0..rows {
            let xrow = &x[r * inp..(r + 1) * inp];
            let mut acc = [0.0f32; 8];
            let mut wc = wrow.chunks_exact(8);
            let mut xc = xrow.chunks_exact(8);
            for (a, b) in (&mut wc).zip(&mut xc) {
                for l in 0..8 {
                    acc[l] += a[l] * b[l];
                }
            }
            let mut sum: f32 = acc.iter().sum();
            for (a, b) in wc.remainder().iter().zip(xc.remainder()) {
                sum += a * b;
            }
            out[r * outs + o] += sum;
        }
    }
}

/// Weight rows per tile of the AVX2 loop.
#[cfg(target_arch = "x86_64")]
const TILE: usize = 4;

/// The loop for AVX2 and FMA on the 4-bit weight: four weight rows at a time are
/// unpacked into a buffer that stays in L1, then multiplied with every input row
/// ([`tile_avx2`]). Reading the weight in its 4-bit form moves a seventh of the
/// f32 bytes from memory, which is what bounded a query before (f32 tiles read
/// from memory took 27 of its 34 ms).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
fn few_rows_q4_avx2(q4: &[u8], inp: usize, outs: usize, x: &[f32], rows: usize, out: &mut [f32]) {
    let row_bytes = inp / Q4_BLOCK * Q4_BLOCK_BYTES;
    assert_eq!(q4.len(), outs * row_bytes, "weight blocks");
    let mut w = vec![0.0f32; TILE * inp];
    for o in (0..outs).step_by(TILE) {
        let n = TILE.min(outs - o);
        for j in 0..n {
            let at = (o + j) * row_bytes;
            unpack_q4_avx2(&q4[at..at + row_bytes], &mut w[j * inp..(j + 1) * inp]);
        }
        if n == TILE {
            tile_avx2(&w, inp, x, rows, out, outs, o);
        } else {
            // The last few weight rows, when the width is not a multiple of the tile.
            let mut rest = vec![0.0f32; rows * n];
            few_rows_portable(&w[..n * inp], inp, n, x, rows, &mut rest);
            for r in 0..rows {
                for j in 0..n {
                    out[r * outs + o + j] += rest[r * n + j];
                }
            }
        }
    }
}

/// `out[r][col..col + 4] += x[r] · w[j]` for the [`TILE`] rows of `w` (each `inp`
/// wide, a multiple of 8) and every row `r` of `x`; `out` is `stride` wide. Input
/// rows go three at a time: twelve independent sums, each weight load serving
/// three of them.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
fn tile_avx2(
    w: &[f32],
    inp: usize,
    x: &[f32],
    rows: usize,
    out: &mut [f32],
    stride: usize,
    col: usize,
) {
    use std::arch::x86_64::{_mm256_fmadd_ps, _mm256_loadu_ps, _mm256_setzero_ps};
    const ROWS: usize = 3;
    // The shapes every read and write below stays within.
    assert!(inp.is_multiple_of(8) && w.len() >= TILE * inp && x.len() >= rows * inp);
    assert!(col + TILE <= stride && out.len() >= rows * stride);
    let mut r = 0;
    while r < rows {
        let n = ROWS.min(rows - r);
        // Rows past the last are read as the last again and not written back.
        let xs: [usize; ROWS] = std::array::from_fn(|i| (r + i.min(n - 1)) * inp);
        let mut acc = [[_mm256_setzero_ps(); TILE]; ROWS];
        for k in (0..inp).step_by(8) {
            // SAFETY: k + 8 <= inp, every xs[i] + inp <= rows · inp <= x.len() and
            // (j + 1) · inp <= TILE · inp <= w.len(), asserted above; loadu needs no
            // alignment.
            unsafe {
                let v: [_; ROWS] =
                    std::array::from_fn(|i| _mm256_loadu_ps(x.as_ptr().add(xs[i] + k)));
                for j in 0..TILE {
                    let wv = _mm256_loadu_ps(w.as_ptr().add(j * inp + k));
                    for (sums, vi) in acc.iter_mut().zip(&v) {
                        sums[j] = _mm256_fmadd_ps(wv, *vi, sums[j]);
                    }
                }
            }
        }
        for (i, sums) in acc.iter().enumerate().take(n) {
            for (j, sum) in sums.iter().enumerate() {
                out[(r + i) * stride + col + j] += horizontal_sum(*sum);
            }
        }
        r += n;
    }
}

/// One weight row from its Q4_0 blocks into f32, as `model::dequantise` does,
/// eight values per step: (q − 8) · d, low nibbles first.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
fn unpack_q4_avx2(blocks: &[u8], out: &mut [f32]) {
    use std::arch::x86_64::{
        __m128i, _mm_and_si128, _mm_loadu_si128, _mm_set1_epi8, _mm_srli_epi16, _mm_srli_si128,
        _mm_sub_epi8, _mm256_cvtepi8_epi32, _mm256_cvtepi32_ps, _mm256_mul_ps, _mm256_set1_ps,
        _mm256_storeu_ps,
    };
    let mask = _mm_set1_epi8(0x0F);
    let eight = _mm_set1_epi8(8);
    for (block, values) in blocks
        .chunks_exact(Q4_BLOCK_BYTES)
        .zip(out.chunks_exact_mut(Q4_BLOCK))
    {
        let d =
            _mm256_set1_ps(half::f16::from_bits(u16::from_le_bytes([block[0], block[1]])).to_f32());
        let nibbles: &[u8; 16] = block[2..]
            .try_into()
            .expect("a block holds 16 bytes of values");
        // SAFETY: `nibbles` is 16 readable bytes; loadu needs no alignment.
        let bytes = unsafe { _mm_loadu_si128(nibbles.as_ptr().cast::<__m128i>()) };
        let low = _mm_sub_epi8(_mm_and_si128(bytes, mask), eight);
        let high = _mm_sub_epi8(_mm_and_si128(_mm_srli_epi16(bytes, 4), mask), eight);
        let quarters = [low, _mm_srli_si128(low, 8), high, _mm_srli_si128(high, 8)];
        for (chunk, q) in values.chunks_exact_mut(8).zip(quarters) {
            let v = _mm256_mul_ps(_mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(q)), d);
            // SAFETY: `chunk` is 8 writable f32s; storeu needs no alignment.
            unsafe { _mm256_storeu_ps(chunk.as_mut_ptr(), v) };
        }
    }
}

/// The sum of a vector's eight lanes.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
pub(super) fn horizontal_sum(v: std::arch::x86_64::__m256) -> f32 {
    use std::arch::x86_64::{
        _mm_add_ps, _mm_cvtss_f32, _mm_hadd_ps, _mm256_castps256_ps128, _mm256_extractf128_ps,
    };
    let s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    let s = _mm_hadd_ps(s, s);
    _mm_cvtss_f32(_mm_hadd_ps(s, s))
}

/// One head's attention by sgemm, for long windows: scores = Q_h·K_hᵀ·scale,
/// softmax by row, context_h = P·V_h (the head's columns are `off..off + d`).
fn attend_sgemm(s: &mut Scratch, len: usize, h: usize, off: usize, d: usize, scale: f32) {
    debug_assert!(s.q.len() == len * h && s.k.len() == len * h && s.v.len() == len * h);
    // scores = Q_h · K_hᵀ · scale
    // SAFETY: every pointer and stride stays within its buffer: Q, K, V are
    // len × h, the head's columns are off..off + d, scores is len × len.
    unsafe {
        matrixmultiply::sgemm(
            len,
            d,
            len,
            scale,
            s.q.as_ptr().add(off),
            h as isize,
            1,
            s.k.as_ptr().add(off),
            1,
            h as isize,
            0.0,
            s.scores.as_mut_ptr(),
            len as isize,
            1,
        );
    }
    for row in s.scores.chunks_exact_mut(len) {
        softmax(row);
    }
    // context_h = P · V_h
    // SAFETY: as above; the context's head columns are off..off + d.
    unsafe {
        matrixmultiply::sgemm(
            len,
            len,
            d,
            1.0,
            s.scores.as_ptr(),
            len as isize,
            1,
            s.v.as_ptr().add(off),
            h as isize,
            1,
            0.0,
            s.context.as_mut_ptr().add(off),
            h as isize,
            1,
        );
    }
}

/// One head's attention for a window of a few pieces (a query), by plain loops:
/// sgemm's packing of such small matrices cost more than the arithmetic (a fifth
/// of a query's time).
fn attend_few(s: &mut Scratch, len: usize, h: usize, off: usize, d: usize, scale: f32) {
    for i in 0..len {
        let q = &s.q[i * h + off..i * h + off + d];
        let row = &mut s.scores[i * len..(i + 1) * len];
        for (j, score) in row.iter_mut().enumerate() {
            let k = &s.k[j * h + off..j * h + off + d];
            *score = q.iter().zip(k).map(|(a, b)| a * b).sum::<f32>() * scale;
        }
        softmax(row);
        let context = &mut s.context[i * h + off..i * h + off + d];
        for (j, p) in row.iter().enumerate() {
            let v = &s.v[j * h + off..j * h + off + d];
            for (c, v) in context.iter_mut().zip(v) {
                *c += p * v;
            }
        }
    }
}

/// The error function by Abramowitz and Stegun's rational approximation 7.1.26
/// (absolute error below 1.5·10⁻⁷, under f32's own rounding at GELU's scale):
/// one exponential and a division, where `libm::erff` took a sixth of a query.
fn erf(x: f32) -> f32 {
    const P: f32 = 0.327_591_1;
    const A: [f32; 5] = [
        0.254_829_6,
        -0.284_496_74,
        1.421_413_7,
        -1.453_152,
        1.061_405_4,
    ];
    let a = x.abs();
    let t = 1.0 / (1.0 + P * a);
    let poly = t * (A[0] + t * (A[1] + t * (A[2] + t * (A[3] + t * A[4]))));
    let y = 1.0 - poly * (-a * a).exp();
    y.copysign(x)
}

fn softmax(row: &mut [f32]) {
    let max = row.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut sum = 0.0;
    for v in row.iter_mut() {
        *v = (*v - max).exp();
        sum += *v;
    }
    for v in row.iter_mut() {
        *v /= sum;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 4-bit weight (`outs × inp`, scales varying by block) and an input,
    /// filled with values whose products do not cancel.
    fn case(rows: usize, inp: usize, outs: usize) -> (Vec<u8>, Vec<f32>) {
        let mut q4 = Vec::new();
        for b in 0..outs * inp / Q4_BLOCK {
            let scale = half::f16::from_f32(0.01 + (b % 7) as f32 * 0.003);
            q4.extend_from_slice(&scale.to_bits().to_le_bytes());
            q4.extend((0..16).map(|i| ((b * 31 + i * 7) % 256) as u8));
        }
        let x = (0..rows * inp)
            .map(|i| ((i * 104_729) % 97) as f32 / 97.0 - 0.5)
            .collect();
        (q4, x)
    }

    #[test]
    fn the_fast_erf_stays_within_its_bound_of_libm() {
        for i in -4000..=4000 {
            let x = i as f32 / 1000.0;
            let (fast, exact) = (erf(x), libm::erff(x));
            assert!(
                (fast - exact).abs() < 5e-7,
                "erf({x}): {fast} against {exact}"
            );
        }
    }

    #[test]
    fn the_tiled_product_on_four_bit_weights_equals_the_plain_dot_products() {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma")
        {
            // Odd rows, widths that are and are not multiples of the tile.
            for (rows, inp, outs) in [
                (1, 32, 4),
                (2, 64, 5),
                (3, 384, 6),
                (7, 96, 9),
                (48, 1536, 384),
            ] {
                let (q4, x) = case(rows, inp, outs);
                let mut w = vec![0.0f32; outs * inp];
                dequantise(&q4, &mut w);
                let mut plain = vec![0.25f32; rows * outs];
                let mut tiled = plain.clone();
                few_rows_portable(&w, inp, outs, &x, rows, &mut plain);
                // SAFETY: the CPU has AVX2 and FMA, checked above.
                unsafe { few_rows_q4_avx2(&q4, inp, outs, &x, rows, &mut tiled) };
                for (i, (a, b)) in plain.iter().zip(&tiled).enumerate() {
                    assert!(
                        (a - b).abs() <= 1e-4 * a.abs().max(1.0),
                        "{rows}×{inp}→{outs} at {i}: {a} vs {b}"
                    );
                }
            }
        }
    }
}
