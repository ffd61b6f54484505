//! The editable form behind the controls. Every input keeps exactly the text the user typed (so nothing
//! is lost while it is invalid); [`Form::to_scenario`] turns the texts into a [`Scenario`] or into a list
//! of problems, each tied to the field it belongs to and stating the allowed range in both languages.

use crate::sim::scenario::{
    MAX_ARRIVALS_MEAN, MAX_FIXED_BUDGET, MAX_MONEY, MAX_OBSERVED_TRIALS, MAX_OPEN_LEADS,
    MAX_START_CUSTOMERS,
};
use crate::sim::{
    ArrivalDistribution, Currency, CustomerMix, ErrorKind, PeriodUnit, Rate, Scenario,
    ScenarioError, Segment, Stage, MAX_PERIODS, MAX_SEGMENTS, MAX_STAGES, MAX_TRIALS,
};

use super::i18n::Lang;

/// One stage's inputs.
#[derive(Clone, Debug, PartialEq)]
pub struct StageForm {
    pub name: String,
    /// Conversion rate to the next stage, in percent.
    pub rate_pct: String,
    /// Pseudo-count of the Beta prior; empty means "known exactly".
    pub certainty: String,
    /// Mean delay in periods (0 = same period).
    pub delay: String,
    /// The rate comes from observed counts "k of n" (Beta(1 + k, 1 + n − k)) instead of an
    /// estimate with a certainty.
    pub observed: bool,
    /// k: leads observed to convert.
    pub successes: String,
    /// n: leads observed in the stage.
    pub observed_of: String,
    /// Leads already in the stage when the first period starts (a whole number; empty is 0).
    pub open: String,
}

impl StageForm {
    /// The rate that stage `i`'s inputs give, when they are valid (the other inputs do not matter), read
    /// as the whole form is for a reader whose thousands separator is `group` ([`read_for_in`]).
    pub fn rate(&self, i: usize, group: Option<char>) -> Option<Rate> {
        let mut c = Checker {
            problems: Vec::new(),
            group,
        };
        let rate = stage_rate(&mut c, i, self);
        c.problems.is_empty().then_some(rate)
    }
}

/// How the customer mix is entered: three shares, or an NPS score with the passive share.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum MixMode {
    #[default]
    Shares,
    Nps,
}

/// One customer segment's inputs.
#[derive(Clone, Debug, PartialEq)]
pub struct SegmentForm {
    pub name: String,
    /// Share of arrivals, in percent.
    pub share_pct: String,
    /// Per stage: the segment's conversion odds as a multiple of the stage's odds (1 = the same). The
    /// core adds ln(odds factor) to the logit of the trial's rate, so rates stay between 0 and 1.
    pub odds: Vec<String>,
}

/// Smallest and largest odds factor: the core accepts logit shifts in [−10, 10].
pub const MIN_ODDS: f64 = 0.0001;
pub const MAX_ODDS: f64 = 20_000.0;

/// All inputs, as typed.
#[derive(Clone, Debug, PartialEq)]
pub struct Form {
    pub arrivals: String,
    /// How new leads vary around their mean: a fixed count, Poisson, or over-dispersed.
    pub arrival_distribution: ArrivalDistribution,
    /// Over-dispersion (gamma shape) when `arrival_distribution` is over-dispersed.
    pub dispersion: String,
    /// Growth of the mean of new leads per period, in %.
    pub growth_pct: String,
    pub fixed_budget: String,
    /// Correlation between the stages' rates within a trial, 0 to 0.999.
    pub correlation: String,
    pub periods: String,
    pub period_unit: PeriodUnit,
    pub trials: String,
    pub seed: String,
    pub revenue: String,
    pub cost_per_lead: String,
    /// The paid share of the base arrivals, in percent.
    pub paid_pct: String,
    /// What the amounts are in (a label).
    pub currency: Currency,
    pub stages: Vec<StageForm>,
    pub promoters_pct: String,
    pub passives_pct: String,
    pub detractors_pct: String,
    /// Shares or NPS score (the passive share is used in both).
    pub mix_mode: MixMode,
    /// Net Promoter Score, −100 to 100.
    pub nps_score: String,
    /// Customer segments (0 to 8); none means one undivided stream of leads.
    pub segments: Vec<SegmentForm>,
    pub referrals: String,
    /// Index of the stage referred leads enter (≥ 1).
    pub entry_stage: usize,
    pub repeat_pct: String,
    pub churn_pct: String,
    pub detractor_churn_pct: String,
    pub reinvest_pct: String,
    /// The customers at the start (whole number; empty is 0).
    pub customers_at_start: String,
}

/// Which input a problem belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Arrivals,
    Dispersion,
    Growth,
    FixedBudget,
    Correlation,
    Periods,
    Trials,
    Seed,
    Revenue,
    CostPerLead,
    PaidShare,
    StageName(usize),
    StageRate(usize),
    StageCertainty(usize),
    StageDelay(usize),
    StageSuccesses(usize),
    StageObservedOf(usize),
    StageOpen(usize),
    Promoters,
    Passives,
    Detractors,
    /// The three customer shares together (their sum).
    Mix,
    NpsScore,
    SegmentName(usize),
    SegmentShare(usize),
    /// Segment k's odds factor at stage i.
    SegmentOdds(usize, usize),
    /// The segments' shares together (their sum).
    Segments,
    Referrals,
    EntryStage,
    Repeat,
    Churn,
    DetractorChurn,
    Reinvest,
    CustomersAtStart,
    /// A rule that spans several inputs (reported by the core's validation).
    Scenario,
}

impl Field {
    /// The sign of the field's unit that may be typed with its number: `%` for percentages, `€` for
    /// money (which stands for any currency's sign, [`CURRENCY_SIGNS`]), none for counts, periods and
    /// factors.
    pub fn sign(self) -> Option<char> {
        match self {
            Field::Growth
            | Field::StageRate(_)
            | Field::Promoters
            | Field::Passives
            | Field::Detractors
            | Field::SegmentShare(_)
            | Field::Repeat
            | Field::Churn
            | Field::DetractorChurn
            | Field::Reinvest
            | Field::PaidShare => Some('%'),
            Field::Revenue | Field::CostPerLead | Field::FixedBudget => Some('€'),
            _ => None,
        }
    }
}

/// The currencies' signs that may be typed with an amount (whatever the scenario's currency: it is only
/// a label).
pub const CURRENCY_SIGNS: [char; 3] = Currency::SIGNS;

/// Whether the % and currency signs in `text` (read past by [`read_number`]) are the unit's `sign`
/// (`€` for any currency): "15%" is no cost per lead, "€500" or "$500" no number of leads.
pub fn signs_fit(text: &str, sign: Option<char>) -> bool {
    let money = CURRENCY_SIGNS.iter().any(|c| text.contains(*c));
    !(text.contains('%') && sign != Some('%') || money && sign != Some('€'))
}

/// What is wrong with an input.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// Not a number at all.
    NotANumber,
    /// "1,200" or "1.200": a thousands separator or a decimal mark (see [`read_number`]).
    Ambiguous { grouped: f64, decimal: f64 },
    /// A number outside `[min, max]` (or not whole where a whole number is needed).
    Range { min: f64, max: f64, whole: bool },
    /// A name left empty.
    EmptyName,
    /// The three customer shares do not add up to 100 %.
    SharesSum { sum: f64 },
    /// The segments' shares do not add up to 100 %.
    SegmentSharesSum { sum: f64 },
    /// A segment name left empty.
    EmptySegmentName,
    /// A segment name that segment `first` (numbered from 1) already has: the results per segment
    /// would have two rows of that name.
    SameSegmentName { first: usize },
    /// Referred leads need a stage after the first one to enter at.
    EntryStage { stages: usize },
    /// A seed that is not a whole number from 0 to 2⁶⁴ − 1.
    Seed,
    /// A number that must be above 0 and at most `max`.
    Positive { max: f64 },
    /// A delay that is neither 0 (no delay) nor a number from 1 to `max` periods.
    /// `weeks`: the period is a week already, so no shorter period can take a shorter wait.
    Delay { max: f64, weeks: bool },
    /// Reinvested revenue buys leads at the cost per lead, which is then 0 or less.
    CostPerLeadForReinvest,
    /// Arrivals growing so fast that the last period's expected arrivals pass the core's limit.
    GrowthTooFast { last: f64 },
    /// An NPS score beyond ±`limit`, 100 minus the passives' share (promoters and detractors share
    /// the rest, so neither would go below 0).
    NpsRange { limit: f64 },
    /// Observed counts with k above n: said at both fields, each with the other's value.
    CountsOrder { k: f64, n: f64, at_k: bool },
    /// Counts typed where a rate goes ("12 of 40"): where to type them instead.
    CountsInRate { k: String, n: String },
    /// Anything else the core rejected (shown by [`scenario_error_text`]).
    Core(ScenarioError),
}

impl Problem {
    /// The message shown next to the field.
    pub fn message(&self, lang: Lang) -> String {
        let n = |v: f64| lang.number(v, 4);
        match (self, lang) {
            (Problem::NotANumber, Lang::En) => "Enter a number.".into(),
            (Problem::NotANumber, Lang::Nl) => "Vul een getal in.".into(),
            (Problem::CountsInRate { k, n }, Lang::En) => format!(
                "These look like counts: choose Counts (k/n) under Rate from, and type {k} and {n} there."
            ),
            (Problem::CountsInRate { k, n }, Lang::Nl) => format!(
                "Dit lijken aantallen: kies Telling (k/n) bij Conversie op basis van, en typ daar {k} en {n}."
            ),
            // How to type each: the whole number without a separator, the decimal one with a
            // fourth decimal ("15.1250"), which no thousands separator could be.
            (Problem::Ambiguous { grouped, decimal }, Lang::En) => format!(
                "Did you mean {} or {}? Type {} for the first, or {} for the second.",
                plain_text(*grouped),
                plain_text(*decimal),
                plain_text(*grouped),
                unambiguous(*decimal)
            ),
            (Problem::Ambiguous { grouped, decimal }, Lang::Nl) => format!(
                "Bedoel je {} of {}? Typ {} voor het eerste, of {} voor het tweede.",
                plain_text(*grouped),
                plain_text(*decimal).replace('.', ","),
                plain_text(*grouped),
                unambiguous(*decimal).replace('.', ",")
            ),
            (Problem::Range { min, max, whole: true }, Lang::En) => {
                format!("Enter a whole number from {} to {}.", n(*min), n(*max))
            }
            (Problem::Range { min, max, whole: true }, Lang::Nl) => {
                format!("Vul een geheel getal in van {} tot en met {}.", n(*min), n(*max))
            }
            (Problem::Range { min, max, .. }, Lang::En) => {
                format!("Enter a number from {} to {}.", n(*min), n(*max))
            }
            (Problem::Range { min, max, .. }, Lang::Nl) => {
                format!("Vul een getal in van {} tot en met {}.", n(*min), n(*max))
            }
            (Problem::EmptyName, Lang::En) => "Give the stage a name.".into(),
            (Problem::EmptyName, Lang::Nl) => "Geef de fase een naam.".into(),
            // Six decimals at most (trailing zeros dropped): a sum off by more than the 10⁻⁶ allowed
            // never reads "now 100%" (three times 33.3333 is 99.9999).
            (Problem::SharesSum { sum }, Lang::En) => format!(
                "Promoters, passives and detractors must add up to 100% (now {}%).",
                lang.number(*sum, 6)
            ),
            (Problem::SharesSum { sum }, Lang::Nl) => format!(
                "Promotors, passieven en criticasters moeten samen 100% zijn (nu {}%).",
                lang.number(*sum, 6)
            ),
            (Problem::SegmentSharesSum { sum }, Lang::En) => format!(
                "The segments' shares must add up to 100% (now {}%).",
                lang.number(*sum, 6)
            ),
            (Problem::SegmentSharesSum { sum }, Lang::Nl) => format!(
                "De aandelen van de segmenten moeten samen 100% zijn (nu {}%).",
                lang.number(*sum, 6)
            ),
            (Problem::EmptySegmentName, Lang::En) => "Give the segment a name.".into(),
            (Problem::EmptySegmentName, Lang::Nl) => "Geef het segment een naam.".into(),
            // By its place, not "Segment 1": a card is titled by its name, which may be "Segment 2".
            (Problem::SameSegmentName { first }, Lang::En) => {
                let th = match first {
                    1 => "st",
                    2 => "nd",
                    3 => "rd",
                    _ => "th",
                };
                format!("The {first}{th} segment already has this name: give this one another.")
            }
            (Problem::SameSegmentName { first }, Lang::Nl) => {
                format!("Het {first}e segment heeft deze naam al: geef dit segment een andere.")
            }
            (Problem::EntryStage { stages }, Lang::En) if *stages < 2 => {
                "Referred leads enter after the first stage: add a stage or set referrals to 0.".into()
            }
            (Problem::EntryStage { stages }, Lang::Nl) if *stages < 2 => {
                "Doorverwezen leads starten na de eerste fase: voeg een fase toe of zet doorverwijzingen op 0.".into()
            }
            (Problem::EntryStage { stages }, Lang::En) => format!("Choose stage 2 to {stages}."),
            (Problem::EntryStage { stages }, Lang::Nl) => format!("Kies fase 2 tot en met {stages}."),
            // u64::MAX, grouped (an f64 would print 2⁶⁴).
            (Problem::Seed, Lang::En) => {
                "Enter a whole number from 0 to 18,446,744,073,709,551,615.".into()
            }
            (Problem::Seed, Lang::Nl) => {
                "Vul een geheel getal in van 0 tot en met 18.446.744.073.709.551.615.".into()
            }
            (Problem::Delay { max, weeks: false }, Lang::En) => {
                format!("Enter 0 (no delay) or a number from 1 to {} (a wait shorter than a period: use weeks as the period).", n(*max))
            }
            (Problem::Delay { max, weeks: false }, Lang::Nl) => format!(
                "Vul 0 in (geen vertraging) of een getal van 1 tot en met {} (wachten korter dan een periode: kies weken als periode).",
                n(*max)
            ),
            (Problem::Delay { max, weeks: true }, Lang::En) => format!(
                "Enter 0 (no delay) or a number from 1 to {} (a wait shorter than a week: enter 0, the leads then move on in the week they convert).",
                n(*max)
            ),
            (Problem::Delay { max, weeks: true }, Lang::Nl) => format!(
                "Vul 0 in (geen vertraging) of een getal van 1 tot en met {} (wachten korter dan een week: vul 0 in, de leads gaan dan door in de week waarin ze converteren).",
                n(*max)
            ),
            (Problem::CostPerLeadForReinvest, Lang::En) => {
                "Reinvested revenue buys leads at this cost, so it must be more than 0 (or set the reinvested share to 0).".into()
            }
            (Problem::CostPerLeadForReinvest, Lang::Nl) => {
                "Opnieuw geïnvesteerde omzet koopt leads tegen deze kosten, dus die moeten hoger zijn dan 0 (of zet het opnieuw geïnvesteerde deel op 0).".into()
            }
            (Problem::GrowthTooFast { last }, Lang::En) => format!(
                "With this growth the last period would bring {} new leads on average; at most {} are allowed. Lower the growth or the number of periods.",
                lang.count(*last),
                lang.number(crate::sim::MAX_LAST_PERIOD_ARRIVALS, 0)
            ),
            (Problem::GrowthTooFast { last }, Lang::Nl) => format!(
                "Met deze groei zou de laatste periode gemiddeld {} nieuwe leads brengen; het maximum is {}. Verlaag de groei of het aantal perioden.",
                lang.count(*last),
                lang.number(crate::sim::MAX_LAST_PERIOD_ARRIVALS, 0)
            ),
            (Problem::Positive { max }, Lang::En) => {
                format!("Enter a number above 0, up to {}.", lang.number(*max, 0))
            }
            (Problem::Positive { max }, Lang::Nl) => {
                format!("Vul een getal groter dan 0 in, tot en met {}.", lang.number(*max, 0))
            }
            (Problem::CountsOrder { n: v, at_k: true, .. }, Lang::En) => format!(
                "The leads that moved on (k) are among those that reached the stage (n): enter at most {}, or raise n.",
                n(*v)
            ),
            (Problem::CountsOrder { n: v, at_k: true, .. }, Lang::Nl) => format!(
                "De leads die doorgingen (k) horen bij de leads die de fase bereikten (n): vul hoogstens {} in, of verhoog n.",
                n(*v)
            ),
            (Problem::CountsOrder { k, .. }, Lang::En) => format!(
                "At least the {} leads that moved on (k) reached the stage: enter {} or more.",
                n(*k),
                n(*k)
            ),
            (Problem::CountsOrder { k, .. }, Lang::Nl) => format!(
                "Minstens de {} leads die doorgingen (k) hebben de fase bereikt: vul {} of meer in.",
                n(*k),
                n(*k)
            ),
            (Problem::NpsRange { limit }, Lang::En) if *limit <= 0.0 => {
                "With 100% passives there are no promoters or detractors, so the score can only be 0. Lower the passives for another score.".into()
            }
            (Problem::NpsRange { limit }, Lang::Nl) if *limit <= 0.0 => {
                "Met 100% passieven zijn er geen promotors of criticasters, dus de score kan alleen 0 zijn. Verlaag de passieven voor een andere score.".into()
            }
            // No passives: the whole scale is open, so there is nothing to lower.
            (Problem::NpsRange { limit }, Lang::En) if *limit >= 100.0 => {
                "Enter a score from −100 to 100.".into()
            }
            (Problem::NpsRange { limit }, Lang::Nl) if *limit >= 100.0 => {
                "Vul een score van −100 tot en met 100 in.".into()
            }
            (Problem::NpsRange { limit }, Lang::En) => format!(
                "With {}% passives, promoters and detractors share the other {}%, so the score can be from −{} to {}. For a score closer to −100 or 100, lower the passives.",
                n(100.0 - limit),
                n(*limit),
                n(*limit),
                n(*limit)
            ),
            (Problem::NpsRange { limit }, Lang::Nl) => format!(
                "Met {}% passieven delen promotors en criticasters de overige {}%, dus de score kan van −{} tot en met {} zijn. Verlaag de passieven voor een score dichter bij −100 of 100.",
                n(100.0 - limit),
                n(*limit),
                n(*limit),
                n(*limit)
            ),
            (Problem::Core(e), _) => scenario_error_text(e, lang),
        }
    }
}

