//! Random streams and exact samplers.
//!
//! Every transcendental function goes through `libm` so that draws are bit-identical natively
//! and in wasm. We deliberately do **not** use `rand_distr`: its float maths goes through
//! `num-traits`, and when any crate in the build enables `num-traits/std` (criterion and
//! proptest do, in test and bench builds) it silently switches to the platform's `ln`/`exp`,
//! which would make native test results differ from wasm.
//!
//! Stream derivation (documented in `docs/scenario.md`):
//! * `splitmix64(x)` is the standard SplitMix64 finaliser of `x + 0x9E3779B97F4A7C15`.
//! * `mix128(a, b)` = `(splitmix64(a ^ splitmix64(b)) << 64) | splitmix64(b ^ splitmix64(a ^ C))`
//!   with `C = 0xD1B54A32D192ED03`.
//! * chunk stream = `Pcg64Mcg::new(mix128(seed, chunk_index))`; trial `j` of the chunk takes the
//!   `j`-th `next_u64()` of that stream as its trial seed.
//! * per-trial streams = `Pcg64Mcg::new(mix128(trial_seed, stream_id))`, used as keys;
//! * the draws come from sub-streams of those keys ([`SimRng::sub`]): one per stage, period and
//!   segment (and layer); per period one for the arrivals' count and one for their split over
//!   segments, and one per kind of flywheel draw; one per stage for the rates and for the open
//!   leads (the list is in `docs/scenario.md`). A sampler that takes more or fewer numbers in one
//!   run than in the other (a rejection, another algorithm for a larger count) then changes no
//!   other draw, so two scenarios run on the same seeds (Compare) stay on the same draws wherever
//!   they have the same counts and rates, and on nearby draws where they differ a little.
//!
//! `Pcg64Mcg` is `rand_pcg::Pcg64Mcg` ("pcg64_fast"); the engine runs its own copy, [`SimRng`].

use std::convert::Infallible;

/// The generator used everywhere in the engine: PCG64 MCG (128-bit multiplicative congruential
/// state, XSL RR output), output for output the same as `rand_pcg::Pcg64Mcg` (a test compares
/// them). Our copy multiplies the state in 64-bit halves: on wasm32 a `u128` multiply is a call
/// of compiler-builtins' `__multi3`, which passes its result through linear memory, once per
/// random number.
#[derive(Clone, Debug)]
pub struct SimRng {
    lo: u64,
    hi: u64,
}

/// `rand_pcg`'s 128-bit multiplier, in halves.
const PCG_MUL_LO: u64 = 0x4385_DF64_9FCC_F645;
const PCG_MUL_HI: u64 = 0x2360_ED05_1FC6_5DA4;

impl SimRng {
    /// As `Pcg64Mcg::new`: the state must be odd, so its lowest bit is set.
    pub fn new(state: u128) -> SimRng {
        let s = state | 1;
        SimRng {
            lo: s as u64,
            hi: (s >> 64) as u64,
        }
    }

    /// The next output. An inherent method, so that the samplers (which take `&mut SimRng`) call
    /// it directly: at opt-level "z" rand_core's blanket `Rng::next_u64` stays a call.
    #[inline(always)]
    pub fn next_u64(&mut self) -> u64 {
        // state · multiplier mod 2¹²⁸ from 64-bit products.
        let lo = self.lo.wrapping_mul(PCG_MUL_LO);
        let hi = mul_hi(self.lo, PCG_MUL_LO)
            .wrapping_add(self.lo.wrapping_mul(PCG_MUL_HI))
            .wrapping_add(self.hi.wrapping_mul(PCG_MUL_LO));
        self.lo = lo;
        self.hi = hi;
        // XSL RR: the halves xor-ed, rotated by the top 6 bits.
        (hi ^ lo).rotate_right((hi >> 58) as u32)
    }

    /// The generator of sub-stream `c` of this one, used as a key (never drawn from itself), with
    /// `c` from [`substream_constants`]: the new state's high half is SplitMix64 of the key's
    /// high half xor `c[1]`, its low half the key's low half xor `c[0]`.
    ///
    /// Why the sub-streams are independent: the low half of an MCG state evolves on its own
    /// (lo' = lo · mul_lo mod 2⁶⁴), and the high half as hi' = hi · mul_lo + g(lo). So, given the
    /// low halves, all outputs of a sub-stream are a function of its starting high half alone,
    /// and those are SplitMix64 of different words (its avalanche makes them unrelated). Without
    /// such a mix there would be a fixed relation: states s and s + Δ stay Δ·mulᵏ apart at step k
    /// in every trial, and a jump ahead by 2⁶⁴ steps keeps the low 66 bits of the state.
    #[inline(always)]
    pub fn sub(&self, c: [u64; 2]) -> SimRng {
        SimRng::new((u128::from(splitmix64(self.hi ^ c[1])) << 64) | u128::from(self.lo ^ c[0]))
    }
}

/// The constants of sub-streams 0..n: the halves of `mix128(j, SUBSTREAM_KEY)`.
pub fn substream_constants(n: usize) -> Vec<[u64; 2]> {
    (0..n as u64)
        .map(|j| {
            let m = mix128(j, SUBSTREAM_KEY);
            [m as u64, (m >> 64) as u64]
        })
        .collect()
}

/// The key of [`substream_constants`] (the first 64 bits of the fractional part of π).
const SUBSTREAM_KEY: u64 = 0x243F_6A88_85A3_08D3;

impl rand::TryRng for SimRng {
    type Error = Infallible;

    #[inline]
    fn try_next_u32(&mut self) -> Result<u32, Infallible> {
        self.try_next_u64().map(|x| x as u32)
    }

    #[inline(always)]
    fn try_next_u64(&mut self) -> Result<u64, Infallible> {
        Ok(SimRng::next_u64(self))
    }

    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Infallible> {
        // As rand_core's `fill_bytes_via_next_word`: little-endian words, the last one cut.
        for chunk in dst.chunks_mut(8) {
            let w = SimRng::next_u64(self).to_le_bytes();
            chunk.copy_from_slice(&w[..chunk.len()]);
        }
        Ok(())
    }
}

/// The high 64 bits of a·b.
#[inline(always)]
fn mul_hi(a: u64, b: u64) -> u64 {
    #[cfg(target_arch = "wasm32")]
    {
        mul_hi_halves(a, b)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        ((u128::from(a) * u128::from(b)) >> 64) as u64
    }
}

/// The high 64 bits of a·b from four 32×32-bit products (none of the sums can overflow).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
#[inline(always)]
fn mul_hi_halves(a: u64, b: u64) -> u64 {
    let (a0, a1) = (a & 0xffff_ffff, a >> 32);
    let (b0, b1) = (b & 0xffff_ffff, b >> 32);
    let (p00, p01, p10, p11) = (a0 * b0, a0 * b1, a1 * b0, a1 * b1);
    let mid = (p00 >> 32) + (p01 & 0xffff_ffff) + (p10 & 0xffff_ffff);
    p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32)
}

/// SplitMix64 (Steele, Lea, Flood 2014), the usual seed mixer.
pub fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Mixes two words into a 128-bit generator state.
pub fn mix128(a: u64, b: u64) -> u128 {
    let hi = splitmix64(a ^ splitmix64(b));
    let lo = splitmix64(b ^ splitmix64(a ^ 0xD1B5_4A32_D192_ED03));
    (u128::from(hi) << 64) | u128::from(lo)
}

/// A generator for stream `b` of key `a`.
pub fn stream(a: u64, b: u64) -> SimRng {
    SimRng::new(mix128(a, b))
}

const TWO_M53: f64 = 1.0 / 9_007_199_254_740_992.0;

/// `x.floor()` without a libm call: baseline x86-64 has no SSE4.1 `roundsd`, so `f64::floor`
/// is a function call that showed up at 5% of a run's instructions. Exact: for |x| < 2⁶² the
/// truncating cast is exact (integral values above 2⁵³ are their own truncation); larger values
/// and NaN take `f64::floor`. Only the sign of a zero result may differ (−0.0 gives +0.0).
#[inline(always)]
pub fn floor(x: f64) -> f64 {
    // wasm has a floor instruction; + 0.0 turns its −0.0 (for −0.0 in) into the +0.0 below.
    #[cfg(target_arch = "wasm32")]
    return x.floor() + 0.0;
    #[cfg(not(target_arch = "wasm32"))]
    if x.abs() < 4.0e18 {
        let t = x as i64 as f64;
        if t > x {
            t - 1.0
        } else {
            t
        }
    } else {
        x.floor()
    }
}

/// `x.ceil()`, exact in the same way as [`floor`].
#[inline(always)]
pub fn ceil(x: f64) -> f64 {
    -floor(-x)
}

/// `libm::round(x)` (halves away from zero) without a call, exact in the same way as [`floor`]:
/// for |x| < 2⁵² the fractional part `x − trunc(x)` is exact.
#[inline(always)]
pub fn round(x: f64) -> f64 {
    if x.abs() < 4.0e15 {
        let t = x as i64 as f64;
        let d = x - t;
        if d >= 0.5 {
            t + 1.0
        } else if d <= -0.5 {
            t - 1.0
        } else {
            t
        }
    } else {
        libm::round(x)
    }
}

/// Mantissa cells of [`ln_mantissa`]: 2^LN_CELL_BITS per octave.
const LN_CELL_BITS: u32 = 8;
/// Per cell j: (1 / c_j, −ln(1 / c_j)) with c_j the midpoint of the cell, via libm.
static LN_CELLS: std::sync::OnceLock<Vec<(f64, f64)>> = std::sync::OnceLock::new();

/// ln m for the mantissa m ∈ [1, 2) of the f64 with bit pattern `bits`, within 10⁻¹⁴: m falls
/// in one of 256 cells with midpoint c, ln m = ln c + ln(1 + t), t = m / c − 1, |t| ≤ 1/513,
/// ln(1 + t) ≈ t − t²/2 + t³/3 − t⁴/4 (truncation error ≤ |t|⁵/5 < 6·10⁻¹⁵). Only used to
/// decide comparisons far from their threshold; close calls go to libm (see callers).
#[inline(always)]
pub(crate) fn ln_mantissa(bits: u64) -> f64 {
    let frac = bits & ((1u64 << 52) - 1);
    let m = f64::from_bits(frac | 0x3ff0_0000_0000_0000);
    let cells = LN_CELLS.get_or_init(|| {
        (0..1u64 << LN_CELL_BITS)
            .map(|j| {
                let c = 1.0 + (j as f64 + 0.5) / (1u64 << LN_CELL_BITS) as f64;
                let inv = 1.0 / c;
                (inv, -libm::log(inv))
            })
            .collect()
    });
    let (inv, ln_c) = cells[(frac >> (52 - LN_CELL_BITS)) as usize];
    let t = m * inv - 1.0;
    let t2 = t * t;
    ln_c + (t - 0.5 * t2 + t2 * t * (1.0 / 3.0) - 0.25 * t2 * t2)
}

/// ln x for positive normal x within 10⁻¹² absolute (None for zero, subnormals, infinities,
/// NaN and negatives).
#[inline]
pub(crate) fn ln_approx(x: f64) -> Option<f64> {
    let bits = x.to_bits();
    let be = (bits >> 52) as i32; // sign bit set → ≥ 0x800
    if be == 0 || be >= 0x7ff {
        return None;
    }
    Some(f64::from(be - 1023) * core::f64::consts::LN_2 + ln_mantissa(bits))
}

