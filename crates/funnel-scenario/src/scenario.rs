//! The scenario: everything a run needs, serialisable to versioned JSON, and its validation.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The scenario format version this engine reads and writes.
pub const SCENARIO_VERSION: u32 = 1;
/// Limits (documented in `docs/scenario.md`).
pub const MAX_PERIODS: u32 = 520;
pub const MAX_TRIALS: u32 = 1_000_000;
pub const MAX_STAGES: usize = 20;
pub const MAX_SEGMENTS: usize = 8;
pub const MAX_ARRIVALS_MEAN: f64 = 1e7;
/// The expected arrivals of the last period, mean·(1+growth)^(periods−1), may not exceed this.
pub const MAX_LAST_PERIOD_ARRIVALS: f64 = 1e9;
pub const MAX_MONEY: f64 = 1e9;
/// Largest fixed budget per period.
pub const MAX_FIXED_BUDGET: f64 = 1e12;
/// Largest n of observed counts "k of n".
pub const MAX_OBSERVED_TRIALS: u64 = 1_000_000_000;
/// Largest number of leads open in one stage at the start.
pub const MAX_OPEN_LEADS: u64 = 1_000_000_000;
/// Largest number of customers at the start (the flywheel's existing customer base).
pub const MAX_START_CUSTOMERS: u64 = 1_000_000_000;
pub const SHARE_TOLERANCE: f64 = 1e-9;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodUnit {
    Week,
    Month,
}

/// A unit variant read from its name: one copy of this code for both enums below, where serde's
/// derived visitors took about 1 KB of wasm each. The messages are serde's (`unknown variant …`).
fn unit_variant<'de, D: serde::Deserializer<'de>, T: Copy>(
    d: D,
    names: &'static [&'static str],
    values: &[T],
) -> Result<T, D::Error> {
    let name = String::deserialize(d)?;
    match names.iter().position(|n| *n == name) {
        Some(i) => Ok(values[i]),
        None => Err(serde::de::Error::unknown_variant(&name, names)),
    }
}

impl<'de> Deserialize<'de> for PeriodUnit {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        unit_variant(
            d,
            &["week", "month"],
            &[PeriodUnit::Week, PeriodUnit::Month],
        )
    }
}

/// The currency the amounts of [`Economics`] are in: a label for showing them ("$1,200"), which no
/// trial reads. JSON: its ISO 4217 code, `"EUR"` (the default, left out of the JSON), `"USD"` or `"GBP"`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Currency {
    #[default]
    Eur,
    Usd,
    Gbp,
}

impl Currency {
    /// Every currency, in the order of [`Currency::CODES`].
    pub const ALL: [Currency; 3] = [Currency::Eur, Currency::Usd, Currency::Gbp];
    /// The ISO 4217 codes, as the JSON writes them.
    pub const CODES: [&'static str; 3] = ["EUR", "USD", "GBP"];
    /// Their signs, in the same order.
    pub const SIGNS: [char; 3] = ['€', '$', '£'];

    /// Its sign, written before the amount: €, $ or £.
    pub fn sign(self) -> char {
        Currency::SIGNS[self as usize]
    }

    fn is_eur(&self) -> bool {
        *self == Currency::Eur
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        unit_variant(d, &Currency::CODES, &Currency::ALL)
    }
}

impl<'de> Deserialize<'de> for ArrivalDistribution {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use ArrivalDistribution::*;
        unit_variant(
            d,
            &["fixed", "poisson", "negative_binomial"],
            &[Fixed, Poisson, NegativeBinomial],
        )
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ArrivalDistribution {
    /// Exactly round(mean_t) leads per period.
    Fixed,
    /// Poisson(mean_t).
    Poisson,
    /// Gamma–Poisson: Poisson(λ), λ ~ Gamma(shape = dispersion, scale = mean_t / dispersion).
    NegativeBinomial,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Arrivals {
    /// Expected new leads entering the top stage in period 0.
    pub mean: f64,
    #[serde(default = "default_distribution")]
    pub distribution: ArrivalDistribution,
    /// Negative-binomial shape k (variance = mean + mean²/k). Ignored otherwise.
    #[serde(default = "default_dispersion")]
    pub dispersion: f64,
    /// Relative growth per period: mean_t = mean · (1 + growth)^t.
    #[serde(default)]
    pub growth: f64,
}

fn default_distribution() -> ArrivalDistribution {
    ArrivalDistribution::Poisson
}
fn default_dispersion() -> f64 {
    10.0
}

/// A stage's conversion rate to the next stage (for the last stage: to a purchase).
///
/// JSON: an object tagged by `kind` (`{"kind": "beta", "mean": 0.3, "certainty": 200}`). It is
/// read through [`Tagged`] rather than serde's internally tagged enums, which buffer the whole
/// object and compiled to about 13 KB of wasm for `Rate` and `CustomerMix`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Rate {
    /// A known rate (infinite certainty).
    Fixed { value: f64 },
    /// Beta(mean·certainty, (1−mean)·certainty): certainty is the pseudo-count a + b.
    Beta { mean: f64, certainty: f64 },
    /// Observed "k of n": the posterior Beta(1 + k, 1 + n − k) of a uniform prior.
    Observed { successes: u64, trials: u64 },
}

/// The fields of every variant of [`Rate`] and [`CustomerMix`] side by side, with the variant's
/// name in `kind`. Their `Deserialize` reads this flat form, then requires exactly the fields of
/// the named kind: a missing one is serde's "missing field", one of another kind serde's
/// "unknown field" listing the kind's fields (a field of no kind at all is reported where it
/// stands, listing every kind's fields).
#[derive(Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "an object with a \"kind\" and that kind's fields"
)]
struct Tagged {
    kind: String,
    value: Option<f64>,
    mean: Option<f64>,
    certainty: Option<f64>,
    successes: Option<u64>,
    trials: Option<u64>,
    promoter: Option<f64>,
    passive: Option<f64>,
    detractor: Option<f64>,
    score: Option<f64>,
}