/// A core error in the user's language: the core's own English text, or its Dutch rendering (the
/// field path stays as in the file, since it names a JSON field; JSON syntax details stay as
/// serde_json writes them, in parentheses).
pub fn scenario_error_text(e: &ScenarioError, lang: Lang) -> String {
    let text = if lang == Lang::En {
        e.to_string()
    } else {
        scenario_error_nl(e)
    };
    // "stages[1].rate.mean" counts from 0; the app numbers stages from 1: add "(stage 2)".
    match e {
        ScenarioError::Invalid { path, .. } => {
            let place = [
                ("stages[", "stage", "fase"),
                ("segments[", "segment", "segment"),
            ]
            .into_iter()
            .find_map(|(list, en, nl)| {
                let i: usize = path.strip_prefix(list)?.split(']').next()?.parse().ok()?;
                Some(format!(
                    "{} {}",
                    if lang == Lang::En { en } else { nl },
                    i + 1
                ))
            });
            match place {
                Some(place) => text.replacen(path.as_str(), &format!("{path} ({place})"), 1),
                None => text,
            }
        }
        _ => text,
    }
}

/// A share link's problem in Dutch, with the JSON reader's words and the scenario's problem in
/// Dutch too (the link's own message keeps them in English).
pub fn share_error_nl(e: &crate::share::ShareError) -> String {
    use crate::share::ShareError;
    match e {
        ShareError::BadJson {
            line,
            column,
            message,
        } => format!(
            "De inhoud van de link is geen geldige JSON (regel {line}, kolom {column}): {}.",
            serde_nl(message)
        ),
        ShareError::InvalidScenario(e) => {
            format!(
                "Het scenario in de link is ongeldig: {}",
                scenario_error_nl(e)
            )
        }
        e => e.message_nl(),
    }
}

fn scenario_error_nl(e: &ScenarioError) -> String {
    match e {
        ScenarioError::Parse {
            line,
            column,
            message,
        } => format!(
            "Het scenario kon niet worden gelezen op regel {line}, kolom {column} ({}).",
            serde_nl(message)
        ),
        ScenarioError::Invalid {
            kind: ErrorKind::UnknownVersion,
            value,
            allowed,
            ..
        } => format!(
            "Dit scenario heeft formaatversie {value}; deze versie van Funnel Lab kan alleen versie {allowed} lezen."
        ),
        ScenarioError::Invalid {
            path,
            kind,
            value,
            allowed,
        } => {
            let what = match kind {
                ErrorKind::NotANumber => "is geen getal".to_string(),
                ErrorKind::Infinite => "is oneindig".to_string(),
                ErrorKind::Negative => format!("is negatief ({value})"),
                ErrorKind::SharesDoNotSumToOne => format!("telt op tot {value}"),
                ErrorKind::TooMany => format!("heeft te veel onderdelen ({value})"),
                ErrorKind::TooFew => format!("heeft te weinig onderdelen ({value})"),
                ErrorKind::WrongLength => format!("heeft de verkeerde lengte ({value})"),
                ErrorKind::Empty => "is leeg".to_string(),
                ErrorKind::OutOfRange | ErrorKind::UnknownVersion => format!("is {value}"),
            };
            format!(
                "Het veld {path} {}, maar moet {} zijn.",
                decimal_commas(&what),
                decimal_commas(&allowed_nl(allowed))
            )
        }
    }
}