/// `exact() <= bound` for an `approx`imation of exact() within 10⁻¹¹ of it: decided by `approx`
/// when that is more than 10⁻⁹ from the bound (both then agree), by `exact()` otherwise and when
/// there is no approximation. The samplers' acceptance tests use it to skip libm's logarithms.
#[inline(always)]
fn le_outside_band(approx: Option<f64>, bound: f64, exact: impl FnOnce() -> f64) -> bool {
    match approx {
        Some(l) if l < bound - 1e-9 => true,
        Some(l) if l > bound + 1e-9 => false,
        _ => exact() <= bound,
    }
}

/// Uniform in [0, 1), 53 random bits.
#[inline(always)]
pub fn u01(rng: &mut SimRng) -> f64 {
    // Below 2⁵³, so the signed conversion is exact, and in wasm one instruction (the unsigned
    // one is a branchy sequence in V8).
    ((rng.next_u64() >> 11) as i64) as f64 * TWO_M53
}

/// [`MIRROR`] or 0: see [`bits53`].
pub(crate) const MIRROR: u64 = (1 << 53) - 1;

/// 53 random bits x, or 2⁵³ − 1 − x when `mirror` is [`MIRROR`] (a bijection of the 53-bit grid,
/// so the uniform's distribution is the same). The binomial samplers draw Bin(n, p) for p > ½ as
/// n − Bin(n, 1 − p); they take their first uniform mirrored there, so that every draw grows with
/// its uniform whichever side of ½ p is on. Two runs on the same sub-streams whose rate crosses ½
/// (Compare) then draw nearby counts instead of opposite ones.
#[inline(always)]
pub(crate) fn bits53(rng: &mut SimRng, mirror: u64) -> u64 {
    (rng.next_u64() >> 11) ^ mirror
}

/// Uniform in (0, 1): never exactly 0 or 1.
#[inline(always)]
pub fn u01_open(rng: &mut SimRng) -> f64 {
    (((rng.next_u64() >> 11) as i64) as f64 + 0.5) * TWO_M53
}

/// Standard normal, Marsaglia's polar method (libm `log`).
pub fn std_normal(rng: &mut SimRng) -> f64 {
    loop {
        let x = 2.0 * u01(rng) - 1.0;
        let y = 2.0 * u01(rng) - 1.0;
        let s = x * x + y * y;
        if s > 0.0 && s < 1.0 {
            return x * (-2.0 * libm::log(s) / s).sqrt();
        }
    }
}

/// Natural log of a Gamma(shape, 1) variate (Marsaglia & Tsang 2000; for shape < 1 the boost
/// `G(a) = G(a+1) U^(1/a)`, kept in log space so that tiny shapes never underflow to 0).
pub fn ln_gamma_variate(rng: &mut SimRng, shape: f64) -> f64 {
    if shape < 1.0 {
        let g = ln_gamma_variate(rng, shape + 1.0);
        return g + libm::log(u01_open(rng)) / shape;
    }
    let d = shape - 1.0 / 3.0;
    let c = 1.0 / (9.0 * d).sqrt();
    loop {
        let x = std_normal(rng);
        let v1 = 1.0 + c * x;
        if v1 <= 0.0 {
            continue;
        }
        let v = v1 * v1 * v1;
        let u = u01_open(rng);
        let x2 = x * x;
        if u < 1.0 - 0.0331 * x2 * x2 {
            return libm::log(d * v);
        }
        if libm::log(u) < 0.5 * x2 + d * (1.0 - v + libm::log(v)) {
            return libm::log(d * v);
        }
    }
}

/// Gamma(shape, scale).
pub fn gamma(rng: &mut SimRng, shape: f64, scale: f64) -> f64 {
    libm::exp(ln_gamma_variate(rng, shape)) * scale
}

/// Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b), computed in log space.
pub fn beta(rng: &mut SimRng, a: f64, b: f64) -> f64 {
    let lx = ln_gamma_variate(rng, a);
    let ly = ln_gamma_variate(rng, b);
    let d = ly - lx;
    if d.is_nan() {
        // Both logs −∞: shapes so small (a certainty below about 1e-308 leads) that ln U / shape
        // overflowed in both. X < Y then as −ln U_a / a > −ln U_b / b, two exponentials of rates
        // a and b: P(X > Y) = a / (a + b), the limit of Beta(a, b) as a, b → 0 at its mean. It was
        // NaN (every rate NaN: 0 customers, the tornado's whiskers at x = NaN).
        return if u01(rng) * (a + b) < a { 1.0 } else { 0.0 };
    }
    let p = 1.0 / (1.0 + libm::exp(d));
    p.clamp(0.0, 1.0)
}

/// Poisson(lambda): inversion for lambda < 10, PTRS (Hörmann 1993) above.
pub fn poisson(rng: &mut SimRng, lambda: f64) -> u64 {
    PoissonP::new(lambda).sample(rng)
}

/// Poisson(lambda) with the constants that depend on lambda only computed once (the arrivals:
/// one mean per period for all trials). Draws are identical to [`poisson`].
#[derive(Clone, Copy, Debug)]
pub(crate) struct PoissonP {
    lambda: f64,
    /// Inversion (lambda < 10): exp(−lambda).
    e: f64,
    /// PTRS (lambda ≥ 10): ln lambda, b, a, ln(1/alpha), v_r.
    loglam: f64,
    b: f64,
    a: f64,
    ln_invalpha: f64,
    vr: f64,
}

impl PoissonP {
    #[inline]
    pub(crate) fn new(lambda: f64) -> PoissonP {
        if lambda.is_nan() || lambda <= 0.0 {
            return PoissonP::small(lambda, 0.0);
        }
        if lambda < 10.0 {
            return PoissonP::small(lambda, libm::exp(-lambda));
        }
        let b = 0.931 + 2.53 * lambda.sqrt();
        PoissonP {
            lambda,
            e: 0.0,
            loglam: libm::log(lambda),
            b,
            a: -0.059 + 0.02483 * b,
            ln_invalpha: libm::log(1.1239 + 1.1328 / (b - 3.4)),
            vr: 0.9277 - 3.6224 / (b - 2.0),
        }
    }

    /// `PoissonP::new(lambda)` below the PTRS regime (lambda < 10, or nothing to draw), given
    /// e = libm::exp(−lambda): inversion needs no other constant.
    #[inline]
    pub(crate) fn small(lambda: f64, e: f64) -> PoissonP {
        debug_assert!(lambda.is_nan() || lambda < 10.0);
        PoissonP {
            lambda,
            e,
            loglam: 0.0,
            b: 0.0,
            a: 0.0,
            ln_invalpha: 0.0,
            vr: 0.0,
        }
    }

    #[inline]
    pub(crate) fn sample(&self, rng: &mut SimRng) -> u64 {
        let lambda = self.lambda;
        if lambda.is_nan() || lambda <= 0.0 {
            return 0;
        }
        if lambda < 10.0 {
            // Sequential-search inversion; `cap` guards against rounding when u is within an
            // ulp of 1.
            let cap = 200u64;
            loop {
                let u = u01(rng);
                let mut p = self.e;
                let mut f = p;
                let mut k = 0u64;
                while u > f && k < cap {
                    k += 1;
                    p *= lambda / k as f64;
                    f += p;
                }
                if k < cap {
                    return k;
                }
            }
        }
        let (a, b) = (self.a, self.b);
        loop {
            let u = u01(rng) - 0.5;
            let v = u01(rng);
            let us = 0.5 - u.abs();
            let k = floor((2.0 * a / us + b) * u + lambda + 0.43);
            if us >= 0.07 && v <= self.vr {
                return k as u64;
            }
            if k < 0.0 || (us < 0.013 && v > us) {
                continue;
            }
            // ln k! from the table when it covers k: the table holds these same lgamma values.
            let ln_fact = if k < LN_FACT_SIZE as f64 {
                ln_fact_table()[k as usize]
            } else {
                libm::lgamma(k + 1.0)
            };
            let rhs = -lambda + k * self.loglam - ln_fact;
            let w = a / (us * us) + b;
            // Accept iff libm::log(v) + ln(1/alpha) − libm::log(w) ≤ rhs. With the approximate
            // logs (within 10⁻¹² of the real ones, libm's within an ulp; terms below 10⁴, so
            // the sums' rounding is below 10⁻¹²) the left side is within 10⁻¹¹ of libm's, so
            // outside a 10⁻⁹ band both decide alike; inside it (and for v = 0) libm decides.
            let approx = match (ln_approx(v), ln_approx(w)) {
                (Some(lv), Some(lw)) => Some(lv + self.ln_invalpha - lw),
                _ => None,
            };
            if le_outside_band(approx, rhs, || {
                libm::log(v) + self.ln_invalpha - libm::log(w)
            }) {
                return k as u64;
            }
        }
    }
}

/// (1 − pp)^n for n < 128 of one [`BinomialP`]: n = 16 i + j ↦ hi[i] · lo[j].
#[derive(Clone, Copy, Debug)]
pub(crate) struct R0Table {
    lo: [f64; 16],
    hi: [f64; 8],
}

/// Binomial(n, p) with per-p precomputation, for the hot loop where p is fixed for a whole
/// trial and only n changes. Draws are identical to [`binomial`].
#[derive(Clone, Copy, Debug, Default)]
pub struct BinomialP {
    p: f64,
    flipped: bool,
    /// ln(1 − pp)
    lq: f64,
    /// BTRS constants of pp = min(p, 1 − p).
    bt: BtrsP,
    /// [`MIRROR`] when flipped, else 0.
    mirror: u64,
}

impl BinomialP {
    /// The probability of a success.
    pub(crate) fn p(&self) -> f64 {
        self.p
    }

    pub fn new(p: f64) -> BinomialP {
        let flipped = p > 0.5;
        let pp = if flipped { 1.0 - p } else { p };
        BinomialP {
            p,
            flipped,
            lq: if pp > 0.0 && pp < 1.0 {
                libm::log1p(-pp)
            } else {
                0.0
            },
            bt: BtrsP::new(pp),
            mirror: if flipped { MIRROR } else { 0 },
        }
    }

    #[inline]
    pub fn sample(&self, rng: &mut SimRng, n: u64) -> u64 {
        self.sample_with(rng, n, |n| self.r0(n))
    }

    /// r0 = (1 − pp)^n = exp(n ln(1 − pp)), the BINV start value.
    #[inline]
    fn r0(&self, n: u64) -> f64 {
        libm::exp(n as f64 * self.lq)
    }

    /// The BINV start values (1 − pp)^n for n < 128, for a p that stays fixed while many n
    /// are drawn (a trial's conversion rate): q^n = (q¹⁶)^(n / 16) · q^(n mod 16), with q¹⁶ =
    /// exp(16 ln q) and the rest by repeated multiplication. Where BINV uses it (n·pp < 10, so
    /// n·|ln q| ≲ 10.5) the relative error is at most about 10.5 + 7 + 7 + 15 ≈ 40 units of
    /// 2⁻⁵³ (the exponent's rounding, q¹⁶'s powers, the table's products, the final product),
    /// against about 11 for exp(n ln q) itself: a draw can differ from one with the exact
    /// r0 only if its uniform falls within ~10⁻¹⁴ of a CDF step (BINV's own recurrence rounds
    /// as much). A unit test checks 50 units against exp(n ln q).
    pub(crate) fn r0_table(&self) -> R0Table {
        let q = self.bt.q;
        let mut t = R0Table {
            lo: [1.0; 16],
            hi: [1.0; 8],
        };
        for j in 1..16 {
            t.lo[j] = t.lo[j - 1] * q;
        }
        let q16 = libm::exp(16.0 * self.lq);
        for i in 1..8 {
            t.hi[i] = t.hi[i - 1] * q16;
        }
        t
    }