impl Tagged {
    /// Fails unless exactly the fields in `want` are present.
    fn only<E: serde::de::Error>(&self, want: &'static [&'static str]) -> Result<(), E> {
        let present = [
            ("value", self.value.is_some()),
            ("mean", self.mean.is_some()),
            ("certainty", self.certainty.is_some()),
            ("successes", self.successes.is_some()),
            ("trials", self.trials.is_some()),
            ("promoter", self.promoter.is_some()),
            ("passive", self.passive.is_some()),
            ("detractor", self.detractor.is_some()),
            ("score", self.score.is_some()),
        ];
        if let Some((name, _)) = present.iter().find(|(n, is)| *is && !want.contains(n)) {
            return Err(E::unknown_field(name, want));
        }
        match present.iter().find(|(n, is)| !*is && want.contains(n)) {
            Some((name, _)) => Err(E::missing_field(name)),
            None => Ok(()),
        }
    }
}

/// An unknown `kind`, named as the key it is in: serde reports it after the whole object has been read,
/// where the key before the error's place is the object's last one.
fn unknown_kind<E: serde::de::Error>(kind: &str, kinds: &'static [&'static str]) -> E {
    E::custom(format_args!(
        "\"kind\": {}",
        E::unknown_variant(kind, kinds)
    ))
}

impl<'de> Deserialize<'de> for Rate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        const KINDS: &[&str] = &["fixed", "beta", "observed"];
        let t = Tagged::deserialize(d)?;
        // `only` has checked that the fields are there, so the defaults are never used.
        match t.kind.as_str() {
            "fixed" => t.only(&["value"]).map(|()| Rate::Fixed {
                value: t.value.unwrap_or_default(),
            }),
            "beta" => t.only(&["mean", "certainty"]).map(|()| Rate::Beta {
                mean: t.mean.unwrap_or_default(),
                certainty: t.certainty.unwrap_or_default(),
            }),
            "observed" => t.only(&["successes", "trials"]).map(|()| Rate::Observed {
                successes: t.successes.unwrap_or_default(),
                trials: t.trials.unwrap_or_default(),
            }),
            other => Err(unknown_kind(other, KINDS)),
        }
    }
}

impl<'de> Deserialize<'de> for CustomerMix {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        const KINDS: &[&str] = &["shares", "nps"];
        let t = Tagged::deserialize(d)?;
        match t.kind.as_str() {
            "shares" => {
                t.only(&["promoter", "passive", "detractor"])
                    .map(|()| CustomerMix::Shares {
                        promoter: t.promoter.unwrap_or_default(),
                        passive: t.passive.unwrap_or_default(),
                        detractor: t.detractor.unwrap_or_default(),
                    })
            }
            "nps" => t.only(&["score", "passive"]).map(|()| CustomerMix::Nps {
                score: t.score.unwrap_or_default(),
                passive: t.passive.unwrap_or_default(),
            }),
            other => Err(unknown_kind(other, KINDS)),
        }
    }
}

impl Rate {
    /// Beta parameters, or `None` for a point mass (returned as `Err(value)`).
    pub fn beta_params(&self) -> Result<(f64, f64), f64> {
        match *self {
            Rate::Fixed { value } => Err(value),
            Rate::Beta { mean, certainty } => {
                if mean <= 0.0 || mean >= 1.0 {
                    Err(mean)
                } else {
                    Ok((mean * certainty, (1.0 - mean) * certainty))
                }
            }
            Rate::Observed { successes, trials } => Ok((
                1.0 + successes as f64,
                1.0 + (trials - successes.min(trials)) as f64,
            )),
        }
    }