/// `text` with the numbers in it written with the Dutch decimal comma (1,5), as the rest of the page
/// writes them (see [`with_decimal_mark`]).
fn decimal_commas(text: &str) -> String {
    text.split(' ')
        .map(|word| {
            let (core, tail) = word.split_at(word.trim_end_matches([')', ',', ';']).len());
            let (head, core) = core.split_at(core.len() - core.trim_start_matches('(').len());
            let mut n = core.to_string();
            with_decimal_mark(&mut n, ',');
            format!("{head}{n}{tail}")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// serde_json's messages about a file's syntax and types, in Dutch (phrase by phrase; a message
/// it does not know stays English).
fn serde_nl(message: &str) -> String {
    const PHRASES: [(&str, &str); 31] = [
        (
            "EOF while parsing a list",
            "het bestand houdt op midden in een lijst",
        ),
        (
            "EOF while parsing an object",
            "het bestand houdt op midden in een object",
        ),
        (
            "EOF while parsing a string",
            "het bestand houdt op midden in een tekst",
        ),
        (
            "EOF while parsing a value",
            "het bestand houdt op waar een waarde hoort",
        ),
        ("expected value", "hier hoort een waarde"),
        // A bare word that is not true, false or null ("nul", "tru").
        ("expected ident", "hier hoort true, false of null"),
        ("trailing comma", "een komma te veel"),
        ("trailing characters", "tekens na het einde"),
        (
            "key must be a string",
            "een veldnaam moet tussen aanhalingstekens staan",
        ),
        ("invalid number", "ongeldig getal"),
        ("number out of range", "getal buiten bereik"),
        ("invalid type: ", "verkeerd type: "),
        ("invalid value: ", "ongeldige waarde: "),
        ("unknown field ", "onbekend veld "),
        ("missing field ", "ontbrekend veld "),
        ("duplicate field ", "dubbel veld "),
        ("unknown variant ", "onbekende keuze "),
        (", expected one of ", ", verwacht een van "),
        ("expected ", "verwacht "),
        ("string ", "tekst "),
        ("integer ", "geheel getal "),
        ("floating point ", "getal "),
        ("a string", "een tekst"),
        ("a sequence", "een lijst"),
        (
            "a whole number from 0 to ",
            "een geheel getal van 0 tot en met ",
        ),
        (
            "a whole number from 1 to ",
            "een geheel getal van 1 tot en met ",
        ),
        ("a whole number from 0", "een geheel getal vanaf 0"),
        (
            "an object with a \"kind\" and that kind's fields",
            "een object met een \"kind\" en de velden van die soort",
        ),
        ("a number", "een getal"),
        (
            "a scenario is a JSON object, in braces { }",
            "een scenario is een JSON-object, tussen accolades { }",
        ),
        (" or ", " of "),
    ];
    phrases_nl(message, &PHRASES)
}

/// `text` with each English phrase of `phrases` replaced by its Dutch one, in order.
fn phrases_nl(text: &str, phrases: &[(&str, &str)]) -> String {
    let mut text = text.to_string();
    for (en, nl) in phrases {
        text = text.replace(en, nl);
    }
    text
}

/// The core's "allowed" phrases (see `funnel_scenario::scenario`), in Dutch.
fn allowed_nl(allowed: &str) -> String {
    // Longer phrases first: " to " would otherwise take a piece of "shares summing to 1".
    const PHRASES: [(&str, &str); 16] = [
        (
            "0 with a single stage (referred leads enter at a stage after the top one)",
            "0 bij één fase (doorverwezen leads komen binnen in een fase na de bovenste)",
        ),
        (
            "shares summing to 1 (within ",
            "aandelen die samen 1 zijn (binnen ",
        ),
        ("0 (same period) or ", "0 (dezelfde periode) of "),
        ("a number greater than ", "een getal groter dan "),
        (" and at most ", " en ten hoogste "),
        ("a whole number between ", "een geheel getal van "),
        ("a number between ", "een getal van "),
        ("a stage index between ", "een fasenummer van "),
        ("(not the top stage)", "(niet de bovenste fase)"),
        ("trials (", "het aantal waarnemingen ("),
        (" and ", " tot en met "),
        ("a list of ", "een lijst van "),
        (" stages", " fasen"),
        (" segments", " segmenten"),
        (" to ", " tot en met "),
        ("a non-empty name", "een naam die niet leeg is"),
    ];
    phrases_nl(allowed, &PHRASES)
}

/// Largest pseudo-count accepted for a rate's certainty (the core's limit).
pub const MAX_CERTAINTY: f64 = 1e9;
/// Largest over-dispersion accepted (the core's limit).
pub const MAX_DISPERSION: f64 = 1e6;

/// How a typed number reads (see [`read_number`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum NumberText {
    Value(f64),
    NotANumber,
    /// One "," or "." (`sep`) before exactly three digits, as in "1,200" or "1.200": a thousands
    /// separator (`grouped`) or a decimal mark (`decimal`)? Nothing in the text says which.
    Ambiguous {
        grouped: f64,
        decimal: f64,
        sep: char,
    },
}

/// The sign at the start of `t` ("-", "+", and the minus sign U+2212 and the en dash as "-") and
/// the rest.
fn lead_sign(t: &str) -> (&'static str, &str) {
    let mut chars = t.chars();
    match chars.next() {
        Some('-' | '\u{2212}' | '\u{2013}') => ("-", chars.as_str().trim_start()),
        Some('+') => ("+", chars.as_str().trim_start()),
        _ => ("", t),
    }
}

/// Whole digits grouped by `sep`, without it: 1–3 digits (no leading zero), then groups of exactly
/// three.
fn ungroup(int: &str, sep: char) -> Option<String> {
    let mut groups = int.split(sep);
    let first = groups.next()?;
    let digits = |g: &str| g.bytes().all(|b| b.is_ascii_digit());
    if first.is_empty() || first.len() > 3 || !digits(first) || first.starts_with('0') {
        return None;
    }
    let mut out = first.to_string();
    for g in groups {
        if g.len() != 3 || !digits(g) {
            return None;
        }
        out.push_str(g);
    }
    Some(out)
}

/// `t` without the spaces (also no-break ones) that group its whole digits by three as [`ungroup`]
/// reads them ("1 234 567", "12 500,5"), or none when a space is anywhere else.
fn without_group_spaces(t: &str) -> Option<String> {
    let space = |c: char| matches!(c, ' ' | '\u{a0}' | '\u{202f}');
    if !t.contains(space) {
        return Some(t.to_string());
    }
    let t: String = t.chars().map(|c| if space(c) { ' ' } else { c }).collect();
    let (sign, body) = lead_sign(&t);
    // The decimal part after the groups, if any, has no space.
    let (int, frac) = body.split_at(body.find(['.', ',']).unwrap_or(body.len()));
    if frac.contains(' ') {
        return None;
    }
    Some(format!("{sign}{}{frac}", ungroup(int, ' ')?))
}

/// A number as people type it, in English or Dutch style: a decimal point or a decimal comma, and
/// optionally thousands separators (spaces, or "," / "." in groups of three). "1,000,000",
/// "1.000.000", "1,200.5" and "1.200,5" are whole numbers with separators; "12,5" and "0.250" have a
/// decimal mark. A single separator before exactly three digits ("1,200", "10.000") is
/// [`NumberText::Ambiguous`]: reading it either way would silently give a number a thousand times
/// off for half the users.
pub fn read_number(text: &str) -> NumberText {
    // The unit a field states may be typed with its number: "30%" in a percentage, "€1200", "$1200"
    // or "1200 €" for money. Read as the number alone ("30%" is not a number, said the field, to a student for whom
    // it plainly is).
    // A whole amount in Dutch style, "€ 18.000,-" (or ",--", ".-"): the dash stands for the cents,
    // so its mark is the decimal one and any other groups thousands ("18.000,00" reads so in any
    // language).
    // (Without the word joiner the app puts after a minus, "−\u{2060}€5", copied from the page.)
    let joined: String = text.chars().filter(|&c| c != '\u{2060}').collect();
    let whole = joined.trim();
    let text = [(",--", ",00"), (",-", ",00"), (".-", ".00")]
        .iter()
        .find_map(|(dash, zeros)| {
            let amount = whole.strip_suffix(dash)?;
            amount
                .ends_with(|c: char| c.is_ascii_digit())
                .then(|| format!("{amount}{zeros}"))
        })
        .unwrap_or_else(|| whole.to_string());
    // A sign as the app prints it ("−€135,525", U+2212) or a word processor types it (an en dash),
    // before the euro sign or after it ("€ −5"): one sign at most.
    let (sign, t) = lead_sign(text.trim());
    let t = t.strip_suffix('%').unwrap_or(t).trim_end();
    let t = t
        .strip_prefix(CURRENCY_SIGNS)
        .or_else(|| t.strip_suffix(CURRENCY_SIGNS))
        .unwrap_or(t)
        .trim();
    let t = match (sign, lead_sign(t)) {
        (s, ("", t)) => format!("{s}{t}"),
        ("", (s, t)) => format!("{s}{t}"),
        _ => return NumberText::NotANumber,
    };
    // Thousands and millions as people write them: "40k", "1.5M", Dutch "1,5 mln" (or "mio"). The
    // power of ten goes into the decimal text ("1.5e6"), so the value is correctly rounded.
    const TIMES: [(&str, &str); 8] = [
        ("k", "e3"),
        ("K", "e3"),
        ("mln", "e6"),
        ("Mln", "e6"),
        ("mio", "e6"),
        ("Mio", "e6"),
        ("m", "e6"),
        ("M", "e6"),
    ];
    let (t, exp) = TIMES
        .iter()
        .find_map(|(s, e)| Some((t.strip_suffix(s)?.trim_end().to_string(), *e)))
        .unwrap_or((t, ""));
    // Spaces group digits by three ("12 500"), nothing else: "12 5" is no number (two cells pasted
    // into one box, or a slip), not 125.
    let Some(t) = without_group_spaces(&t) else {
        return NumberText::NotANumber;
    };
    if t.is_empty() {
        return NumberText::NotANumber;
    }
    let value = |t: &str| match decimal(&format!("{t}{exp}")).filter(|v| v.is_finite()) {
        Some(v) => NumberText::Value(v),
        None => NumberText::NotANumber,
    };
    let (dots, commas) = (t.matches('.').count(), t.matches(',').count());
    if dots + commas == 0 {
        return value(&t);
    }
    if t.contains(['e', 'E']) {
        // Exponent notation: one decimal mark at most, no grouping.
        return if dots + commas == 1 {
            value(&t.replace(',', "."))
        } else {
            NumberText::NotANumber
        };
    }
    let (sign, body) = lead_sign(&t);
    if dots > 0 && commas > 0 {
        // Both: the last one is the decimal mark, the other groups thousands.
        let (Some(d), Some(c)) = (body.rfind('.'), body.rfind(',')) else {
            return NumberText::NotANumber;
        };
        let (mark, sep) = if d > c { ('.', ',') } else { (',', '.') };
        if body.matches(mark).count() != 1 {
            return NumberText::NotANumber;
        }
        let (int, frac) = body.split_once(mark).unwrap_or((body, ""));
        return match ungroup(int, sep) {
            Some(int) => value(&format!("{sign}{int}.{frac}")),
            None => NumberText::NotANumber,
        };
    }
    let sep = if dots > 0 { '.' } else { ',' };
    if dots + commas > 1 {
        // The same separator twice or more: thousands ("1,000,000", "1.000.000").
        return match ungroup(body, sep) {
            Some(int) => value(&format!("{sign}{int}")),
            None => NumberText::NotANumber,
        };
    }
    let (int, frac) = body.split_once(sep).unwrap_or((body, ""));
    if frac.len() == 3 && ungroup(int, sep).is_some() && frac.bytes().all(|b| b.is_ascii_digit()) {
        if let (NumberText::Value(grouped), NumberText::Value(decimal)) = (
            value(&format!("{sign}{int}{frac}")),
            value(&format!("{sign}{int}.{frac}")),
        ) {
            return NumberText::Ambiguous {
                grouped,
                decimal,
                sep,
            };
        }
    }
    value(&format!("{sign}{int}.{frac}"))
}

impl NumberText {
    /// The value, or the problem to show next to the field.
    pub fn value(self) -> Result<f64, Problem> {
        match self {
            NumberText::Value(v) => Ok(v),
            NumberText::NotANumber => Err(Problem::NotANumber),
            NumberText::Ambiguous {
                grouped, decimal, ..
            } => Err(Problem::Ambiguous { grouped, decimal }),
        }
    }
}

/// The value of [`read_number`], if it has exactly one.
pub fn parse_number(text: &str) -> Option<f64> {
    read_number(text).value().ok()
}

/// The value of `text` in a field that takes the values `fits` accepts: as [`read_number`], except
/// that a lone separator before three digits that only one reading makes a value the field takes is
/// read that way ("33.333" as a share in percent is 33.333, "12.000" as a number of trials 12000).
pub fn read_for(text: &str, fits: impl Fn(f64) -> bool) -> Result<f64, Problem> {
    read_for_in(text, fits, None)
}

/// [`read_for`] for a reader whose thousands separator is `group` (`Lang::group_mark`): when the field
/// takes both readings, a lone `group` before three digits groups thousands ("12.400" is 12400 in
/// Dutch, "12,400" in English), as everything the page writes in that language does. The other
/// mark is still asked about: "12,400" in Dutch may be an English thousand or a Dutch decimal.
pub fn read_for_in(
    text: &str,
    fits: impl Fn(f64) -> bool,
    group: Option<char>,
) -> Result<f64, Problem> {
    match read_number(text) {
        NumberText::Ambiguous {
            grouped, decimal, ..
        } if fits(grouped) != fits(decimal) => Ok(if fits(decimal) { decimal } else { grouped }),
        NumberText::Ambiguous { grouped, sep, .. } if Some(sep) == group => Ok(grouped),
        t => t.value(),
    }
}

/// Whether a value is a whole number from `min` to `max`: what a whole-number field takes.
pub(crate) fn whole_between(min: f64, max: f64) -> impl Fn(f64) -> bool {
    move |v| (min..=max).contains(&v) && v.fract() == 0.0
}

/// A plain decimal number (`[+-]digits[.digits][e[+-]digits]`, at least one digit before the
/// exponent), correctly rounded; anything else (`inf`, `NaN`, hex, a second point) is `None`.
fn decimal(t: &str) -> Option<f64> {
    let b = t.as_bytes();
    let digits = |i: &mut usize| {
        let s = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - s
    };
    let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    let mut n = digits(&mut i);
    if b.get(i) == Some(&b'.') {
        i += 1;
        n += digits(&mut i);
    }
    if n == 0 {
        return None;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return None;
        }
    }
    if i != b.len() {
        return None;
    }
    // The browser's parser is correctly rounded like Rust's, and spares the wasm build core's
    // decimal-to-float tables (about 10 KB gzipped); the syntax was checked above.
    #[cfg(target_arch = "wasm32")]
    {
        Some(js_sys::Number::parse_float(t))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        t.parse::<f64>().ok()
    }
}

struct Checker {
    problems: Vec<(Field, Problem)>,
    /// The reader's thousands separator (see [`read_for_in`]).
    group: Option<char>,
}

impl Checker {
    /// Percentages that must add up to 100 (within 1e-6), as fractions divided by their sum so that the
    /// core's 1e-9 tolerance holds. A wrong sum is reported on `field`, unless a problem was found since
    /// `before` (a share that is itself wrong).
    fn fractions_of_100<V: AsMut<[f64]>>(
        &mut self,
        before: usize,
        field: Field,
        mut pct: V,
        problem: impl Fn(f64) -> Problem,
    ) -> V {
        let sum: f64 = pct.as_mut().iter().sum();
        if self.problems.len() == before && (sum - 100.0).abs() > 1e-6 {
            self.problems.push((field, problem(sum)));
        }
        let total = if sum > 0.0 { sum } else { 1.0 };
        for v in pct.as_mut() {
            *v /= total;
        }
        pct
    }

    /// The value of `text` as [`read_for`] reads it, or None with the problem recorded.
    fn read(&mut self, field: Field, text: &str, fits: impl Fn(f64) -> bool) -> Option<f64> {
        if !signs_fit(text, field.sign()) {
            self.problems.push((field, Problem::NotANumber));
            return None;
        }
        read_for_in(text, fits, self.group)
            .map_err(|problem| self.problems.push((field, problem)))
            .ok()
    }

    /// A number above 0 and at most `max` (1 when it is not).
    fn positive(&mut self, field: Field, text: &str, max: f64) -> f64 {
        match self.read(field, text, |v| v > 0.0 && v <= max) {
            None => 1.0,
            Some(v) if v <= 0.0 || v > max => {
                self.problems.push((field, Problem::Positive { max }));
                1.0
            }
            Some(v) => v,
        }
    }

    fn number(&mut self, field: Field, text: &str, min: f64, max: f64) -> f64 {
        match self.read(field, text, |v| (min..=max).contains(&v)) {
            None => min,
            Some(v) if v < min || v > max => {
                self.problems.push((
                    field,
                    Problem::Range {
                        min,
                        max,
                        whole: false,
                    },
                ));
                min
            }
            Some(v) => v,
        }
    }

    fn whole(&mut self, field: Field, text: &str, min: f64, max: f64) -> f64 {
        let fits = whole_between(min, max);
        match self.read(field, text, &fits) {
            None => min,
            Some(v) if !fits(v) => {
                self.problems.push((
                    field,
                    Problem::Range {
                        min,
                        max,
                        whole: true,
                    },
                ));
                min
            }
            Some(v) => v,
        }
    }

    /// A count that may be left empty (none): 0 for an empty box, else a whole number up to `max`.
    fn optional_count(&mut self, field: Field, text: &str, max: u64) -> u64 {
        if text.trim().is_empty() {
            0
        } else {
            self.whole(field, text, 0.0, max as f64) as u64
        }
    }
}

/// `text` with its decimal mark written as `mark`, when it has exactly one `.` or `,` and reads as one
/// number: such a mark is a decimal mark (one grouping mark alone makes a text ambiguous, see
/// [`read_number`], which reads `.` and `,` alike), so the value does not change. Anything else stays
/// as typed.
pub(crate) fn with_decimal_mark(text: &mut String, mark: char) {
    let marks = text.matches(['.', ',']).count();
    if marks == 1 && matches!(read_number(text), NumberText::Value(_)) {
        *text = text.replace(['.', ','], &mark.to_string());
    }
}

/// A text typed in `from`'s style, for a reader of `to` (the page's language changed): a decimal
/// mark becomes `to`'s, and a lone separator before three digits, which `from` read by its
/// grouping mark ([`read_for_in`]), becomes `to`'s mark of the same kind, so that it keeps its value:
/// Dutch "12.400" (12400) is English "12,400", Dutch "0,5" English "0.5". A number with more marks in
/// `from`'s style (its grouping mark, the last one maybe its decimal mark) swaps them: Dutch
/// "1.250.000" and "€ 12.500,50" are English "1,250,000" and "€ 12,500.50". Anything else stays.
pub(crate) fn in_language(text: &mut String, from: Lang, to: Lang) {
    let marks: Vec<char> = text.chars().filter(|c| matches!(c, '.' | ',')).collect();
    if let ([groups @ .., last], true) = (&marks[..], from != to && marks.len() > 1) {
        let from_style = groups.iter().all(|&c| c == from.group_mark())
            && (*last == from.group_mark() || *last == from.decimal_mark());
        if from_style && matches!(read_number(text), NumberText::Value(_)) {
            let swap = |c| match c {
                '.' => ',',
                ',' => '.',
                c => c,
            };
            *text = text.chars().map(swap).collect();
        }
        return;
    }
    if marks.len() != 1 {
        return;
    }
    let mark = match read_number(text) {
        NumberText::Value(_) => to.decimal_mark(),
        NumberText::Ambiguous { sep, .. } if sep == from.group_mark() => to.group_mark(),
        NumberText::Ambiguous { .. } => to.decimal_mark(),
        NumberText::NotANumber => return,
    };
    *text = text.replace(['.', ','], &mark.to_string());
}

/// `v` with a decimal mark and one decimal more than it needs: "15.1250" for 15.125, "1.0" for 1, a
/// text that [`read_number`] reads as that decimal number.
fn unambiguous(v: f64) -> String {
    let p = plain_text(v);
    if p.contains('.') {
        p + "0"
    } else {
        p + ".0"
    }
}

/// Prints a number for an input without float noise (0.1 * 100 shows as 10, not 10.000000000000002).
fn plain(v: f64) -> String {
    rounded(v, 9)
}

/// [`plain`] as a message quotes it (12.345, not the input's 12.3450).
fn plain_text(v: f64) -> String {
    rounded_text(v, 9)
}

/// `v` rounded to at most `decimals` decimals, trailing zeros dropped.
fn rounded_text(v: f64, decimals: i32) -> String {
    let unit = 10f64.powi(decimals);
    format!("{}", (v * unit).round() / unit)
}

/// An odds factor as shown in its input: ln(shown) gives back the core's logit shift to about 1e-7.
pub fn odds_text(logit_shift: f64) -> String {
    rounded(logit_shift.exp(), 6)
}

/// `v` rounded to at most `decimals` decimals, trailing zeros dropped, for an input: exactly three
/// decimals get a fourth, a 0 ("12.3450"), since "12.345" could be read as 12345 ([`read_for_in`]).
pub(crate) fn rounded(v: f64, decimals: i32) -> String {
    let mut t = rounded_text(v, decimals);
    if matches!(read_number(&t), NumberText::Ambiguous { .. }) {
        t.push('0');
    }
    t
}

/// A rate as the estimate inputs show it: its rate in percent and its certainty (empty for an exact
/// rate). "k of n" is shown as its posterior mean and pseudo-count, the estimate that draws the same
/// rates.
pub(crate) fn estimate_texts(rate: &Rate) -> (String, String) {
    let (mean, certainty) = match *rate {
        Rate::Beta { mean, certainty } => (mean, plain(certainty)),
        _ => match rate.beta_params() {
            Ok((a, b)) => (a / (a + b), plain(a + b)),
            Err(v) => (v, String::new()),
        },
    };
    // Two decimals of a percent: "k of n" posteriors such as 46/102 stay readable.
    (rounded(mean * 100.0, 2), certainty)
}

impl Form {
    /// The inputs showing `s`.
    pub fn from_scenario(s: &Scenario) -> Form {
        let (promoter, passive, detractor) = s.flywheel.customer_mix.shares();
        Form {
            arrivals: plain(s.arrivals.mean),
            periods: s.periods.to_string(),
            period_unit: s.period_unit,
            trials: s.trials.to_string(),
            seed: s.seed.to_string(),
            arrival_distribution: s.arrivals.distribution,
            dispersion: plain(s.arrivals.dispersion),
            growth_pct: plain(s.arrivals.growth * 100.0),
            fixed_budget: plain(s.economics.fixed_budget_per_period),
            correlation: plain(s.correlation),
            revenue: plain(s.economics.revenue_per_purchase),
            cost_per_lead: plain(s.economics.cost_per_lead),
            paid_pct: plain(s.economics.paid_share * 100.0),
            currency: s.economics.currency,
            stages: s
                .stages
                .iter()
                .map(|st| {
                    let (rate_pct, certainty) = estimate_texts(&st.rate);
                    let (observed, successes, observed_of) = match st.rate {
                        Rate::Observed { successes, trials } => {
                            (true, successes.to_string(), trials.to_string())
                        }
                        _ => (false, String::new(), String::new()),
                    };
                    StageForm {
                        name: st.name.clone(),
                        rate_pct,
                        certainty,
                        delay: plain(st.delay),
                        observed,
                        successes,
                        observed_of,
                        open: st.open.to_string(),
                    }
                })
                .collect(),
            promoters_pct: plain(promoter * 100.0),
            passives_pct: plain(passive * 100.0),
            detractors_pct: plain(detractor * 100.0),
            mix_mode: match s.flywheel.customer_mix {
                CustomerMix::Shares { .. } => MixMode::Shares,
                CustomerMix::Nps { .. } => MixMode::Nps,
            },
            nps_score: plain((promoter - detractor) * 100.0),
            segments: s
                .segments
                .iter()
                .map(|sg| SegmentForm {
                    name: sg.name.clone(),
                    share_pct: plain(sg.share * 100.0),
                    odds: (0..s.stages.len())
                        .map(|i| odds_text(sg.logit_shift.get(i).copied().unwrap_or(0.0)))
                        .collect(),
                })
                .collect(),
            referrals: plain(s.flywheel.referrals_per_promoter),
            entry_stage: s.flywheel.referral_entry_stage,
            repeat_pct: plain(s.flywheel.repeat_rate * 100.0),
            churn_pct: plain(s.flywheel.churn_rate * 100.0),
            detractor_churn_pct: plain(s.flywheel.detractor_churn_rate * 100.0),
            reinvest_pct: plain(s.flywheel.reinvest_share * 100.0),
            customers_at_start: s.flywheel.customers_at_start.to_string(),
        }
    }

    /// Every text that may hold a decimal number.
    fn each_decimal(&mut self, f: &mut dyn FnMut(&mut String)) {
        self.each_decimal_of_d3(f);
        f(&mut self.paid_pct);
    }

    /// Every text that may hold a decimal number but the paid share, in one fixed order (a draft's of
    /// format d3).
    fn each_decimal_of_d3(&mut self, f: &mut dyn FnMut(&mut String)) {
        for t in [
            &mut self.arrivals,
            &mut self.dispersion,
            &mut self.growth_pct,
            &mut self.fixed_budget,
            &mut self.correlation,
            &mut self.revenue,
            &mut self.cost_per_lead,
            &mut self.promoters_pct,
            &mut self.passives_pct,
            &mut self.detractors_pct,
            &mut self.nps_score,
            &mut self.referrals,
            &mut self.repeat_pct,
            &mut self.churn_pct,
            &mut self.detractor_churn_pct,
            &mut self.reinvest_pct,
        ] {
            f(t);
        }
        for st in &mut self.stages {
            for t in [&mut st.rate_pct, &mut st.certainty, &mut st.delay] {
                f(t);
            }
        }
        for sg in &mut self.segments {
            f(&mut sg.share_pct);
            sg.odds.iter_mut().for_each(&mut *f);
        }
    }

    /// Every text of the form, in one fixed order (the draft's): the decimal ones, then whole numbers and
    /// names.
    fn each_text(&mut self, f: &mut dyn FnMut(&mut String)) {
        self.each_decimal_of_d3(f);
        for t in [&mut self.periods, &mut self.trials, &mut self.seed] {
            f(t);
        }
        for st in &mut self.stages {
            for t in [
                &mut st.name,
                &mut st.successes,
                &mut st.observed_of,
                &mut st.open,
            ] {
                f(t);
            }
        }
        for sg in &mut self.segments {
            f(&mut sg.name);
        }
        // Last: a draft of format d2 had no such field (read as one that ends with it empty), and
        // one of d2 or d3 no paid share (read as 100%).
        f(&mut self.customers_at_start);
        f(&mut self.paid_pct);
    }

    /// The form as one string, to keep what the user typed across a reload while it is not a valid
    /// scenario yet (only valid scenarios are stored as scenarios): a line with its shape and choices
    /// ("d1", stages, segments, arrival kind, period unit, mix mode, entry stage, a 0 or 1 per stage
    /// for counts, then the language it was typed in and the currency's index in [`Currency::ALL`]),
    /// then every text as its length in bytes, ":" and the text.
    pub fn to_draft(&self, lang: Lang) -> String {
        let bit = |b: bool| if b { '1' } else { '0' };
        let mut out = format!(
            "d4 {} {} {} {} {} {} ",
            self.stages.len(),
            self.segments.len(),
            self.arrival_distribution as u8,
            self.period_unit as u8,
            self.mix_mode as u8,
            self.entry_stage
        );
        out.extend(self.stages.iter().map(|st| bit(st.observed)));
        out.push(' ');
        out.push_str(lang.code());
        out.push(' ');
        out.push((b'0' + self.currency as u8) as char);
        out.push('\n');
        self.clone().each_text(&mut |t| {
            out.push_str(&t.len().to_string());
            out.push(':');
            out.push_str(t);
        });
        out
    }

    /// The form a [`to_draft`](Self::to_draft) string holds; `None` for anything else (an older format,
    /// a damaged value).
    pub fn from_draft(draft: &str) -> Option<Form> {
        let (head, rest) = draft.split_once('\n')?;
        let head: Vec<&str> = head.split(' ').collect();
        // (The language: see `draft_lang`; drafts stored before it had none.)
        let [tag, ns, nk, dist, unit, mix, entry, observed, ..] = head[..] else {
            return None;
        };
        if head.len() > 10 {
            return None;
        }
        let num = |t: &str| t.parse::<usize>().ok();
        let (ns, nk) = (num(ns)?, num(nk)?);
        if !matches!(tag, "d2" | "d3" | "d4")
            || ns > MAX_STAGES
            || nk > MAX_SEGMENTS
            || observed.len() != ns
        {
            return None;
        }
        // A d3 draft is a d4 draft without the last text (the paid share): 100%; a d2 draft one
        // without the last two (the customers at the start, then): empty.
        let older = match tag {
            "d2" => format!("{rest}0:3:100"),
            "d3" => format!("{rest}3:100"),
            _ => String::new(),
        };
        let mut rest = if tag == "d4" { rest } else { older.as_str() };
        let empty = String::new;
        let mut form = Form {
            arrival_distribution: [
                ArrivalDistribution::Fixed,
                ArrivalDistribution::Poisson,
                ArrivalDistribution::NegativeBinomial,
            ]
            .get(num(dist)?)
            .copied()?,
            period_unit: [PeriodUnit::Week, PeriodUnit::Month]
                .get(num(unit)?)
                .copied()?,
            mix_mode: [MixMode::Shares, MixMode::Nps].get(num(mix)?).copied()?,
            entry_stage: num(entry)?,
            // (Drafts stored before it had none: euros.)
            currency: match head.get(9) {
                Some(c) => Currency::ALL.get(num(c)?).copied()?,
                None => Currency::Eur,
            },
            stages: observed
                .chars()
                .map(|c| StageForm {
                    name: empty(),
                    rate_pct: empty(),
                    certainty: empty(),
                    delay: empty(),
                    observed: c == '1',
                    successes: empty(),
                    observed_of: empty(),
                    open: empty(),
                })
                .collect(),
            segments: vec![
                SegmentForm {
                    name: empty(),
                    share_pct: empty(),
                    odds: vec![empty(); ns],
                };
                nk
            ],
            ..Form::from_scenario(&Scenario::default_five_stage())
        };
        let mut ok = true;
        form.each_text(&mut |t| {
            let next = rest.split_once(':').and_then(|(n, tail)| {
                let n = n.parse::<usize>().ok()?;
                Some((tail.get(..n)?, tail.get(n..)?))
            });
            match next {
                Some((text, tail)) => {
                    *t = text.to_string();
                    rest = tail;
                }
                None => ok = false,
            }
        });
        (ok && rest.is_empty()).then_some(form)
    }

    /// The language a [`to_draft`](Self::to_draft) string was typed in (`None` before drafts said).
    pub fn draft_lang(draft: &str) -> Option<Lang> {
        let (head, _) = draft.split_once('\n')?;
        Lang::from_code(head.split(' ').nth(8)?)
    }

    /// Every number typed for a reader of `from` written for a reader of `to` ([`in_language`]).
    /// (Whole numbers too, "1.000" trials; names stay as typed.)
    pub fn change_language(&mut self, from: Lang, to: Lang) {
        let f = &mut |t: &mut String| in_language(t, from, to);
        self.each_decimal(f);
        for t in [
            &mut self.periods,
            &mut self.trials,
            &mut self.seed,
            &mut self.customers_at_start,
        ] {
            f(t);
        }
        for st in &mut self.stages {
            for t in [&mut st.successes, &mut st.observed_of, &mut st.open] {
                f(t);
            }
        }
    }

    /// Writes every number that has a decimal mark with `mark` (`.` or `,`, the language's), as
    /// [`with_decimal_mark`]: the values stay the same.
    pub fn use_decimal_mark(&mut self, mark: char) {
        self.each_decimal(&mut |t| with_decimal_mark(t, mark));
    }

    /// The scenario these inputs describe, starting from `base` for everything the form does not edit
    /// (the name and version); or every problem found.
    pub fn to_scenario(&self, base: &Scenario) -> Result<Scenario, Vec<(Field, Problem)>> {
        self.to_scenario_in(base, None)
    }

    /// [`to_scenario`](Self::to_scenario) for a reader whose thousands separator is `group`
    /// ([`read_for_in`]): the app reads the inputs in its language.
    pub fn to_scenario_in(
        &self,
        base: &Scenario,
        group: Option<char>,
    ) -> Result<Scenario, Vec<(Field, Problem)>> {
        let mut c = Checker {
            problems: Vec::new(),
            group,
        };
        let mut s = base.clone();
        s.arrivals.mean = c.number(Field::Arrivals, &self.arrivals, 0.0, MAX_ARRIVALS_MEAN);
        s.arrivals.distribution = self.arrival_distribution;
        // Only the over-dispersed distribution reads the dispersion; otherwise it is kept as it was.
        if self.arrival_distribution == ArrivalDistribution::NegativeBinomial {
            s.arrivals.dispersion = c.positive(Field::Dispersion, &self.dispersion, MAX_DISPERSION);
        }
        s.arrivals.growth = c.number(Field::Growth, &self.growth_pct, -50.0, 100.0) / 100.0;
        s.correlation = c.number(Field::Correlation, &self.correlation, 0.0, 0.999);
        s.periods = c.whole(Field::Periods, &self.periods, 1.0, f64::from(MAX_PERIODS)) as u32;
        s.period_unit = self.period_unit;
        s.trials = c.whole(Field::Trials, &self.trials, 1.0, f64::from(MAX_TRIALS)) as u32;
        s.seed = match self.seed.trim().parse::<u64>() {
            Ok(v) => v,
            // Typed with thousands separators ("1,000,000") as other fields may be; exact below 2⁵³.
            // A lone separator ("1.000") is read as in every other field.
            // A seed has no unit: "50 %" or "€50" is no seed, as "50 %" is no count of trials.
            Err(_) => match read_for_in(&self.seed, |_| true, group) {
                Ok(_) if !signs_fit(&self.seed, None) => {
                    c.problems.push((Field::Seed, Problem::Seed));
                    0
                }
                Ok(v) if v >= 0.0 && v.fract() == 0.0 && v < 9_007_199_254_740_992.0 => v as u64,
                Err(p @ Problem::Ambiguous { .. }) => {
                    c.problems.push((Field::Seed, p));
                    0
                }
                _ => {
                    c.problems.push((Field::Seed, Problem::Seed));
                    0
                }
            },
        };
        s.economics.revenue_per_purchase = c.number(Field::Revenue, &self.revenue, 0.0, MAX_MONEY);
        s.economics.cost_per_lead =
            c.number(Field::CostPerLead, &self.cost_per_lead, 0.0, MAX_MONEY);
        s.economics.paid_share = c.number(Field::PaidShare, &self.paid_pct, 0.0, 100.0) / 100.0;
        s.economics.currency = self.currency;
        s.economics.fixed_budget_per_period = c.number(
            Field::FixedBudget,
            &self.fixed_budget,
            0.0,
            MAX_FIXED_BUDGET,
        );
        s.stages = self
            .stages
            .iter()
            .take(MAX_STAGES)
            .enumerate()
            .map(|(i, st)| {
                if crate::sim::scenario::is_blank(&st.name) {
                    c.problems.push((Field::StageName(i), Problem::EmptyName));
                }
                let rate = stage_rate(&mut c, i, st);
                // 0 (no delay) or 1..=MAX_PERIODS: one message for any other number.
                let max = f64::from(MAX_PERIODS);
                let fits = |d: f64| d == 0.0 || (1.0..=max).contains(&d);
                let delay = match c.read(Field::StageDelay(i), &st.delay, fits) {
                    Some(d) if fits(d) => d,
                    Some(_) => {
                        let weeks = self.period_unit == PeriodUnit::Week;
                        c.problems
                            .push((Field::StageDelay(i), Problem::Delay { max, weeks }));
                        0.0
                    }
                    None => 0.0,
                };
                let open = c.optional_count(Field::StageOpen(i), &st.open, MAX_OPEN_LEADS);
                Stage {
                    name: st.name.trim().to_string(),
                    rate,
                    delay,
                    open,
                }
            })
            .collect();
        s.flywheel.customer_mix = self.customer_mix(&mut c);
        s.segments = self.segments_for(&mut c, base);
        s.flywheel.referrals_per_promoter = c.number(Field::Referrals, &self.referrals, 0.0, 100.0);
        let ns = self.stages.len();
        if s.flywheel.referrals_per_promoter > 0.0
            && (self.entry_stage == 0 || self.entry_stage >= ns)
        {
            c.problems
                .push((Field::EntryStage, Problem::EntryStage { stages: ns }));
        }
        s.flywheel.referral_entry_stage = self.entry_stage.clamp(1, MAX_STAGES - 1);
        // An expected count per customer and period, so it may pass 100% (the core allows 10).
        s.flywheel.repeat_rate = c.number(Field::Repeat, &self.repeat_pct, 0.0, 1000.0) / 100.0;
        s.flywheel.churn_rate = c.number(Field::Churn, &self.churn_pct, 0.0, 100.0) / 100.0;
        s.flywheel.detractor_churn_rate =
            c.number(Field::DetractorChurn, &self.detractor_churn_pct, 0.0, 100.0) / 100.0;
        s.flywheel.reinvest_share =
            c.number(Field::Reinvest, &self.reinvest_pct, 0.0, 100.0) / 100.0;
        s.flywheel.customers_at_start = c.optional_count(
            Field::CustomersAtStart,
            &self.customers_at_start,
            MAX_START_CUSTOMERS,
        );
        if !c.problems.is_empty() {
            return Err(c.problems);
        }
        // The core has the last word (e.g. growth over a long horizon); map its path to a field.
        if let Err(e) = s.validate() {
            let path = e.path().unwrap_or("");
            let problem = match path {
                "economics.cost_per_lead" if s.economics.cost_per_lead <= 0.0 => {
                    Problem::CostPerLeadForReinvest
                }
                "arrivals.growth" => Problem::GrowthTooFast {
                    last: s.last_period_arrivals(),
                },
                _ => Problem::Core(e.clone()),
            };
            return Err(vec![(field_of_path(path), problem)]);
        }
        Ok(s)
    }
}

impl Form {
    fn customer_mix(&self, c: &mut Checker) -> CustomerMix {
        if self.mix_mode == MixMode::Nps {
            let passive = c.number(Field::Passives, &self.passives_pct, 0.0, 100.0);
            // Promoters and detractors are (100 − passive ± NPS) / 2: neither may go below 0.
            let limit = 100.0 - passive;
            let before = c.problems.len();
            let score = c.number(Field::NpsScore, &self.nps_score, -limit, limit);
            // Out of range: say where the range comes from (a score of 100 is a valid NPS).
            if let Some((_, p @ Problem::Range { .. })) = c.problems.get_mut(before) {
                *p = Problem::NpsRange { limit };
            }
            return CustomerMix::Nps {
                score,
                passive: passive / 100.0,
            };
        }
        let before = c.problems.len();
        let pct = [
            c.number(Field::Promoters, &self.promoters_pct, 0.0, 100.0),
            c.number(Field::Passives, &self.passives_pct, 0.0, 100.0),
            c.number(Field::Detractors, &self.detractors_pct, 0.0, 100.0),
        ];
        let [promoter, passive, detractor] =
            c.fractions_of_100(before, Field::Mix, pct, |sum| Problem::SharesSum { sum });
        CustomerMix::Shares {
            promoter,
            passive,
            detractor,
        }
    }

    /// The segments; an odds factor whose text is unchanged keeps `base`'s exact logit shift, and a
    /// segment whose factors are all 1 gets an empty shift list (the core's "no shift").
    fn segments_for(&self, c: &mut Checker, base: &Scenario) -> Vec<Segment> {
        let before = c.problems.len();
        let segments: Vec<Segment> = self
            .segments
            .iter()
            .take(MAX_SEGMENTS)
            .enumerate()
            .map(|(k, sg)| {
                if crate::sim::scenario::is_blank(&sg.name) {
                    c.problems
                        .push((Field::SegmentName(k), Problem::EmptySegmentName));
                } else if let Some(j) = self.segments[..k]
                    .iter()
                    .position(|other| other.name.trim() == sg.name.trim())
                {
                    c.problems.push((
                        Field::SegmentName(k),
                        Problem::SameSegmentName { first: j + 1 },
                    ));
                }
                let share = c.number(Field::SegmentShare(k), &sg.share_pct, 0.0, 100.0);
                let known = base.segments.get(k).map(|b| b.logit_shift.as_slice());
                let shift: Vec<f64> = sg
                    .odds
                    .iter()
                    .enumerate()
                    .map(|(i, text)| {
                        let factor = c.number(Field::SegmentOdds(k, i), text, MIN_ODDS, MAX_ODDS);
                        match known.map(|b| b.get(i).copied().unwrap_or(0.0)) {
                            Some(x) if odds_text(x) == text.trim() => x,
                            _ if factor == 1.0 => 0.0,
                            _ => factor.ln(),
                        }
                    })
                    .collect();
                Segment {
                    name: sg.name.trim().to_string(),
                    share,
                    logit_shift: if shift.iter().all(|x| *x == 0.0) {
                        Vec::new()
                    } else {
                        shift
                    },
                }
            })
            .collect();
        if segments.is_empty() {
            return segments;
        }
        let pct: Vec<f64> = segments.iter().map(|sg| sg.share).collect();
        let shares = c.fractions_of_100(before, Field::Segments, pct, |sum| {
            Problem::SegmentSharesSum { sum }
        });
        segments
            .into_iter()
            .zip(shares)
            .map(|(sg, share)| Segment { share, ..sg })
            .collect()
    }
}

/// The rate of stage `i` from its counts or its estimate (problems recorded in `c`).
fn stage_rate(c: &mut Checker, i: usize, st: &StageForm) -> Rate {
    if st.observed {
        let before = c.problems.len();
        let n = c.whole(
            Field::StageObservedOf(i),
            &st.observed_of,
            0.0,
            MAX_OBSERVED_TRIALS as f64,
        );
        let k = c.whole(
            Field::StageSuccesses(i),
            &st.successes,
            0.0,
            MAX_OBSERVED_TRIALS as f64,
        );
        // Two readable counts (no problem with either), in the wrong order: both fields say so.
        if k > n && c.problems.len() == before {
            for (field, at_k) in [
                (Field::StageSuccesses(i), true),
                (Field::StageObservedOf(i), false),
            ] {
                c.problems
                    .push((field, Problem::CountsOrder { k, n, at_k }));
            }
        }
        Rate::Observed {
            successes: k as u64,
            trials: n as u64,
        }
    } else {
        estimated_rate(c, i, st)
    }
}

/// Counts typed where a rate goes, "12 of 40", "12 van 40" or "12/40" (the word in any case): the two
/// numbers as typed (ASCII case folding leaves digits and marks as they are).
fn counts_typed(text: &str) -> Option<(String, String)> {
    let t = text.trim().to_ascii_lowercase();
    let (k, n) = [" of ", " van ", "/"]
        .iter()
        .find_map(|sep| t.split_once(sep))?;
    let count = |s: &str| {
        let s = s.trim();
        (!s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_digit() || b == b'.' || b == b','))
        .then(|| s.to_string())
    };
    Some((count(k)?, count(n)?))
}