    /// [`sample`](Self::sample) with r0 from `table` (made by [`r0_table`](Self::r0_table) of
    /// this p) for n < 128.
    #[inline]
    pub(crate) fn sample_table(&self, rng: &mut SimRng, n: u64, table: &R0Table) -> u64 {
        self.sample_with(rng, n, |n| {
            if n < 128 {
                table.hi[(n >> 4) as usize] * table.lo[(n & 15) as usize]
            } else {
                self.r0(n)
            }
        })
    }

    #[inline]
    fn sample_with<F: FnOnce(u64) -> f64>(&self, rng: &mut SimRng, n: u64, r0: F) -> u64 {
        if n == 0 || self.p <= 0.0 || self.p.is_nan() {
            return 0;
        }
        if self.p >= 1.0 {
            return n;
        }
        let np = n as f64 * self.bt.p;
        let y = if np < 10.0 {
            binv_r0(rng, n, self.bt.p, r0(n), self.mirror)
        } else {
            btrs(rng, n, &self.bt, self.mirror)
        };
        if self.flipped {
            n - y
        } else {
            y
        }
    }
}

/// Binomial(n, p) for one p that is fixed for a whole run (stage delays, churn, the customer
/// mix) by table inversion: for each n below `cap` met in the run, a table of the normalised
/// CDF of Bin(n, p) is built on first use (a pure function of (n, p), so draws do not depend on
/// which trial or worker built it) and a draw is one uniform and a guide-table search
/// (about 20 instructions instead of hundreds for BTRS). n ≥ `cap` uses [`BinomialP`].
///
/// Exactness: the pmf is computed from the mode outward by the exact ratio recurrences and
/// normalised by its sum (so the error of the starting value cancels); the tails are cut where
/// a term falls below 10⁻²⁰ of the mode's (unimodal, so every later term is smaller: the cut
/// mass is below n·10⁻²⁰ ≤ 10⁻¹⁶, under the 2⁻⁵³ resolution of the uniform). Each k is returned
/// iff u ∈ [F(k−1), F(k)); u beyond the last F (rounding) is redrawn.
#[derive(Clone, Debug)]
pub(crate) struct BinomialTable {
    draw: BinomialP,
    tables: Vec<std::sync::OnceLock<InvTable>>,
}

/// Inversion table of one Bin(n, pp), pp = min(p, 1 − p).
#[derive(Clone, Debug)]
struct InvTable {
    /// Value of cdf[0].
    lo: u64,
    /// Normalised CDF of lo, lo + 1, …
    cdf: Box<[f64]>,
    /// guide[j] = min{i : cdf[i] > j / 2^bits}; u · 2^bits is exact, so the search starts at
    /// or below the answer.
    guide: Box<[u32]>,
    bits: u32,
}

impl InvTable {
    fn new(n: u64, bt: &BtrsP) -> InvTable {
        let nf = n as f64;
        let (pp, r) = (bt.p, bt.r);
        let m = (((nf + 1.0) * pp) as u64).min(n);
        InvTable::from_mode(m, n, &|k| (nf - k as f64) * r / (k as f64 + 1.0), &|k| {
            k as f64 / ((nf - k as f64 + 1.0) * r)
        })
    }

    /// The table of Poisson(lambda), lambda > 0: mode ⌊lambda⌋, f(k + 1)/f(k) = lambda/(k + 1).
    fn poisson(lambda: f64) -> InvTable {
        InvTable::from_mode(
            lambda as u64,
            u64::MAX,
            &|k| lambda / (k as f64 + 1.0),
            &|k| k as f64 / lambda,
        )
    }

    /// The table of a unimodal pmf on 0..=max with mode m, from the ratios up(k) = f(k + 1)/f(k)
    /// and down(k) = f(k − 1)/f(k).
    fn from_mode(
        m: u64,
        max: u64,
        up_ratio: &dyn Fn(u64) -> f64,
        down_ratio: &dyn Fn(u64) -> f64,
    ) -> InvTable {
        // `dyn`: one copy of this code in the wasm build for both kinds of table.
        const CUT: f64 = 1e-20;
        // Unnormalised: relative to f(m) = 1.
        let mut up = Vec::new();
        let (mut f, mut k) = (1.0f64, m);
        while k < max {
            f *= up_ratio(k);
            k += 1;
            if f < CUT {
                break;
            }
            up.push(f);
        }
        let mut down = Vec::new();
        let (mut f, mut k) = (1.0f64, m);
        while k > 0 {
            f *= down_ratio(k);
            k -= 1;
            if f < CUT {
                break;
            }
            down.push(f);
        }
        let lo = m - down.len() as u64;
        let pmf: Vec<f64> = down.iter().rev().copied().chain([1.0]).chain(up).collect();
        let total: f64 = pmf.iter().sum();
        let mut acc = 0.0;
        let cdf: Box<[f64]> = pmf
            .iter()
            .map(|&x| {
                acc += x;
                acc / total
            })
            .collect();
        let bits = usize::BITS - (cdf.len().max(2) - 1).leading_zeros();
        let size = 1usize << bits;
        let mut guide = Vec::with_capacity(size);
        let mut i = 0usize;
        for j in 0..size {
            let t = j as f64 / size as f64;
            while i + 1 < cdf.len() && cdf[i] <= t {
                i += 1;
            }
            guide.push(i as u32);
        }
        InvTable {
            lo,
            cdf,
            guide: guide.into_boxed_slice(),
            bits,
        }
    }

    #[inline(always)]
    fn sample(&self, rng: &mut SimRng, mirror: u64) -> u64 {
        let cdf = &self.cdf[..];
        loop {
            let x = bits53(rng, mirror);
            let u = (x as i64) as f64 * TWO_M53; // x < 2⁵³: signed conversion, as in u01
            let mut i = self.guide[(x >> (53 - self.bits)) as usize] as usize;
            while i < cdf.len() && u >= cdf[i] {
                i += 1;
            }
            if i < cdf.len() {
                return self.lo + i as u64;
            }
        }
    }
}

/// All inversion tables of one [`crate::Simulation`] together stay below this many bytes (a bound
/// that holds however many trials run and whichever counts they meet).
pub(crate) const TABLE_BUDGET: usize = 16 << 20;

/// An upper bound on the bytes that the table of Bin(n, p) and its slot take.
///
/// The table keeps the terms within 10⁻²⁰ of the mode's pmf f(m). Since f(m) ≥ 1/(n + 1) and, by
/// Bernstein's inequality, P(|X − np| ≥ t) on either side is at most exp(−t² / (2(npq + t/3))), a
/// term j places from the mode (t > j − 1) is kept only if (j − 1)² / (2(npq + (j − 1)/3)) ≤
/// L = ln((n + 1)·10²⁰), i.e. j − 1 ≤ t* = L/3 + √(L²/9 + 2L·npq). So the table has at most
/// 2(t* + 1) + 1 terms (plus 2 per side for rounding), and never more than n + 1. Each term takes
/// 8 bytes of CDF and at most 8 of guide (the guide has fewer than 2 entries of 4 bytes per term);
/// 64 bytes cover the slot and the boxes.
fn table_bytes_bound(n: u64, p: f64) -> usize {
    let nf = n as f64;
    let npq = nf * p * (1.0 - p);
    let l = libm::log(nf + 1.0) + 20.0 * core::f64::consts::LN_10;
    let t = l / 3.0 + (l * l / 9.0 + 2.0 * l * npq).sqrt();
    let terms = (2.0 * t.floor() + 7.0).min(nf + 1.0) as usize;
    16 * terms + 64
}

/// Table caps for the fixed probabilities `ps` of one simulation: each probability with tables
/// (not 0, 1 or NaN) gets an equal share of [`TABLE_BUDGET`], and its cap is the largest
/// n ≤ `max_cap` such that the tables of 1..n fit in that share by [`table_bytes_bound`]. A pure
/// function of the scenario, so draws do not depend on which counts a run happens to meet.
pub(crate) fn table_caps(ps: &[f64], max_cap: usize) -> Vec<usize> {
    let with_tables = |p: f64| p > 0.0 && p < 1.0;
    let k = ps.iter().filter(|&&p| with_tables(p)).count().max(1);
    let share = TABLE_BUDGET / k;
    ps.iter()
        .map(|&p| {
            if !with_tables(p) {
                return 0;
            }
            let mut used = 0;
            for n in 1..max_cap {
                used += table_bytes_bound(n as u64, p);
                if used > share {
                    return n;
                }
            }
            max_cap
        })
        .collect()
}

/// An upper bound on the bytes that the table of Poisson(lambda) takes, as
/// [`table_bytes_bound`]: Bernstein's inequality holds for the Poisson (variance lambda), and
/// f(mode) ≥ 1/(4 lambda + 4), since by Markov's inequality the 2 lambda + 2 values 0..=2 lambda + 1
/// hold at least half of the mass.
pub(crate) fn poisson_table_bytes_bound(lambda: f64) -> usize {
    let l = libm::log(4.0 * lambda + 4.0) + 20.0 * core::f64::consts::LN_10;
    let t = l / 3.0 + (l * l / 9.0 + 2.0 * l * lambda).sqrt();
    let terms = 2.0 * t.floor() + 7.0;
    if terms.is_finite() && terms < 1e12 {
        16 * terms as usize + 64
    } else {
        usize::MAX
    }
}

/// Poisson draws of one fixed lambda (the arrivals of one period, for every trial): by table
/// inversion, exact as [`BinomialTable`]'s (the same construction from the mode, cut at 10⁻²⁰
/// of the mode's pmf, normalised), when built with a table; else by [`PoissonP`]. The table is
/// a pure function of lambda, built up front (a few microseconds per period).
#[derive(Clone, Debug)]
pub(crate) struct PoissonTable {
    draw: PoissonP,
    table: Option<InvTable>,
}

impl PoissonTable {
    pub(crate) fn new(lambda: f64, table: bool) -> PoissonTable {
        let table = table && lambda > 0.0 && lambda.is_finite();
        PoissonTable {
            draw: PoissonP::new(lambda),
            table: table.then(|| InvTable::poisson(lambda)),
        }
    }

    #[inline]
    pub(crate) fn sample(&self, rng: &mut SimRng) -> u64 {
        match &self.table {
            Some(t) => t.sample(rng, 0),
            None => self.draw.sample(rng),
        }
    }
}

impl BinomialTable {
    /// The probability of a success.
    pub(crate) fn p(&self) -> f64 {
        self.draw.p
    }

    /// Tables for n < `cap` (at most 2^20).
    pub(crate) fn new(p: f64, cap: usize) -> BinomialTable {
        let draw = BinomialP::new(p);
        let trivial = p <= 0.0 || p >= 1.0 || p.is_nan();
        BinomialTable {
            draw,
            tables: if trivial {
                Vec::new()
            } else {
                (0..cap.min(1 << 20))
                    .map(|_| std::sync::OnceLock::new())
                    .collect()
            },
        }
    }

    /// The slot of n's table, if n is below the cap (on any pointer width).
    #[inline(always)]
    fn table(&self, n: u64) -> Option<&std::sync::OnceLock<InvTable>> {
        usize::try_from(n).ok().and_then(|i| self.tables.get(i))
    }

    #[inline(always)]
    pub(crate) fn sample(&self, rng: &mut SimRng, n: u64) -> u64 {
        // n = 0, p = 1 (a one-period delay), p = 0 and NaN need no draw, but take one uniform as
        // a table draw does: a draw then takes one uniform whenever its count is within the tables,
        // so the draws after it in the same sub-stream stay in step between two runs whose counts
        // or rates differ (Compare).
        if n == 0 || !(self.draw.p > 0.0 && self.draw.p < 1.0) {
            rng.next_u64();
            return if self.draw.p >= 1.0 { n } else { 0 };
        }
        // `tables` is empty for p ∈ {0, 1} and NaN.
        // `usize::try_from`, not `as`: on wasm32 `n as usize` would wrap n ≥ 2³² onto a small
        // count's table.
        if let Some(t) = self.table(n).and_then(|c| c.get()) {
            let y = t.sample(rng, self.draw.mirror);
            return if self.draw.flipped { n - y } else { y };
        }
        self.sample_slow(rng, n)
    }