    /// E[rate].
    pub fn mean(&self) -> f64 {
        match self.beta_params() {
            Ok((a, b)) => a / (a + b),
            Err(v) => v,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    pub name: String,
    pub rate: Rate,
    /// Mean delay in periods before a converting lead reaches the next stage:
    /// 0 = same period; d ≥ 1 = advances with probability 1/d each following period.
    #[serde(default)]
    pub delay: f64,
    /// Leads already in this stage when the first period starts (open deals, demos in progress):
    /// they go through the stage in the first period, as if they had just arrived there.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub open: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Segment {
    pub name: String,
    /// Share of arrivals (all shares sum to 1).
    pub share: f64,
    /// Per-stage shift of the logit of the trial's drawn rate; empty = all zero.
    #[serde(default)]
    pub logit_shift: Vec<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Economics {
    pub revenue_per_purchase: f64,
    pub cost_per_lead: f64,
    #[serde(default)]
    pub fixed_budget_per_period: f64,
    /// Share of the base arrivals bought at `cost_per_lead`; the rest arrive for free (search,
    /// word of mouth). Leads bought with reinvested revenue are always paid for.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub paid_share: f64,
    /// What the amounts are in (a label: see [`Currency`]).
    #[serde(default, skip_serializing_if = "Currency::is_eur")]
    pub currency: Currency,
}

fn one() -> f64 {
    1.0
}

fn is_one(v: &f64) -> bool {
    *v == 1.0
}

/// How new customers split into promoters / passives / detractors. JSON: tagged by `kind`, read
/// through [`Tagged`] like [`Rate`].
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CustomerMix {
    Shares {
        promoter: f64,
        passive: f64,
        detractor: f64,
    },
    /// NPS = 100·(promoter − detractor). With the passive share given:
    /// promoter = (1 − passive + nps/100)/2, detractor = (1 − passive − nps/100)/2.
    Nps { score: f64, passive: f64 },
}

impl CustomerMix {
    /// (promoter, passive, detractor) shares.
    pub fn shares(&self) -> (f64, f64, f64) {
        match *self {
            CustomerMix::Shares {
                promoter,
                passive,
                detractor,
            } => (promoter, passive, detractor),
            CustomerMix::Nps { score, passive } => {
                let d = score / 100.0;
                (
                    ((1.0 - passive + d) / 2.0).max(0.0),
                    passive,
                    ((1.0 - passive - d) / 2.0).max(0.0),
                )
            }
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Flywheel {
    pub customer_mix: CustomerMix,
    /// Expected referred leads per promoter per period (Poisson).
    pub referrals_per_promoter: f64,
    /// Stage index (≥ 1) where referred leads enter.
    pub referral_entry_stage: usize,
    /// Expected repeat purchases per active customer per period (Poisson).
    pub repeat_rate: f64,
    /// Churn probability per period of promoters and passives.
    pub churn_rate: f64,
    /// Churn probability per period of detractors.
    pub detractor_churn_rate: f64,
    /// Share of a period's revenue spent on leads (at cost_per_lead), arriving next period.
    pub reinvest_share: f64,
    /// Customers already won when the first period starts (an existing customer base), split over
    /// promoters, passives and detractors by the customer mix. They buy again, refer and churn as
    /// the flywheel's new customers do, but are not customers won: the funnel has none of them.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub customers_at_start: u64,
}

impl Flywheel {
    /// All mechanics off: the flywheel equals the funnel.
    pub fn off() -> Flywheel {
        Flywheel {
            customer_mix: CustomerMix::Shares {
                promoter: 0.0,
                passive: 1.0,
                detractor: 0.0,
            },
            referrals_per_promoter: 0.0,
            referral_entry_stage: 1,
            repeat_rate: 0.0,
            churn_rate: 0.0,
            detractor_churn_rate: 0.0,
            reinvest_share: 0.0,
            customers_at_start: 0,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub version: u32,
    #[serde(default)]
    pub name: String,
    pub periods: u32,
    pub period_unit: PeriodUnit,
    pub trials: u32,
    pub seed: u64,
    pub arrivals: Arrivals,
    pub stages: Vec<Stage>,
    /// Equicorrelation ρ ∈ [0, 1) of the stage rates' Gaussian copula.
    #[serde(default)]
    pub correlation: f64,
    #[serde(default)]
    pub segments: Vec<Segment>,
    pub economics: Economics,
    pub flywheel: Flywheel,
}

/// What kind of rule a field broke.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    NotANumber,
    Infinite,
    Negative,
    OutOfRange,
    SharesDoNotSumToOne,
    TooMany,
    TooFew,
    WrongLength,
    UnknownVersion,
    Empty,
}

/// A scenario that cannot be parsed or run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ScenarioError {
    /// JSON syntax error or a missing, unknown or mistyped field; line and column are 1-based.
    Parse {
        line: usize,
        column: usize,
        message: String,
    },
    /// A field broke a rule. `path` is like `stages[2].rate.mean`; `allowed` states the range.
    Invalid {
        path: String,
        kind: ErrorKind,
        value: String,
        allowed: String,
    },
}

impl ScenarioError {
    pub fn path(&self) -> Option<&str> {
        match self {
            ScenarioError::Invalid { path, .. } => Some(path),
            ScenarioError::Parse { .. } => None,
        }
    }
    pub fn kind(&self) -> Option<ErrorKind> {
        match self {
            ScenarioError::Invalid { kind, .. } => Some(*kind),
            ScenarioError::Parse { .. } => None,
        }
    }
}

/// serde_json's words for a file that is not well-formed JSON, in plain English ("EOF" is not a word
/// a planner knows). Other messages (types, fields) stay as serde writes them.
fn plain_syntax(message: &str) -> &str {
    match message {
        "EOF while parsing a list" => "the file ends inside a list [ ]",
        "EOF while parsing an object" => "the file ends inside an object { }",
        "EOF while parsing a string" => "the file ends inside a text (a closing \" is missing)",
        "EOF while parsing a value" => "the file ends where a value belongs",
        "expected value" => "a value belongs here",
        "expected ident" => "true, false or null belongs here",
        "trailing comma" => "a comma too many",
        "trailing characters" => "there is more after the end of the scenario",
        "key must be a string" => "a field name must be in double quotes",
        m => m,
    }
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScenarioError::Parse {
                line,
                column,
                message,
            } => write!(
                f,
                "The scenario could not be read at line {line}, column {column}: {}.",
                plain_syntax(message)
            ),
            ScenarioError::Invalid {
                path,
                kind,
                value,
                allowed,
            } if *kind == ErrorKind::UnknownVersion => write!(
                f,
                "This scenario is in format version {value}; this Funnel Lab reads version {allowed}."
            ),
            ScenarioError::Invalid {
                path,
                kind,
                value,
                allowed,
            } => {
                let what = match kind {
                    ErrorKind::NotANumber => "is not a number".to_string(),
                    ErrorKind::Infinite => "is infinite".to_string(),
                    ErrorKind::Negative => format!("is negative ({value})"),
                    ErrorKind::SharesDoNotSumToOne => format!("sums to {value}"),
                    ErrorKind::TooMany => format!("has too many entries ({value})"),
                    ErrorKind::TooFew => format!("has too few entries ({value})"),
                    ErrorKind::WrongLength => format!("has the wrong length ({value})"),
                    ErrorKind::UnknownVersion => format!("is an unknown version ({value})"),
                    ErrorKind::Empty => "is empty".to_string(),
                    ErrorKind::OutOfRange => format!("is {value}"),
                };
                write!(f, "The field {path} {what}, but it must be {allowed}.")
            }
        }
    }
}

impl std::error::Error for ScenarioError {}

fn invalid(
    path: impl Into<String>,
    kind: ErrorKind,
    value: impl fmt::Display,
    allowed: impl Into<String>,
) -> ScenarioError {
    ScenarioError::Invalid {
        path: path.into(),
        kind,
        value: value.to_string(),
        allowed: allowed.into(),
    }
}

/// Checks lo ≤ v ≤ hi (or lo < v when `lo_open`), finite.
fn check(path: &str, v: f64, lo: f64, hi: f64, lo_open: bool) -> Result<(), ScenarioError> {
    let allowed = if lo_open {
        format!("a number greater than {lo} and at most {hi}")
    } else {
        format!("a number between {lo} and {hi}")
    };
    if v.is_nan() {
        return Err(invalid(path, ErrorKind::NotANumber, v, allowed));
    }
    if v.is_infinite() {
        return Err(invalid(path, ErrorKind::Infinite, v, allowed));
    }
    let below = if lo_open { v <= lo } else { v < lo };
    if v < 0.0 && lo >= 0.0 {
        return Err(invalid(path, ErrorKind::Negative, v, allowed));
    }
    if below || v > hi {
        return Err(invalid(path, ErrorKind::OutOfRange, v, allowed));
    }
    Ok(())
}

fn check_shares(path: &str, sum: f64) -> Result<(), ScenarioError> {
    if (sum - 1.0).abs() > SHARE_TOLERANCE {
        // Rounded to 11 decimals, which still shows any miss beyond the tolerance: 0.7 + 0.2 sums to
        // 0.9, not to the 0.8999999999999999 of binary floating point.
        return Err(invalid(
            path,
            ErrorKind::SharesDoNotSumToOne,
            (sum * 1e11).round() / 1e11,
            format!("shares summing to 1 (within {SHARE_TOLERANCE:e})"),
        ));
    }
    Ok(())
}

impl Scenario {
    /// The seed scenario: Awareness → Interest → Evaluation → Decision → Purchase,
    /// 24 monthly periods, 10,000 trials, delays, Beta rates and an active flywheel.
    pub fn default_five_stage() -> Scenario {
        let beta = |mean, certainty| Rate::Beta { mean, certainty };
        let stage = |name: &str, rate, delay| Stage {
            name: name.to_string(),
            rate,
            delay,
            open: 0,
        };
        Scenario {
            version: SCENARIO_VERSION,
            name: "Default five-stage funnel".to_string(),
            periods: 24,
            period_unit: PeriodUnit::Month,
            trials: 10_000,
            seed: 42,
            arrivals: Arrivals {
                mean: 500.0,
                distribution: ArrivalDistribution::Poisson,
                dispersion: 10.0,
                growth: 0.01,
            },
            stages: vec![
                stage("Awareness", beta(0.30, 200.0), 0.0),
                stage("Interest", beta(0.40, 100.0), 1.0),
                stage(
                    "Evaluation",
                    Rate::Observed {
                        successes: 45,
                        trials: 100,
                    },
                    2.0,
                ),
                stage("Decision", beta(0.50, 50.0), 1.5),
                stage("Purchase", beta(0.85, 100.0), 0.0),
            ],
            correlation: 0.0,
            segments: Vec::new(),
            economics: Economics {
                revenue_per_purchase: 1200.0,
                cost_per_lead: 15.0,
                fixed_budget_per_period: 5000.0,
                paid_share: 1.0,
                currency: Currency::Eur,
            },
            flywheel: Flywheel {
                customer_mix: CustomerMix::Shares {
                    promoter: 0.4,
                    passive: 0.4,
                    detractor: 0.2,
                },
                referrals_per_promoter: 0.05,
                referral_entry_stage: 2,
                repeat_rate: 0.03,
                churn_rate: 0.02,
                detractor_churn_rate: 0.06,
                reinvest_share: 0.1,
                customers_at_start: 0,
            },
        }
    }

    /// Parses a scenario. Syntax and shape errors carry 1-based line and column. Does not
    /// validate ranges (call [`Scenario::validate`]), except that an unknown `version` is
    /// reported as such even when the rest of the document does not match this version.
    ///
    /// A leading UTF-8 byte-order mark (as Windows editors write) is read past. A document that is not
    /// an object is refused as such (serde would read an array as the fields in order). A value of
    /// the wrong type or form names its field, and Rust's type names read as numbers: `"seed": -1`
    /// gives `"seed": invalid value: integer `-1`, expected a whole number from 0 to 18446744073709551615`.
    pub fn from_json(s: &str) -> Result<Scenario, ScenarioError> {
        let s = s.strip_prefix('\u{feff}').unwrap_or(s);
        if let Some((i, c)) = s.char_indices().find(|(_, c)| !c.is_ascii_whitespace()) {
            if c != '{' {
                let before = &s[..i];
                let line = before.matches('\n').count() + 1;
                let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                return Err(ScenarioError::Parse {
                    line,
                    column,
                    message: "a scenario is a JSON object, in braces { }".to_string(),
                });
            }
        }
        match serde_json::from_str::<Scenario>(s) {
            Ok(sc) => Ok(sc),
            Err(e) => {
                if let Some(ver) = json_version(s) {
                    if ver != u64::from(SCENARIO_VERSION) {
                        return Err(version_error(ver));
                    }
                }
                let mut message = without_location(e.to_string());
                for (rust, words) in [
                    (
                        "expected u32",
                        "expected a whole number from 0 to 4294967295",
                    ),
                    (
                        "expected u64",
                        "expected a whole number from 0 to 18446744073709551615",
                    ),
                    ("expected usize", "expected a whole number from 0"),
                    ("expected f64", "expected a number"),
                ] {
                    message = message.replace(rust, words);
                }
                // A field that is unknown, missing or given twice is named by the message itself
                // (the key before the error's place is another one).
                let about_a_value = ![
                    "unknown field",
                    "missing field",
                    "duplicate field",
                    "\"kind\"",
                ]
                .iter()
                .any(|m| message.starts_with(m));
                if e.classify() == serde_json::error::Category::Data && about_a_value {
                    if let Some(key) = key_before(s, e.line(), e.column()) {
                        // A whole number's type allows more than its field: state the field's range.
                        let (u32_range, u64_range) =
                            ("from 0 to 4294967295", "from 0 to 18446744073709551615");
                        let own = match key {
                            "periods" => Some((u32_range, format!("from 1 to {MAX_PERIODS}"))),
                            "trials" if message.contains(u32_range) => {
                                Some((u32_range, format!("from 1 to {MAX_TRIALS}")))
                            }
                            "trials" | "successes" => {
                                Some((u64_range, format!("from 0 to {MAX_OBSERVED_TRIALS}")))
                            }
                            _ => None,
                        };
                        if let Some((wide, own)) = own {
                            message = message.replace(wide, &own);
                        }
                        message = format!("\"{key}\": {message}");
                    }
                }
                Err(ScenarioError::Parse {
                    line: e.line(),
                    // serde_json gives column 0 at the end of an empty line (an empty file): 1-based here.
                    column: e.column().max(1),
                    message,
                })
            }
        }
    }

    /// Whether `other` differs from this scenario at most in its labels: the names (of the scenario, its
    /// stages and its segments), the period unit and the currency, which no trial reads. A result of
    /// one is then the other's, relabelled.
    pub fn same_but_labels(&self, other: &Scenario) -> bool {
        let mut o = other.clone();
        o.name.clone_from(&self.name);
        o.period_unit = self.period_unit;
        o.economics.currency = self.economics.currency;
        for (st, mine) in o.stages.iter_mut().zip(&self.stages) {
            st.name.clone_from(&mine.name);
        }
        for (g, mine) in o.segments.iter_mut().zip(&self.segments) {
            g.name.clone_from(&mine.name);
        }
        o == *self
    }

    /// Pretty-printed JSON (as `serde_json::to_string_pretty`, see [`crate::json::pretty`]).
    pub fn to_json(&self) -> String {
        crate::json::pretty(&serde_json::to_string(self).expect("scenario serialises"))
    }

    /// Checks every field; the first broken rule is returned.
    /// The last period's expected arrivals, mean·(1+growth)^(periods−1) (limited by validation to
    /// [`MAX_LAST_PERIOD_ARRIVALS`]).
    pub fn last_period_arrivals(&self) -> f64 {
        let a = &self.arrivals;
        a.mean * libm::pow(1.0 + a.growth, f64::from(self.periods.max(1) - 1))
    }

    pub fn validate(&self) -> Result<(), ScenarioError> {
        if self.version != SCENARIO_VERSION {
            return Err(version_error(u64::from(self.version)));
        }
        if self.periods < 1 || self.periods > MAX_PERIODS {
            return Err(invalid(
                "periods",
                ErrorKind::OutOfRange,
                self.periods,
                format!("a whole number between 1 and {MAX_PERIODS}"),
            ));
        }
        if self.trials < 1 || self.trials > MAX_TRIALS {
            return Err(invalid(
                "trials",
                ErrorKind::OutOfRange,
                self.trials,
                format!("a whole number between 1 and {MAX_TRIALS}"),
            ));
        }
        let a = &self.arrivals;
        check("arrivals.mean", a.mean, 0.0, MAX_ARRIVALS_MEAN, false)?;
        check("arrivals.dispersion", a.dispersion, 0.0, 1e6, true)?;
        check("arrivals.growth", a.growth, -0.5, 1.0, false)?;
        let last = self.last_period_arrivals();
        if last > MAX_LAST_PERIOD_ARRIVALS {
            return Err(invalid(
                "arrivals.growth",
                ErrorKind::OutOfRange,
                a.growth,
                format!(
                    "small enough that the last period's expected arrivals, mean·(1+growth)^(periods−1), stay at most {MAX_LAST_PERIOD_ARRIVALS:e} (they would be {last:e})"
                ),
            ));
        }
        let ns = self.stages.len();
        if ns == 0 {
            return Err(invalid(
                "stages",
                ErrorKind::TooFew,
                0,
                format!("a list of 1 to {MAX_STAGES} stages"),
            ));
        }
        if ns > MAX_STAGES {
            return Err(invalid(
                "stages",
                ErrorKind::TooMany,
                ns,
                format!("a list of 1 to {MAX_STAGES} stages"),
            ));
        }
        for (i, st) in self.stages.iter().enumerate() {
            if is_blank(&st.name) {
                return Err(invalid(
                    format!("stages[{i}].name"),
                    ErrorKind::Empty,
                    "\"\"",
                    "a non-empty name",
                ));
            }
            match st.rate {
                Rate::Fixed { value } => {
                    check(&format!("stages[{i}].rate.value"), value, 0.0, 1.0, false)?
                }
                Rate::Beta { mean, certainty } => {
                    check(&format!("stages[{i}].rate.mean"), mean, 0.0, 1.0, false)?;
                    check(
                        &format!("stages[{i}].rate.certainty"),
                        certainty,
                        0.0,
                        1e9,
                        true,
                    )?;
                }
                Rate::Observed { successes, trials } => {
                    if trials > MAX_OBSERVED_TRIALS {
                        return Err(invalid(
                            format!("stages[{i}].rate.trials"),
                            ErrorKind::OutOfRange,
                            trials,
                            format!("a whole number between 0 and {MAX_OBSERVED_TRIALS}"),
                        ));
                    }
                    if successes > trials {
                        return Err(invalid(
                            format!("stages[{i}].rate.successes"),
                            ErrorKind::OutOfRange,
                            successes,
                            format!("a whole number between 0 and trials ({trials})"),
                        ));
                    }
                }
            }
            let d = st.delay;
            check(
                &format!("stages[{i}].delay"),
                d,
                0.0,
                f64::from(MAX_PERIODS),
                false,
            )?;
            if d > 0.0 && d < 1.0 {
                return Err(invalid(
                    format!("stages[{i}].delay"),
                    ErrorKind::OutOfRange,
                    d,
                    format!("0 (same period) or a number between 1 and {MAX_PERIODS}"),
                ));
            }
            if st.open > MAX_OPEN_LEADS {
                return Err(invalid(
                    format!("stages[{i}].open"),
                    ErrorKind::OutOfRange,
                    st.open,
                    format!("a whole number between 0 and {MAX_OPEN_LEADS}"),
                ));
            }
        }
        check("correlation", self.correlation, 0.0, 0.999, false)?;
        if self.segments.len() > MAX_SEGMENTS {
            return Err(invalid(
                "segments",
                ErrorKind::TooMany,
                self.segments.len(),
                format!("a list of 0 to {MAX_SEGMENTS} segments"),
            ));
        }
        if !self.segments.is_empty() {
            let mut sum = 0.0;
            for (k, sg) in self.segments.iter().enumerate() {
                check(&format!("segments[{k}].share"), sg.share, 0.0, 1.0, false)?;
                sum += sg.share;
                if !sg.logit_shift.is_empty() && sg.logit_shift.len() != ns {
                    return Err(invalid(
                        format!("segments[{k}].logit_shift"),
                        ErrorKind::WrongLength,
                        sg.logit_shift.len(),
                        format!("empty or a list of one number per stage ({ns})"),
                    ));
                }
                for (s, &x) in sg.logit_shift.iter().enumerate() {
                    check(
                        &format!("segments[{k}].logit_shift[{s}]"),
                        x,
                        -10.0,
                        10.0,
                        false,
                    )?;
                }
            }
            check_shares("segments[].share", sum)?;
        }
        let e = &self.economics;
        check(
            "economics.revenue_per_purchase",
            e.revenue_per_purchase,
            0.0,
            MAX_MONEY,
            false,
        )?;
        check(
            "economics.cost_per_lead",
            e.cost_per_lead,
            0.0,
            MAX_MONEY,
            false,
        )?;
        check(
            "economics.fixed_budget_per_period",
            e.fixed_budget_per_period,
            0.0,
            MAX_FIXED_BUDGET,
            false,
        )?;
        check("economics.paid_share", e.paid_share, 0.0, 1.0, false)?;
        let fw = &self.flywheel;
        match fw.customer_mix {
            CustomerMix::Shares {
                promoter,
                passive,
                detractor,
            } => {
                check("flywheel.customer_mix.promoter", promoter, 0.0, 1.0, false)?;
                check("flywheel.customer_mix.passive", passive, 0.0, 1.0, false)?;
                check(
                    "flywheel.customer_mix.detractor",
                    detractor,
                    0.0,
                    1.0,
                    false,
                )?;
                check_shares("flywheel.customer_mix", promoter + passive + detractor)?;
            }
            CustomerMix::Nps { score, passive } => {
                check("flywheel.customer_mix.passive", passive, 0.0, 1.0, false)?;
                // 100 · (1 − passive), to 9 decimals: 1 − 0.8 is 0.19999999999999996 in binary, and
                // a score of 20 with 80% passives must pass (its shares are clamped at 0 below).
                let lim = libm::round(1e9 * 100.0 * (1.0 - passive)) / 1e9;
                check("flywheel.customer_mix.score", score, -lim, lim, false)?;
            }
        }
        check(
            "flywheel.referrals_per_promoter",
            fw.referrals_per_promoter,
            0.0,
            100.0,
            false,
        )?;
        if fw.referrals_per_promoter > 0.0 && ns < 2 {
            // No stage after the top one for referred leads to enter ("between 1 and 0" said nothing).
            return Err(invalid(
                "flywheel.referrals_per_promoter",
                ErrorKind::OutOfRange,
                fw.referrals_per_promoter,
                "0 with a single stage (referred leads enter at a stage after the top one)"
                    .to_string(),
            ));
        }
        if fw.referrals_per_promoter > 0.0
            && (fw.referral_entry_stage < 1 || fw.referral_entry_stage >= ns)
        {
            return Err(invalid(
                "flywheel.referral_entry_stage",
                ErrorKind::OutOfRange,
                fw.referral_entry_stage,
                format!(
                    "a stage index between 1 and {} (not the top stage)",
                    ns.saturating_sub(1)
                ),
            ));
        }
        if fw.referral_entry_stage > MAX_STAGES {
            return Err(invalid(
                "flywheel.referral_entry_stage",
                ErrorKind::OutOfRange,
                fw.referral_entry_stage,
                format!("a stage index between 1 and {}", MAX_STAGES - 1),
            ));
        }
        check("flywheel.repeat_rate", fw.repeat_rate, 0.0, 10.0, false)?;
        check("flywheel.churn_rate", fw.churn_rate, 0.0, 1.0, false)?;
        check(
            "flywheel.detractor_churn_rate",
            fw.detractor_churn_rate,
            0.0,
            1.0,
            false,
        )?;
        check(
            "flywheel.reinvest_share",
            fw.reinvest_share,
            0.0,
            1.0,
            false,
        )?;
        if fw.customers_at_start > MAX_START_CUSTOMERS {
            return Err(invalid(
                "flywheel.customers_at_start",
                ErrorKind::OutOfRange,
                fw.customers_at_start,
                format!("a whole number between 0 and {MAX_START_CUSTOMERS}"),
            ));
        }
        if fw.reinvest_share > 0.0 && e.cost_per_lead <= 0.0 {
            return Err(invalid(
                "economics.cost_per_lead",
                ErrorKind::OutOfRange,
                e.cost_per_lead,
                "greater than 0 when flywheel.reinvest_share is greater than 0",
            ));
        }
        Ok(())
    }
}

/// The object key whose value ends at (or before) 1-based `line` and `column` of `s`: the quoted name
/// before the last `:` there, when the value is a plain one (not inside a string holding a `:`).
fn key_before(s: &str, line: usize, column: usize) -> Option<&str> {
    let start: usize = s
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let row = s.get(start..)?;
    let end = start + row.char_indices().nth(column).map_or(row.len(), |(i, _)| i);
    let head = s.get(..end)?;
    let colon = head.rfind(':')?;
    let key = head[..colon].trim_end().strip_suffix('"')?;
    let open = key.rfind('"')?;
    let name = &key[open + 1..];
    (!name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'))
        .then_some(name)
}

/// serde_json's message without its trailing " at line L column C" (the error states them once).
fn without_location(mut message: String) -> String {
    if let Some(i) = message.rfind(" at line ") {
        let rest = &message[i + " at line ".len()..];
        let mut parts = rest.splitn(3, ' ');
        let is_location = matches!(
            (parts.next(), parts.next(), parts.next()),
            (Some(l), Some("column"), Some(c))
                if l.bytes().all(|b| b.is_ascii_digit()) && c.bytes().all(|b| b.is_ascii_digit())
        );
        if is_location {
            message.truncate(i);
        }
    }
    message
}

fn version_error(found: u64) -> ScenarioError {
    invalid(
        "version",
        ErrorKind::UnknownVersion,
        found,
        format!("{SCENARIO_VERSION}"),
    )
}

/// The top-level `"version"` of a JSON document, if it is there and a whole number; other fields are
/// skipped unparsed (cheaper in code size than a `serde_json::Value`).
pub fn json_version(s: &str) -> Option<u64> {
    #[derive(Deserialize)]
    struct Probe {
        version: Option<u64>,
    }
    serde_json::from_str::<Probe>(s)
        .ok()
        .and_then(|p| p.version)
}

/// Whether a name shows nothing: only spaces, or characters that take no room (zero-width spaces
/// and joiners, direction marks, a soft hyphen, the braille and Hangul blanks). A stage named so
/// was accepted and drew an empty label, its button "Remove stage: ".
pub fn is_blank(name: &str) -> bool {
    name.chars().all(|c| {
        c.is_whitespace()
            || matches!(
                c,
                '\u{ad}'
                    | '\u{34f}'
                    | '\u{115f}'
                    | '\u{1160}'
                    | '\u{180e}'
                    | '\u{200b}'..='\u{200f}'
                    | '\u{202a}'..='\u{202e}'
                    | '\u{2060}'..='\u{206f}'
                    | '\u{2800}'
                    | '\u{3164}'
                    | '\u{fe00}'..='\u{fe0f}'
                    | '\u{feff}'
                    | '\u{ffa0}'
            )
    })
}
