//! The encoder: multilingual-e5-small's forward pass on the CPU, in f32. A text
//! gets its prefix (`query: ` or `passage: `), is tokenized and cut into windows of
//! at most 510 pieces; each window runs through the embeddings and twelve post-norm
//! BERT layers (bidirectional attention in 12 heads, exact-erf GELU), is averaged
//! over its tokens, and the windows are averaged by their lengths into one
//! L2-normalised 384-dimensional vector. The matrix products are `matrixmultiply`'s
//! sgemm; the layer weights are dequantised once when the model is loaded, the
//! 250k-row word table is kept in its 4-bit form and read a row at a time.

use std::path::Path;

use super::model::{Config, ModelFile, dequantise_row};
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

/// `y = x·Wᵀ + b` for a `out × inp` weight.
struct Linear {
    w: Vec<f32>,
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
            Ok(Linear {
                w: file.q4_matrix(&format!("{name}.w"), out, inp)?,
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

    /// The L2-normalised embedding of a text.
    pub fn embed(&self, text: &str, kind: Kind) -> Vec<f32> {
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
            let off = head * d;
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
        layer.attention_out.forward(&s.context, len, &mut s.q);
        for (xv, a) in x.iter_mut().zip(&s.q) {
            *xv += a;
        }
        self.layer_norm(x, &layer.attention_norm);
        layer.up.forward(x, len, &mut s.ff);
        for v in s.ff.iter_mut() {
            *v = 0.5 * *v * (1.0 + libm::erff(*v * std::f32::consts::FRAC_1_SQRT_2));
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

/// Up to this many rows (a query's pieces), a product is computed as dot
/// products over the weight's rows as they lie in memory: sgemm first copies the
/// whole weight into its packed layout, which for a handful of rows cost more
/// than the arithmetic (a query took 50 ms).
const FEW_ROWS: usize = 24;

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
    /// `out += x·Wᵀ` by dot products, one weight row at a time against every row
    /// of `x` (which stays in cache), so the weight is read once, in order.
    fn few_rows(&self, x: &[f32], rows: usize, out: &mut [f32]) {
        #[cfg(target_arch = "x86_64")]
        {
            if std::arch::is_x86_feature_detected!("avx2")
                && std::arch::is_x86_feature_detected!("fma")
            {
                // SAFETY: the CPU has AVX2 and FMA, checked just above.
                unsafe { few_rows_avx2(&self.w, self.inp, self.out, x, rows, out) };
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

/// The loop for AVX2 and FMA, in tiles of four weight rows by two input rows:
/// eight independent sums keep both FMA units busy, where one dot product at a
/// time waits on each addition (a query took 46 ms that way), and each weight
/// row loaded serves two input rows.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
fn few_rows_avx2(w: &[f32], inp: usize, outs: usize, x: &[f32], rows: usize, out: &mut [f32]) {
    use std::arch::x86_64::{_mm256_fmadd_ps, _mm256_setzero_ps};
    const OUTS: usize = 4;
    if inp % 8 != 0 {
        return few_rows_portable(w, inp, outs, x, rows, out);
    }
    let tiled = outs - outs % OUTS;
    for o in (0..tiled).step_by(OUTS) {
        let mut r = 0;
        while r < rows {
            let pair = rows - r >= 2;
            let (xa, xb) = (r * inp, if pair { (r + 1) * inp } else { r * inp });
            let mut acc_a = [_mm256_setzero_ps(); OUTS];
            let mut acc_b = [_mm256_setzero_ps(); OUTS];
            for k in (0..inp).step_by(8) {
                let va = load(x, xa + k);
                let vb = load(x, xb + k);
                for j in 0..OUTS {
                    let wv = load(w, (o + j) * inp + k);
                    acc_a[j] = _mm256_fmadd_ps(wv, va, acc_a[j]);
                    acc_b[j] = _mm256_fmadd_ps(wv, vb, acc_b[j]);
                }
            }
            for j in 0..OUTS {
                out[r * outs + o + j] += horizontal_sum(acc_a[j]);
                if pair {
                    out[(r + 1) * outs + o + j] += horizontal_sum(acc_b[j]);
                }
            }
            r += if pair { 2 } else { 1 };
        }
    }
    if tiled < outs {
        // The last few weight rows, when the width is not a multiple of the tile.
        let mut rest = vec![0.0f32; rows * (outs - tiled)];
        few_rows_portable(&w[tiled * inp..], inp, outs - tiled, x, rows, &mut rest);
        for r in 0..rows {
            for (j, v) in rest[r * (outs - tiled)..(r + 1) * (outs - tiled)]
                .iter()
                .enumerate()
            {
                out[r * outs + tiled + j] += v;
            }
        }
    }
}

/// Eight lanes of `s` from `at`. Every caller reads `w[o * inp + k..][..8]` or
/// `x[r * inp + k..][..8]` with `o < outs`, `r < rows` and `k + 8 <= inp`, inside
/// the slices whose shapes `Linear::forward` asserted.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
#[inline]
fn load(s: &[f32], at: usize) -> std::arch::x86_64::__m256 {
    assert!(at + 8 <= s.len(), "load within the slice");
    // SAFETY: at + 8 <= s.len(), asserted just above; loadu needs no alignment.
    unsafe { std::arch::x86_64::_mm256_loadu_ps(s.as_ptr().add(at)) }
}

/// The sum of a vector's eight lanes.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
fn horizontal_sum(v: std::arch::x86_64::__m256) -> f32 {
    use std::arch::x86_64::{
        _mm_add_ps, _mm_cvtss_f32, _mm_hadd_ps, _mm256_castps256_ps128, _mm256_extractf128_ps,
    };
    let s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    let s = _mm_hadd_ps(s, s);
    _mm_cvtss_f32(_mm_hadd_ps(s, s))
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

    /// A weight and an input of awkward shapes (odd rows, a width not a multiple
    /// of the tile), filled with values whose products do not cancel.
    fn case(rows: usize, inp: usize, outs: usize) -> (Vec<f32>, Vec<f32>) {
        let w = (0..outs * inp)
            .map(|i| ((i * 7919) % 113) as f32 / 113.0 - 0.5)
            .collect();
        let x = (0..rows * inp)
            .map(|i| ((i * 104_729) % 97) as f32 / 97.0 - 0.5)
            .collect();
        (w, x)
    }

    #[test]
    fn the_tiled_product_equals_the_plain_dot_products() {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma")
        {
            for (rows, inp, outs) in [
                (1, 16, 4),
                (2, 12, 5),
                (3, 384, 6),
                (7, 40, 9),
                (24, 1536, 384),
            ] {
                let (w, x) = case(rows, inp, outs);
                let mut plain = vec![0.25f32; rows * outs];
                let mut tiled = plain.clone();
                few_rows_portable(&w, inp, outs, &x, rows, &mut plain);
                // SAFETY: the CPU has AVX2 and FMA, checked above.
                unsafe { few_rows_avx2(&w, inp, outs, &x, rows, &mut tiled) };
                for (i, (a, b)) in plain.iter().zip(&tiled).enumerate() {
                    assert!(
                        (a - b).abs() <= 1e-3 * a.abs().max(1.0),
                        "{rows}×{inp}→{outs} at {i}: {a} vs {b}"
                    );
                }
            }
        }
    }
}