    /// `sample` for n > 0 and 0 < p < 1 without a built table: a table not built yet, or n ≥ cap.
    #[cold]
    #[inline(never)]
    fn sample_slow(&self, rng: &mut SimRng, n: u64) -> u64 {
        let d = &self.draw;
        if d.p <= 0.0 || d.p.is_nan() {
            return 0;
        }
        let Some(cell) = self.table(n) else {
            return d.sample(rng, n);
        };
        let y = cell
            .get_or_init(|| InvTable::new(n, &d.bt))
            .sample(rng, d.mirror);
        if d.flipped {
            n - y
        } else {
            y
        }
    }
}

/// Binomial(n, p), exact. Fast paths: n = 0, p = 0, p = 1; BINV inversion (as in
/// `rand_distr` 0.6, Kachitvichyanukul & Schmeiser 1988) when n·min(p, 1−p) < 10; otherwise
/// BTRS (Hörmann 1993). All maths via `libm`.
pub fn binomial(rng: &mut SimRng, n: u64, p: f64) -> u64 {
    if n == 0 || p <= 0.0 || p.is_nan() {
        return 0;
    }
    if p >= 1.0 {
        return n;
    }
    let flipped = p > 0.5;
    let pp = if flipped { 1.0 - p } else { p };
    let mirror = if flipped { MIRROR } else { 0 };
    let np = n as f64 * pp;
    let y = if np < 10.0 {
        binv_r0(rng, n, pp, libm::pow(1.0 - pp, n as f64), mirror)
    } else {
        btrs(rng, n, &BtrsP::new(pp), mirror)
    };
    if flipped {
        n - y
    } else {
        y
    }
}

/// Hypergeometric(N = `total`, K = `marked`, n = `n`): how many of `n` leads taken at random from
/// `total`, of which `marked` converted, are converters. Exact. A spread of variance up to
/// [`HYPER_TABLE_VAR`] by inversion of the pmf built outward from its mode by the ratio
/// recurrences, normalised by its sum and cut where a term falls below 10⁻²⁰ of the mode's (as
/// [`InvTable`]), in `buf`; a wider one by [`hypergeometric_hrua`], whose cost does not grow with
/// the counts.
pub(crate) fn hypergeometric(
    rng: &mut SimRng,
    total: u64,
    marked: u64,
    n: u64,
    buf: &mut Vec<f64>,
) -> u64 {
    let (big, k, n) = (total as f64, marked as f64, n as f64);
    let lo = (n + k - big).max(0.0);
    let hi = n.min(k);
    if lo >= hi {
        return lo as u64;
    }
    let var = n * k * (big - k) * (big - n) / (big * big * (big - 1.0));
    if var > HYPER_TABLE_VAR {
        return hypergeometric_hrua(rng, total, marked, n as u64);
    }
    const CUT: f64 = 1e-20;
    let m = floor((n + 1.0) * (k + 1.0) / (big + 2.0)).clamp(lo, hi);
    // Terms below the mode (in reverse), then the mode and those above it, relative to f(m) = 1.
    buf.clear();
    let (mut f, mut j) = (1.0f64, m);
    while j > lo {
        f *= j * (big - k - n + j) / ((k - j + 1.0) * (n - j + 1.0));
        j -= 1.0;
        if f < CUT {
            j += 1.0;
            break;
        }
        buf.push(f);
    }
    let first = j;
    buf.reverse();
    buf.push(1.0);
    let (mut f, mut j) = (1.0f64, m);
    while j < hi {
        f *= (k - j) * (n - j) / ((j + 1.0) * (big - k - n + j + 1.0));
        j += 1.0;
        if f < CUT {
            break;
        }
        buf.push(f);
    }
    let sum: f64 = buf.iter().sum();
    loop {
        let mut u = u01(rng) * sum;
        for (i, &g) in buf.iter().enumerate() {
            if u < g {
                return first as u64 + i as u64;
            }
            u -= g;
        }
        // Rounding left u past the last term: draw again.
    }
}

/// Up to this variance [`hypergeometric`] draws from a table (about 20 terms per standard
/// deviation to build); above it, [`hypergeometric_hrua`] is faster.
pub(crate) const HYPER_TABLE_VAR: f64 = 16.0;

/// Hypergeometric(N, K, n) by HRUA, the ratio-of-uniforms method of Stadlober (1989, 1990) as
/// numpy draws it (`random_hypergeometric_hrua`): exact, with an expected number of candidates
/// below 2 whatever the counts. The problem is first reduced by symmetry to K ≤ N/2 and n ≤ N/2
/// (so the support is 0..=min(n, K)); a candidate k is accepted iff 2 ln u ≤ ln f(k)/f(m) with m
/// the mode, after two squeezes from u − 1/u ≤ 2 ln u ≤ u(4 − u) − 3 on (0, 1] (accept when
/// u(4 − u) − 3 ≤ T, reject when u(u − T) ≥ 1, that is T ≤ u − 1/u). Candidates more than 16 standard deviations above
/// the mean are rejected, as numpy does (the pmf there is below 10⁻⁵⁰ of the mode's). The
/// log-ratio is a sum of four differences of ln k! ([`ln_fact_diff`]), so that counts up to
/// 10¹² keep it within about 10⁻⁸.
pub(crate) fn hypergeometric_hrua(rng: &mut SimRng, total: u64, marked: u64, n: u64) -> u64 {
    const D1: f64 = 1.715_527_769_921_413_5;
    const D2: f64 = 0.898_916_162_058_898_8;
    let sample = n.min(total - n);
    let good = marked.min(total - marked);
    let (popf, mf, nf) = (total as f64, good as f64, sample as f64);
    let maxf = popf - mf;
    let a = nf * mf / popf + 0.5;
    let var = (popf - nf) * nf * (mf / popf) * (maxf / popf) / (popf - 1.0);
    let c = (var + 0.5).sqrt();
    let h = D1 * c + D2;
    let m = floor((nf + 1.0) * (mf + 1.0) / (popf + 2.0));
    let b = (nf.min(mf) + 1.0).min(floor(a + 16.0 * c));
    let k = loop {
        let u = u01_open(rng);
        let v = u01(rng);
        let x = a + h * (v - 0.5) / u;
        if !(0.0..b).contains(&x) {
            continue;
        }
        let k = floor(x);
        let t = ln_fact_diff(m, k)
            + ln_fact_diff(mf - m, mf - k)
            + ln_fact_diff(nf - m, nf - k)
            + ln_fact_diff(maxf - nf + m, maxf - nf + k);
        if u * (4.0 - u) - 3.0 <= t {
            break k as u64;
        }
        if u * (u - t) >= 1.0 {
            continue;
        }
        if 2.0 * libm::log(u) <= t {
            break k as u64;
        }
    };
    let k = if marked > total - marked {
        sample - k
    } else {
        k
    };
    if sample < n {
        marked - k
    } else {
        k
    }
}

/// ln a! − ln b! for whole numbers a, b ≥ 0 (as f64): from the table of ln k! below
/// `LN_FACT_SIZE`; above it from Stirling's form ln x! = (x + ½) ln(x + 1) − (x + 1) + ½ ln 2π +
/// [`stirling_tail`](x), rearranged so that nothing large cancels:
/// (b + ½) ln(1 + (a − b)/(b + 1)) + (a − b)(ln(a + 1) − 1) + tail(a) − tail(b).
fn ln_fact_diff(a: f64, b: f64) -> f64 {
    const T: f64 = (LN_FACT_SIZE - 1) as f64;
    let stirling = |a: f64, b: f64| {
        let d = a - b;
        (b + 0.5) * libm::log1p(d / (b + 1.0)) + d * (libm::log(a + 1.0) - 1.0) + stirling_tail(a)
            - stirling_tail(b)
    };
    let lf = ln_fact_table();
    match (a <= T, b <= T) {
        (true, true) => lf[a as usize] - lf[b as usize],
        (false, false) => stirling(a, b),
        (true, false) => lf[a as usize] - lf[T as usize] - stirling(b, T),
        (false, true) => stirling(a, T) + lf[T as usize] - lf[b as usize],
    }
}

/// Bin(`n_b`, `p_b`), coupled to `x_a`, a draw of Bin(`n_a`, `p_a`), as if the same leads had met
/// both: B's first min(n_a, n_b) leads are leads of A (A's converters among them are `x_a`, or a
/// hypergeometric share of it when B has fewer leads); a lead that converted in A converts in B
/// with probability min(1, p_b / p_a), one that did not with max(0, (p_b − p_a) / (1 − p_a)); B's
/// leads beyond A's convert with p_b. Each of B's leads then converts with p_b, independently, so
/// the result is Bin(n_b, p_b) for any (n_a, p_a, x_a) with x_a ~ Bin(n_a, p_a) and `rng` fresh;
/// and it is never below `x_a` when n_b ≥ n_a and p_b ≥ p_a. Equal parameters give `x_a` itself.
pub(crate) fn couple_binomial(
    rng: &mut SimRng,
    (n_a, p_a, x_a): (u64, f64, u64),
    n_b: u64,
    p_b: f64,
    buf: &mut Vec<f64>,
) -> u64 {
    if n_a == n_b && p_a.to_bits() == p_b.to_bits() {
        return x_a;
    }
    if !((0.0..=1.0).contains(&p_a) && (0.0..=1.0).contains(&p_b)) {
        return binomial(rng, n_b, p_b);
    }
    let shared = n_a.min(n_b);
    let s = if n_b >= n_a {
        x_a
    } else {
        hypergeometric(rng, n_a, x_a, n_b, buf)
    };
    let kept = if p_b >= p_a {
        // (p_a = p_b = 1: 0 / 0, and no lead is left to convert.)
        let up = if p_a < 1.0 {
            (p_b - p_a) / (1.0 - p_a)
        } else {
            0.0
        };
        s + binomial(rng, shared - s, up.min(1.0))
    } else {
        binomial(rng, s, p_b / p_a)
    };
    kept + binomial(rng, n_b - shared, p_b)
}

/// Poisson(`lam_b`) coupled to `x_a`, a draw of Poisson(`lam_a`): A's count plus a Poisson of the
/// difference, or each of A's kept with probability lam_b / lam_a. Exact for `rng` fresh; never
/// below `x_a` when lam_b ≥ lam_a; equal means give `x_a`.
pub(crate) fn couple_poisson(rng: &mut SimRng, (lam_a, x_a): (f64, u64), lam_b: f64) -> u64 {
    if lam_a.to_bits() == lam_b.to_bits() {
        x_a
    } else if lam_b > lam_a {
        x_a + poisson(rng, lam_b - lam_a)
    } else if lam_a > 0.0 {
        binomial(rng, x_a, lam_b / lam_a)
    } else {
        0
    }
}

/// BINV with r0 = (1 − p)^n supplied.
fn binv_r0(rng: &mut SimRng, n: u64, p: f64, r0: f64, mirror: u64) -> u64 {
    const BINV_MAX_X: u64 = 110;
    let q = 1.0 - p;
    let s = p / q;
    let a = (n as f64 + 1.0) * s;
    'outer: loop {
        let mut r = r0;
        let mut u = (bits53(rng, mirror) as i64) as f64 * TWO_M53;
        let mut x = 0u64;
        while u > r {
            u -= r;
            x += 1;
            if x > BINV_MAX_X || x > n {
                continue 'outer;
            }
            r *= a / (x as f64) - s;
        }
        return x;
    }
}

