//! A compact binary encoding for the messages between the page and its workers: [`ChunkBatch`]es and the
//! analysis queries and reports. Both ends run the same wasm module, so the format needs no versioning; it
//! replaces JSON there because every type that crosses as JSON costs a `Serialize` and a `Deserialize`
//! impl monomorphised for serde_json in the wasm, and floats travel bit-exactly.
//!
//! Unsigned integers are LEB128 varints, signed ones zigzag varints, `f64` its 8 little-endian bytes,
//! sequences and strings a varint length and then their items, structs their fields in declaration order.

use super::accumulate::{ChunkBatch, ModelChunk};
use super::analysis::{
    AnalysisPart, BottleneckReport, ComparisonReport, Difference, Dist, Gain, Lever, Model,
    TargetMetric, TargetQuery, TargetReport,
};
use super::stats::{FixedSum, Histogram, Sketch, Summary};

/// A value that can be written to and read from the wire format.
pub trait Wire: Sized {
    fn put(&self, out: &mut Vec<u8>);
    /// `None` when the input is truncated or malformed.
    fn get(r: &mut Reader<'_>) -> Option<Self>;
}

/// The bytes still to read.
pub struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn byte(&mut self) -> Option<u8> {
        let (&b, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(b)
    }

    fn varint(&mut self) -> Option<u128> {
        let mut v = 0u128;
        for shift in (0..128).step_by(7) {
            let b = self.byte()?;
            // The 19th byte holds bits 126 and 127 only: more would overflow a u128.
            if shift == 126 && b > 0x03 {
                return None;
            }
            v |= u128::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Some(v);
            }
        }
        None
    }
}