/// The rate of a stage given as an estimate: a point value, or a Beta with that mean and the given
/// certainty (pseudo-count: as if that many leads had been seen); an empty certainty (or a rate of 0 or 100 %) means "known exactly".
fn estimated_rate(c: &mut Checker, i: usize, st: &StageForm) -> Rate {
    if let Some((k, n)) = counts_typed(&st.rate_pct) {
        c.problems
            .push((Field::StageRate(i), Problem::CountsInRate { k, n }));
        return Rate::Fixed { value: 0.0 };
    }
    let rate = c.number(Field::StageRate(i), &st.rate_pct, 0.0, 100.0) / 100.0;
    if st.certainty.trim().is_empty() || rate <= 0.0 || rate >= 1.0 {
        Rate::Fixed { value: rate }
    } else {
        let certainty = c.positive(Field::StageCertainty(i), &st.certainty, MAX_CERTAINTY);
        Rate::Beta {
            mean: rate,
            certainty,
        }
    }
}

/// The input that a core validation path such as `stages[2].rate.mean` belongs to.
pub fn field_of_path(path: &str) -> Field {
    let stage_index = || {
        path.strip_prefix("stages[")
            .and_then(|rest| rest.split(']').next())
            .and_then(|i| i.parse::<usize>().ok())
    };
    if let Some(i) = stage_index() {
        return if path.contains(".delay") {
            Field::StageDelay(i)
        } else if path.contains(".successes") {
            Field::StageSuccesses(i)
        } else if path.contains(".rate.trials") {
            Field::StageObservedOf(i)
        } else if path.contains(".certainty") {
            Field::StageCertainty(i)
        } else if path.contains(".name") {
            Field::StageName(i)
        } else {
            Field::StageRate(i)
        };
    }
    match path {
        "arrivals.growth" => Field::Growth,
        "arrivals.dispersion" => Field::Dispersion,
        p if p.starts_with("arrivals") => Field::Arrivals,
        "correlation" => Field::Correlation,
        "economics.fixed_budget_per_period" => Field::FixedBudget,
        "periods" => Field::Periods,
        "trials" => Field::Trials,
        "economics.revenue_per_purchase" => Field::Revenue,
        "economics.cost_per_lead" => Field::CostPerLead,
        "economics.paid_share" => Field::PaidShare,
        "flywheel.customer_mix.score" => Field::NpsScore,
        p if p.starts_with("flywheel.customer_mix") => Field::Mix,
        p if p.starts_with("segments") => segment_field(p),
        "flywheel.referrals_per_promoter" => Field::Referrals,
        "flywheel.referral_entry_stage" => Field::EntryStage,
        "flywheel.repeat_rate" => Field::Repeat,
        "flywheel.churn_rate" => Field::Churn,
        "flywheel.detractor_churn_rate" => Field::DetractorChurn,
        "flywheel.reinvest_share" => Field::Reinvest,
        "flywheel.customers_at_start" => Field::CustomersAtStart,
        _ => Field::Scenario,
    }
}