/// The constants of BTRS that depend on p only.
#[derive(Clone, Copy, Debug, Default)]
struct BtrsP {
    /// p ≤ 0.5
    p: f64,
    q: f64,
    /// p / q
    r: f64,
    /// ln(p / q)
    ln_r: f64,
}

impl BtrsP {
    fn new(p: f64) -> BtrsP {
        let q = 1.0 - p;
        let r = p / q;
        BtrsP {
            p,
            q,
            r,
            ln_r: if r > 0.0 { libm::log(r) } else { 0.0 },
        }
    }
}

/// ln k! for k < `LN_FACT_SIZE`, from libm `lgamma` (error a few ulps, < 10⁻¹⁰ absolute).
const LN_FACT_SIZE: usize = 1 << 14;
static LN_FACT: std::sync::OnceLock<Vec<f64>> = std::sync::OnceLock::new();

fn ln_fact_table() -> &'static [f64] {
    LN_FACT.get_or_init(|| {
        (0..LN_FACT_SIZE)
            .map(|k| libm::lgamma(k as f64 + 1.0))
            .collect()
    })
}

/// BTRS: transformed rejection with squeeze (Hörmann 1993, "The generation of binomial
/// random variates", J. Stat. Comput. Simul. 46), for n·p ≥ 10 and p ≤ 0.5. About 80% of draws
/// are accepted by the first, cheap test; the rest compare with the exact log-ratio of the pmf,
/// ln f(k)/f(m) = ln m! + ln (n−m)! − ln k! − ln (n−k)! + (k − m) ln(p/q): from a table of
/// ln k! when n < `LN_FACT_SIZE`, else with Stirling tail corrections (table for k ≤ 9, series
/// otherwise; error < 1e-12).
#[allow(clippy::many_single_char_names)]
#[inline]
fn btrs(rng: &mut SimRng, n: u64, bp: &BtrsP, mirror: u64) -> u64 {
    let p = bp.p;
    let nf = n as f64;
    let stddev = (nf * p * bp.q).sqrt();
    let b = 1.15 + 2.53 * stddev;
    let a = -0.0873 + 0.0248 * b + 0.01 * p;
    let c = nf * p + 0.5;
    let v_r = 0.92 - 4.2 / b;
    loop {
        let u = (bits53(rng, mirror) as i64) as f64 * TWO_M53 - 0.5;
        let v = u01(rng);
        let us = 0.5 - u.abs();
        let k = floor((2.0 * a / us + b) * u + c);
        if us >= 0.07 && v <= v_r {
            return k as u64;
        }
        if k < 0.0 || k > nf || v <= 0.0 {
            continue;
        }
        if btrs_accept(n, k, v, us, a, b, stddev, bp) {
            return k as u64;
        }
    }
}

/// BTRS's exact acceptance test for a candidate `k` that missed the cheap squeeze. Kept out of
/// line: it runs for a minority of candidates, and inlined, its per-n set-up (m, alpha, the
/// Stirling terms of m) was hoisted in front of the loop and paid on every draw.
#[allow(clippy::too_many_arguments, clippy::many_single_char_names)]
#[inline(never)]
fn btrs_accept(n: u64, k: f64, v: f64, us: f64, a: f64, b: f64, stddev: f64, bp: &BtrsP) -> bool {
    let (p, r) = (bp.p, bp.r);
    let nf = n as f64;
    let alpha = (2.83 + 5.1 / b) * stddev;
    let m = floor((nf + 1.0) * p);
    let z = v * alpha / (a / (us * us) + b);
    // Accept iff z ≤ f(k)/f(m). For n below `LN_FACT_SIZE`, ln f(k)/f(m) comes from the table
    // of ln k! (four loads; the table's differences are within 10⁻¹⁰). Beyond it, near the
    // mode (as in numpy's BTRS), the ratio is the product of the pmf's successive ratios
    // f(i)/f(i−1) = (n + 1)r/i − r (r = p/q): at most 15 factors, relative rounding error below
    // 10⁻¹⁴, no logarithms. Only a z within that of the ratio (probability ~10⁻¹⁴ per candidate)
    // could be decided differently from the exact real comparison, as with the logarithmic
    // test below. (The table is used first because the product's chain of up to 15
    // divisions took longer than the table's loads and one approximate logarithm: the
    // default scenario ran 9% faster.)
    let km = k - m;
    if n >= LN_FACT_SIZE as u64 && km.abs() <= 15.0 {
        let h = (nf + 1.0) * r;
        let mut f = 1.0;
        if km > 0.0 {
            let mut i = m;
            while i < k {
                i += 1.0;
                f *= h / i - r;
            }
            return z <= f;
        }
        let mut i = k;
        while i < m {
            i += 1.0;
            f *= h / i - r;
        }
        return z * f <= 1.0;
    }
    let upper = if n < LN_FACT_SIZE as u64 {
        let lf = ln_fact_table();
        let (ki, mi) = (k as usize, m as usize);
        let n = n as usize;
        (lf[mi] - lf[ki]) + (lf[n - mi] - lf[n - ki]) + (k - m) * bp.ln_r
    } else {
        (m + 0.5) * libm::log((m + 1.0) / (r * (nf - m + 1.0)))
            + (nf + 1.0) * libm::log((nf - m + 1.0) / (nf - k + 1.0))
            + (k + 0.5) * libm::log(r * (nf - k + 1.0) / (k + 1.0))
            + stirling_tail(m)
            + stirling_tail(nf - m)
            - stirling_tail(k)
            - stirling_tail(nf - k)
    };
    // Accept iff libm::log(z) <= upper. The approximate ln is within 10⁻¹² of ln z and
    // libm's within 1 ulp (< 2·10⁻¹³ here), so outside a 10⁻⁹ band both give the same
    // answer; inside it libm decides.
    le_outside_band(ln_approx(z), upper, || libm::log(z))
}

/// ln(k!) − [(k + ½) ln(k + 1) − (k + 1) + ½ ln(2π)].
fn stirling_tail(k: f64) -> f64 {
    const TABLE: [f64; 10] = [
        0.081_061_466_795_327_2,
        0.041_340_695_955_409_2,
        0.027_677_925_684_998_3,
        0.020_790_672_103_765_09,
        0.016_644_691_189_821_1,
        0.013_876_128_823_070_7,
        0.011_896_709_945_891_7,
        0.010_411_265_261_972_0,
        0.009_255_462_182_712_73,
        0.008_330_563_433_362_87,
    ];
    if k <= 9.0 {
        return TABLE[k as usize];
    }
    let kp1 = k + 1.0;
    let kp1sq = kp1 * kp1;
    (1.0 / 12.0 - (1.0 / 360.0 - 1.0 / 1260.0 / kp1sq) / kp1sq) / kp1
}

/// Standard normal CDF via libm `erfc`.
pub fn normal_cdf(z: f64) -> f64 {
    0.5 * libm::erfc(-z / core::f64::consts::SQRT_2)
}

/// ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b). With a parameter of 100 or more, by Stirling's
/// series for the large ones (as R's `lbeta`): the difference of two ln Γ near 2·10¹⁰ (counts of
/// 10⁹) would lose 6 of its 16 digits to rounding.
fn ln_beta(a: f64, b: f64) -> f64 {
    let (p, q) = (a.min(b), a.max(b));
    // ln Γ(x) − [(x − ½) ln x − x + ½ ln 2π] for x ≥ 100 (Stirling's remainder of ln Γ(x) is that of
    // ln (x − 1)!, `stirling_tail(x − 1)`; its next term is below 10⁻¹⁷ here).
    let corr = |x: f64| stirling_tail(x - 1.0);
    let r = p / (p + q);
    if p >= 100.0 {
        // (½ ln 2π, then the terms of the three Stirling forms that do not cancel.)
        0.918_938_533_204_672_8 - 0.5 * libm::log(q) + corr(p) + corr(q) - corr(p + q)
            + (p - 0.5) * libm::log(r)
            + q * libm::log1p(-r)
    } else if q >= 100.0 {
        libm::lgamma(p) + corr(q) - corr(p + q) + p - p * libm::log(p + q)
            + (q - 0.5) * libm::log1p(-r)
    } else {
        libm::lgamma(p) + libm::lgamma(q) - libm::lgamma(p + q)
    }
}

/// Regularised incomplete beta I_x(a, b) (continued fraction, Lentz; Numerical Recipes §6.4).
pub fn inc_beta(x: f64, a: f64, b: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let ln_front = a * libm::log(x) + b * libm::log1p(-x) - ln_beta(a, b);
    let front = libm::exp(ln_front);
    if x < (a + 1.0) / (a + b + 2.0) {
        front * beta_cf(x, a, b) / a
    } else {
        1.0 - front * beta_cf(1.0 - x, b, a) / b
    }
}

fn beta_cf(x: f64, a: f64, b: f64) -> f64 {
    const TINY: f64 = 1e-300;
    let qab = a + b;
    let qap = a + 1.0;
    let qam = a - 1.0;
    let mut c = 1.0;
    let mut d = 1.0 - qab * x / qap;
    if d.abs() < TINY {
        d = TINY;
    }
    d = 1.0 / d;
    let mut h = d;
    // Near the mean the fraction needs about √(a + b)/10 terms: 80 for a + b = 10⁴, 3,400 for 10⁹
    // (the largest certainty or count a scenario takes). It stops as soon as it has converged.
    for m in 1..=10_000 {
        let m = m as f64;
        let m2 = 2.0 * m;
        // One modified-Lentz step: updates d and c and returns the factor d·c for h.
        let mut lentz = |aa: f64| {
            d = 1.0 + aa * d;
            if d.abs() < TINY {
                d = TINY;
            }
            c = 1.0 + aa / c;
            if c.abs() < TINY {
                c = TINY;
            }
            d = 1.0 / d;
            d * c
        };
        h *= lentz(m * (b - m) * x / ((qam + m2) * (a + m2)));
        let del = lentz(-(a + m) * (qab + m) * x / ((a + m2) * (qap + m2)));
        h *= del;
        if (del - 1.0).abs() < 1e-15 {
            break;
        }
    }
    h
}