fn put_varint(out: &mut Vec<u8>, mut v: u128) {
    while v >= 0x80 {
        out.push(v as u8 | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

impl<T: Wire> Wire for Option<T> {
    fn put(&self, out: &mut Vec<u8>) {
        match self {
            None => out.push(0),
            Some(v) => {
                out.push(1);
                v.put(out);
            }
        }
    }

    fn get(r: &mut Reader<'_>) -> Option<Self> {
        match r.byte()? {
            0 => Some(None),
            1 => T::get(r).map(Some),
            _ => None,
        }
    }
}

/// Encodes `value`.
pub fn encode<T: Wire>(value: &T) -> Vec<u8> {
    let mut out = Vec::new();
    value.put(&mut out);
    out
}

/// Decodes a whole message; `None` if it is truncated, malformed or followed by extra bytes.
pub fn decode<T: Wire>(bytes: &[u8]) -> Option<T> {
    let mut r = Reader(bytes);
    let v = T::get(&mut r)?;
    r.0.is_empty().then_some(v)
}

macro_rules! unsigned {
    ($($t:ty),*) => {$(
        impl Wire for $t {
            fn put(&self, out: &mut Vec<u8>) {
                put_varint(out, *self as u128);
            }
            fn get(r: &mut Reader<'_>) -> Option<Self> {
                r.varint()?.try_into().ok()
            }
        }
    )*};
}
unsigned!(u32, u64, usize);

macro_rules! signed {
    ($($t:ty),*) => {$(
        impl Wire for $t {
            fn put(&self, out: &mut Vec<u8>) {
                let v = i128::from(*self);
                put_varint(out, ((v << 1) ^ (v >> 127)) as u128);
            }
            fn get(r: &mut Reader<'_>) -> Option<Self> {
                let u = r.varint()?;
                (((u >> 1) as i128) ^ -((u & 1) as i128)).try_into().ok()
            }
        }
    )*};
}
signed!(i32, i64, i128);

impl Wire for f64 {
    fn put(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        let (head, rest) = r.0.split_first_chunk::<8>()?;
        r.0 = rest;
        Some(f64::from_le_bytes(*head))
    }
}

impl Wire for bool {
    fn put(&self, out: &mut Vec<u8>) {
        out.push(u8::from(*self));
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        match r.byte()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
}

impl Wire for String {
    fn put(&self, out: &mut Vec<u8>) {
        self.len().put(out);
        out.extend_from_slice(self.as_bytes());
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        let n = usize::get(r)?;
        if n > r.0.len() {
            return None;
        }
        let (s, rest) = r.0.split_at(n);
        r.0 = rest;
        String::from_utf8(s.to_vec()).ok()
    }
}

impl<T: Wire> Wire for Vec<T> {
    fn put(&self, out: &mut Vec<u8>) {
        self.len().put(out);
        for x in self {
            x.put(out);
        }
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        let n = usize::get(r)?;
        // Every item takes at least one byte: a bad length cannot make us allocate much.
        if n > r.0.len() {
            return None;
        }
        (0..n).map(|_| T::get(r)).collect()
    }
}

impl<A: Wire, B: Wire> Wire for (A, B) {
    fn put(&self, out: &mut Vec<u8>) {
        self.0.put(out);
        self.1.put(out);
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        Some((A::get(r)?, B::get(r)?))
    }
}

impl Wire for FixedSum {
    fn put(&self, out: &mut Vec<u8>) {
        self.0.put(out);
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        i128::get(r).map(FixedSum)
    }
}

/// `Wire` for a struct, field by field.
macro_rules! fields {
    ($($t:ident { $($f:ident),* })*) => {$(
        impl Wire for $t {
            fn put(&self, out: &mut Vec<u8>) {
                $(self.$f.put(out);)*
            }
            fn get(r: &mut Reader<'_>) -> Option<Self> {
                Some($t { $($f: Wire::get(r)?),* })
            }
        }
    )*};
}

fields! {
    Sketch { zero, pos, neg, min, max, ints, level }
    ModelChunk {
        series_sketch, series_sum, stage_entered, stage_entered_sum, stage_advanced,
        stage_advanced_sum, final_customers, final_revenue, final_net, segment_customers,
        segment_customers_sum, capped_trials
    }
    ChunkBatch { chunks, trials, models, crossing }
    Summary { p5, p25, p50, p75, p95, mean, min, max, exact }
    Histogram { edges, counts, step, below, above }
    Gain { mean, p5, p95, probability_best }
    Lever { stage, name, plus_one_point, plus_ten_percent }
    BottleneckReport { trials, baseline_final_customers, levers }
    TargetQuery { metric, model, value, by_period }
    TargetReport { trials, probability, first_period_counts, never, cumulative_probability }
    Difference { summary, histogram, probability_b_greater, probability_equal }
    Dist { values, sketch, sum }
    AnalysisPart { from, to, counts, diffs }
    ComparisonReport { trials, funnel_customers, funnel_revenue, flywheel_customers, flywheel_revenue, flywheel_active_customers, funnel_profit, flywheel_profit }
}

/// `Wire` for a field-less enum, as the index of its variant.
macro_rules! variants {
    ($($t:ident { $($v:ident),* })*) => {$(
        impl Wire for $t {
            fn put(&self, out: &mut Vec<u8>) {
                out.push(*self as u8);
            }
            fn get(r: &mut Reader<'_>) -> Option<Self> {
                [$($t::$v),*].get(usize::from(r.byte()?)).copied()
            }
        }
    )*};
}

variants! {
    TargetMetric { CumulativeCustomers, CumulativeRevenue, ActiveCustomers, CumulativeNet }
    Model { Funnel, Flywheel }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{bottleneck_levers, bottlenecks, compare, target, Scenario, Simulation};

    fn round_trip<T: Wire + PartialEq + std::fmt::Debug>(v: &T) {
        let bytes = encode(v);
        assert_eq!(decode::<T>(&bytes).as_ref(), Some(v));
        // Truncated or padded messages are rejected, not misread.
        for cut in 0..bytes.len() {
            assert!(decode::<T>(&bytes[..cut]).is_none(), "cut at {cut}");
        }
        let mut padded = bytes;
        padded.push(0);
        assert!(decode::<T>(&padded).is_none());
    }

    #[test]
    fn integers_round_trip_at_their_extremes() {
        for v in [0u64, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX] {
            round_trip(&v);
        }
        for v in [0i32, -1, 1, -64, 64, i32::MIN, i32::MAX] {
            round_trip(&v);
        }
        for v in [0i128, -1, i128::from(i64::MIN) * 3, i128::MIN, i128::MAX] {
            round_trip(&FixedSum(v));
        }
        for v in [0.0, -0.0, 1.5e-300, f64::MAX, f64::INFINITY, f64::NAN] {
            assert_eq!(
                decode::<f64>(&encode(&v)).map(f64::to_bits),
                Some(v.to_bits())
            );
        }
        assert!(decode::<u32>(&encode(&(u64::from(u32::MAX) + 1))).is_none());
        round_trip(&"naïve € 😀".to_string());
        // u128::MAX takes 19 bytes, the last one 0x03; a larger last byte would overflow: rejected.
        let max = encode(&FixedSum(i128::MIN));
        assert_eq!((max.len(), max.last()), (19, Some(&0x03)));
        let mut over = max.clone();
        over[18] = 0x04;
        assert!(decode::<FixedSum>(&over).is_none());
    }

    #[test]
    fn chunk_batches_round_trip_bit_exactly() {
        for (trials, periods) in [(3_300, 8), (150_000, 3)] {
            let mut s = Scenario::default_five_stage();
            s.trials = trials;
            s.periods = periods;
            let sim = Simulation::new(&s).unwrap();
            let mut batch = ChunkBatch::default();
            round_trip(&batch);
            for c in [0, 2] {
                batch.push(sim.run_chunk(c));
            }
            assert!(!batch.models[0].series_sketch.is_empty());
            let back: ChunkBatch = decode(&encode(&batch)).unwrap();
            assert_eq!(back, batch);
            assert_eq!(encode(&back), encode(&batch));
        }
    }

    #[test]
    fn analysis_messages_round_trip() {
        let mut s = Scenario::default_five_stage();
        s.trials = 300;
        s.periods = 5;
        round_trip(&bottlenecks(&s).unwrap());
        let levers = bottleneck_levers(&s).unwrap();
        assert_eq!(encode(&levers.baseline_final_customers), [0]);
        round_trip(&levers);
        assert!(decode::<Option<Model>>(&[2, 0]).is_none());
        for metric in [
            TargetMetric::CumulativeCustomers,
            TargetMetric::CumulativeRevenue,
            TargetMetric::ActiveCustomers,
            TargetMetric::CumulativeNet,
        ] {
            for model in [Model::Funnel, Model::Flywheel] {
                let q = TargetQuery {
                    metric,
                    model,
                    value: 120.5,
                    by_period: 3,
                };
                round_trip(&q);
                round_trip(&target(&s, &q).unwrap());
            }
        }
        let mut b = s.clone();
        b.trials = 200;
        round_trip(&compare(&s, &b).unwrap());
        assert!(decode::<Model>(&[2]).is_none());
    }
}