/// The input a core path such as `segments[1].logit_shift[3]` belongs to.
fn segment_field(path: &str) -> Field {
    let mut numbers = path
        .split(['[', ']'])
        .filter_map(|part| part.parse::<usize>().ok());
    match (numbers.next(), numbers.next()) {
        (Some(k), Some(i)) => Field::SegmentOdds(k, i),
        (Some(k), None) if path.ends_with(".name") => Field::SegmentName(k),
        (Some(k), None) if path.ends_with(".share") => Field::SegmentShare(k),
        _ => Field::Segments,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_typed_as_a_rate_are_pointed_to_the_counts_inputs() {
        let base = Scenario::default_five_stage();
        let mut form = Form::from_scenario(&base);
        for (typed, k, n) in [
            ("12 of 40", "12", "40"),
            (" 12/40 ", "12", "40"),
            ("1.200 van 4.000", "1.200", "4.000"),
            ("12 OF 40", "12", "40"),
        ] {
            form.stages[1].rate_pct = typed.into();
            let problems = form.to_scenario(&base).unwrap_err();
            assert_eq!(
                problems,
                vec![(
                    Field::StageRate(1),
                    Problem::CountsInRate {
                        k: k.into(),
                        n: n.into()
                    }
                )],
                "{typed}"
            );
        }
        assert!(Problem::CountsInRate {
            k: "12".into(),
            n: "40".into()
        }
        .message(Lang::En)
        .contains("type 12 and 40 there"));
        // Not counts: a number, a rate with its sign, words around a slash.
        for typed in ["30", "30%", "12 of", "of 40", "a/b"] {
            assert_eq!(counts_typed(typed), None, "{typed}");
        }
    }

    #[test]
    fn a_draft_keeps_every_text_and_choice_as_typed() {
        let s =
            Scenario::from_json(include_str!("../../examples/scenarios/segments.json")).unwrap();
        let mut form = Form::from_scenario(&s);
        assert!(!form.segments.is_empty() && form.stages.iter().any(|st| st.observed));
        // What a user may type: nothing, letters, a length-like prefix, separators, a new line, accents.
        form.arrivals = String::new();
        form.stages[0].name = "12:3\nÄrger: “quotes”".into();
        form.segments[0].odds[1] = "1,5x".into();
        form.seed = "0x".into();
        form.mix_mode = MixMode::Nps;
        form.period_unit = PeriodUnit::Week;
        form.arrival_distribution = ArrivalDistribution::NegativeBinomial;
        form.entry_stage = 3;
        form.currency = Currency::Gbp;
        let draft = form.to_draft(Lang::Nl);
        assert_eq!(Form::from_draft(&draft), Some(form.clone()));
        assert_eq!(Form::draft_lang(&draft), Some(Lang::Nl));
        // A draft from before drafts said their currency reads the same in euros; one from before
        // they said their language too, in no language.
        let euros = Form {
            currency: Currency::Eur,
            ..form.clone()
        };
        let uncounted = draft.replacen(" nl 2\n", " nl\n", 1);
        assert_eq!(Form::from_draft(&uncounted), Some(euros.clone()));
        assert_eq!(Form::draft_lang(&uncounted), Some(Lang::Nl));
        let unsaid = draft.replacen(" nl 2\n", "\n", 1);
        assert_eq!(Form::from_draft(&unsaid), Some(euros));
        assert_eq!(Form::draft_lang(&unsaid), None);
        assert_eq!(
            Form::from_draft(&draft.replacen(" nl 2\n", " nl 3\n", 1)),
            None
        );
        let default = Form::from_scenario(&Scenario::default_five_stage());
        assert_eq!(Form::from_draft(&default.to_draft(Lang::En)), Some(default));
        // Anything else is no draft: empty, cut short, longer, another format.
        assert_eq!(Form::from_draft(""), None);
        assert_eq!(Form::from_draft(&draft[..draft.len() - 1]), None);
        assert_eq!(Form::from_draft(&format!("{draft}1:x")), None);
        assert_eq!(Form::from_draft(&draft.replacen("d4", "d1", 1)), None);
        // A draft of the format before the paid share (d3, without its text at the end) reads with
        // 100%; one of the format before the customers at the start too (d2, without their text
        // either) reads with that field empty.
        form.customers_at_start = "250".into();
        form.paid_pct = "40".into();
        let d4 = form.to_draft(Lang::En);
        let d3 = d4.replacen("d4", "d3", 1);
        let d3 = d3.strip_suffix("2:40").unwrap();
        let mut read = form.clone();
        read.paid_pct = "100".into();
        assert_eq!(Form::from_draft(d3), Some(read.clone()));
        let d2 = d3.replacen("d3", "d2", 1);
        let d2 = d2.strip_suffix("3:250").unwrap();
        read.customers_at_start = String::new();
        assert_eq!(Form::from_draft(d2), Some(read));
        assert_eq!(Form::from_draft(&d4), Some(form));
    }

    #[test]
    fn customers_at_the_start_are_a_whole_count_and_empty_is_none() {
        let s = Scenario::default_five_stage();
        let mut form = Form::from_scenario(&s);
        assert_eq!(form.customers_at_start, "0");
        for (text, want) in [("", 0), ("1000", 1000), (" 250 ", 250)] {
            form.customers_at_start = text.into();
            let back = form.to_scenario(&s).expect(text);
            assert_eq!(back.flywheel.customers_at_start, want, "{text}");
        }
        for text in ["12.5", "-3", "2000000000", "many"] {
            form.customers_at_start = text.into();
            let problems = form.to_scenario(&s).unwrap_err();
            assert!(
                problems.iter().any(|(f, _)| *f == Field::CustomersAtStart),
                "{text}: {problems:?}"
            );
        }
    }

    #[test]
    fn the_default_scenario_round_trips_through_the_form() {
        let s = Scenario::default_five_stage();
        let form = Form::from_scenario(&s);
        assert_eq!(form.stages.len(), 5);
        assert_eq!(form.stages[0].rate_pct, "30");
        assert_eq!(form.arrivals, "500");
        let back = form.to_scenario(&s).expect("valid");
        assert_eq!(back.stages.len(), 5);
        assert!((back.stages[0].rate.mean() - 0.30).abs() < 1e-12);
        // "45 of 100" stays observed counts, and shows its posterior mean 46/102 = 45.10 %.
        assert!(form.stages[2].observed);
        assert_eq!(
            (
                form.stages[2].successes.as_str(),
                form.stages[2].observed_of.as_str()
            ),
            ("45", "100")
        );
        assert_eq!(form.stages[2].rate_pct, "45.1");
        assert_eq!(
            back.stages[2].rate,
            Rate::Observed {
                successes: 45,
                trials: 100
            }
        );
        // Nothing is lost on the way: the form gives back exactly the scenario it showed.
        assert_eq!(back, s);
        assert_eq!(back.periods, 24);
    }

    #[test]
    fn a_damaged_link_is_explained_in_dutch_with_its_place_once() {
        let link = crate::share::link_from_payload(b"\n{\"version\": 1,}");
        let e = crate::share::decode(&link).unwrap_err();
        let en = e.to_string();
        assert!(!en.contains(" at line "), "{en}");
        let nl = share_error_nl(&e);
        assert!(
            nl.starts_with("De inhoud van de link is geen geldige JSON (regel 1, kolom "),
            "{nl}"
        );
        assert!(
            nl.ends_with("een veldnaam moet tussen aanhalingstekens staan."),
            "{nl}"
        );
    }

    #[test]
    fn names_that_show_nothing_are_blank_also_in_an_imported_scenario() {
        use crate::sim::scenario::is_blank;
        for blank in [
            "",
            "  ",
            "\t",
            "\u{200b}",
            "\u{200e}",
            "\u{202e}",
            "\u{2800}",
            " \u{feff} ",
            "\u{3000}",
        ] {
            assert!(is_blank(blank), "{blank:?}");
        }
        for name in ["Interest", "😀", "\u{200b}a", "漏斗"] {
            assert!(!is_blank(name), "{name:?}");
        }
        let mut s = Scenario::default_five_stage();
        s.stages[1].name = "\u{200b}".into();
        assert!(s.validate().is_err());
    }

    #[test]
    fn bad_inputs_name_their_field_and_range_and_keep_nothing_else_wrong() {
        let s = Scenario::default_five_stage();
        let mut form = Form::from_scenario(&s);
        form.stages[1].rate_pct = "140".into();
        form.arrivals = "lots".into();
        // (A name of characters that take no room is as empty as one of spaces.)
        form.stages[3].name = " \u{200b}\u{2800} ".into();
        form.periods = "2.5".into();
        let problems = form.to_scenario(&s).unwrap_err();
        assert!(problems.contains(&(
            Field::StageRate(1),
            Problem::Range {
                min: 0.0,
                max: 100.0,
                whole: false
            }
        )));
        assert!(problems.contains(&(Field::Arrivals, Problem::NotANumber)));
        assert!(problems.contains(&(Field::StageName(3), Problem::EmptyName)));
        assert!(problems.iter().any(|(f, _)| *f == Field::Periods));
        assert_eq!(problems.len(), 4, "{problems:?}");
        // The text stays as typed.
        assert_eq!(form.stages[1].rate_pct, "140");
    }

    #[test]
    fn the_cores_cross_field_rules_are_explained_in_the_users_language() {
        let s = Scenario::default_five_stage();
        let mut form = Form::from_scenario(&s);
        form.cost_per_lead = "0".into();
        let problems = form.to_scenario(&s).unwrap_err();
        assert_eq!(
            problems,
            vec![(Field::CostPerLead, Problem::CostPerLeadForReinvest)]
        );
        let nl = problems[0].1.message(Lang::Nl);
        assert!(nl.starts_with("Opnieuw geïnvesteerde omzet"), "{nl}");
        assert!(!nl.contains("economics."), "{nl}");
        // Without reinvestment a cost of 0 is fine.
        form.reinvest_pct = "0".into();
        assert!(form.to_scenario(&s).is_ok());
        // 5% growth a period for 520 periods from 5 million: reported on the growth field.
        let mut form = Form::from_scenario(&s);
        form.growth_pct = "5".into();
        form.arrivals = "5000000".into();
        form.periods = "520".into();
        let problems = form.to_scenario(&s).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].0, Field::Growth);
        assert!(matches!(problems[0].1, Problem::GrowthTooFast { last } if last > 1e9));
        assert!(problems[0]
            .1
            .message(Lang::En)
            .contains("at most 1,000,000,000"));
        // 50% a period for 520 periods: a number with a power of ten, not 92 digits.
        form.growth_pct = "50".into();
        form.arrivals = "500".into();
        let problems = form.to_scenario(&s).unwrap_err();
        let text = problems[0].1.message(Lang::En);
        assert!(text.contains("would bring 1.23 × 10⁹⁴ new leads"), "{text}");
    }

    #[test]
    fn seed_and_delay_messages_state_what_is_allowed() {
        let s = Scenario::default_five_stage();
        let mut form = Form::from_scenario(&s);
        form.seed = "-1".into();
        form.stages[2].delay = "0.5".into();
        form.stages[3].delay = "-5".into();
        let problems = form.to_scenario(&s).unwrap_err();
        let msg = |f: Field| {
            problems
                .iter()
                .find(|(g, _)| *g == f)
                .map(|(_, p)| p.message(Lang::En))
                .unwrap_or_default()
        };
        // The largest seed is u64::MAX (an f64 would have printed 2^64 = …616).
        assert_eq!(
            msg(Field::Seed),
            "Enter a whole number from 0 to 18,446,744,073,709,551,615."
        );
        assert_eq!(u64::MAX.to_string(), "18446744073709551615");
        for i in [2, 3] {
            assert_eq!(
                msg(Field::StageDelay(i)),
                "Enter 0 (no delay) or a number from 1 to 520 (a wait shorter than a period: use weeks as the period)."
            );
        }
        // Weekly already: no advice to pick weeks (a planner's walkthrough found it given to her).
        form.period_unit = PeriodUnit::Week;
        let weekly = form.to_scenario(&s).unwrap_err();
        let (_, p) = weekly
            .iter()
            .find(|(g, _)| *g == Field::StageDelay(2))
            .unwrap();
        assert_eq!(
            p.message(Lang::En),
            "Enter 0 (no delay) or a number from 1 to 520 (a wait shorter than a week: enter 0, the leads then move on in the week they convert)."
        );
        assert!(p
            .message(Lang::Nl)
            .contains("wachten korter dan een week: vul 0 in"));
        form.period_unit = PeriodUnit::Month;
        form.seed = u64::MAX.to_string();
        form.stages[2].delay = "0".into();
        form.stages[3].delay = "1".into();
        assert_eq!(form.to_scenario(&s).map(|x| x.seed), Ok(u64::MAX));
    }

    #[test]
    fn observed_counts_need_k_at_most_n() {
        let s = Scenario::default_five_stage();
        let mut form = Form::from_scenario(&s);
        form.stages[2].successes = "120".into();
        let problems = form.to_scenario(&s).unwrap_err();
        let order = |at_k| Problem::CountsOrder {
            k: 120.0,
            n: 100.0,
            at_k,
        };
        assert_eq!(
            problems,
            vec![
                (Field::StageSuccesses(2), order(true)),
                (Field::StageObservedOf(2), order(false))
            ]
        );
        assert_eq!(
            order(true).message(Lang::En),
            "The leads that moved on (k) are among those that reached the stage (n): enter at most 100, or raise n."
        );
        assert_eq!(
            order(false).message(Lang::En),
            "At least the 120 leads that moved on (k) reached the stage: enter 120 or more."
        );
        // n lowered below k (here to 0): the same two messages, not "from 0 to 0" at k.
        form.stages[2].successes = "45".into();
        form.stages[2].observed_of = "0".into();
        assert!(form.to_scenario(&s).unwrap_err().contains(&(
            Field::StageObservedOf(2),
            Problem::CountsOrder {
                k: 45.0,
                n: 0.0,
                at_k: false
            }
        )));
        form.stages[2].successes = "7".into();
        form.stages[2].observed_of = "20".into();
        let back = form.to_scenario(&s).unwrap();
        assert_eq!(
            back.stages[2].rate,
            Rate::Observed {
                successes: 7,
                trials: 20
            }
        );
        form.stages[2].observed_of = "lots".into();
        // n unreadable: only that is said (not "at most 0" at k).
        assert_eq!(
            form.to_scenario(&s).unwrap_err(),
            vec![(Field::StageObservedOf(2), Problem::NotANumber)]
        );
    }

    #[test]
    fn customer_shares_must_add_up_to_100() {
        let s = Scenario::default_five_stage();
        let mut form = Form::from_scenario(&s);
        form.promoters_pct = "50".into();
        let problems = form.to_scenario(&s).unwrap_err();
        assert_eq!(
            problems,
            vec![(Field::Mix, Problem::SharesSum { sum: 110.0 })]
        );
        assert_eq!(
            problems[0].1.message(Lang::En),
            "Promoters, passives and detractors must add up to 100% (now 110%)."
        );
        assert!(problems[0].1.message(Lang::Nl).contains("samen 100%"));
        // Thirds typed to four decimals are 99.9999%, not "100%" (which the message read with two
        // decimals); thirds to six decimals are within the 10⁻⁶ allowed.
        for pct in [
            &mut form.promoters_pct,
            &mut form.passives_pct,
            &mut form.detractors_pct,
        ] {
            *pct = "33.3333".into();
        }
        let problems = form.to_scenario(&s).unwrap_err();
        assert_eq!(
            problems[0].1.message(Lang::En),
            "Promoters, passives and detractors must add up to 100% (now 99.9999%)."
        );
        assert_eq!(
            problems[0].1.message(Lang::Nl),
            "Promotors, passieven en criticasters moeten samen 100% zijn (nu 99,9999%)."
        );
        form.detractors_pct = "33.3334".into();
        assert!(form.to_scenario(&s).is_ok());
    }

    #[test]
    fn a_slider_reads_its_rate_as_the_field_does() {
        let pct = |v: f64| (0.0..=100.0).contains(&v);
        assert_eq!(read_for("33.333", pct), Ok(33.333));
        assert_eq!(read_for("33,333", pct), Ok(33.333));
        assert_eq!(read_for("12,500", pct), Ok(12.5));
        assert_eq!(read_for("abc", pct), Err(Problem::NotANumber));
        // Where both readings fit the field, the text stays ambiguous.
        let any = |_: f64| true;
        assert!(matches!(
            read_for("1,200", any),
            Err(Problem::Ambiguous { .. })
        ));
    }

    #[test]
    fn whole_number_fields_and_the_target_period_read_alike() {
        // The Target panel's period reads through the same test as the scenario's whole fields.
        let period = whole_between(1.0, 24.0);
        assert_eq!(read_for("24", &period), Ok(24.0));
        assert_eq!(read_for("24,0", &period), Ok(24.0));
        // One reading fits the horizon: "1.000" is period 1, not 1,000.
        assert_eq!(read_for("1.000", &period), Ok(1.0));
        assert!(!period(2.5) && !period(0.0) && !period(25.0) && period(1.0));
    }

    #[test]
    fn a_minus_as_the_app_prints_it_and_spaces_only_between_groups_of_three() {
        // The minus sign of the app's own messages and tables (U+2212), an en dash, before or after €.
        assert_eq!(parse_number("\u{2212}50"), Some(-50.0));
        assert_eq!(parse_number("\u{2013}5"), Some(-5.0));
        assert_eq!(parse_number("\u{2212}€1,135,525"), Some(-1_135_525.0));
        assert_eq!(parse_number("-€1,135,525"), Some(-1_135_525.0));
        assert_eq!(parse_number("\u{2212}€\u{a0}1.135.525"), Some(-1_135_525.0));
        // As the page prints it, with a word joiner after the minus.
        let shown = Lang::Nl.money(-1_135_525.0);
        assert!(shown.contains('\u{2060}'));
        assert_eq!(parse_number(&shown), Some(-1_135_525.0));
        // ("−€135,525" is a number with two readings: the field's range may choose, see `read_for`.)
        assert!(matches!(
            read_number("\u{2212}€135,525"),
            NumberText::Ambiguous { grouped, .. } if grouped == -135_525.0
        ));
        assert_eq!(parse_number("€ -5"), Some(-5.0));
        assert_eq!(parse_number("+5 %"), Some(5.0));
        assert_eq!(parse_number("--5"), None);
        assert_eq!(parse_number("-€-5"), None);
        assert_eq!(parse_number("5-"), None);
        // Spaces group digits by three, and nothing else ("12 5" was read as 125 periods).
        assert_eq!(parse_number("12 500"), Some(12_500.0));
        assert_eq!(parse_number("1\u{a0}234\u{202f}567"), Some(1_234_567.0));
        assert_eq!(parse_number("12 500,5"), Some(12_500.5));
        assert_eq!(parse_number("-1 000"), Some(-1000.0));
        assert_eq!(parse_number("1 500 €"), Some(1500.0));
        assert_eq!(parse_number("2,5 mln"), Some(2_500_000.0));
        for bad in [
            "12 5",
            "1 5",
            "0 5",
            "1 0 0 0",
            "12 50",
            "1234 567",
            "1 234,5 6",
            "1 23é",
        ] {
            assert_eq!(parse_number(bad), None, "{bad}");
        }
    }

    #[test]
    fn decimal_commas_and_points_both_parse() {
        assert_eq!(parse_number("12,5"), Some(12.5));
        assert_eq!(parse_number(" 12.5 "), Some(12.5));
        assert_eq!(parse_number(""), None);
        assert_eq!(parse_number("abc"), None);
        assert_eq!(parse_number("inf"), None);
        assert_eq!(parse_number("NaN"), None);
        assert_eq!(parse_number("-1e3"), Some(-1000.0));
        assert_eq!(parse_number("2,5e3"), Some(2500.0));
        assert_eq!(parse_number("+.5"), Some(0.5));
        assert_eq!(parse_number("5."), Some(5.0));
        assert_eq!(parse_number("1 000"), Some(1000.0));
        assert_eq!(parse_number("0.250"), Some(0.25));
        // Thousands and millions by their letters, in either style.
        assert_eq!(parse_number("40k"), Some(40_000.0));
        assert_eq!(parse_number("900 K"), Some(900_000.0));
        assert_eq!(parse_number("1.5M"), Some(1_500_000.0));
        assert_eq!(parse_number("1,5 mln"), Some(1_500_000.0));
        assert_eq!(parse_number("€ 2,25 mio"), Some(2_250_000.0));
        assert_eq!(parse_number("1.15m"), Some(1_150_000.0));
        assert_eq!(parse_number("2.5k"), Some(2_500.0));
        assert_eq!(parse_number("1.000.000k"), Some(1e9));
        assert_eq!(
            read_number("1.200k"),
            NumberText::Ambiguous {
                grouped: 1_200_000.0,
                decimal: 1_200.0,
                sep: '.'
            }
        );
        assert_eq!(parse_number("k"), None);
        assert_eq!(parse_number("1e3k"), None);
        assert_eq!(parse_number("12kk"), None);
        assert_eq!(parse_number("12 km"), None);
        // A whole amount in Dutch style.
        assert_eq!(read_for_in("€ 18.000,-", |_| true, Some('.')), Ok(18_000.0));
        assert_eq!(parse_number("€ 1.200.000,-"), Some(1_200_000.0));
        assert_eq!(parse_number("25,--"), Some(25.0));
        assert_eq!(parse_number("-"), None);
        assert_eq!(parse_number(",-"), None);
        // Its dash says which mark is the decimal one: no question in either language.
        assert_eq!(parse_number("€ 18.000,-"), Some(18_000.0));
        assert_eq!(parse_number("18,000.-"), Some(18_000.0));
        assert_eq!(parse_number("18.000.-"), None);
        assert_eq!(parse_number("0,250"), Some(0.25));
        assert_eq!(parse_number("1234,567"), Some(1234.567));
        assert_eq!(parse_number("1,20"), Some(1.2));
        assert_eq!(parse_number("1.2000"), Some(1.2));
        for bad in [
            "0x10",
            "1e",
            "1e+",
            ".",
            "-",
            "1.2.3",
            "e5",
            "1_000",
            "1e400",
            "1,2e3,4",
            "1,00,000",
            "01,000,000",
            "1,000.5.5",
            "1.000,5,5",
            ",5,000",
        ] {
            assert_eq!(parse_number(bad), None, "{bad}");
        }
    }

    #[test]
    fn thousands_separators_read_as_people_type_them() {
        // Unambiguous: two separators of one kind, or both kinds (the last is the decimal mark).
        assert_eq!(parse_number("1,000,000"), Some(1e6));
        assert_eq!(parse_number("1.000.000"), Some(1e6));
        assert_eq!(parse_number("-10,000,000"), Some(-1e7));
        assert_eq!(parse_number("1,200.5"), Some(1200.5));
        assert_eq!(parse_number("1.200,5"), Some(1200.5));
        assert_eq!(parse_number("12.345.678,9"), Some(12_345_678.9));
        assert_eq!(parse_number("1\u{a0}200"), Some(1200.0));
        // One separator before exactly three digits: either reading is a thousand times the other.
        for (text, grouped, decimal, sep) in [
            ("1,200", 1200.0, 1.2, ','),
            ("1.200", 1200.0, 1.2, '.'),
            ("10,000", 10_000.0, 10.0, ','),
            ("-2.500", -2500.0, -2.5, '.'),
        ] {
            assert_eq!(
                read_number(text),
                NumberText::Ambiguous {
                    grouped,
                    decimal,
                    sep
                },
                "{text}"
            );
            assert_eq!(parse_number(text), None, "{text}");
        }
        let p = Problem::Ambiguous {
            grouped: 1200.0,
            decimal: 1.2,
        };
        assert_eq!(
            p.message(Lang::En),
            "Did you mean 1200 or 1.2? Type 1200 for the first, or 1.20 for the second."
        );
        assert_eq!(
            p.message(Lang::Nl),
            "Bedoel je 1200 of 1,2? Typ 1200 voor het eerste, of 1,20 voor het tweede."
        );
        // Each suggested text reads as the number it stands for.
        assert_eq!(read_number("1.20"), NumberText::Value(1.2));
        assert_eq!(read_number(&unambiguous(10.0)), NumberText::Value(10.0));
        assert_eq!(read_number(&unambiguous(15.125)), NumberText::Value(15.125));
    }

    #[test]
    fn a_stage_s_rate_is_read_as_the_form_is() {
        // "1.000" observed is a thousand in Dutch (one or a thousand, whole either way), as the
        // checker reads it: the stage's rate (its note, a switch to an estimate) agrees.
        let base = Scenario::default_five_stage();
        let mut form = Form::from_scenario(&base);
        form.stages[2].observed_of = "1.000".into();
        let nl = Some(Lang::Nl.group_mark());
        let want = Rate::Observed {
            successes: 45,
            trials: 1000,
        };
        assert_eq!(form.stages[2].rate(2, nl), Some(want.clone()));
        assert_eq!(form.to_scenario_in(&base, nl).unwrap().stages[2].rate, want);
        assert_eq!(form.stages[2].rate(2, None), None);
    }

    #[test]
    fn a_reader_s_own_thousands_separator_groups_and_the_other_mark_is_asked_about() {
        let any = |_: f64| true;
        let (en, nl) = (Some(Lang::En.group_mark()), Some(Lang::Nl.group_mark()));
        // Dutch "12.400" is twelve thousand four hundred, English "12,400" too.
        assert_eq!(read_for_in("12.400", any, nl), Ok(12_400.0));
        assert_eq!(read_for_in("€ 1.200", any, nl), Ok(1200.0));
        assert_eq!(read_for_in("12,400", any, en), Ok(12_400.0));
        // The other language's habit is still asked about: a decimal in one, a thousand in the other.
        for (text, group) in [("12,400", nl), ("12.400", en), ("12.400", None)] {
            assert!(
                matches!(
                    read_for_in(text, any, group),
                    Err(Problem::Ambiguous { .. })
                ),
                "{text}"
            );
        }
        // What the field takes still decides first: a rate of "33.333" in Dutch is 33.333%.
        assert_eq!(read_for_in("33.333", |v| v <= 100.0, nl), Ok(33.333));
        // In the form, as the app reads it in Dutch: visitors, the fixed budget and the seed.
        let base = Scenario::default_five_stage();
        let mut form = Form::from_scenario(&base);
        form.arrivals = "12.400".into();
        form.fixed_budget = "1.200".into();
        form.seed = "1.000".into();
        let s = form.to_scenario_in(&base, nl).unwrap();
        assert_eq!(
            (s.arrivals.mean, s.economics.fixed_budget_per_period, s.seed),
            (12_400.0, 1200.0, 1000)
        );
        assert_eq!(form.to_scenario(&base).unwrap_err().len(), 3);
        // Switching to English keeps the values: the grouping becomes English, as does a decimal.
        form.cost_per_lead = "0,45".into();
        form.change_language(Lang::Nl, Lang::En);
        assert_eq!(
            (
                form.arrivals.as_str(),
                form.fixed_budget.as_str(),
                form.cost_per_lead.as_str()
            ),
            ("12,400", "1,200", "0.45")
        );
        // More marks in Dutch style swap; a number not written in it stays as typed.
        for (nl_text, en_text) in [
            ("1.250.000", "1,250,000"),
            ("€ 12.500,50", "€ 12,500.50"),
            ("-1.250.000,5", "-1,250,000.5"),
        ] {
            let mut t = nl_text.to_string();
            in_language(&mut t, Lang::Nl, Lang::En);
            assert_eq!(t, en_text);
            in_language(&mut t, Lang::En, Lang::Nl);
            assert_eq!(t, nl_text);
        }
        for odd in ["1,250,000", "12.500.5", "1.2.3", "12x.000.000"] {
            let mut t = odd.to_string();
            in_language(&mut t, Lang::Nl, Lang::En);
            assert_eq!(t, odd);
        }
        let s = form.to_scenario_in(&base, en).unwrap();
        assert_eq!(
            (s.arrivals.mean, s.economics.cost_per_lead),
            (12_400.0, 0.45)
        );
        // The app never writes an input that a reader could take for a thousand: three decimals get a
        // fourth (12.345 is "12.3450", or "12,3450" in Dutch).
        let mut odd = base.clone();
        odd.economics.revenue_per_purchase = 12.345;
        let mut form = Form::from_scenario(&odd);
        assert_eq!(form.revenue, "12.3450");
        form.use_decimal_mark(',');
        assert_eq!(form.revenue, "12,3450");
        let s = form.to_scenario_in(&odd, nl).unwrap();
        assert_eq!(s.economics.revenue_per_purchase, 12.345);
    }

    #[test]
    fn a_percent_sign_or_euro_sign_typed_with_the_number_is_read_past() {
        for (text, v) in [
            ("30%", 30.0),
            (" 30 % ", 30.0),
            ("12,5%", 12.5),
            ("€1200", 1200.0),
            ("€ 1.200,50", 1200.5),
            ("1200 €", 1200.0),
            ("$1200", 1200.0),
            ("£ 1200", 1200.0),
            ("-5%", -5.0),
        ] {
            assert_eq!(read_number(text), NumberText::Value(v), "{text}");
        }
        for text in ["%", "€", "$", "30%%", "%30", "€30%€", "$30£", "30 percent"] {
            assert_eq!(read_number(text), NumberText::NotANumber, "{text}");
        }
        // In the form: the rate and the price as typed with their signs.
        let mut form = Form::from_scenario(&Scenario::default_five_stage());
        form.stages[0].rate_pct = "35%".into();
        form.revenue = "€1500".into();
        let s = form.to_scenario(&Scenario::default_five_stage()).unwrap();
        assert_eq!(s.stages[0].rate.mean(), 0.35);
        assert_eq!(s.economics.revenue_per_purchase, 1500.0);
        // Any currency's sign, whatever the scenario's currency (a label).
        form.revenue = "£1500".into();
        let s = form.to_scenario(&Scenario::default_five_stage()).unwrap();
        assert_eq!(s.economics.revenue_per_purchase, 1500.0);
        // A sign that is not the field's unit is no number for it.
        form.cost_per_lead = "15%".into();
        form.arrivals = "$500".into();
        form.stages[1].certainty = "200%".into();
        let problems = form
            .to_scenario(&Scenario::default_five_stage())
            .unwrap_err();
        for field in [
            Field::CostPerLead,
            Field::Arrivals,
            Field::StageCertainty(1),
        ] {
            assert!(
                problems.contains(&(field, Problem::NotANumber)),
                "{field:?}: {problems:?}"
            );
        }
    }

    #[test]
    fn a_lone_separator_is_read_the_only_way_that_fits_the_field() {
        let s = Scenario::default_five_stage();
        let mut form = Form::from_scenario(&s);
        // 12345% is no rate and 2125% no churn: the decimal readings.
        form.stages[0].rate_pct = "12.345".into();
        form.churn_pct = "2,125".into();
        // Both readings fit revenue per purchase: still asked.
        form.revenue = "1.200".into();
        let problems = form.to_scenario(&s).unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(matches!(
            problems[0],
            (Field::Revenue, Problem::Ambiguous { .. })
        ));
        form.revenue = "1200".into();
        let t = form.to_scenario(&s).unwrap();
        assert!((t.stages[0].rate.mean() - 0.12345).abs() < 1e-12);
        assert!((t.flywheel.churn_rate - 0.02125).abs() < 1e-12);
    }

    #[test]
    fn growth_variation_budget_and_correlation_are_inputs_with_the_cores_ranges() {
        let s = Scenario::default_five_stage();
        let form = Form::from_scenario(&s);
        assert_eq!(form.growth_pct, "1");
        assert_eq!(form.fixed_budget, "5000");
        assert_eq!(form.correlation, "0");
        assert_eq!(form.arrival_distribution, ArrivalDistribution::Poisson);
        // Unchanged inputs give back the same scenario.
        assert_eq!(form.to_scenario(&s).unwrap(), s);
        let mut f = form.clone();
        f.growth_pct = "-2.5".into();
        f.fixed_budget = "0".into();
        f.correlation = "0.6".into();
        f.arrival_distribution = ArrivalDistribution::NegativeBinomial;
        f.dispersion = "2".into();
        let t = f.to_scenario(&s).unwrap();
        assert_eq!(t.arrivals.growth, -0.025);
        assert_eq!(t.economics.fixed_budget_per_period, 0.0);
        assert_eq!(t.correlation, 0.6);
        assert_eq!(
            t.arrivals.distribution,
            ArrivalDistribution::NegativeBinomial
        );
        assert_eq!(t.arrivals.dispersion, 2.0);
        assert_eq!(Form::from_scenario(&t), f);
        // Out of range, each on its own field.
        f.growth_pct = "-60".into();
        f.correlation = "1".into();
        f.dispersion = "0".into();
        f.fixed_budget = "-1".into();
        let problems = f.to_scenario(&s).unwrap_err();
        let fields: Vec<Field> = problems.iter().map(|p| p.0).collect();
        assert_eq!(
            fields,
            vec![
                Field::Dispersion,
                Field::Growth,
                Field::Correlation,
                Field::FixedBudget
            ]
        );
        assert_eq!(
            problems[0].1.message(Lang::En),
            "Enter a number above 0, up to 1,000,000."
        );
        // A dispersion is only read when the traffic is over-dispersed.
        f = form.clone();
        f.dispersion = "abc".into();
        assert!(f.to_scenario(&s).is_ok());
        // What the core accepts from a file, the inputs accept too: a repeat rate above 100% and a
        // certainty below 2.
        let mut imported = s.clone();
        imported.flywheel.repeat_rate = 2.5;
        imported.stages[0].rate = Rate::Beta {
            mean: 0.3,
            certainty: 1.5,
        };
        assert!(imported.validate().is_ok());
        let f = Form::from_scenario(&imported);
        assert_eq!(f.repeat_pct, "250");
        assert_eq!(f.to_scenario(&imported).unwrap(), imported);
    }

    #[test]
    fn core_errors_read_in_dutch_and_state_the_location_once() {
        let e = Scenario::from_json("{\"version\": 1, \"periods\": ").unwrap_err();
        let en = scenario_error_text(&e, Lang::En);
        assert_eq!(en.matches("line 1").count(), 1, "{en}");
        assert!(
            en.starts_with("The scenario could not be read at line 1, column"),
            "{en}"
        );
        let nl = scenario_error_text(&e, Lang::Nl);
        assert!(
            nl.starts_with("Het scenario kon niet worden gelezen op regel 1, kolom"),
            "{nl}"
        );
        // serde's own words in Dutch too.
        for (json, want) in [
            (
                r#"{"version":1,,}"#,
                "(een veldnaam moet tussen aanhalingstekens staan)",
            ),
            (
                r#"{"version":1,"periods":"24"}"#,
                "(\"periods\": verkeerd type: tekst \"24\", verwacht een geheel getal van 1 tot en met 520)",
            ),
            (
                r#"{"version":1,"seed":"42"}"#,
                "(\"seed\": verkeerd type: tekst \"42\", verwacht een geheel getal van 0 tot en met 18446744073709551615)",
            ),
            (
                r#"{"version":1,"foo":1}"#,
                "(onbekend veld `foo`, verwacht een van `version`, `name`, `periods`, `period_unit`, `trials`, `seed`, `arrivals`, `stages`, `correlation`, `segments`, `economics`, `flywheel`)",
            ),
            (
                r#"{"version":1"#,
                "(het bestand houdt op midden in een object)",
            ),
            (r#"{"version":tru}"#, "(hier hoort true, false of null)"),
            (
                r#"{"version":1,"stages":[{"name":"A","rate":0.3}]}"#,
                "(\"rate\": verkeerd type: getal `0.3`, verwacht een object met een \"kind\" en de velden van die soort)",
            ),
            (
                r#"{"version":1,"stages":[{"name":"A","rate":{"kind":"percent","value":30}}]}"#,
                "(\"kind\": onbekende keuze `percent`, verwacht een van `fixed`, `beta`, `observed`)",
            ),
        ] {
            let nl = scenario_error_text(&Scenario::from_json(json).unwrap_err(), Lang::Nl);
            assert!(nl.ends_with(&format!("{want}.")), "{nl}");
        }
        let mut s = Scenario::default_five_stage();
        s.version = 2;
        let e = s.validate().unwrap_err();
        assert_eq!(
            scenario_error_text(&e, Lang::En),
            "This scenario is in format version 2; this Funnel Lab reads version 1."
        );
        assert_eq!(
            scenario_error_text(&e, Lang::Nl),
            "Dit scenario heeft formaatversie 2; deze versie van Funnel Lab kan alleen versie 1 lezen."
        );
        let mut s = Scenario::default_five_stage();
        s.periods = 0;
        let nl = scenario_error_text(&s.validate().unwrap_err(), Lang::Nl);
        assert_eq!(
            nl,
            "Het veld periods is 0, maar moet een geheel getal van 1 tot en met 520 zijn."
        );
        let mut s = Scenario::default_five_stage();
        s.stages[1].delay = 0.5;
        let nl = scenario_error_text(&s.validate().unwrap_err(), Lang::Nl);
        // The stage as the app numbers it, and a Dutch decimal comma.
        assert!(
            nl.starts_with("Het veld stages[1].delay (fase 2) is 0,5, maar moet "),
            "{nl}"
        );
        let en = scenario_error_text(&s.validate().unwrap_err(), Lang::En);
        assert!(en.contains("stages[1].delay (stage 2) is 0.5"), "{en}");
        // No English phrase of the core's 'allowed' texts is left in Dutch.
        for en in [
            " and ",
            " or ",
            "same",
            "a number",
            "whole number",
            "between",
            "list of",
            "stage index",
        ] {
            assert!(!nl.contains(en), "{nl}");
        }
        let mut s = Scenario::default_five_stage();
        s.stages.clear();
        let nl = scenario_error_text(&s.validate().unwrap_err(), Lang::Nl);
        assert!(nl.contains("een lijst van 1 tot en met 20 fasen"), "{nl}");
        let mut s = Scenario::default_five_stage();
        s.flywheel.customer_mix = CustomerMix::Shares {
            promoter: 0.55,
            passive: 0.4,
            detractor: 0.2,
        };
        let nl = scenario_error_text(&s.validate().unwrap_err(), Lang::Nl);
        assert!(
            nl.contains("aandelen die samen 1 zijn (binnen 1e-9)"),
            "{nl}"
        );
        assert!(!nl.contains("shares"), "{nl}");
    }

    #[test]
    fn a_seed_reads_like_other_numbers() {
        let s = Scenario::default_five_stage();
        let mut f = Form::from_scenario(&s);
        let seed = |f: &Form| f.to_scenario(&s).map(|t| t.seed);
        f.seed = "18446744073709551615".into();
        assert_eq!(seed(&f), Ok(u64::MAX));
        f.seed = "1,000,000".into();
        assert_eq!(seed(&f), Ok(1_000_000));
        f.seed = "1.000".into();
        let p = f.to_scenario(&s).unwrap_err();
        assert!(
            matches!(p[..], [(Field::Seed, Problem::Ambiguous { .. })]),
            "{p:?}"
        );
        for bad in ["-1", "1.5", "abc", "18446744073709551616", "50 %", "€50"] {
            f.seed = bad.into();
            assert_eq!(
                f.to_scenario(&s).unwrap_err(),
                vec![(Field::Seed, Problem::Seed)],
                "{bad}"
            );
        }
    }

    #[test]
    fn core_paths_map_to_fields() {
        assert_eq!(field_of_path("stages[3].rate.mean"), Field::StageRate(3));
        assert_eq!(field_of_path("stages[0].delay"), Field::StageDelay(0));
        assert_eq!(field_of_path("arrivals.growth"), Field::Growth);
        assert_eq!(field_of_path("arrivals.dispersion"), Field::Dispersion);
        assert_eq!(field_of_path("arrivals.mean"), Field::Arrivals);
        assert_eq!(
            field_of_path("economics.fixed_budget_per_period"),
            Field::FixedBudget
        );
        assert_eq!(field_of_path("flywheel.customer_mix.promoter"), Field::Mix);
        assert_eq!(field_of_path("correlation"), Field::Correlation);
        assert_eq!(field_of_path("version"), Field::Scenario);
    }

    #[test]
    fn the_mix_can_be_an_nps_score_within_what_the_passive_share_leaves() {
        let s = Scenario::default_five_stage();
        let mut form = Form::from_scenario(&s);
        form.mix_mode = MixMode::Nps;
        form.passives_pct = "40".into();
        form.nps_score = "20".into();
        let back = form.to_scenario(&s).expect("valid");
        assert_eq!(
            back.flywheel.customer_mix,
            CustomerMix::Nps {
                score: 20.0,
                passive: 0.4
            }
        );
        let (p, _, d) = back.flywheel.customer_mix.shares();
        assert!(
            (p - 0.4).abs() < 1e-12 && (d - 0.2).abs() < 1e-12,
            "{p} {d}"
        );
        // With 40 % passives, the score can only go from −60 to 60.
        form.nps_score = "70".into();
        assert_eq!(
            form.to_scenario(&s).unwrap_err(),
            vec![(Field::NpsScore, Problem::NpsRange { limit: 60.0 })]
        );
        assert!(Problem::NpsRange { limit: 0.0 }
            .message(Lang::En)
            .contains("can only be 0"));
        assert_eq!(
            Problem::NpsRange { limit: 100.0 }.message(Lang::En),
            "Enter a score from −100 to 100."
        );
        assert_eq!(
            Problem::NpsRange { limit: 60.0 }.message(Lang::En),
            "With 40% passives, promoters and detractors share the other 60%, so the score can be from −60 to 60. For a score closer to −100 or 100, lower the passives."
        );
        // The shares' fields are not checked in NPS mode, and the mode survives the round trip.
        form.nps_score = "-10".into();
        form.promoters_pct = "oops".into();
        let back = form.to_scenario(&s).expect("valid");
        let again = Form::from_scenario(&back);
        assert_eq!(again.mix_mode, MixMode::Nps);
        assert_eq!(
            (again.nps_score.as_str(), again.passives_pct.as_str()),
            ("-10", "40")
        );
        assert_eq!(
            field_of_path("flywheel.customer_mix.score"),
            Field::NpsScore
        );
    }

    fn with_segments() -> Form {
        let mut form = Form::from_scenario(&Scenario::default_five_stage());
        let odds = |v: [&str; 5]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        form.segments = vec![
            SegmentForm {
                name: "Small firms".into(),
                share_pct: "70".into(),
                odds: odds(["1", "2", "1", "1", "0.5"]),
            },
            SegmentForm {
                name: "Large firms".into(),
                share_pct: "30".into(),
                odds: odds(["1", "1", "1", "1", "1"]),
            },
        ];
        form
    }

    #[test]
    fn segments_become_shares_and_logit_shifts_and_round_trip() {
        let base = Scenario::default_five_stage();
        let form = with_segments();
        let s = form.to_scenario(&base).expect("valid");
        assert_eq!(s.segments.len(), 2);
        assert_eq!(s.segments[0].name, "Small firms");
        assert!((s.segments[0].share - 0.7).abs() < 1e-15);
        assert!((s.segments[1].share - 0.3).abs() < 1e-15);
        let shift = &s.segments[0].logit_shift;
        assert_eq!(shift.len(), 5);
        assert_eq!(shift[0], 0.0);
        assert!((shift[1] - 2f64.ln()).abs() < 1e-15);
        assert!((shift[4] + 2f64.ln()).abs() < 1e-15);
        // All factors 1: the core's "no shift".
        assert!(s.segments[1].logit_shift.is_empty());
        // Back into the form and out again: the same scenario, bit for bit.
        let again = Form::from_scenario(&s);
        assert_eq!(again.segments, form.segments);
        assert_eq!(again.to_scenario(&s).expect("valid"), s);
        // A shift the form did not write (from a shared link) is kept exactly while its text is unchanged.
        let mut linked = s.clone();
        linked.segments[0].logit_shift[2] = 0.123_456_789_012_345_6;
        let form = Form::from_scenario(&linked);
        assert_eq!(form.segments[0].odds[2], "1.131401");
        assert_eq!(form.to_scenario(&linked).expect("valid"), linked);
    }

    #[test]
    fn segment_problems_name_their_field() {
        let base = Scenario::default_five_stage();
        let mut form = with_segments();
        form.segments[1].share_pct = "40".into();
        assert_eq!(
            form.to_scenario(&base).unwrap_err(),
            vec![(Field::Segments, Problem::SegmentSharesSum { sum: 110.0 })]
        );
        assert_eq!(
            Problem::SegmentSharesSum { sum: 110.0 }.message(Lang::En),
            "The segments' shares must add up to 100% (now 110%)."
        );
        form.segments[1].share_pct = "30".into();
        form.segments[0].odds[3] = "0".into();
        form.segments[1].name = " ".into();
        let problems = form.to_scenario(&base).unwrap_err();
        assert_eq!(
            problems,
            vec![
                (
                    Field::SegmentOdds(0, 3),
                    Problem::Range {
                        min: MIN_ODDS,
                        max: MAX_ODDS,
                        whole: false
                    }
                ),
                (Field::SegmentName(1), Problem::EmptySegmentName),
            ]
        );
        // Two segments of one name would be two rows of that name in the results per segment.
        form.segments[0].odds[3] = "1".into();
        form.segments[1].name = format!(" {} ", form.segments[0].name);
        let problems = form.to_scenario(&base).unwrap_err();
        assert_eq!(
            problems,
            vec![(Field::SegmentName(1), Problem::SameSegmentName { first: 1 })]
        );
        assert_eq!(
            problems[0].1.message(Lang::Nl),
            "Het 1e segment heeft deze naam al: geef dit segment een andere."
        );
        // The extreme factors stay inside the core's logit range [−10, 10].
        assert!(MIN_ODDS.ln() > -10.0 && MAX_ODDS.ln() < 10.0);
        assert_eq!(
            field_of_path("segments[1].logit_shift[3]"),
            Field::SegmentOdds(1, 3)
        );
        assert_eq!(field_of_path("segments[2].share"), Field::SegmentShare(2));
        assert_eq!(field_of_path("segments[].share"), Field::Segments);
        assert_eq!(field_of_path("segments"), Field::Segments);
    }
}