/// Inverse of the regularised incomplete beta: the x with I_x(a, b) = u.
/// Safeguarded Newton (bisection whenever a Newton step leaves the bracket).
pub fn inv_inc_beta(u: f64, a: f64, b: f64) -> f64 {
    if u <= 0.0 {
        return 0.0;
    }
    if u >= 1.0 {
        return 1.0;
    }
    let ln_b = ln_beta(a, b);
    let (mut lo, mut hi) = (0.0f64, 1.0f64);
    let mut x = (a / (a + b)).clamp(1e-12, 1.0 - 1e-12);
    for _ in 0..100 {
        let f = inc_beta(x, a, b) - u;
        if f == 0.0 {
            return x;
        }
        if f < 0.0 {
            lo = x;
        } else {
            hi = x;
        }
        let ln_pdf = (a - 1.0) * libm::log(x) + (b - 1.0) * libm::log1p(-x) - ln_b;
        let pdf = libm::exp(ln_pdf);
        let mut next = if pdf > 0.0 && pdf.is_finite() {
            x - f / pdf
        } else {
            f64::NAN
        };
        if next.is_nan() || next <= lo || next >= hi {
            next = 0.5 * (lo + hi);
        }
        if (next - x).abs() <= 1e-15 * x.max(1e-300) || hi - lo < 1e-300 {
            return next;
        }
        x = next;
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Beta(a, b) with a and b so small (a certainty below about 1e-308 leads) that both gamma
    /// variates' logs overflow to −∞: the draw is the limit as a, b → 0 at the mean a/(a + b), a
    /// rate of 1 with probability 0.3 here, else 0, never NaN (it was NaN in most trials: every
    /// rate NaN, 0 customers, the tornado's whiskers at x = NaN). 20,000 draws: the share of 1s
    /// has a standard deviation of √(0.3 · 0.7 / 20,000) = 0.0032, so ±0.016 is 5 of them.
    /// The inverse CDF (Beta rates with a correlation) has the same limit: 0 below u = 0.7, 1 above.
    #[test]
    fn a_beta_of_vanishing_shapes_is_a_coin_at_its_mean() {
        for scale in [1e-300, 1e-308, 1e-309, 1e-310, 1e-320] {
            let (a, b) = (0.3 * scale, 0.7 * scale);
            let mut rng = stream(11, 0);
            let n = 20_000;
            let mut ones = 0;
            for _ in 0..n {
                let x = beta(&mut rng, a, b);
                assert!(
                    x == 0.0 || x == 1.0 || (x > 0.0 && x < 1.0),
                    "{scale:e}: {x}"
                );
                if x > 0.5 {
                    ones += 1;
                }
            }
            let share = ones as f64 / n as f64;
            assert!((share - 0.3).abs() < 0.016, "{scale:e}: {share}");
            for (u, want) in [(0.2, 0.0), (0.69, 0.0), (0.71, 1.0), (0.95, 1.0)] {
                let x = inv_inc_beta(u, a, b);
                assert!((x - want).abs() < 1e-6, "{scale:e}, u {u}: {x}");
            }
        }
    }

    #[test]
    fn inc_beta_known_values() {
        // I_x(a, b) for integer a, b equals P(Bin(a+b-1, x) >= a).
        assert!((inc_beta(0.5, 2.0, 3.0) - 0.6875).abs() < 1e-13);
        assert!((inc_beta(0.2, 3.0, 5.0) - 0.148032).abs() < 1e-13);
        assert!((inc_beta(0.3, 1.0, 1.0) - 0.3).abs() < 1e-14);
        assert!((inc_beta(0.7, 2.5, 1.0) - libm::pow(0.7, 2.5)).abs() < 1e-13);
        // I_x(1/2, 1/2) = (2/pi) asin(sqrt x).
        let x: f64 = 0.3;
        let want = 2.0 / core::f64::consts::PI * libm::asin(x.sqrt());
        assert!((inc_beta(x, 0.5, 0.5) - want).abs() < 1e-12);
    }

    #[test]
    fn inv_inc_beta_round_trips() {
        for &(a, b) in &[
            (0.5, 0.5),
            (2.0, 3.0),
            (46.0, 56.0),
            (0.05, 3.0),
            (300.0, 10.0),
        ] {
            for i in 1..20 {
                let u = i as f64 / 20.0;
                let x = inv_inc_beta(u, a, b);
                assert!(
                    (inc_beta(x, a, b) - u).abs() < 1e-10,
                    "a={a} b={b} u={u} x={x}"
                );
            }
        }
    }

    #[test]
    fn fast_floor_ceil_round_match_std_and_libm() {
        let mut r = stream(7, 7);
        let specials = [
            0.0,
            -0.0,
            0.5,
            -0.5,
            1.5,
            -1.5,
            2.5,
            -2.5,
            0.49999999999999994,
            -0.49999999999999994,
            4.0e15 - 0.5,
            -4.0e15 + 0.5,
            9.007199254740993e15,
            1e300,
            -1e300,
            3.9e18,
            -3.9e18,
            f64::MIN_POSITIVE,
            -f64::MIN_POSITIVE,
        ];
        let random = (0..200_000).map(|i| {
            let scale = [1.0, 1e3, 1e9, 1e16][i % 4];
            (u01(&mut r) - 0.5) * scale
        });
        for x in specials.into_iter().chain(random) {
            // Compare values, not zero signs (documented).
            assert_eq!(floor(x), x.floor(), "floor {x:e}");
            assert_eq!(ceil(x), x.ceil(), "ceil {x:e}");
            assert_eq!(round(x), libm::round(x), "round {x:e}");
        }
        assert!(floor(f64::NAN).is_nan() && round(f64::NAN).is_nan());
    }

    #[test]
    fn ln_approx_within_bound() {
        let mut r = stream(13, 13);
        for _ in 0..1_000_000 {
            let x = f64::from_bits(r.next_u64() >> 1);
            if let Some(l) = ln_approx(x) {
                assert!((l - libm::log(x)).abs() < 1e-12, "{x:e}");
            }
            let y = u01_open(&mut r) * 100.0;
            let l = ln_approx(y).expect("normal");
            assert!((l - libm::log(y)).abs() < 1e-13, "{y:e}");
        }
        assert!(ln_approx(0.0).is_none() && ln_approx(-1.0).is_none());
        assert!(ln_approx(5e-324).is_none() && ln_approx(f64::INFINITY).is_none());
    }

    // Goodness of fit of the table sampler. Pearson chi-square over bins whose expected count
    // is ≥ 5 (tails pooled into the end bins) against the exact pmf (computed independently of
    // the sampler, from libm lgamma in log space), compared with the 0.999 quantile of χ²(df)
    // by Wilson–Hilferty (relative error < 1% for df ≥ 3; conservative for df = 1, 2). A correct
    // sampler fails a case with probability 0.001; seeds are fixed, so outcomes are
    // deterministic.
    fn chi2_crit_999(df: usize) -> f64 {
        let z = 3.090_232_306_167_813; // Φ⁻¹(0.999)
        let d = df as f64;
        let h = 2.0 / (9.0 * d);
        d * (1.0 - h + z * h.sqrt()).powi(3)
    }

    fn binom_pmf(n: u64, p: f64) -> Vec<f64> {
        let lc = |k: u64| {
            libm::lgamma(n as f64 + 1.0)
                - libm::lgamma(k as f64 + 1.0)
                - libm::lgamma((n - k) as f64 + 1.0)
        };
        (0..=n)
            .map(|k| libm::exp(lc(k) + k as f64 * libm::log(p) + (n - k) as f64 * libm::log1p(-p)))
            .collect()
    }

    /// (statistic, critical value).
    fn chi_square(samples: &[u64], pmf: &[f64]) -> (f64, f64) {
        let n = samples.len() as f64;
        let mut obs = vec![0f64; pmf.len()];
        for &x in samples {
            obs[(x as usize).min(pmf.len() - 1)] += 1.0;
        }
        let (mut bo, mut be) = (Vec::new(), Vec::new());
        let (mut ao, mut ae) = (0.0, 0.0);
        for (o, p) in obs.iter().zip(pmf) {
            ao += o;
            ae += p * n;
            if ae >= 5.0 {
                bo.push(ao);
                be.push(ae);
                (ao, ae) = (0.0, 0.0);
            }
        }
        if let (Some(lo), Some(le)) = (bo.last_mut(), be.last_mut()) {
            *lo += ao;
            *le += ae;
        }
        let stat = bo.iter().zip(&be).map(|(o, e)| (o - e) * (o - e) / e).sum();
        (stat, chi2_crit_999(bo.len() - 1))
    }

    const DRAWS: usize = 100_000;

    /// Hypergeometric(N, K, n) pmf on lo..=hi (a window of the support, 0 where it is not
    /// possible), from lgamma in log space (independent of the samplers; at counts of 10⁹ its terms
    /// are within about 10⁻⁵ relative, far below what 100,000 draws can resolve).
    fn hyper_pmf_window(big: u64, k: u64, n: u64, lo: u64, hi: u64) -> Vec<f64> {
        let lc = |a: u64, b: u64| {
            if b > a {
                f64::NEG_INFINITY
            } else {
                libm::lgamma(a as f64 + 1.0)
                    - libm::lgamma(b as f64 + 1.0)
                    - libm::lgamma((a - b) as f64 + 1.0)
            }
        };
        (lo..=hi)
            .map(|j| libm::exp(lc(k, j) + lc(big - k, n - j) - lc(big, n)))
            .collect()
    }

    /// The whole pmf, on 0..=min(n, K).
    fn hyper_pmf(big: u64, k: u64, n: u64) -> Vec<f64> {
        hyper_pmf_window(big, k, n, 0, n.min(k))
    }

    /// [`chi_square`] of draws against the pmf of Hypergeometric(N, K, n) on lo..=hi (draws
    /// outside it counted at its ends).
    fn chi_square_window(xs: &[u64], (big, k, n): (u64, u64, u64), lo: u64, hi: u64) -> (f64, f64) {
        let shifted: Vec<u64> = xs.iter().map(|&x| x.clamp(lo, hi) - lo).collect();
        chi_square(&shifted, &hyper_pmf_window(big, k, n, lo, hi))
    }

    /// Both hypergeometric samplers against the exact pmf (chi-square at alpha = 0.001, as
    /// above): the table for small spreads, HRUA for wide ones (up to counts of 10⁹, in all four
    /// cases of the symmetry reductions: K and n each below or above N/2), and the table and HRUA
    /// on the same case just above the switch.
    #[test]
    fn hypergeometric_draws_match_the_exact_pmf() {
        let mut buf = Vec::new();
        let cases: [(u64, u64, u64); 11] = [
            (20, 7, 5),
            (150, 60, 145),
            (1000, 300, 400),
            (60, 59, 30),
            (500, 250, 499),
            (100_000, 30_000, 40_000),
            (100_000, 70_000, 40_000),
            (100_000, 30_000, 95_000),
            (200_000, 190_000, 150_000),
            (1_000_000_000, 300_000_000, 400_000_000),
            (3_000_000_000, 2_999_990_000, 1_000_000),
        ];
        for (i, &(big, k, n)) in cases.iter().enumerate() {
            let mut rng = stream(31, i as u64);
            let xs: Vec<u64> = (0..DRAWS)
                .map(|_| hypergeometric(&mut rng, big, k, n, &mut buf))
                .collect();
            // The pmf on mean ± 12 sd (the mass outside is below 10⁻³⁰), samples shifted to it.
            let (bf, kf, nf) = (big as f64, k as f64, n as f64);
            let mean = nf * kf / bf;
            let sd = (nf * kf * (bf - kf) * (bf - nf) / (bf * bf * (bf - 1.0))).sqrt();
            let lo = ((mean - 12.0 * sd).floor().max(0.0) as u64).max((n + k).saturating_sub(big));
            let hi = ((mean + 12.0 * sd).ceil() as u64).min(n.min(k));
            let (stat, crit) = chi_square_window(&xs, (big, k, n), lo, hi);
            assert!(stat < crit, "({big}, {k}, {n}): {stat} ≥ {crit}");
            assert!(xs.iter().all(|&x| x >= lo && x <= hi), "({big}, {k}, {n})");
        }
        // The same case by the table and by HRUA: both match the pmf.
        let (big, k, n) = (400, 100, 150); // variance 17.6, just above the switch
        let pmf = hyper_pmf(big, k, n);
        let mut rng = stream(31, 50);
        let xs: Vec<u64> = (0..DRAWS)
            .map(|_| hypergeometric_hrua(&mut rng, big, k, n))
            .collect();
        let (stat, crit) = chi_square(&xs, &pmf);
        assert!(stat < crit, "HRUA: {stat} ≥ {crit}");
        // Test the test: one lead fewer drawn is told apart, by the table and by HRUA.
        let mut rng = stream(31, 99);
        let xs: Vec<u64> = (0..DRAWS)
            .map(|_| hypergeometric(&mut rng, 1000, 300, 399, &mut buf))
            .collect();
        let (stat, crit) = chi_square(&xs, &hyper_pmf(1000, 300, 420));
        assert!(stat > crit);
        let (big, k, n) = (1_000_000_000u64, 300_000_000, 400_000_000);
        let xs: Vec<u64> = (0..DRAWS)
            .map(|_| hypergeometric(&mut rng, big, k, n - 60_000, &mut buf))
            .collect();
        let (stat, crit) = chi_square_window(&xs, (big, k, n), 119_880_000, 120_120_000);
        assert!(
            stat > crit,
            "a sample 60,000 smaller passed: {stat} < {crit}"
        );
        // A single possible value needs no draw.
        assert_eq!(hypergeometric(&mut rng, 10, 10, 4, &mut buf), 4);
        assert_eq!(hypergeometric(&mut rng, 1 << 40, 1 << 39, 0, &mut buf), 0);
    }

    /// ln a! − ln b! against lgamma where that is accurate, and on both sides of the table's end.
    #[test]
    fn ln_fact_diff_matches_lgamma() {
        let lg = |x: f64| libm::lgamma(x + 1.0);
        for &(a, b) in &[
            (5.0, 3.0),
            (16_383.0, 16_000.0),
            (16_384.0, 16_383.0),
            (16_400.0, 100.0),
            (100.0, 20_000.0),
            (50_000.0, 49_000.0),
            (1e6, 1e6 - 500.0),
        ] {
            let want = lg(a) - lg(b);
            let got = ln_fact_diff(a, b);
            assert!(
                (got - want).abs() <= 1e-9 * want.abs().max(1.0),
                "({a}, {b}): {got} vs {want}"
            );
        }
        // Far beyond lgamma's accuracy: ln (x+1)!/x! = ln(x + 1) exactly.
        for x in [1e9, 1e11, 1e12] {
            assert!((ln_fact_diff(x + 1.0, x) - libm::log(x + 1.0)).abs() < 1e-9);
        }
    }

    /// B's counts coupled to A's have B's own law (chi-square against Bin(n_b, p_b)), in all four
    /// cases of more or fewer leads and a higher or lower rate, across ½ and on both samplers'
    /// ranges; and where B has as many leads or more at a rate as high or higher, never fewer
    /// conversions than A, draw for draw.
    #[test]
    fn coupled_binomial_draws_have_their_own_law_and_follow_a() {
        let mut buf = Vec::new();
        let cases = [
            (40, 0.3, 40, 0.35),
            (40, 0.3, 55, 0.25),
            (60, 0.45, 52, 0.5),
            (60, 0.45, 52, 0.4),
            (500, 0.3, 520, 0.31),
            (500, 0.3, 480, 0.3),
            (30, 0.8, 30, 0.6),
            (12, 0.0, 20, 0.2),
            (12, 1.0, 9, 1.0),
        ];
        for (i, &(na, pa, nb, pb)) in cases.iter().enumerate() {
            let mut ra = stream(41, i as u64);
            let mut rb = stream(43, i as u64);
            let mut xs = Vec::with_capacity(DRAWS);
            for _ in 0..DRAWS {
                let xa = binomial(&mut ra, na, pa);
                let xb = couple_binomial(&mut rb, (na, pa, xa), nb, pb, &mut buf);
                if nb >= na && pb >= pa {
                    assert!(xb >= xa, "case {i}: {xb} < {xa}");
                }
                if nb <= na && pb <= pa {
                    assert!(xb <= xa, "case {i}: {xb} > {xa}");
                }
                xs.push(xb);
            }
            if pb > 0.0 && pb < 1.0 {
                let (stat, crit) = chi_square(&xs, &binom_pmf(nb, pb));
                assert!(stat < crit, "case {i}: {stat} ≥ {crit}");
            } else {
                assert!(xs.iter().all(|&x| x == if pb >= 1.0 { nb } else { 0 }));
            }
        }
        // Test the test: B told a rate 2 points too low is told apart.
        let (mut ra, mut rb) = (stream(41, 50), stream(43, 50));
        let xs: Vec<u64> = (0..DRAWS)
            .map(|_| {
                let xa = binomial(&mut ra, 60, 0.45);
                couple_binomial(&mut rb, (60, 0.45, xa), 52, 0.38, &mut buf)
            })
            .collect();
        assert!(chi_square(&xs, &binom_pmf(52, 0.4)).0 > chi_square(&xs, &binom_pmf(52, 0.4)).1);
        // Equal parameters: A's count itself, with no draw.
        let mut r = stream(1, 1);
        let before = r.clone().next_u64();
        assert_eq!(
            couple_binomial(&mut r, (50, 0.3, 17), 50, 0.3, &mut buf),
            17
        );
        assert_eq!(r.next_u64(), before);
    }

    #[test]
    fn coupled_poisson_draws_have_their_own_law_and_follow_a() {
        let pois_pmf = |lam: f64, len: usize| -> Vec<f64> {
            (0..len)
                .map(|k| libm::exp(k as f64 * libm::log(lam) - lam - libm::lgamma(k as f64 + 1.0)))
                .collect()
        };
        for (i, &(la, lb)) in [
            (3.0, 4.5),
            (4.5, 3.0),
            (20.0, 26.0),
            (26.0, 0.5),
            (0.0, 2.0),
        ]
        .iter()
        .enumerate()
        {
            let (mut ra, mut rb) = (stream(47, i as u64), stream(53, i as u64));
            let xs: Vec<u64> = (0..DRAWS)
                .map(|_| {
                    let xa = poisson(&mut ra, la);
                    let xb = couple_poisson(&mut rb, (la, xa), lb);
                    assert!(if lb >= la { xb >= xa } else { xb <= xa }, "case {i}");
                    xb
                })
                .collect();
            let (stat, crit) = chi_square(&xs, &pois_pmf(lb, 80));
            assert!(stat < crit, "case {i}: {stat} ≥ {crit}");
        }
    }

    #[test]
    fn table_sizes_stay_within_their_bound_and_caps_within_the_budget() {
        for p in [0.5, 0.3, 1.0 / 3.0, 0.1, 0.02, 0.001, 0.9, 0.999] {
            let d = BinomialP::new(p);
            for n in 1..1024u64 {
                let t = InvTable::new(n, &d.bt);
                let bytes = 8 * t.cdf.len() + 4 * t.guide.len();
                assert!(t.guide.len() <= 2 * t.cdf.len(), "p {p} n {n}");
                assert!(
                    bytes + 64 <= table_bytes_bound(n, p),
                    "p {p} n {n}: {bytes} bytes over the bound {}",
                    table_bytes_bound(n, p)
                );
            }
        }
        // Twenty stages with two-period delays plus churn and mix: the caps shrink so that the
        // bounds add up to at most the budget; a lone table keeps the full cap.
        let mut ps = vec![0.5; 20];
        ps.extend([0.02, 0.06, 0.3, 0.5, 0.0, 1.0]);
        let caps = table_caps(&ps, 1024);
        assert_eq!(&caps[24..], &[0, 0]);
        let total: usize = ps
            .iter()
            .zip(&caps)
            .map(|(&p, &c)| {
                (1..c)
                    .map(|n| table_bytes_bound(n as u64, p))
                    .sum::<usize>()
            })
            .sum();
        assert!(total <= TABLE_BUDGET, "{total}");
        assert!(caps[0] < 1024 && caps[0] > 100, "{caps:?}");
        assert_eq!(table_caps(&[0.5], 1024), vec![1024]);
    }

    #[test]
    fn counts_beyond_the_tables_are_drawn_directly_on_any_pointer_width() {
        // n = 2³² + 5 must not be taken for n = 5 where usize has 32 bits (wasm32): the draw equals
        // BinomialP's from the same stream, which is far above 5.
        let n = (1u64 << 32) + 5;
        let t = BinomialTable::new(0.3, 64);
        let mut a = SimRng::new(11);
        let mut b = SimRng::new(11);
        let direct = BinomialP::new(0.3).sample(&mut b, n);
        assert_eq!(t.sample(&mut a, n), direct);
        assert!(direct > 1_000_000_000, "{direct}");
    }

    #[test]
    fn table_binomial_matches_exact_pmf() {
        let mut r = stream(21, 21);
        let t = BinomialTable::new(0.3, 64);
        assert_eq!(t.sample(&mut r, 0), 0);
        assert_eq!(BinomialTable::new(0.0, 64).sample(&mut r, 9), 0);
        assert_eq!(BinomialTable::new(1.0, 64).sample(&mut r, 9), 9);
        // The engine's regimes: churn (p = 0.02, 0.06 with n·p of a few), the customer mix
        // (0.4, 2/3: flipped), stage delays (1/2, 2/3 with n·p of 10 to 50, where the other
        // samplers use BTRS), n = 1, the largest table (1023), and n ≥ cap (cap 64 here:
        // the BinomialP fallback, BINV and BTRS).
        for &(n, p, cap) in &[
            (1u64, 0.3, 1024),
            (120, 0.02, 1024),
            (40, 0.06, 1024),
            (15, 0.4, 1024),
            (20, 2.0 / 3.0, 1024),
            (54, 0.5, 1024),
            (34, 2.0 / 3.0, 1024),
            (300, 1.0 / 3.0, 1024),
            (1023, 0.5, 1024),
            (200, 0.03, 64),
            (500, 0.3, 64),
        ] {
            let t = BinomialTable::new(p, cap);
            let s: Vec<u64> = (0..DRAWS).map(|_| t.sample(&mut r, n)).collect();
            assert!(s.iter().all(|&x| x <= n));
            let (stat, crit) = chi_square(&s, &binom_pmf(n, p));
            assert!(stat <= crit, "table Bin({n},{p}): chi2 {stat} > {crit}");
        }
    }

    #[test]
    fn btrs_with_product_ratio_test_matches_exact_pmf() {
        // BTRS regimes (n·min(p, 1−p) ≥ 10): below n = `LN_FACT_SIZE` the exact test takes
        // ln k! from the table, with small σ (the default scenario's stages) and large σ;
        // from n = `LN_FACT_SIZE` on, the product of pmf ratios near the mode (|k − m| ≤ 15:
        // every candidate at n·p = 20) and Stirling's series beyond (σ = 145); flipped and not.
        // Same chi-square test as above.
        let mut r = stream(23, 23);
        for &(n, p) in &[
            (27u64, 0.5),
            (60, 0.45),
            (34, 0.6),
            (150, 0.4),
            (5000, 0.3),
            (40_000, 0.0005),
            (100_000, 0.7),
        ] {
            let b = BinomialP::new(p);
            let s: Vec<u64> = (0..DRAWS).map(|_| b.sample(&mut r, n)).collect();
            let (stat, crit) = chi_square(&s, &binom_pmf(n, p));
            assert!(stat <= crit, "BTRS Bin({n},{p}): chi2 {stat} > {crit}");
        }
    }

    #[test]
    fn table_binomial_test_rejects_slightly_wrong_p() {
        // Test the test: draws with p + 0.01 against the pmf at p. Shift of the mean 0.01·n,
        // i.e. 0.15σ at (54, 0.5) and 0.37σ at (300, 1/3): the expected statistic is about
        // DRAWS·(shift/σ)² ≈ 2,000 and 13,000, against a critical value below 60.
        let mut r = stream(22, 22);
        for &(n, p) in &[(54u64, 0.5), (300, 1.0 / 3.0)] {
            let t = BinomialTable::new(p + 0.01, 1024);
            let s: Vec<u64> = (0..DRAWS).map(|_| t.sample(&mut r, n)).collect();
            let (stat, crit) = chi_square(&s, &binom_pmf(n, p));
            assert!(
                stat > crit,
                "wrong p accepted at ({n},{p}): {stat} <= {crit}"
            );
        }
    }

    fn poisson_pmf(lambda: f64, kmax: u64) -> Vec<f64> {
        (0..=kmax)
            .map(|k| {
                libm::exp(k as f64 * libm::log(lambda) - lambda - libm::lgamma(k as f64 + 1.0))
            })
            .collect()
    }

    #[test]
    fn poisson_tables_match_the_exact_pmf_and_their_size_bound() {
        // The arrivals' regimes: a few leads, tens, the default 500 a period, and a large count.
        let mut r = stream(24, 24);
        for lambda in [0.7, 3.7, 42.0, 500.0, 4_321.5] {
            let t = PoissonTable::new(lambda, true);
            let s: Vec<u64> = (0..DRAWS).map(|_| t.sample(&mut r)).collect();
            let kmax = (lambda + 12.0 * lambda.sqrt() + 30.0) as u64;
            let (stat, crit) = chi_square(&s, &poisson_pmf(lambda, kmax));
            assert!(
                stat <= crit,
                "table Poisson({lambda}): chi2 {stat} > {crit}"
            );
            let table = InvTable::poisson(lambda);
            let bytes = 8 * table.cdf.len() + 4 * table.guide.len();
            assert!(
                bytes + 64 <= poisson_table_bytes_bound(lambda),
                "Poisson({lambda}): {bytes} bytes over the bound"
            );
        }
        // Test the test: draws at lambda = 510 against the pmf at 500 (a shift of 0.45σ: the
        // expected statistic is about DRAWS·0.2 = 20,000, against a critical value below 200).
        let t = PoissonTable::new(510.0, true);
        let s: Vec<u64> = (0..DRAWS).map(|_| t.sample(&mut r)).collect();
        let (stat, crit) = chi_square(&s, &poisson_pmf(500.0, 800));
        assert!(stat > crit, "wrong lambda accepted: {stat} <= {crit}");
        // Without a table (over the budget), and for lambda = 0: PoissonP's draws.
        let (mut a, mut b) = (SimRng::new(5), SimRng::new(5));
        assert_eq!(
            PoissonTable::new(500.0, false).sample(&mut a),
            poisson(&mut b, 500.0)
        );
        assert_eq!(PoissonTable::new(0.0, true).sample(&mut a), 0);
        assert_eq!(poisson_table_bytes_bound(1e300), usize::MAX);
    }

    #[test]
    fn binv_start_values_from_the_power_table_are_within_their_bound() {
        // Where BINV runs (n·pp < 10), the table's (1 − pp)^n is within 50 ulps (relative) of
        // exp(n ln(1 − pp)): see `BinomialP::r0_table` for the rounding count.
        for p in [0.001, 0.01, 0.0777, 0.15, 0.3, 0.5, 0.85, 0.999] {
            let b = BinomialP::new(p);
            let t = b.r0_table();
            for n in 1..128u64 {
                if n as f64 * b.bt.p >= 10.0 {
                    continue;
                }
                let want = b.r0(n);
                let got = t.hi[(n >> 4) as usize] * t.lo[(n & 15) as usize];
                assert!(
                    ((got - want) / want).abs() <= 50.0 * f64::EPSILON / 2.0,
                    "p {p} n {n}: {got} vs {want}"
                );
            }
        }
    }

    #[test]
    fn inversion_tables_are_normalised_and_guides_start_at_or_below_the_answer() {
        for &(n, p) in &[(1u64, 0.5), (7, 0.1), (54, 0.5), (1023, 0.02), (1000, 0.5)] {
            let t = InvTable::new(n, &BtrsP::new(p));
            let last = *t.cdf.last().expect("non-empty");
            // Normalised by the sum: only the rounding of about len additions remains.
            assert!((last - 1.0).abs() < 1e-13, "({n},{p}): {last}");
            assert!(t.cdf.windows(2).all(|w| w[0] <= w[1]));
            assert!(t.lo + t.cdf.len() as u64 - 1 <= n);
            let size = t.guide.len();
            assert_eq!(size, 1 << t.bits);
            assert!(size >= t.cdf.len());
            for (j, &g) in t.guide.iter().enumerate() {
                let g = g as usize;
                // Every u ≥ j/size has its answer at or after g.
                assert!(
                    g == 0 || t.cdf[g - 1] <= j as f64 / size as f64,
                    "({n},{p}) j={j}"
                );
            }
        }
    }

    #[test]
    fn our_pcg_is_rand_pcgs_pcg64mcg_output_for_output() {
        use rand::Rng;
        for (i, state) in [
            0u128,
            1,
            2,
            u128::MAX,
            mix128(42, 7),
            mix128(3, 99),
            1 << 127,
        ]
        .into_iter()
        .enumerate()
        {
            let mut ours = SimRng::new(state);
            let mut theirs = rand_pcg::Pcg64Mcg::new(state);
            for k in 0..10_000 {
                assert_eq!(ours.next_u64(), theirs.next_u64(), "state {i}, draw {k}");
            }
            let (mut a, mut b) = ([0u8; 13], [0u8; 13]);
            ours.fill_bytes(&mut a);
            theirs.fill_bytes(&mut b);
            assert_eq!(a, b);
            assert_eq!(ours.next_u32(), theirs.next_u32());
        }
    }

    #[test]
    fn high_word_from_halves_is_exact() {
        let mut r = stream(5, 5);
        let edge = [
            0,
            1,
            u64::MAX,
            u64::MAX - 1,
            1 << 32,
            (1 << 32) - 1,
            PCG_MUL_LO,
        ];
        for &a in &edge {
            for &b in &edge {
                assert_eq!(
                    mul_hi_halves(a, b),
                    ((u128::from(a) * u128::from(b)) >> 64) as u64
                );
            }
        }
        for _ in 0..100_000 {
            let (a, b) = (r.next_u64(), r.next_u64());
            assert_eq!(
                mul_hi_halves(a, b),
                ((u128::from(a) * u128::from(b)) >> 64) as u64
            );
        }
    }

    fn pearson(x: &[f64], y: &[f64]) -> f64 {
        let n = x.len() as f64;
        let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
        let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
        for (a, b) in x.iter().zip(y) {
            sxy += (a - mx) * (b - my);
            sxx += (a - mx) * (a - mx);
            syy += (b - my) * (b - my);
        }
        sxy / (sxx * syy).sqrt()
    }

    /// Under independence the sample correlation of N pairs is about N(0, 1/N): each pair of
    /// sub-streams (of one key, and of two keys) must stay within 4/√N = 0.028 for N = 20,000,
    /// on the first uniform and on the fifth. A derivation that kept the sub-streams in step
    /// (or returned the key) would give 1.
    #[test]
    fn sub_streams_are_uncorrelated() {
        const N: usize = 20_000;
        let c = substream_constants(3);
        let first = |g: &mut SimRng, skip: usize| {
            for _ in 0..skip {
                g.next_u64();
            }
            u01(g)
        };
        for skip in [0, 4] {
            let (mut a, mut b, mut k, mut o) = (vec![], vec![], vec![], vec![]);
            for i in 0..N as u64 {
                let key = stream(i, 5);
                a.push(first(&mut key.sub(c[0]), skip));
                b.push(first(&mut key.sub(c[1]), skip));
                k.push(first(&mut key.clone(), skip));
                o.push(first(&mut stream(i, 6).sub(c[0]), skip));
            }
            let bound = 4.0 / (N as f64).sqrt();
            for (name, x, y) in [
                ("sub-streams 0 and 1", &a, &b),
                ("sub-stream 0 and the key", &a, &k),
                ("sub-stream 0 of two keys", &a, &o),
            ] {
                let r = pearson(x, y);
                assert!(r.abs() <= bound, "{name}, skip {skip}: r = {r}");
            }
        }
    }

    /// The binomial samplers' counts grow with their first uniform on both sides of p = ½. In the
    /// inversion regimes (BINV, the tables) a count is then a nondecreasing function of the
    /// uniform, of n and of p: with one generator state, Bin(n, p) ≤ Bin(n, p′) for p < p′ across
    /// ½, Bin(n, p) ≤ Bin(n + 1, p), and n − Bin(n, p) ≤ n + 1 − Bin(n + 1, p) (a pool that keeps
    /// its rest). BTRS (a rejection sampler) gives nearby counts: for Bin(60, 0.48) and Bin(60,
    /// 0.52), both take the same first candidate in most draws, so their correlation is near 1
    /// (0.5 asked); without the mirror it is near −1.
    #[test]
    fn binomial_draws_grow_with_their_uniform_on_both_sides_of_a_half() {
        const N: u64 = 20_000;
        let draw = |seed: u64, f: &dyn Fn(&mut SimRng) -> u64| f(&mut stream(seed, 31));
        type Sampler<'a> = &'a dyn Fn(&mut SimRng, u64) -> u64;
        // Samplers of p < q on one generator state: x ≤ y, and in n: Bin(n) ≤ Bin(n + 1) ≤ Bin(n) + 1.
        let check = |name: &str, seed: u64, (n, p, q): (u64, f64, f64), a: Sampler, b: Sampler| {
            let (x, y) = (draw(seed, &|r| a(r, n)), draw(seed, &|r| b(r, n)));
            assert!(x <= y, "{name} Bin({n},{p}) = {x} > Bin({n},{q}) = {y}");
            let (x, y) = (draw(seed, &|r| b(r, n)), draw(seed, &|r| b(r, n + 1)));
            assert!(x <= y && y <= x + 1, "{name} Bin(n, {q}) in n: {x}, {y}");
        };
        for seed in 0..N {
            for &(n, p, q) in &[(12u64, 0.45, 0.55), (12, 0.3, 0.7), (9, 0.5, 0.93)] {
                let (a, b) = (BinomialP::new(p), BinomialP::new(q));
                check("BINV", seed, (n, p, q), &|r, n| a.sample(r, n), &|r, n| {
                    b.sample(r, n)
                });
            }
            for &(n, p, q) in &[(30u64, 0.45, 0.55), (20, 0.5, 2.0 / 3.0)] {
                let (a, b) = (BinomialTable::new(p, 64), BinomialTable::new(q, 64));
                check("table", seed, (n, p, q), &|r, n| a.sample(r, n), &|r, n| {
                    b.sample(r, n)
                });
            }
        }
        let (a, b) = (BinomialP::new(0.48), BinomialP::new(0.52));
        let (x, y): (Vec<f64>, Vec<f64>) = (0..N)
            .map(|seed| {
                (
                    draw(seed, &|r| a.sample(r, 60)) as f64,
                    draw(seed, &|r| b.sample(r, 60)) as f64,
                )
            })
            .unzip();
        let r = pearson(&x, &y);
        assert!(r >= 0.5, "BTRS Bin(60, 0.48) and Bin(60, 0.52): r = {r}");
    }

    /// BINV for p > ½ (n − Bin(n, 1 − p) with the mirrored uniform), by the chi-square test above.
    #[test]
    fn flipped_binv_matches_exact_pmf() {
        let mut r = stream(25, 25);
        for &(n, p) in &[(12u64, 0.7), (9, 0.93), (40, 0.8)] {
            let b = BinomialP::new(p);
            let s: Vec<u64> = (0..DRAWS).map(|_| b.sample(&mut r, n)).collect();
            let (stat, crit) = chi_square(&s, &binom_pmf(n, p));
            assert!(stat <= crit, "BINV Bin({n},{p}): chi2 {stat} > {crit}");
        }
    }

    #[test]
    fn streams_differ() {
        let mut a = stream(1, 0);
        let mut b = stream(1, 1);
        assert_ne!(a.next_u64(), b.next_u64());
    }
}
