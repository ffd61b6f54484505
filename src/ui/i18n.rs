//! Every visible string in English and Dutch. A key without both translations does not compile; a test
//! checks that no Dutch text is an untranslated copy of the English one.

use std::cell::Cell;

use crate::sim::Currency;

thread_local! {
    /// The currency amounts are shown in: the scenario's (a label, as its period unit is), which the
    /// app sets as it renders ([`set_currency`]).
    static CURRENCY: Cell<Currency> = const { Cell::new(Currency::Eur) };
}

/// Shows every amount from now on with the sign of `c`.
pub fn set_currency(c: Currency) {
    CURRENCY.with(|x| x.set(c));
}

/// The currency amounts are shown in. A component that shows amounts takes it as a property that
/// defaults to this (`#[prop_or_else(currency)]`), so that a change of currency, which changes none of
/// its other properties, draws it again.
pub fn currency() -> Currency {
    CURRENCY.with(Cell::get)
}

/// The sign of the currency amounts are shown in.
pub fn currency_sign() -> char {
    currency().sign()
}

/// The languages the app speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Nl,
}

impl Lang {
    /// From a code such as `nl`, `nl-BE` or `en-US`; `None` for languages we do not have.
    /// The other of the two languages.
    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Nl,
            Lang::Nl => Lang::En,
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.split(['-', '_']).next()?.trim().to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "nl" => Some(Lang::Nl),
            _ => None,
        }
    }

    /// The BCP 47 code used in `lang` attributes and URLs.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Nl => "nl",
        }
    }

    /// Looks a text up.
    pub fn t(self, key: T) -> &'static str {
        match self {
            Lang::En => key.en(),
            Lang::Nl => key.nl(),
        }
    }

    /// [`t`](Self::t) for a text with an amount or a unit of money in it, written with the euro sign:
    /// with the sign of the scenario's currency ("Revenue ($)").
    pub fn tc(self, key: T) -> String {
        self.t(key).replace('€', &currency_sign().to_string())
    }

    /// Formats a number for this language: thousands grouped (`,` in English, `.` in Dutch), at most
    /// `decimals` decimals, trailing zeros dropped.
    pub fn number(self, value: f64, decimals: usize) -> String {
        self.format(value, decimals, true)
    }

    /// [`number`](Self::number) with exactly `decimals` decimals ("29.0"), for a column of them.
    pub fn fixed(self, value: f64, decimals: usize) -> String {
        self.format(value, decimals, false)
    }

    /// A chance `p` (0–1) in percent with `decimals`: never "100%" or "0%" unless it is certain
    /// (every trial), but "> 99.9%" or "< 0.1%", since a chart beside it may show the rare trials.
    pub fn chance(self, p: f64, decimals: usize) -> String {
        let pct = 100.0 * p;
        let unit = 10f64.powi(-(decimals as i32));
        if p < 1.0 && pct >= 100.0 - unit / 2.0 {
            format!("> {}%", self.number(100.0 - unit, decimals))
        } else if p > 0.0 && pct < unit / 2.0 {
            format!("< {}%", self.number(unit, decimals))
        } else {
            format!("{}%", self.number(pct, decimals))
        }
    }

    /// The thousands separator: `,` in English, `.` in Dutch.
    pub fn group_mark(self) -> char {
        match self {
            Lang::En => ',',
            Lang::Nl => '.',
        }
    }

    /// The decimal mark: `.` in English, `,` in Dutch.
    pub fn decimal_mark(self) -> char {
        match self {
            Lang::En => '.',
            Lang::Nl => ',',
        }
    }

    fn format(self, value: f64, decimals: usize, trim_zeros: bool) -> String {
        if !value.is_finite() {
            return "–".to_string();
        }
        let (group, point) = match self {
            Lang::En => (',', '.'),
            Lang::Nl => ('.', ','),
        };
        // From 10¹⁵ up a float's whole digits are mostly noise: 15 significant digits, then zeros.
        let text = if value.abs() >= 1e15 {
            let (digits, len) = significant(value, 15);
            format!("{digits}{}", "0".repeat(len - digits.len()))
        } else {
            // Halves round up, as by hand and as in JavaScript ("64.5" → "65"): `format!` rounds the
            // exact binary value, half to even ("64"). Where the scaled value has no fraction bits
            // left, it is already whole.
            let scale = 10f64.powi(decimals as i32);
            let x = value.abs() * scale;
            let x = if x < 4.5e15 {
                x.round() / scale
            } else {
                value.abs()
            };
            format!("{:.*}", decimals, x)
        };
        let (int, frac) = match text.split_once('.') {
            Some((i, f)) if trim_zeros => (i.to_string(), f.trim_end_matches('0').to_string()),
            Some((i, f)) => (i.to_string(), f.to_string()),
            None => (text.clone(), String::new()),
        };
        let mut grouped = String::new();
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                grouped.push(group);
            }
            grouped.push(c);
        }
        // A minus only before a digit that is not 0: "0.0", not "−0.0", for −0.04.
        let negative = value < 0.0 && (int != "0" || frac.bytes().any(|b| b != b'0'));
        let mut out = String::new();
        if negative {
            out.push('−');
        }
        out.push_str(&grouped);
        if !frac.is_empty() {
            out.push(point);
            out.push_str(&frac);
        }
        out
    }

    /// An axis tick among ticks `step` apart whose largest size is `top`: [`number`](Self::number) with
    /// the decimals the step needs, or, when the step allows, shortened to thousands ("250k") or millions
    /// ("1.2M", Dutch "1,2 mln"), with "€" for money. The unit follows the axis's largest tick, so one axis
    /// reads "0, 5k, 10k", not "5,000, 10k". A short label stays legible when a chart is drawn small (on a
    /// phone); a fine step (11,995 and 12,000) keeps the whole number so that the ticks stay apart.
    pub fn tick(self, value: f64, step: f64, top: f64, money: bool) -> String {
        if let Some(e) = scale_exponent(top) {
            // Past trillions the axis counts in 10^e (its label says so, see `scaled_label`): "2.5", not
            // "€2.5 × 10¹⁷" at every tick, which a phone's chart cuts, nor "250,000T".
            let unit = 10f64.powi(e);
            if value == 0.0 {
                return "0".to_string();
            }
            return self.number(value / unit, super::chart::step_decimals(step / unit));
        }
        let text = if value == 0.0 {
            "0".to_string()
        } else if let Some((scale, en, nl)) = big_unit(step, top) {
            let unit = match self {
                Lang::En => en,
                Lang::Nl => nl,
            };
            format!("{}{unit}", self.number(value / scale, 2))
        } else if top >= 1e4 && step >= 100.0 {
            format!("{}k", self.number(value / 1e3, 1))
        } else if money {
            return self.money(value);
        } else {
            self.number(value, super::chart::step_decimals(step))
        };
        self.euro(text, money)
    }

    /// `text` with the currency's sign ([`set_currency`]) before it when `money` (Dutch: and a
    /// no-break space, so that the sign never wraps away from the amount), after a minus and a word
    /// joiner: "−€188,494".
    fn euro(self, text: String, money: bool) -> String {
        if !money {
            return text;
        }
        let (minus, amount) = match text.strip_prefix('−') {
            Some(rest) => ("−", rest),
            None => ("", text.as_str()),
        };
        // (A word joiner after the minus: a line could break between it and the euro sign, "Funnel −"
        // above "€26,636", which read as a gain.)
        let minus = if minus.is_empty() { "" } else { "−\u{2060}" };
        let sign = currency_sign();
        match self {
            Lang::En => format!("{minus}{sign}{amount}"),
            Lang::Nl => format!("{minus}{sign}\u{a0}{amount}"),
        }
    }

    /// A short amount or count for a narrow table: "€289.2k", "1.5M", "€1.45 × 10¹⁵" (a tick of its own
    /// axis, and past trillions a power of ten).
    pub fn short(self, v: f64, money: bool) -> String {
        if v.abs() < 1e15 {
            return self.tick(v, v.abs() / 100.0, v.abs(), money);
        }
        self.euro(self.count(v), money)
    }

    /// A count for a sentence: [`number`](Self::number) below 10¹⁵, else "1.23 × 10⁹²", which a reader
    /// can take in (a 92-digit number cannot be).
    pub fn count(self, value: f64) -> String {
        if value.abs() < 1e15 {
            return self.number(value, 0);
        }
        let (digits, len) = significant(value, 3);
        let sup = superscript(len - 1);
        let (first, rest) = digits.split_at(1);
        let rest = rest.trim_end_matches('0');
        let m = if rest.is_empty() {
            first.to_string()
        } else {
            format!("{first}{}{rest}", self.decimal_mark())
        };
        // (A runaway flywheel's revenue minus spend can be this far below zero.)
        let minus = if value < 0.0 { "−" } else { "" };
        format!("{minus}{m} × 10{sup}")
    }

    /// A tick of a chart's axis whose label is [`axis_label`](Self::axis_label): as [`tick`](Self::tick),
    /// but in Dutch in millions and up without the euro sign and the unit, which the label holds
    /// ("0,75" under "Omzet (€ mln)"): "€ 0,75 mln" took the room of the y axis's title.
    pub fn axis_tick(self, value: f64, step: f64, top: f64, money: bool) -> String {
        match big_unit(step, top) {
            Some((scale, ..)) if self == Lang::Nl && scale_exponent(top).is_none() => {
                self.number(value / scale, 2)
            }
            _ => self.tick(value, step, top, money),
        }
    }

    /// An axis label for ticks `step` apart up to `top`: as it is, or past trillions with the power of
    /// ten the ticks count in ("Revenue (× 10¹⁵ €)", "Customers (× 10¹⁵)"), or in Dutch in millions and
    /// up with the unit of [`axis_tick`](Self::axis_tick) ("Omzet (€ mln)", "Klanten (mln)").
    pub fn axis_label(self, label: &str, step: f64, top: f64) -> String {
        // "× 10¹⁵" before what the label counts in, a word unit ("mln") after it.
        let (unit, before) = match (scale_exponent(top), big_unit(step, top)) {
            (Some(e), _) => (format!("× 10{}", superscript(e as usize)), true),
            (None, Some((.., nl))) if self == Lang::Nl => {
                (nl.trim_start_matches('\u{a0}').to_string(), false)
            }
            _ => return label.to_string(),
        };
        match label.rsplit_once('(') {
            Some((head, tail)) if label.ends_with(')') => {
                let inner = tail.trim_end_matches(')');
                if before {
                    format!("{head}({unit} {inner})")
                } else {
                    format!("{head}({inner} {unit})")
                }
            }
            _ => format!("{label} ({unit})"),
        }
    }

    /// Formats an amount of money, without cents from 1000 up or for whole amounts.
    pub fn money(self, value: f64) -> String {
        // From 10¹⁵ up (a runaway flywheel) as a count is: seventeen digits claimed more than a double
        // holds, and the page and the CSV differed in the last ones.
        if value.abs() >= 1e15 {
            return self.euro(self.count(value), true);
        }
        let decimals = if value.abs() >= 1000.0 || value.fract() == 0.0 {
            0
        } else {
            2
        };
        self.euro(self.format(value, decimals, false), true)
    }

    /// [`money`](Self::money) for one of several amounts shown together (a row, an interval):
    /// whole euros for all when any is €100 or more (`whole`), so that "€958.80 – €4,115" does not
    /// mix cents with whole euros.
    pub fn money_in(self, value: f64, whole: bool) -> String {
        self.money(if whole { value.round() } else { value })
    }
}

/// The power of ten an axis with ticks up to `top` counts in: from 10¹⁵ up (past trillions), the
/// largest one not above `top`; `None` below.
/// The unit of ticks `step` apart up to `top` in millions and up: (its size, English, Dutch).
fn big_unit(step: f64, top: f64) -> Option<(f64, &'static str, &'static str)> {
    // Millions, billions (miljard), trillions (biljoen).
    [
        (1e12, "T", "\u{a0}bln"),
        (1e9, "B", "\u{a0}mld"),
        (1e6, "M", "\u{a0}mln"),
    ]
    .into_iter()
    .find(|u| top >= u.0 && step >= u.0 / 100.0)
}

pub fn scale_exponent(top: f64) -> Option<i32> {
    if !(top >= 1e15 && top.is_finite()) {
        return None;
    }
    let mut e = top.log10().floor() as i32;
    // log10 may round across a power of ten: keep 10^e ≤ top < 10^(e+1).
    if 10f64.powi(e) > top {
        e -= 1;
    } else if 10f64.powi(e + 1) <= top {
        e += 1;
    }
    Some(e)
}

/// `n` in superscript digits ("¹⁵").
fn superscript(n: usize) -> String {
    n.to_string()
        .chars()
        .map(|d| {
            ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'][d.to_digit(10).unwrap_or(0) as usize]
        })
        .collect()
}

macro_rules! texts {
    ($($key:ident => $en:expr, $nl:expr;)*) => {
        /// The first `n` significant digits of the whole number |`value`| ≥ 10ⁿ, rounded half up, and the
/// number of digits it has. Written with `{:.0}` (exact digits) instead of `{:e}`, whose formatting code
/// the wasm does not otherwise need.
fn significant(value: f64, n: usize) -> (String, usize) {
    let all = format!("{:.0}", value.abs());
    let b = all.as_bytes();
    let mut d = b[..n.min(b.len())].to_vec();
    let mut len = b.len();
    if b.get(n).is_some_and(|&c| c >= b'5') {
        let mut i = d.len();
        loop {
            if i == 0 {
                // 999… rounded up: 100…, one digit longer.
                d.insert(0, b'1');
                d.truncate(n);
                len += 1;
                break;
            }
            i -= 1;
            if d[i] == b'9' {
                d[i] = b'0';
            } else {
                d[i] += 1;
                break;
            }
        }
    }
    (String::from_utf8(d).unwrap_or_default(), len)
}

/// A text key.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum T { $($key),* }

        impl T {
            /// Every key, for tests.
            pub const ALL: &'static [T] = &[$(T::$key),*];
            /// English.
            pub fn en(self) -> &'static str { match self { $(T::$key => $en),* } }
            /// Dutch.
            pub fn nl(self) -> &'static str { match self { $(T::$key => $nl),* } }
        }
    };
}

texts! {
    AppTitle => "Funnel Lab", "Funnel Lab";
    Tagline => "Simulate how leads flow through your sales funnel, and compare it with a flywheel.",
        "Simuleer hoe leads door je verkooptrechter stromen en vergelijk dat met een vliegwiel.";
    Language => "Language", "Taal";
    Theme => "Colours", "Kleuren";
    EmbedLanguage => "Language of the embed", "Taal van het kader";
    EmbedTheme => "Colours of the embed", "Kleuren van het kader";
    EmbedThemeAuto => "Each reader's own setting: on a page with a dark background, choose Dark.", "De instelling van elke lezer: kies Donker op een pagina met een donkere achtergrond.";
    ShareLastValid => "An input has a problem (marked in red, its message under it): fix it first to share or download. A link or file made now would hold the last valid inputs, not what you typed.", "Een invoerveld bevat een fout (rood gemarkeerd, met de melding eronder): verbeter die eerst om te delen of te downloaden. Een link of bestand dat je nu maakt, zou de laatste geldige invoer bevatten, niet wat je hebt getypt.";
    WaitingShort => "Not simulating: an input has a problem (marked in red, its message under it).", "Geen berekening: een invoerveld bevat een fout (rood gemarkeerd, met de melding eronder).";
    WaitingForValidInputs => "Not simulating: an input has a problem (marked in red, its message under it; Rerun takes you to it). The results below are from the last valid inputs.", "Geen berekening: een invoerveld bevat een fout (rood gemarkeerd, met de melding eronder; Opnieuw brengt je erheen). De resultaten hieronder horen bij de laatste geldige invoer.";
    SkipToResults => "Skip to the results", "Naar de resultaten";
    SeeResults => "Charts ↓", "Grafieken ↓";
    BackToInput => "↑ Back to your input", "↑ Terug naar je invoer";
    NoLever => "No stage can add customers here: raising a rate gains nothing when every rate is already 100% or no leads come in.", "Geen enkele fase levert hier extra klanten op: een hoger percentage levert niets op als elk percentage al 100% is of er geen leads binnenkomen.";
    // After "In {share}", which reads the same in both languages.
    CappedAfter => "of the trials a count (leads, referrals or customers in a period) reached the simulation's limit of 10¹² and stayed there, so their numbers are a floor, not a forecast.",
        "van de simulaties bereikte een aantal (leads, doorverwijzingen of klanten in een periode) de grens van het model, 10¹², en bleef daar, dus hun getallen zijn een ondergrens, geen voorspelling.";
    FlywheelAssumed => "The flywheel's figures use its example settings (40% promoters, 0.05 referred leads per promoter and 3% repeat purchases a period, 10% of revenue reinvested)",
        "De cijfers van het vliegwiel gebruiken de voorbeeldinstellingen (40% promotors, per periode 0,05 doorverwezen leads per promotor en 3% herhaalaankopen, 10% van de omzet opnieuw geïnvesteerd)";
    FlywheelAssumedYours => ", not your data: set yours under Flywheel.", ", niet jouw gegevens: vul de jouwe in onder Vliegwiel.";
    // After the sentence on the empty start and the delays (`app::funnel_assumed`).
    ExampleDelays => "These delays are example values.", "Die vertragingen zijn voorbeeldwaarden.";
    OpenAtStartHint => "Leads already under way go in each stage's Open at the start.", "Leads die al onderweg zijn, vul je per fase in bij Open bij de start.";
    FlywheelAtZero => "With referrals, repeat purchases and reinvestment at 0 the flywheel equals the funnel.",
        "Met doorverwijzingen, herhaalaankopen en herinvestering op 0 is het vliegwiel gelijk aan de trechter.";
    RunawayShort => "The flywheel grows without limit here: see the warning under the results.", "Het vliegwiel groeit hier onbeperkt: zie de waarschuwing onder de resultaten.";
    RunawayTiny => "(The flywheel grows without limit.)", "(Het vliegwiel groeit onbeperkt.)";
    RunawayBefore => "Each new customer brings about", "Elke nieuwe klant levert ongeveer";
    CompareRunaway => "The flywheel grows without limit here, so its rows show a runaway loop, not a forecast; the funnel's rows are not affected", "Het vliegwiel groeit hier onbeperkt, dus de rijen ervan tonen een op hol geslagen lus, geen voorspelling; de rijen van de trechter staan daar los van";
    RunawayLimit => "Within this horizon it levels off when less than about", "Binnen deze perioden vlakt het af als minder dan ongeveer";
    RunawayLimitAfter => "of revenue is reinvested.", "van de omzet opnieuw wordt geïnvesteerd.";
    RunawayAfter => "more new customers within the horizon simulated (reinvested revenue from its purchases, and referrals), so each generation of customers brings a larger one: the flywheel grows without limit.", "nieuwe klanten extra op binnen de gesimuleerde perioden (opnieuw geïnvesteerde omzet van zijn aankopen, en doorverwijzingen), dus elke generatie klanten brengt een grotere voort: het vliegwiel groeit onbeperkt.";
    RunawayAdvice => "Lower the share reinvested or the referrals, or raise the churn or the cost per lead, for a realistic picture.", "Verlaag het opnieuw geïnvesteerde deel of de doorverwijzingen, of verhoog het klantverloop of de kosten per lead, voor een realistisch beeld.";
    StaleResults => "These results belong to earlier inputs; they update when the inputs are valid and the new run arrives.",
        "Deze resultaten horen bij eerdere invoer; ze worden bijgewerkt zodra de invoer klopt en de nieuwe berekening binnen is.";
    ThemeAuto => "As the system", "Systeeminstelling";
    ThemeLight => "Light", "Licht";
    ThemeDark => "Dark", "Donker";
    Inputs => "Inputs", "Invoer";
    Results => "Results", "Resultaten";
    FunnelStages => "Funnel stages", "Fasen van de trechter";
    StagesHint => "Each stage passes a share of its leads on to the next; the rest drop out. The share the last stage passes on is the share that buys. (Counts at three steps, say visitors, trial sign-ups and buyers, make two stages: each stage is the step from one count to the next.) Certainty is how sure you are of the rate (a larger number means a narrower range; leave it empty if the rate is known exactly). Delay is the average number of periods a lead waits before moving on.",
        "Elke fase geeft een deel van haar leads door aan de volgende; de rest valt af. Het deel dat de laatste fase doorgeeft, is het deel dat koopt. (Tellingen bij drie stappen, zoals bezoekers, aanmeldingen voor een gratis proefperiode en kopers, geven twee fasen: elke fase is de stap van de ene telling naar de volgende.) Zekerheid geeft aan hoe zeker je van het percentage bent (een groter getal betekent een smallere marge; laat het leeg als het percentage exact bekend is). Vertraging is het gemiddelde aantal perioden dat een lead wacht voordat hij doorgaat.";
    Replace => "Replace", "Vervangen";
    SaveReplacesHint => "A saved scenario has this name: saving replaces it with the current inputs.",
        "Er is al een opgeslagen scenario met deze naam: opslaan vervangt het door de huidige invoer.";
    SavedAsNote => "Saved as", "Opgeslagen als";
    NameFirst => "Type a name to save the scenario under.", "Typ eerst de naam waaronder je het scenario wilt opslaan.";
    Undo => "Undo", "Ongedaan maken";
    LoadedNote => "Loaded", "Geladen:";
    UndoneNote => "The earlier version is back:", "De eerdere versie is terug:";
    ReplacedNote => "Replaced with the current inputs:", "Vervangen door de huidige invoer:";
    RenameTaken => "Not renamed: another saved scenario is called", "Niet hernoemd: een ander opgeslagen scenario heet al";
    RenameEmpty => "Not renamed: a saved scenario needs a name.", "Niet hernoemd: een opgeslagen scenario heeft een naam nodig.";
    ConfirmDelete => "Delete for good", "Definitief verwijderen";
    KeepIt => "Keep", "Behouden";
    DefaultScenarioName => "Default five-stage funnel", "Standaardtrechter met vijf fasen";
    EditedScenarioName => "My funnel", "Mijn trechter";
    StageAwareness => "Awareness", "Bewustwording";
    StageInterest => "Interest", "Interesse";
    StageEvaluation => "Evaluation", "Evaluatie";
    StageDecision => "Decision", "Beslissing";
    StagePurchase => "Purchase", "Aankoop";
    StageName => "Name", "Naam";
    FilePeriods => "periods", "perioden";
    FileStages => "stages", "fasen";
    FileSummary => "summary", "samenvatting";
    // Followed by the next stage's name: the counts and the rate of a stage are those of the step to
    // the next (a CRM report that names the stage reached put them one stage too low).
    ConversionRate => "Conversion to", "Conversie naar";
    ConversionToCustomer => "Conversion to customer", "Conversie naar klant";
    ProfitOnAverage => "Revenue minus spend over the horizon, on average:", "Omzet min uitgaven over alle perioden, gemiddeld:";
    SpendOnAverage => "Spend over the horizon (paid leads × cost per lead, plus the fixed budget), on average:", "Uitgaven over alle perioden (betaalde leads × kosten per lead, plus het vaste budget), gemiddeld:";
    PerCustomer => "per customer won", "per gewonnen klant";
    // (A soft hyphen: in a stage's column on a 360 px phone "waargenomen" broke as "waargenome / n".)
    Certainty => "Certainty (leads seen)", "Zekerheid (waar\u{ad}genomen leads)";
    Delay => "Average delay (periods)", "Gemiddelde vertraging (perioden)";
    OpenNow => "Open at the start (leads)", "Open bij de start (leads)";
    RateFrom => "Rate from", "Conversie op basis van";
    RateEstimate => "An estimate", "Een schatting";
    RateObserved => "Counts (k/n)", "Telling (k/n)";
    // "Moved on to Evaluation (k)", "Reached Interest (n)".
    ObservedConverted => "Moved on to", "Door naar";
    ObservedConvertedLast => "Became customers (k)", "Klant geworden (k)";
    ObservedOutOf => "Reached", "Bereikten";
    MoveUp => "Move up:", "Omhoog:";
    MoveDown => "Move down:", "Omlaag:";
    RemoveStage => "Remove stage:", "Fase verwijderen:";
    RenamedNote => "Renamed to", "Hernoemd naar";
    DeletedNote => "Deleted", "Verwijderd";
    AddStage => "Add a stage", "Fase toevoegen";
    AddStageBefore => "Add a stage before", "Fase toevoegen vóór";
    General => "Leads, time and money", "Leads, tijd en geld";
    MainInputs => "Main inputs", "Belangrijkste invoer";
    MainInputsNote => "Everything else is as the author of this page set it; “Open in Funnel Lab” shows every input.", "Al het andere staat zoals de maker van deze pagina het instelde; “Openen in Funnel Lab” toont alle invoer.";
    ArrivalsPerPeriod => "New leads per period", "Nieuwe leads per periode";
    ArrivalVariation => "New leads vary", "Variatie in nieuwe leads";
    ArrivalPoisson => "Around the mean (Poisson)", "Toeval (Poisson)";
    ArrivalOverdispersed => "More: peaks and dips", "Meer: pieken en dalen";
    ArrivalFixed => "None: the mean, rounded", "Geen: afgerond gemiddelde";
    Dispersion => "Steadiness of the traffic", "Stabiliteit van het verkeer";
    Growth => "Growth of new leads per period", "Groei van nieuwe leads per periode";
    FixedBudget => "Fixed budget per period", "Vast budget per periode";
    Correlation => "Correlation between stage rates", "Samenhang tussen de fasepercentages";
    Periods => "Number of periods", "Aantal perioden";
    PeriodUnit => "Period", "Periode";
    Month => "Month", "Maand";
    Week => "Week", "Week";
    Currency => "Currency", "Valuta";
    CurrencyEur => "Euro (€)", "Euro (€)";
    CurrencyUsd => "US dollar ($)", "Amerikaanse dollar ($)";
    CurrencyGbp => "Pound sterling (£)", "Brits pond (£)";
    RevenuePerPurchase => "Revenue per purchase", "Omzet per aankoop";
    CostPerLead => "Cost per lead", "Kosten per lead";
    PaidShare => "Paid share of new leads", "Betaald deel van de nieuwe leads";
    Trials => "Simulated trials", "Aantal simulaties";
    Seed => "Random seed", "Startwaarde toeval (seed)";
    Flywheel => "Flywheel", "Vliegwiel";
    FlywheelHint => "In the flywheel, satisfied customers keep the wheel turning: promoters refer new leads, customers buy again, and part of the revenue is reinvested in new leads. Unhappy customers (detractors) leave sooner.",
        "In het vliegwiel houden tevreden klanten het wiel draaiende: promotors brengen nieuwe leads aan, klanten kopen opnieuw en een deel van de omzet wordt opnieuw in leads geïnvesteerd. Ontevreden klanten (criticasters) vertrekken eerder.";
    Promoters => "Promoters", "Promotors";
    Passives => "Passives", "Passieven";
    Detractors => "Detractors", "Criticasters";
    ReferralsPerPromoter => "Referred leads per promoter per period", "Doorverwezen leads per promotor per periode";
    EntryAtLast => "Referred leads enter at the last stage, so they skip every stage before it. Choose an earlier stage if they should pass those first.",
        "Doorverwezen leads komen binnen in de laatste fase en slaan dus alle fasen daarvoor over. Kies een eerdere fase als ze die eerst moeten doorlopen.";
    ReferralEntryStage => "Referred leads enter at", "Doorverwezen leads starten bij";
    EntryNoteTop => "Referred leads cannot start at the top stage, so they now start at", "Doorverwezen leads kunnen niet in de bovenste fase starten, dus ze starten nu bij";
    EntryNoteRemoved => "The stage where referred leads started is gone, so they now start at", "De fase waar doorverwezen leads startten, is weg, dus ze starten nu bij";
    EntryNoteWhere => "(you can change this under Flywheel).", "(dat kun je wijzigen onder Vliegwiel).";
    NoEntryStage => "No stage after the first (add one)", "Geen fase na de eerste (voeg er een toe)";
    RepeatRate => "Repeat purchases per customer per period", "Herhaalaankopen per klant per periode";
    Churn => "Churn per period", "Klantverloop per periode";
    DetractorChurn => "Churn of detractors per period", "Verloop van criticasters per periode";
    Reinvest => "Revenue reinvested in leads", "Omzet opnieuw geïnvesteerd in leads";
    // Short: during a run Cancel and the progress bar share Run's row, and a longer label put them on
    // a row of their own, which moved the page below by 4 to 28 px on a 390 px phone ("Run again (new
    // random numbers)"; "toevalsgetallen)" was also wider than a 320 px phone at 200% text). "Draws"
    // as in the rates' "Drawn per trial".
    Run => "Rerun (new draws)", "Opnieuw (nieuw toeval)";
    RunSameSeed => "Rerun (same draws)", "Opnieuw (zelfde toeval)";
    Cancel => "Cancel", "Annuleren";
    Progress => "Simulation progress", "Voortgang van de berekening";
    Starting => "Starting the simulation…", "De berekening start…";
    Running => "Simulating…", "Bezig met simuleren…";
    TimeLeftBefore => "about", "nog ongeveer";
    TimeLeftAfter => "left", "te gaan";
    TrialsDone => "trials done", "simulaties klaar";
    Cancelled => "Cancelled. The results show the trials finished so far.",
        "Geannuleerd. De resultaten tonen de simulaties die al klaar waren.";
    CancelledAfter => "Cancelled. The results show the trials finished so far:", "Geannuleerd. De resultaten tonen de simulaties die al klaar waren:";
    CancelledBefore => "Cancelled before any trial of your last change finished. The results shown are from before it; Rerun simulates the current inputs (with the same draws).",
        "Geannuleerd voordat er een simulatie van je laatste wijziging klaar was. De getoonde resultaten zijn van daarvoor; Opnieuw simuleert de huidige invoer (met hetzelfde toeval).";
    StaleCancelled => "These results are from before your last change, whose run was cancelled.", "Deze resultaten zijn van vóór je laatste wijziging, waarvan de berekening is geannuleerd.";
    Of => "of", "van";
    RunFailed => "The simulation failed:", "De berekening is mislukt:";
    MedianCustomers => "Median customers won", "Mediaan aantal gewonnen klanten";
    MedianRevenue => "Median revenue", "Mediane omzet";
    Funnel => "Funnel", "Trechter";
    Interval90 => "90% interval", "90%-interval";
    After => "after", "na";
    Months => "months", "maanden";
    HistogramApprox => "Above 100,000 trials the bars are drawn from an estimate that keeps each value within 1%, so neighbouring bars can differ in steps.", "Boven 100.000 simulaties komen de balken uit een schatting die elke waarde binnen 1% houdt, dus naburige balken kunnen trapsgewijs verschillen.";
    CompareHorizons => "The two scenarios end at different times, so this compares each at its own end:", "De twee scenario's eindigen op verschillende momenten, dus elk scenario wordt op zijn eigen eindpunt vergeleken:";
    CompareUnits => "A and B count in different periods. Every rate and every number of leads is per period, so the same numbers give the same results over a different span of time:", "A en B rekenen in verschillende perioden. Elk percentage en elk aantal leads geldt per periode, dus dezelfde getallen geven dezelfde uitkomsten over een andere tijdsspanne:";
    Weeks => "weeks", "weken";
    Month1 => "month", "maand";
    Week1 => "week", "week";
    Period => "Period", "Periode";
    Crossover => "Flywheel ahead by", "Vliegwiel loopt voor vanaf";
    InHalfTheFutures => "in half the futures; by the end in", "in de helft van de toekomsten; aan het eind in";
    OfThem => "of them", "ervan";
    FinalValues => "After the last period", "Na de laatste periode";
    Mean => "Mean", "Gemiddelde";
    MeanShort => "Mean", "Gem.";
    Median => "Median", "Mediaan";
    Analyses => "What-if analyses", "Wat-als-analyses";
    DownloadSvg => "Download as SVG", "Downloaden als SVG";
    DownloadPng => "Download as PNG (2× size)", "Downloaden als PNG (2× zo groot)";
    TourStart => "Take the tour", "Rondleiding";
    TourStep => "Step", "Stap";
    TourBack => "Back", "Terug";
    TourNext => "Next", "Volgende";
    TourDone => "Done", "Klaar";
    TourClose => "Close the tour", "Rondleiding sluiten";
    TourStagesTitle => "1. Your funnel, stage by stage", "1. Je trechter, fase voor fase";
    TourStagesText => "Each stage passes a share of its leads to the next one. Enter the rate you expect and how sure you are of it, or the counts you have observed; add, rename or reorder stages to match your own sales process.",
        "Elke fase geeft een deel van haar leads door aan de volgende. Vul het percentage in dat je verwacht en hoe zeker je daarvan bent, of de aantallen die je hebt gezien; voeg fasen toe, hernoem of verschuif ze zodat ze bij je eigen verkoopproces passen.";
    TourGeneralTitle => "2. Leads, time and money", "2. Leads, tijd en geld";
    TourGeneralText => "How many new leads arrive per period, over how many weeks or months, what a sale brings in and what a lead costs. The number of trials sets how many possible futures are simulated.",
        "Hoeveel nieuwe leads er per periode binnenkomen, over hoeveel weken of maanden, wat een verkoop oplevert en wat een lead kost. Het aantal simulaties bepaalt hoeveel mogelijke toekomsten er worden doorgerekend.";
    TourFlywheelTitle => "3. The flywheel", "3. Het vliegwiel";
    TourFlywheelText => "In the flywheel, customers keep the wheel turning: promoters refer new leads, customers buy again, and part of the revenue buys extra leads. With referrals, repeat purchases and reinvestment at zero, the flywheel is the same as the funnel.",
        "In het vliegwiel houden klanten het wiel draaiende: promotors brengen nieuwe leads aan, klanten kopen opnieuw en een deel van de omzet koopt extra leads. Staan doorverwijzingen, herhaalaankopen en herinvestering op nul, dan is het vliegwiel gelijk aan de trechter.";
    TourBandsTitle => "4. Reading the bands", "4. De banden lezen";
    TourBandsText => "The line is the median; in each period the dark band holds half of the simulated futures and the light band nine in ten. A wide band means an uncertain outcome. The marker shows by which period the flywheel is ahead of the funnel in half of the futures.",
        "De lijn is de mediaan; per periode bevat de donkere band de helft van de gesimuleerde toekomsten en de lichte band negen op de tien. Een brede band betekent een onzekere uitkomst. De markering laat zien vanaf welke periode het vliegwiel in de helft van de toekomsten voorloopt op de trechter.";
    TourLeverTitle => "5. Find the bottleneck", "5. Vind het knelpunt";
    TourLeverText => "The chart “Extra customers when one stage improves” shows which stage gains you the most customers when you improve it a little. Start with that stage, unless a point is much easier to win elsewhere, then test the change against your current plan.",
        "De grafiek “Extra klanten als één fase beter wordt” laat zien welke fase je de meeste klanten oplevert als je haar een beetje verbetert. Begin bij die fase, tenzij je elders veel makkelijker een procentpunt wint, en vergelijk de wijziging daarna met je huidige plan.";
    TourShareTitle => "6. Share it", "6. Deel het";
    TourShareText => "Copy a link that reopens exactly this scenario, embed it in a blog or webinar page, or download the numbers for a spreadsheet.",
        "Kopieer een link die precies dit scenario opent, sluit het in op een blog- of webinarpagina, of download de cijfers voor een spreadsheet.";
    OpenInFunnelLab => "Open in Funnel Lab", "Openen in Funnel Lab";
    EmbedReset => "Back to the original", "Terug naar het origineel";
    OpensNewTab => "(opens in a new tab)", "(opent in een nieuw tabblad)";
    Embed => "Embed in your page", "In je eigen pagina insluiten";
    ShareNamed => "The files, the embed and the page's title are named after this scenario:", "De bestanden, de ingesloten pagina en de paginatitel dragen de naam van dit scenario:";
    ShareRename => "To rename it, save it under another name in Saved scenarios.", "Sla het onder een andere naam op bij Opgeslagen scenario's om het een nieuwe naam te geven.";
    EmbedHint => "Paste the code into your blog or webinar page. The frame shows this scenario; visitors' changes stay in the frame and never touch your page.",
        "Plak de code in je blog- of webinarpagina. Het kader toont dit scenario; wijzigingen van bezoekers blijven in het kader en raken je pagina niet.";
    EmbedWidth => "Width (px or %)", "Breedte (px of %)";
    EmbedHeight => "Height (px)", "Hoogte (px)";
    EmbedWidthInvalid => "Enter a width in pixels from 320 to 10,000 (such as 800) or a percentage from 1% to 100% (such as 100%).",
        "Vul een breedte in pixels in van 320 tot en met 10.000 (zoals 800) of een percentage van 1% tot en met 100% (zoals 100%).";
    EmbedHeightInvalid => "Enter a height in pixels, from 100 to 10,000 (such as 900).",
        "Vul een hoogte in pixels in, van 100 tot en met 10.000 (zoals 900).";
    EmbedEditable => "Show the inputs (readers can change them)", "Toon de invoer (lezers kunnen die aanpassen)";
    EmbedMainInputs => "Only the main inputs (each stage's rate, new leads, revenue per purchase)", "Alleen de belangrijkste invoer (het percentage van elke fase, nieuwe leads, omzet per aankoop)";
    EmbedFlow => "Show the flow view", "Toon de stroomweergave";
    EmbedAnalyses => "Show the what-if analyses", "Toon de wat-als-analyses";
    EmbedCode => "Code for the frame", "Code voor het kader";
    EmbedResize => "Recommended: add this once to your page so frames grow to fit their content (without it, a frame keeps the height above and scrolls inside)", "Aanbevolen: zet dit één keer in je pagina, dan groeien kaders mee met hun inhoud (zonder dit behoudt een kader de hoogte hierboven en scrolt de inhoud binnen het kader)";
    SharedLinkInvalid => "This shared link could not be read, so your own scenario is shown", "Deze gedeelde link kon niet worden gelezen, dus je eigen scenario wordt getoond";
    EmbedLinkInvalid => "This embedded scenario's link could not be read, so the default scenario is shown", "De link van dit ingesloten scenario kon niet worden gelezen, dus het standaardscenario wordt getoond";
    SharedLinkLoaded => "This scenario came from a shared link and replaced your working scenario.",
        "Dit scenario komt uit een gedeelde link en heeft je werkscenario vervangen.";
    SharedLinkOpened => "This scenario came from a shared link.", "Dit scenario komt uit een gedeelde link.";
    PreviousKept => "Your working scenario from before the last link, file, preset or saved scenario you opened is still kept.",
        "Je werkscenario van vóór de laatste link, het laatste bestand, leervoorbeeld of opgeslagen scenario dat je opende, is nog bewaard.";
    PresetLoaded => "The preset replaced your working scenario.", "Het leervoorbeeld heeft je werkscenario vervangen.";
    SavedLoaded => "Your working scenario was replaced by the saved scenario", "Je werkscenario is vervangen door het opgeslagen scenario";
    Restored => "Your previous working scenario is back.", "Je vorige werkscenario is terug.";
    FromHistory => "The scenario you had at this point in the tab's history (Back or Forward).", "Het scenario dat je op dit punt in de geschiedenis van dit tabblad had (Terug of Vooruit).";
    RestorePrevious => "Restore my previous scenario", "Zet mijn vorige scenario terug";
    ImportIsResults => "this is one of the results tables (.csv), which cannot be read back; import the Scenario file (.json) or the Summary (.json)",
        "dit is een van de resultatentabellen (.csv), die niet terug te lezen zijn; importeer het Scenariobestand (.json) of de Samenvatting (.json)";
    ImportFailed => "The file is not a valid scenario; nothing was changed", "Het bestand is geen geldig scenario; er is niets veranderd";
    Imported => "The scenario file was imported and replaced your working scenario.", "Het scenariobestand is geïmporteerd en heeft je werkscenario vervangen.";
    ShareExport => "Share and export", "Delen en exporteren";
    CopyLink => "Copy link", "Link kopiëren";
    NotKept => "This browser did not let Funnel Lab keep your changes (its storage is blocked or full): what you change or save on this page may be gone when it closes. Keep your work with Copy link or a Scenario file (.json).", "Deze browser liet Funnel Lab je wijzigingen niet bewaren (de opslag is geblokkeerd of vol): wat je op deze pagina wijzigt of opslaat, kan weg zijn als je haar sluit. Bewaar je werk met Link kopiëren of een Scenariobestand (.json).";
    CopyCode => "Copy code", "Code kopiëren";
    CodeCopied => "Copied. Paste it into your page's HTML.", "Gekopieerd. Plak de code in de HTML van je pagina.";
    CodeByHand => "The browser did not allow copying: the code is selected, copy it with Ctrl+C (⌘C on a Mac).",
        "De browser stond kopiëren niet toe: de code is geselecteerd, kopieer hem met Ctrl+C (⌘C op een Mac).";
    LinkCopied => "Link copied. Anyone who opens it sees this scenario with the same seed, so the same results.",
        "Link gekopieerd. Wie hem opent, ziet dit scenario met dezelfde seed, dus dezelfde resultaten.";
    LinkShown => "Copy the link from this field:", "Kopieer de link uit dit veld:";
    LinkShownTarget => "Copy the link from this field; it also opens with your target question asked:", "Kopieer de link uit dit veld; hij opent ook met je doelvraag al gesteld:";
    IncludeTarget => "Include the target question asked in the Target panel (in the link and in the embed code)", "Met de doelvraag uit het paneel Doel erbij (in de link en in de code om in te sluiten)";
    EmbedWithTarget => "With the analyses, the embed opens with the target question asked.", "Met de analyses opent het ingesloten kader met de doelvraag al gesteld.";
    LinkWithTarget => "It also opens with your target question asked.", "Hij opent ook met je doelvraag al gesteld.";
    IncludeCompare => "Include the comparison of A and B from Compare two scenarios (the link carries the other scenario too)", "Met de vergelijking van A en B uit Twee scenario's vergelijken erbij (de link neemt het andere scenario ook mee)";
    LinkWithCompare => "It also opens with your comparison of A and B.", "Hij brengt ook je vergelijking van A en B mee.";
    LinkShownWith => "Copy the link from this field; it also opens with what is ticked above:", "Kopieer de link uit dit veld; hij opent ook met wat hierboven is aangevinkt:";
    SharedCompareSaved => "It brings a comparison, shown under Compare two scenarios; its other scenario is saved as", "Hij brengt een vergelijking mee, te zien bij Twee scenario's vergelijken; het andere scenario is opgeslagen als";
    ShareLinkLabel => "Link to this scenario", "Link naar dit scenario";
    DownloadScenario => "Scenario file (.json)", "Scenariobestand (.json)";
    DownloadPeriodsCsv => "Results per period (.csv)", "Resultaten per periode (.csv)";
    DownloadStagesCsv => "Results per stage (.csv)", "Resultaten per fase (.csv)";
    DownloadSummary => "Summary (.json)", "Samenvatting (.json)";
    ImportScenario => "Import a scenario file (.json)", "Scenariobestand importeren (.json)";
    Downloads => "Download", "Downloaden";
    BottlenecksTitle => "Bottlenecks: which stage to improve first", "Knelpunten: welke fase je eerst verbetert";
    BottlenecksHint => "Each stage's rate is raised in turn. For every simulated future (its drawn rates and new leads) the expected customers are worked out again with that stage raised, so a difference is the effect of that change alone, with no new chance in it.",
        "Het percentage van elke fase wordt om de beurt verhoogd. Voor elke gesimuleerde toekomst (met zijn getrokken percentages en nieuwe leads) wordt het verwachte aantal klanten opnieuw berekend met het verhoogde percentage van die fase, zodat een verschil alleen door die wijziging komt, zonder nieuw toeval.";
    PlusOnePoint => "+1 percentage point", "+1 procentpunt";
    PlusTenPercent => "+10% relative", "+10% relatief";
    GainMeanInterval => "mean (90% interval)", "gemiddeld (90%-interval)";
    ProbabilityBest => "Chance it is the best lever (+1 point)", "Kans dat dit de beste hefboom is (+1 punt)";
    LeverTenEqual => "Relative to their rates (+10%), every stage adds about the same, and so would 10% more new leads, because the leads and the stages' rates are multiplied together: +1 point counts most where the rate is lowest. So start where a point is easiest to win.",
        "Gemeten naar hun percentage (+10%) levert elke fase ongeveer hetzelfde op, en 10% meer nieuwe leads ook, omdat de leads en de percentages van de fasen met elkaar worden vermenigvuldigd: +1 procentpunt telt het meest waar het percentage het laagst is. Begin dus waar een procentpunt het makkelijkst te winnen is.";
    BestLever => "Best lever", "Beste hefboom";
    CustomersWord => "customers", "klanten";
    GainInCustomers => "Extra customers at the end (funnel)", "Extra klanten aan het einde (trechter)";
    TornadoTitle => "Extra customers when one stage improves", "Extra klanten als één fase beter wordt";
    // (Under the chart only: its table shows the same as columns.)
    TornadoBars => "Bars: mean gain; lines: the gain in 90% of trials. Upper bar of each stage: +1 percentage point; lower bar: +10% relative.", "Balken: gemiddelde toename; lijnen: de toename in 90% van de simulaties. Bovenste balk per fase: +1 procentpunt; onderste balk: +10% relatief.";
    // Then what +10% relative gives (with segments it is not +10% on each segment's rate: a founder's
    // Subscribe gained 58 against 47 elsewhere, under a caption saying "about the same").
    TornadoCaption => "The best lever is on top. Each gain is the expected extra customers given one simulated future's rates and new leads, so the lines show how much the gain depends on what is uncertain (the rates, the flow of leads), not on luck.",
        "De beste hefboom staat bovenaan. Elke toename is het verwachte aantal extra klanten bij de percentages en nieuwe leads van één gesimuleerde toekomst, dus de lijnen tonen hoe sterk de toename afhangt van wat onzeker is (de percentages, de instroom van leads), niet van toeval.";
    TornadoMultiply => "The stages multiply, so +10% relative at any stage adds about the same (less where leads open at the start enter below it); +1 point adds most where the rate is lowest.",
        "De fasen vermenigvuldigen elkaar, dus +10% relatief levert in elke fase ongeveer evenveel op (minder bij een fase boven die waar de leads instromen die bij de start al openstaan); +1 punt levert het meest op waar het percentage het laagst is.";
    TornadoSegments => "With segments, +10% on a stage's rate raises each segment's rate there through its odds factor, by more where that rate is low, so the +10% bars can differ; +1 point adds most where the rate is lowest.",
        "Met segmenten verhoogt +10% op het percentage van een fase het percentage van elk segment daar via zijn factor op de kansverhouding, en meer naarmate dat percentage lager is, dus de balken van +10% kunnen verschillen; +1 punt levert het meest op waar het percentage het laagst is.";
    Computing => "Computing…", "Bezig met berekenen…";
    AnalysisProgress => "Share of the trials analysed", "Deel van de simulaties geanalyseerd";
    StopAnalysis => "Stop", "Stoppen";
    AnalysisStopped => "Stopped before it finished.", "Gestopt voordat het klaar was.";
    ComputeAgain => "Compute again", "Opnieuw berekenen";
    DownloadsWaitForEnd => "The results' downloads wait for the simulation to finish.", "De downloads van de resultaten wachten tot de berekening klaar is.";
    DownloadsWaitForRun => "The results' downloads wait for a simulation that has finished: the last one was cancelled (Rerun).", "De downloads van de resultaten wachten op een berekening die klaar is: de laatste is geannuleerd (Opnieuw).";
    WaitingForRun => "Appears when the simulation has finished.", "Verschijnt zodra de berekening klaar is.";
    WaitingAfterCancel => "The simulation was cancelled: this appears once a run of these inputs has finished (Rerun).", "De berekening is geannuleerd: dit verschijnt zodra een berekening van deze invoer klaar is (Opnieuw).";
    AnswerBeforeCancel => "This answer is for the inputs before your last change: the simulation was cancelled. Rerun to compute it for these inputs.", "Dit antwoord hoort bij de invoer van vóór je laatste wijziging: de berekening is geannuleerd. Klik op Opnieuw om het voor deze invoer te berekenen.";
    AnswerWaits => "This answer is for the previous inputs: it is computed again when the simulation has finished.", "Dit antwoord hoort bij de vorige invoer: het wordt opnieuw berekend zodra de berekening klaar is.";
    FixInputsFirst => "First fix the input marked in red (its message is under it).", "Verbeter eerst het rood gemarkeerde invoerveld (de melding staat eronder).";
    AnalysisFailed => "The analysis failed:", "De analyse is mislukt:";
    TargetTitle => "Target: the chance to reach a goal in time", "Doel: de kans om een doel op tijd te halen";
    TargetValue => "Target value", "Doelwaarde";
    TargetBy => "By the end of period", "Uiterlijk aan het einde van periode";
    TargetMetricLabel => "Goal", "Soort doel";
    TargetRevenue => "Cumulative revenue (€)", "Cumulatieve omzet (€)";
    TargetCustomers => "Cumulative customers", "Cumulatief aantal klanten";
    TargetActive => "Customers still active", "Actieve klanten";
    TargetNetHint => "A target of 0 gives the chance to have broken even by then and to stay at or above break-even to the last period: to have earned back everything spent. A negative target is a loss you do not want to exceed.", "Een doel van 0 geeft de kans om uiterlijk dan quitte te spelen en daarna tot de laatste periode niet meer onder nul te zakken: alles wat is uitgegeven terugverdiend. Een negatief doel is een verlies dat je niet wilt overschrijden.";
    NetRareHigher => "Its average can still end higher: a few very good futures pull it up.", "Zijn gemiddelde kan toch hoger eindigen: een paar heel goede toekomsten trekken het omhoog.";
    TargetFunnelKeeps => "The funnel model has no churn: it keeps every customer it wins, so its customers still active are its customers won. Choose the flywheel to count churn.",
        "Het trechtermodel kent geen klantverloop: het houdt elke klant die het wint, dus daar zijn de actieve klanten de gewonnen klanten. Kies het vliegwiel om verloop mee te tellen.";
    Compute => "Compute", "Berekenen";
    TargetProbability => "Chance to reach it", "Kans om het te halen";
    TargetMedianPeriod => "Median period in which it is first reached (within the whole horizon)", "Mediane periode waarin het voor het eerst wordt gehaald (binnen alle gesimuleerde perioden)";
    TargetNever => "none (in most futures it is never reached)", "geen (in de meeste simulaties wordt het nooit gehaald)";
    TargetInvalidValue => "Enter a target of 0 or more.", "Vul een doel van 0 of meer in.";
    TargetInvalidPeriod => "Enter a whole period from 1 to", "Vul een periodenummer in van 1 tot en met";
    CompareTitle => "Compare two scenarios (A against B)", "Twee scenario's vergelijken (A tegen B)";
    CompareHint => "B runs with A's seed and number of trials, as if the same leads met both, so the difference is the effect of your change alone: a higher rate (at the same certainty) or more leads never puts B behind in customers in any trial. B's figures can therefore differ a little from those of its own run.",
        "B wordt doorgerekend met de startwaarde en het aantal simulaties van A, alsof dezelfde leads beide tegenkomen, zodat het verschil alleen het effect van je wijziging is: een hoger percentage (bij dezelfde zekerheid) of meer leads zet B in geen enkele simulatie achter in klanten. De cijfers van B kunnen daardoor iets afwijken van die van zijn eigen berekening.";
    CompareStart => "Save a scenario first, or use Test a change.", "Sla eerst een scenario op, of gebruik Wijziging testen.";
    CompareStartEmbed => "Start with Test a change.", "Begin met Wijziging testen.";
    ScenarioA => "A (baseline)", "A (uitgangspunt)";
    ScenarioB => "B (the change)", "B (de wijziging)";
    CurrentScenario => "Current (being edited)", "Huidig (in bewerking)";
    BeingEdited => "current scenario, being edited", "huidig scenario, in bewerking";
    CompareButton => "Compare", "Vergelijken";
    TestAChange => "Test a change", "Wijziging testen";
    TestAChangeDone => "The current scenario is saved as A. Now change any input: B is your working scenario, and the comparison follows your edits.",
        "Het huidige scenario is opgeslagen als A. Wijzig nu een invoer: B is je werkscenario, en de vergelijking volgt je wijzigingen.";
    TestAChangeKept => "The earlier copy keeps its name, so this one is numbered.", "De eerdere kopie houdt haar naam, dus deze krijgt een nummer.";
    TestAChangeBack => "To go back, load A under Saved scenarios.", "Terug naar het begin: laad A bij Opgeslagen scenario's.";
    BeforeSuffix => "before", "uitgangspunt";
    ChangedSuffix => "changed", "gewijzigd";
    PBeatsA => "Chance that B beats A", "Kans dat B beter is dan A";
    MeanDifference => "Mean difference (B\u{a0}−\u{a0}A)", "Gemiddeld verschil (B\u{a0}−\u{a0}A)";
    Quantity => "Outcome", "Uitkomst";
    PercentileNote => "p5 and p95: 5% of the simulated futures end below p5 and 5% above p95, so nine in ten end between them. The median is the middle one; the mean is the average, which a few very good or very bad futures can pull away from the median.",
        "p5 en p95: 5% van de gesimuleerde toekomsten eindigt onder p5 en 5% boven p95, dus negen op de tien eindigen ertussen. De mediaan is de middelste; het gemiddelde kan door een paar heel goede of heel slechte toekomsten van de mediaan afwijken.";
    DifferenceChartTitle => "Difference in final customers, funnel (B − A)", "Verschil in klanten aan het einde, trechter (B − A)";
    DifferenceChartTitleFly => "Difference in final customers, flywheel (B − A)", "Verschil in klanten aan het einde, vliegwiel (B − A)";
    DifferenceAxis => "B − A, customers", "B − A, klanten";
    DifferenceAxisMoney => "B − A (€)", "B − A (€)";
    DifferenceChartTitleActive => "Difference in customers still active at the end, flywheel (B − A)", "Verschil in actieve klanten aan het einde, vliegwiel (B − A)";
    DifferenceChartTitleRevenue => "Difference in final revenue, funnel (B − A)", "Verschil in omzet aan het einde, trechter (B − A)";
    DifferenceChartTitleRevenueFly => "Difference in final revenue, flywheel (B − A)", "Verschil in omzet aan het einde, vliegwiel (B − A)";
    DifferenceChartTitleProfit => "Difference in revenue minus spend, funnel (B − A)", "Verschil in omzet min uitgaven, trechter (B − A)";
    DifferenceChartTitleProfitFly => "Difference in revenue minus spend, flywheel (B − A)", "Verschil in omzet min uitgaven, vliegwiel (B − A)";
    LevelIn => "tied in", "gelijk in";
    SameEveryTrial => "equal in every trial", "in elke simulatie gelijk";
    ChooseTwo => "Choose two different scenarios.", "Kies twee verschillende scenario's.";
    CompareGone => "is no longer among the saved scenarios: the current scenario takes its place.", "staat niet meer bij de opgeslagen scenario's: het huidige scenario neemt de plaats ervan in.";
    FunnelCustomers => "Customers won, funnel", "Gewonnen klanten, trechter";
    FlywheelCustomers => "Customers won, flywheel", "Gewonnen klanten, vliegwiel";
    FlywheelActive => "Still customers, flywheel", "Actieve klanten, vliegwiel";
    FunnelRevenue => "Total revenue, funnel", "Totale omzet, trechter";
    FlywheelRevenue => "Total revenue, flywheel", "Totale omzet, vliegwiel";
    FunnelProfit => "Revenue minus spend, funnel", "Omzet min uitgaven, trechter";
    FlywheelProfit => "Revenue minus spend, flywheel", "Omzet min uitgaven, vliegwiel";
    FunnelChartTitle => "Leads entering each stage over the horizon (funnel)", "Leads per fase over alle perioden (trechter)";
    // (Under the chart only, as the tornado's.)
    FunnelChartBars => "Bars show the median, whiskers the 90% interval.", "Balken tonen de mediaan, lijnen het 90%-interval.";
    FunnelChartNote => "The percentage is the share of the stage's leads that went on to the next stage (at the last stage: bought) by the end of the horizon, from the averages over all trials: the stage's own rate, less the leads still waiting there after a delay when the horizon ends. The stage with the lowest share loses the largest part of its leads.",
        "Het percentage is het deel van de leads van de fase dat uiterlijk aan het einde van de laatste periode was doorgegaan naar de volgende fase (bij de laatste fase: kocht), berekend uit de gemiddelden over alle simulaties: de eigen conversie van de fase, min de leads die daar na een vertraging aan het einde nog wachten. De fase met het laagste deel verliest het grootste deel van haar leads.";
    PctWentOn => "#% go on", "#% gaat door";
    PctBought => "#% buy", "#% koopt";
    NoLeads => "no leads", "geen leads";
    CustomersOverTime => "Cumulative customers over time", "Cumulatief aantal klanten in de tijd";
    LinesCoincide => "Here the flywheel wins no customers beyond the funnel's (no referred leads and no reinvested revenue came in), so its line and bands lie on top of the funnel's.", "Hier wint het vliegwiel geen klanten bovenop die van de trechter (er kwamen geen doorverwezen leads en geen opnieuw geïnvesteerde omzet bij), dus liggen zijn lijn en banden precies over die van de trechter.";
    RepeatInRevenue => "Its repeat purchases show in the revenue.", "Zijn herhaalaankopen zie je in de omzet.";
    ActiveOverTime => "Customers still active over time", "Actieve klanten in de tijd";
    ActiveCaption => "The customers at the end of each period. The funnel keeps every customer it wins. The flywheel also counts its customers at the start, and loses some to churn; its loop may win others.", "De klanten aan het eind van elke periode. De trechter houdt elke klant die hij wint. Het vliegwiel telt ook zijn klanten bij de start mee, en verliest er een deel door klantverloop; zijn lus kan er andere bij winnen.";
    RevenueOverTime => "Cumulative revenue over time", "Cumulatieve omzet in de tijd";
    NetOverTime => "Revenue minus spend over time", "Omzet min uitgaven in de tijd";
    NetEur => "Revenue minus spend so far (€)", "Omzet min uitgaven tot dan toe (€)";
    TargetNet => "Revenue minus spend (€)", "Omzet min uitgaven (€)";
    FunnelAverage => "Funnel (average)", "Trechter (gemiddeld)";
    FlywheelAverage => "Flywheel (average)", "Vliegwiel (gemiddeld)";
    NetAhead => "Flywheel keeps more than the funnel from", "Vliegwiel houdt meer over dan de trechter vanaf";
    NetCaption => "Lines: the average over all simulated futures of everything earned minus everything spent so far (an average, not the median of the charts above). The flywheel spends part of its revenue on extra leads, who buy some periods later or not at all, so it can trail the funnel until its loop brings in more than it costs. Whether a model makes a profit shows at the €0 line.",
        "Lijnen: het gemiddelde over alle gesimuleerde toekomsten van alles wat tot dan toe is verdiend, min alles wat is uitgegeven (een gemiddelde, niet de mediaan van de grafieken hierboven). Het vliegwiel besteedt een deel van zijn omzet aan extra leads, die pas een aantal perioden later kopen of helemaal niet, dus het kan achterblijven bij de trechter tot zijn lus meer oplevert dan hij kost. Of een model winst maakt, zie je aan de lijn van € 0.";
    NetMarkerNote => "The marker is the median, over the futures, of the period from which the flywheel keeps more than the funnel to the end. A few very good futures pull the flywheel's average up, so the lines can cross earlier than the marker.",
        "De markering is de mediaan, over de toekomsten, van de periode vanaf wanneer het vliegwiel tot het eind meer overhoudt dan de trechter. Een paar heel goede toekomsten trekken het gemiddelde van het vliegwiel omhoog, dus de lijnen kunnen eerder kruisen dan de markering.";
    NetRare => "The flywheel keeps more than the funnel by the end in only", "Het vliegwiel houdt aan het eind maar in";
    NetRareEnd => "of the futures.", "van de toekomsten meer over dan de trechter.";
    NetNever => "In none of the futures does the flywheel keep more than the funnel by the end.", "In geen enkele toekomst houdt het vliegwiel aan het eind meer over dan de trechter.";
    NetCoincide => "Without a loop the flywheel equals the funnel here: the lines lie on top of each other.", "Zonder lus is het vliegwiel hier gelijk aan de trechter: de lijnen liggen over elkaar.";
    NetBase => "The flywheel's customers at the start bring it revenue from the first period on; the funnel has none of them.", "De klanten bij de start leveren het vliegwiel vanaf de eerste periode omzet op; de trechter heeft ze niet.";
    Customers => "Customers", "Klanten";
    RevenueEur => "Revenue (€)", "Omzet (€)";
    FinalCustomersHistogram => "Customers won by the end, across trials (funnel)", "Gewonnen klanten aan het einde, over alle simulaties (trechter)";
    FinalRevenueHistogram => "Total revenue across trials (funnel)", "Totale omzet over alle perioden, per simulatie (trechter)";
    FinalCustomersHistogramFly => "Customers won by the end, across trials (flywheel)", "Gewonnen klanten aan het einde, over alle simulaties (vliegwiel)";
    FinalRevenueHistogramFly => "Total revenue across trials (flywheel)", "Totale omzet over alle perioden, per simulatie (vliegwiel)";
    HistogramModel => "Histograms for", "Histogrammen voor";
    ShowAsTable => "Show as table", "Als tabel tonen";
    ShowAsChart => "Show as chart", "Als grafiek tonen";
    AtTheEnd => "at the end", "aan het einde";
    BandsNote => "Light band: 90% of trials; dark band: middle 50%; line: median.",
        "Lichte band: 90% van de simulaties; donkere band: middelste 50%; lijn: mediaan.";
    TrialsCount => "Trials", "Simulaties";
    TrialsWord => "trials", "simulaties";
    TrialWord => "trial", "simulatie";
    StagesMax => "A funnel has at most 20 stages.", "Een trechter heeft hoogstens 20 fasen.";
    StagesMin => "A funnel needs at least one stage, so this one cannot be removed.", "Een trechter heeft minstens één fase nodig, dus deze kan niet weg.";
    SegmentsMax => "A scenario has at most 8 segments.", "Een scenario heeft hoogstens 8 segmenten.";
    CompareSame => "A and B give the same result in every trial, so there is no difference to show yet. Change an input of the working scenario (the comparison follows it), or choose other scenarios.", "A en B geven in elke simulatie dezelfde uitkomst, dus er is nog geen verschil te tonen. Wijzig een invoer van het werkscenario (de vergelijking volgt die), of kies andere scenario's.";
    OffChart => "Off the chart:", "Buiten de grafiek:";
    Below => "below", "onder";
    Above => "above", "boven";
    DownTo => "down to", "tot";
    UpTo => "up to", "tot";
    From => "From", "Van";
    To => "To", "Tot";
    Stage => "Stage", "Fase";
    WentOnColumn => "Went on (of the averages)", "Ging door (van de gemiddelden)";
    StoredScenarioReset => "The scenario saved in this browser could not be read, so the default scenario was loaded.",
        "Het scenario dat in deze browser was bewaard, kon niet worden gelezen; het standaardscenario is geladen.";
    Dismiss => "Dismiss", "Sluiten";
    Presets => "Presets that teach", "Leervoorbeelden";
    Copy => "copy", "kopie";
    SavedScenarios => "Saved scenarios", "Opgeslagen scenario's";
    SavedHint => "Save the current inputs under a name to come back to them or compare them later. They stay in this browser.",
        "Sla de huidige invoer onder een naam op om er later naar terug te gaan of ze te vergelijken. Ze blijven in deze browser.";
    ScenarioName => "Scenario name", "Naam van het scenario";
    Save => "Save", "Opslaan";
    Load => "Load", "Laden";
    Duplicate => "Duplicate", "Dupliceren";
    Delete => "Delete", "Verwijderen";
    RenameTo => "Rename", "Hernoemen";
    NothingSaved => "Nothing saved yet.", "Nog niets opgeslagen.";
    SavedScenariosReset => "The saved scenarios in this browser could not be read and were removed.",
        "De opgeslagen scenario's in deze browser konden niet worden gelezen en zijn verwijderd.";
    FlowTitle => "Watch one simulated future", "Bekijk één gesimuleerde toekomst";
    FlowHint => "Leads of one simulated trial, period by period: dots that move on, wait, or drop out at each stage. At a stage with a delay, leads waiting from before move on too; leads drop out only as they enter. Press Play or step through the periods.",
        "Leads van één simulatie, periode na periode: stippen die doorgaan, wachten of afvallen in elke fase. In een fase met vertraging gaan ook leads door die al wachtten; leads vallen alleen af bij binnenkomst. Druk op Afspelen of loop stap voor stap door de perioden.";
    FlowDotIs => "One dot is", "Eén stip is";
    FlowDotSmaller => "; a smaller dot, fewer.", "; een kleinere stip, minder.";
    FlowOfWhichReferred => "of which referred", "waarvan doorverwezen";
    FlowEntered => "entered", "binnengekomen";
    FlowWaitedBefore => "waiting from before", "wachtte al";
    FlowMovedOn => "moved on", "doorgegaan";
    FlowBought => "bought", "gekocht";
    FlowDropped => "dropped out", "afgevallen";
    FlowWaiting => "waiting", "wachtend";
    FlowReferred => "referred in", "doorverwezen";
    Model => "Model", "Model";
    FlowNewLeads => "new leads", "nieuwe leads";
    FlowPurchases => "purchases", "aankopen";
    FlowCustomersSoFar => "customers so far", "klanten tot nu toe";
    Play => "Play", "Afspelen";
    Pause => "Pause", "Pauzeren";
    StepBack => "Back", "Terug";
    StepForward => "Step", "Stap";
    MixAs => "Enter the customer mix as", "Klantenmix invoeren als";
    MixShares => "Three shares", "Drie percentages";
    MixNps => "An NPS score", "Een NPS-score";
    NpsScore => "NPS score", "NPS-score";
    Segments => "Customer segments", "Klantsegmenten";
    SegmentsHint => "Split new leads into groups that convert differently, such as small firms and large firms. Each segment gets a share of the new leads and, per stage, a factor on its conversion odds: 1 means the same as the stage's rate, 2 twice the odds, 0.5 half.",
        "Verdeel nieuwe leads in groepen die verschillend converteren, zoals kleine en grote bedrijven. Elk segment krijgt een deel van de nieuwe leads en per fase een factor op de kansverhouding (odds) om te converteren: 1 betekent gelijk aan het percentage van de fase, 2 een twee keer zo grote kansverhouding, 0,5 een half zo grote.";
    NoSegments => "No segments: every lead follows the stages' rates.", "Geen segmenten: elke lead volgt de percentages van de fasen.";
    AddSegment => "Add a segment", "Segment toevoegen";
    RemoveSegment => "Remove segment:", "Segment verwijderen:";
    SegmentDefault => "Segment", "Segment";
    SegmentShare => "Share of new leads", "Aandeel van nieuwe leads";
    SegmentOdds => "Conversion odds factor per stage", "Factor op de kansverhouding per fase";
    SegmentRateAbout => "rate about", "conversie ca.";
    SegmentEstimates => "Per segment the median and the interval are estimates within 1%, so they can differ a little from the totals above.",
        "Per segment zijn de mediaan en het interval schattingen tot op 1%, dus ze kunnen iets afwijken van de totalen hierboven.";
    CustomersBySegment => "Customers per segment at the end of the horizon",
        "Klanten per segment na de laatste periode";
    SegmentFunnelColumn => "Funnel: median (90% interval)", "Trechter: mediaan (90%-interval)";
    SegmentFlywheelColumn => "Flywheel: median (90% interval)", "Vliegwiel: mediaan (90%-interval)";
    ShareOfCustomers => "Share of the mean (funnel / flywheel)", "Aandeel in het gemiddelde (trechter / vliegwiel)";
    InfoAbout => "Explain:", "Uitleg bij";
    HelpArrivals => "How many new people enter the first stage each period, on average (in the first period, when the number grows). How much the actual number varies around it is set just below.",
        "Hoeveel nieuwe mensen gemiddeld per periode de eerste fase binnenkomen (in de eerste periode, als het aantal groeit). Hoeveel het werkelijke aantal daaromheen varieert, stel je hieronder in.";
    HelpArrivalVariation => "Real traffic is never the same twice. Poisson varies it as independent visitors would (about ±√mean). 'More' adds peaks and dips (busy and quiet periods: campaigns, seasons): the mean itself varies from period to period. 'None' brings the mean every period, rounded to whole leads (12.5 brings 13; with growth, the rounded mean of that period).",
        "Echt verkeer is nooit twee keer hetzelfde. Poisson laat het variëren zoals losse bezoekers dat doen (ongeveer ±√gemiddelde). 'Meer' voegt drukke en rustige perioden toe (campagnes, seizoenen): het gemiddelde zelf verschilt per periode. 'Geen' brengt elke periode het gemiddelde, afgerond op hele leads (12,5 brengt 13; met groei het afgeronde gemiddelde van die periode).";
    HelpDispersion => "How steady the traffic is when it varies more than Poisson: the shape of the gamma distribution that the period's mean is drawn from. Lower means busier and quieter periods (1: the mean varies by about 100%; 10: by about 30%); very high comes back to Poisson.",
        "Hoe stabiel het verkeer is als het meer varieert dan Poisson: de vorm van de gammaverdeling waaruit het gemiddelde van de periode wordt getrokken. Lager betekent drukkere en rustigere perioden (1: het gemiddelde varieert ongeveer 100%; 10: ongeveer 30%); heel hoog komt neer op Poisson.";
    HelpGrowth => "How much the mean number of new leads grows (or, below 0, shrinks) each period, compounded: at 1% a month, the 24th month's mean is about 26% above the first's.",
        "Hoeveel het gemiddelde aantal nieuwe leads elke periode groeit (of, onder 0, krimpt), samengesteld (zoals rente op rente): bij 1% per maand ligt het gemiddelde in maand 24 ongeveer 26% boven dat van maand 1.";
    HelpFixedBudget => "Spend per period that does not depend on the number of leads (tools, salaries, content). It is added to the spend of both models.",
        "Uitgaven per periode die niet van het aantal leads afhangen (tools, salarissen, content). Ze tellen mee in de uitgaven van beide modellen.";
    HelpCorrelation => "From 0 to 0.999: how much the stages' uncertain rates move together in one simulated future. 0: each stage is better or worse than expected on its own. Towards 1: a good future is good at every stage (a strong product or market), which widens the spread of the results.",
        "Van 0 tot 0,999: hoe sterk de onzekere percentages van de fasen samen bewegen in één gesimuleerde toekomst. 0: elke fase valt los van de andere mee of tegen. Richting 1: een goede toekomst is goed in elke fase (een sterk product of een sterke markt), waardoor de uitkomsten verder uiteenlopen.";
    HelpPeriods => "How far ahead to simulate, in periods (1 to 520).", "Hoe ver vooruit er gesimuleerd wordt, in perioden (1 tot en met 520).";
    CustomersAtStart => "Customers at the start", "Klanten bij de start";
    HelpCustomersAtStart => "Customers you already have when the first period starts, such as a subscription's paying customers. In the flywheel they buy again, recommend you and leave as new customers do, split over promoters, passives and detractors by the mix above; they are not counted as customers won, and the funnel, which has no loop, leaves them out. Leave 0 to start without customers.", "Klanten die je al hebt als de eerste periode begint, zoals de betalende klanten van een abonnement. In het vliegwiel kopen ze opnieuw, bevelen ze je aan en vertrekken ze zoals nieuwe klanten, verdeeld over promotors, passieven en criticasters volgens de verdeling hierboven; ze tellen niet als gewonnen klanten, en de trechter, die geen lus heeft, laat ze weg. Laat 0 staan om zonder klanten te beginnen.";
    HelpOpen => "Leads already in this stage when the first period starts, such as demos in progress or proposals sent. They go through this stage in the first period as if they had just arrived, and cost nothing in this plan's spend. Leave 0 to start with an empty funnel.", "Leads die al in deze fase zitten als de eerste periode begint, zoals lopende demo's of verstuurde offertes. Ze gaan in de eerste periode door deze fase alsof ze er net binnenkwamen, en tellen niet mee in de uitgaven van dit plan. Laat 0 staan om met een lege trechter te beginnen.";
    WeeklyNote => "Weeks only rename the periods: every number here stays per period, so the new leads, delays, growth, fixed budget, referrals, repeat purchases and churn now count per week. Check them if you had monthly figures.",
        "Weken geven de perioden alleen een andere naam: elk getal hier blijft per periode, dus de nieuwe leads, vertragingen, groei, het vaste budget, doorverwijzingen, herhaalaankopen en klantverloop gelden nu per week. Controleer ze als je maandcijfers had.";
    HelpCurrency => "Only the sign shown with every amount: nothing is converted, so enter the amounts in this currency.", "Alleen het teken bij elk bedrag: er wordt niets omgerekend, dus vul de bedragen in deze valuta in.";
    HelpPeriodUnit => "Only a label for the charts: every rate and delay is per period.", "Alleen een label voor de grafieken: elk percentage en elke vertraging geldt per periode.";
    HelpRevenue => "The revenue one purchase brings in; repeat purchases bring the same.", "De omzet die één aankoop oplevert; herhaalaankopen leveren hetzelfde op.";
    HelpCostPerLead => "What one new lead costs to attract. It sets the spend, and how many extra leads reinvested revenue buys in the flywheel.",
        "Wat het kost om één nieuwe lead aan te trekken. Het bepaalt de uitgaven, en hoeveel extra leads de opnieuw geïnvesteerde omzet in het vliegwiel oplevert.";
    HelpPaidShare => "The share of each period's new leads that you pay for at the cost per lead (ads, bought lists). The rest come in for free (search engines, word of mouth, returning visitors) and add nothing to spend. Leads bought with reinvested revenue are always paid for.",
        "Het deel van de nieuwe leads per periode waarvoor je de kosten per lead betaalt (advertenties, gekochte lijsten). De rest komt gratis binnen (zoekmachines, mond-tot-mondreclame, terugkerende bezoekers) en telt niet mee in de uitgaven. Leads die je koopt met opnieuw geïnvesteerde omzet betaal je altijd.";
    HelpTrials => "How many possible futures to simulate. More trials give smoother bands; the first estimate appears after a few hundred.",
        "Hoeveel mogelijke toekomsten er gesimuleerd worden. Meer simulaties geven gladdere banden; de eerste schatting verschijnt na een paar honderd.";
    HelpSeed => "The starting point of the random numbers. The same seed gives exactly the same results, on any computer; Rerun moves on to the next seed, so to new draws.",
        "Het startpunt van de toevalsgetallen. Dezelfde seed geeft op elke computer precies dezelfde resultaten; Opnieuw gaat naar de volgende seed, dus naar nieuw toeval.";
    HelpRateFrom => "Give the rate as your own estimate, or as counts you observed: k of n leads moved on. Counts make the uncertainty follow the amount of data.",
        "Geef het percentage als eigen schatting, of als aantallen die je hebt waargenomen: k van de n leads gingen door. Met aantallen volgt de onzekerheid de hoeveelheid gegevens.";
    HelpRate => "The share of this stage's leads that move on to the next stage; the others drop out.", "Het deel van de leads in deze fase dat doorgaat naar de volgende fase; de rest valt af.";
    HelpRateLast => "The share of this stage's leads that buy and become customers; the others drop out.", "Het deel van de leads in deze fase dat koopt en klant wordt; de rest valt af.";
    HelpCertainty => "How sure you are of the rate, as if you had seen this many leads. 10 is a rough guess, 1000 is well measured; leave it empty for an exact rate. The range of rates it gives is shown under the fields.",
        "Hoe zeker je van het percentage bent, alsof je zoveel leads had gezien. 10 is een ruwe schatting, 1000 is goed gemeten; laat het leeg voor een exact percentage. De marge die dat geeft, staat onder de velden.";
    HelpObserved => "Counts from your own data: k leads moved on out of n that reached this stage. The rate's range narrows as n grows. Its centre, shown under the counts, is (k + 1)/(n + 2): a little towards 50% while n is small (45 of 100 gives 45.1%), since a few counts are weak evidence. The leads that moved on from a stage reached the next one: while the next stage's n is this k, it follows it.",
        "Aantallen uit je eigen gegevens: k leads gingen door van de n die deze fase bereikten. De marge van het percentage wordt smaller naarmate n groeit. Het midden, onder de aantallen getoond, is (k + 1)/(n + 2): iets richting 50% zolang n klein is (45 van 100 geeft 45,1%), omdat weinig tellingen zwak bewijs zijn. Wie doorging, bereikte de volgende fase: zolang de n daar gelijk is aan deze k, volgt hij die.";
    HelpDelay => "The average number of periods a converting lead waits before it reaches the next stage; 0 means in the same period.",
        "Het gemiddelde aantal perioden dat een lead die doorgaat wacht voordat hij de volgende fase bereikt; 0 betekent in dezelfde periode.";
    HelpMix => "How new customers split by satisfaction: promoters recommend you, passives are neutral, detractors are unhappy. The three shares add up to 100%.",
        "Hoe nieuwe klanten verdeeld zijn naar tevredenheid: promotors bevelen je aan, passieven zijn neutraal, criticasters zijn ontevreden. De drie percentages zijn samen 100%.";
    HelpNps => "The Net Promoter Score, from −100 to 100: the percentage of promoters minus that of detractors. With the share of passives it fixes the other two.",
        "De Net Promoter Score, van −100 tot 100: het percentage promotors min dat van criticasters. Samen met het aandeel passieven ligt de rest daarmee vast.";
    HelpReferrals => "How many new leads each promoter brings in per period, on average.", "Hoeveel nieuwe leads elke promotor gemiddeld per periode aanbrengt.";
    HelpEntryStage => "Referred leads already know you, so they skip the first stage(s) and start here.", "Doorverwezen leads kennen je al, dus ze slaan de eerste fase(n) over en beginnen hier.";
    HelpRepeat => "How many repeat purchases a customer who stays makes per period on average, in %: 3% is one purchase per 33 customers per period; above 100% is more than one each.",
        "Hoeveel herhaalaankopen een klant die blijft gemiddeld per periode doet, in %: 3% is één aankoop per 33 klanten per periode; boven 100% is meer dan één per klant.";
    HelpChurn => "The chance per period that a promoter or passive customer leaves for good.", "De kans per periode dat een promotor of passieve klant voorgoed vertrekt.";
    HelpDetractorChurn => "The same for detractors, who usually leave sooner.", "Hetzelfde voor criticasters, die meestal sneller vertrekken.";
    HelpReinvest => "The part of each period's revenue spent on new leads at the cost per lead: they arrive, and are paid for, in the next period, so the last period's part is spent after the periods simulated and is not in the spend.",
        "Het deel van de omzet van elke periode dat naar nieuwe leads gaat tegen de kosten per lead: die komen in de volgende periode binnen en worden dan betaald, dus het deel van de laatste periode wordt pas na de gesimuleerde perioden uitgegeven en staat niet in de uitgaven.";
    HelpSegmentShare => "The part of all new leads that belongs to this segment. The segments' shares add up to 100%.", "Het deel van alle nieuwe leads dat tot dit segment behoort. De aandelen van de segmenten zijn samen 100%.";
    HelpSegmentOdds => "Multiplies the odds of converting at this stage (the rate divided by its complement), so the rate stays between 0 and 100%: with a rate of 30%, factor 2 gives about 46% and 0.5 about 18%.",
        "Vermenigvuldigt de kansverhouding om in deze fase te converteren (het percentage gedeeld door de rest), zodat het percentage tussen 0 en 100% blijft: bij 30% geeft factor 2 ongeveer 46% en 0,5 ongeveer 18%.";
    LearnSegmentsTitle => "Segments", "Segmenten";
    LearnSegments => "Not every customer buys the same way. Splitting leads into segments, for example by company size, sector or channel, shows where a stage works well for one group and poorly for another, so you can aim a message or offer at the group that needs it.",
        "Niet elke klant koopt op dezelfde manier. Door leads in segmenten te verdelen, bijvoorbeeld naar bedrijfsgrootte, sector of kanaal, zie je waar een fase goed werkt voor de ene groep en slecht voor de andere, zodat je een boodschap of aanbod kunt richten op de groep die het nodig heeft.";
    Learn => "Learn: what the model means", "Uitleg: wat het model betekent";
    LearnShort => "Learn", "Uitleg";
    JumpTo => "Go to:", "Ga naar:";
    LearnStagesTitle => "The five stages", "De vijf fasen";
    LearnStages => "• Awareness: people first hear of the offer, through ads, social media or word of mouth.\n• Interest: they start looking into it, visit the site, ask around.\n• Evaluation: they compare prices, read reviews and weigh alternatives.\n• Decision: they have decided to buy, but may still have last questions or doubts; whoever does not get them answered drops out after all.\n• Purchase: they complete the order.\nEach conversion rate is the share that moves on to the next stage; everyone else drops out.",
        "• Bewustwording: mensen horen voor het eerst van het aanbod, via reclame, sociale media of mond-tot-mondreclame.\n• Interesse: ze gaan zich erin verdiepen, bezoeken de site, vragen rond.\n• Evaluatie: ze vergelijken prijzen, lezen recensies en wegen alternatieven af.\n• Beslissing: ze hebben besloten te kopen, maar hebben misschien nog laatste vragen of twijfels; wie daar geen antwoord op krijgt, haakt alsnog af.\n• Aankoop: ze ronden de bestelling af.\nElk conversiepercentage is het deel dat doorgaat naar de volgende fase; de rest valt af.";
    LearnBottleneckTitle => "Bottlenecks", "Knelpunten";
    LearnBottleneck => "Optimising a funnel means finding its bottleneck, the stage that holds back the most customers, and fixing that first. Under What-if analyses, Bottlenecks raises each stage's rate in turn, on the same random draws, and shows how many customers each raise adds on average: the stage where one percentage point more adds the most customers is your bottleneck (the results call it the best lever), usually the one where the largest share of its leads drops out, not the one that loses the most leads in number. Then make the change for real, measure it, keep what works.",
        "Een trechter optimaliseren betekent het knelpunt vinden, de fase die de meeste klanten tegenhoudt, en die eerst aanpakken. Onder Wat-als-analyses verhoogt Knelpunten om de beurt het percentage van elke fase, op dezelfde toevalstrekkingen, en toont hoeveel klanten elke verhoging gemiddeld oplevert: de fase waar één procentpunt extra de meeste klanten oplevert, is je knelpunt (de resultaten noemen die de beste hefboom), meestal de fase waar het grootste deel van haar leads afvalt, niet de fase die in aantal de meeste leads verliest. Voer de wijziging daarna echt door, meet het effect en houd vast wat werkt.";
    LearnPipelineTitle => "Funnel versus pipeline", "Trechter versus pijplijn";
    LearnPipeline => "A funnel follows the customer's journey from first contact to purchase and is used for marketing and sales planning, usually over the short term. A pipeline follows the sales team's own deals and activities, often over many months, and forecasts revenue by weighting each open deal by its chance to close.",
        "Een trechter volgt de reis van de klant van eerste contact tot aankoop en dient voor marketing- en verkoopplanning, meestal op korte termijn. Een pijplijn volgt de eigen deals en activiteiten van het verkoopteam, vaak over vele maanden, en voorspelt omzet door elke open deal te wegen met de kans dat hij gesloten wordt.";
    LearnFlywheelTitle => "Funnel versus flywheel", "Trechter versus vliegwiel";
    LearnFlywheel => "A funnel ends at the purchase: new customers come only from new leads at the top. A flywheel is a loop: satisfied customers buy again and recommend you, and a share of the revenue is reinvested in attracting more leads, which keeps the wheel spinning faster.\nIn this model the flywheel is the funnel plus what its loop adds, so it never has fewer customers won than the funnel: the marker on the customers chart shows by which period the loop has added customers in half of the simulated futures, and in how many futures it has by the end. Repeat purchases add revenue, not customers: compare the revenue charts to see them.\nWhere the flywheel can lose is money: reinvestment is spent now on leads who buy some periods later, or never, so its revenue minus spend can trail the funnel's at first. The chart of revenue minus spend marks from which period it keeps more than the funnel: from then on the loop brings in more than it costs. Whether you make a profit at all shows at the €0 line.",
        "Een trechter eindigt bij de aankoop: nieuwe klanten komen alleen uit nieuwe leads bovenin. Een vliegwiel is een lus: tevreden klanten kopen opnieuw en bevelen je aan, en een deel van de omzet wordt opnieuw geïnvesteerd in nieuwe leads, waardoor het wiel steeds sneller draait.\nIn dit model is het vliegwiel de trechter plus wat zijn lus toevoegt, dus het heeft nooit minder gewonnen klanten dan de trechter: de markering in de grafiek van de klanten toont vanaf welke periode de lus in de helft van de gesimuleerde toekomsten klanten heeft toegevoegd, en in hoeveel toekomsten aan het eind. Herhaalaankopen leveren omzet op, geen klanten: vergelijk de omzetgrafieken om ze te zien.\nOp geld kan het vliegwiel wel verliezen: bij herinvesteren geef je nu geld uit aan leads die pas later kopen, of nooit, dus zijn omzet min uitgaven kan eerst achterblijven bij die van de trechter. De grafiek van omzet min uitgaven markeert vanaf welke periode het meer overhoudt dan de trechter: vanaf dan levert de lus meer op dan hij kost. Of je echt winst maakt, zie je aan de lijn van € 0.";
    LearnNpsTitle => "Promoters, passives and detractors (NPS and eNPS)", "Promotors, passieven en criticasters (NPS en eNPS)";
    LearnNps => "The Net Promoter Score comes from one question: on a scale of 0 to 10, how likely is it that you would recommend us? Those who answer 9 or 10 are promoters, 7 or 8 passives, and 0 to 6 detractors. (Some texts give the scale as 1 to 10; the NPS question itself runs from 0 to 10.) The score is the percentage of promoters minus the percentage of detractors, so it runs from −100 (all detractors) to +100 (all promoters); passives count only in the total.\nThe same question asked of your own staff (would you recommend us as an employer?) gives the employee NPS, eNPS, with the same groups and arithmetic: engaged staff tend to look after customers better, which feeds the flywheel. In the model, promoters bring referred leads and detractors leave sooner.",
        "De Net Promoter Score komt uit één vraag: hoe waarschijnlijk is het, op een schaal van 0 tot 10, dat je ons aanbeveelt? Wie 9 of 10 antwoordt, is promotor, 7 of 8 passief, en 0 tot en met 6 criticaster (in het Engels: detractor). (Sommige teksten noemen een schaal van 1 tot 10; de NPS-vraag zelf loopt van 0 tot 10.) De score is het percentage promotors min het percentage criticasters, dus hij loopt van −100 (allemaal criticasters) tot +100 (allemaal promotors); passieven tellen alleen mee in het totaal.\nDezelfde vraag aan je eigen medewerkers (zou je ons als werkgever aanbevelen?) geeft de employee NPS, eNPS, met dezelfde groepen en rekensom: betrokken medewerkers zorgen meestal beter voor klanten, en dat voedt het vliegwiel. In het model brengen promotors doorverwezen leads aan en vertrekken criticasters eerder.";
    LearnBandsTitle => "What the bands mean", "Wat de banden betekenen";
    LearnBands => "Each trial draws plausible conversion rates and then follows the leads period by period, so every trial is one possible future. In each period the light band holds the middle 90% of the futures' values, the dark band the middle 50%, and the line is the median: at that point half the futures are above it, half below. Wider bands mean less certainty; more certainty in the rates, or observed counts, makes them narrower.",
        "Elke simulatie trekt plausibele conversiepercentages en volgt de leads periode voor periode, dus elke simulatie is één mogelijke toekomst. Per periode bevat de lichte band de middelste 90% van de waarden van die toekomsten, de donkere band de middelste 50%, en de lijn is de mediaan: op dat moment ligt de helft van de toekomsten erboven, de helft eronder. Bredere banden betekenen minder zekerheid; meer zekerheid over de percentages, of waargenomen aantallen, maakt ze smaller.";
    PipelineTitle => "Pipeline forecast versus simulation", "Pijplijnprognose versus simulatie";
    SimulatedFunnel => "Simulated cumulative revenue", "Gesimuleerde cumulatieve omzet";
    PipelineForecast => "Forecast from expected rates", "Prognose met verwachte percentages";
    PipelineWeighted => "Weighted open pipeline", "Gewogen open pijplijn";
    PipelineStart => "The leads open at the start weigh", "De leads die bij de start openstaan, hebben een gewogen waarde van";
    PipelineExplain => "A sales pipeline forecast weighs the deals that are open: each open lead counts for its chance of reaching a purchase (the rates of the stages still ahead of it multiplied) times the revenue per purchase. The dotted line is that weighted open pipeline at the end of each period: the leads open at the start and the new ones still on their way (only a stage with a delay keeps leads open). The dashed line is the revenue the same funnel gives with its expected rates and no chance at all, from the open leads and every new lead. The funnel simulation asks a different question: across thousands of possible futures with uncertain rates, how far could revenue spread? The bands show that range; the forecast line usually sits inside them, but it says nothing about how wide they are.",
        "Een prognose van de verkooppijplijn weegt de deals die openstaan: elke open lead telt mee voor zijn kans op een aankoop (de percentages van de fasen die hij nog voor zich heeft, met elkaar vermenigvuldigd) maal de omzet per aankoop. De gestippelde lijn is die gewogen open pijplijn aan het eind van elke periode: de leads die bij de start openstonden en de nieuwe die nog onderweg zijn (alleen een fase met een vertraging houdt leads open). De gestreepte lijn is de omzet die dezelfde trechter oplevert met de verwachte percentages en zonder toeval, uit de open leads en elke nieuwe lead. De trechtersimulatie stelt een andere vraag: hoe ver kan de omzet uiteenlopen over duizenden mogelijke toekomsten met onzekere percentages? De banden tonen die spreiding; de prognoselijn ligt er meestal binnen, maar zegt niets over hoe breed ze zijn.";
    PresetsHint => "Five presets show the common funnel problems: lack of awareness, lack of interest, competition, complexity and a poor customer experience. Healthy funnel and Flywheel company are there to compare them with. Load one, read what the numbers show, then try the fix.",
        "Vijf voorbeelden tonen de veelvoorkomende trechterproblemen: te weinig naamsbekendheid, te weinig interesse, concurrentie, complexiteit en een slechte klantervaring. Gezonde trechter en Vliegwielbedrijf zijn er om ze mee te vergelijken. Laad er een, lees wat de cijfers laten zien en probeer dan de oplossing.";
    TryThis => "Try this:", "Probeer dit:";
    PresetHealthy => "Healthy funnel", "Gezonde trechter";
    PresetHealthyStory => "A balanced funnel: plenty of new leads, reasonable conversion at every stage and short waits. Use it as the reference to compare the problem presets with. Its money is a lesson too: on the funnel alone a customer costs about €1,300 in leads and budget against €1,200 a sale; it is above all the flywheel's repeat purchases (helped by reinvestment, and a little by referrals) that make it pay.",
        "Een evenwichtige trechter: genoeg nieuwe leads, redelijke conversie in elke fase en korte wachttijden. Gebruik hem als referentie voor de probleemvoorbeelden. Ook het geld is een les: met alleen de trechter kost een klant zo'n € 1.300 aan leads en budget, tegen € 1.200 per verkoop; vooral de herhaalaankopen van het vliegwiel (geholpen door herinvestering en een beetje door doorverwijzingen) maken hem winstgevend.";
    PresetHealthyFix => "Change one stage's conversion by a few points and see which stage moves the final number most: that is your best lever.",
        "Verander de conversie van één fase met een paar procentpunten en kijk welke fase het eindresultaat het meest beïnvloedt: dat is je beste hefboom.";
    PresetAwareness => "Lack of awareness", "Te weinig naamsbekendheid";
    PresetAwarenessStory => "Only about 60 people a month hear of the product. Every stage converts as well as in the healthy funnel, yet almost nobody comes out at the bottom: you cannot convert people who never enter. (The Bottlenecks panel weighs only the stages' rates, which are healthy here: this funnel's lever comes before them, in the new leads.)",
        "Slechts zo'n 60 mensen per maand horen van het product. Elke fase converteert even goed als in de gezonde trechter, toch komt er onderaan bijna niemand uit: wie nooit binnenkomt, kun je niet overtuigen. (Het onderdeel Knelpunten weegt alleen de percentages van de fasen, en die zijn hier gezond: de hefboom van deze trechter ligt ervoor, bij de nieuwe leads.)";
    PresetAwarenessFix => "Raise new leads per period to 500 (more advertising, social media, word of mouth) and watch customers grow in proportion.",
        "Verhoog het aantal nieuwe leads per periode naar 500 (meer reclame, sociale media, mond-tot-mondreclame) en zie het aantal klanten evenredig meegroeien.";
    PresetInterest => "Lack of interest", "Te weinig interesse";
    PresetInterestStory => "Many people see the offer, but only 6% find it relevant enough to look further. The first bar of the funnel chart is long and the second collapses.",
        "Veel mensen zien het aanbod, maar slechts 6% vindt het relevant genoeg om verder te kijken. De eerste balk in de trechtergrafiek is lang, de tweede zakt in.";
    PresetInterestFix => "Set Awareness's conversion to the next stage (to Interest) to 25% (a clearer message aimed at the right segment) and compare the medians.",
        "Zet bij de fase Bewustwording de conversie naar de volgende fase (naar Interesse) op 25% (een duidelijkere boodschap voor het juiste segment) en vergelijk de medianen.";
    PresetCompetition => "Competition", "Concurrentie";
    PresetCompetitionStory => "Prospects get as far as comparing, then most choose another supplier: only 15% of evaluations go your way. Even of those who decided on you, only 30% get as far as the order: a competitor's last offer wins the rest back while they still have questions.",
        "Potentiële klanten komen tot het vergelijken en kiezen dan meestal een andere leverancier: maar 15% van de evaluaties valt in jouw voordeel uit. En van wie voor jou besloot, komt maar 30% tot de bestelling: terwijl ze nog vragen hebben, haalt het laatste aanbod van een concurrent de rest terug.";
    PresetCompetitionFix => "Set Evaluation to 40% (stand out on value, reviews or price) and see how much more reaches Purchase.",
        "Zet Evaluatie op 40% (onderscheid je met waarde, recensies of prijs) en kijk hoeveel meer er bij Aankoop aankomt.";
    PresetComplexity => "Complexity", "Complexiteit";
    PresetComplexityStory => "The buying process is long and complicated: leads wait months between stages and many give up at the decision. Customers arrive late, and many leads are still waiting when the horizon ends.",
        "Het koopproces is lang en ingewikkeld: leads wachten maanden tussen fasen en velen haken af bij de beslissing. Klanten komen laat binnen en veel leads wachten nog als de laatste periode voorbij is.";
    PresetComplexityFix => "Cut the delays to 1 period and the Decision rate back to 50% (fewer steps, a simpler offer) and watch the cumulative customers chart rise sooner.",
        "Verkort de vertragingen tot 1 periode en zet Beslissing terug op 50% (minder stappen, een eenvoudiger aanbod) en zie de grafiek van het cumulatieve aantal klanten eerder stijgen.";
    PresetExperience => "Poor customer experience", "Slechte klantervaring";
    PresetExperienceStory => "A poor experience loses buyers inside the funnel too; this case shows what it costs after the sale. The funnel brings customers in, but most are unhappy: few promoters, many detractors, high churn and few repeat purchases. They leave and rarely buy again: after two years fewer than half are still customers, and the flywheel's revenue lead over the funnel is less than half the healthy company's.",
        "Een slechte ervaring kost ook kopers in de trechter zelf; dit geval laat zien wat ze na de aankoop kost. De trechter levert klanten op, maar de meesten zijn ontevreden: weinig promotors, veel criticasters, veel verloop en weinig herhaalaankopen. Ze vertrekken en kopen zelden opnieuw: na twee jaar is minder dan de helft nog klant, en de omzetvoorsprong van het vliegwiel op de trechter is minder dan de helft van die bij het gezonde bedrijf.";
    PresetExperienceFix => "Keep your customers: set churn to 2%, churn of detractors to 6% and repeat purchases to 3% (better service and follow-up), then compare the two models in the cumulative revenue chart: the flywheel's lead over the funnel doubles.",
        "Houd je klanten vast: zet het klantverloop op 2%, het verloop van criticasters op 6% en herhaalaankopen op 3% (betere service en opvolging) en vergelijk dan de twee modellen in de grafiek van de cumulatieve omzet: de voorsprong van het vliegwiel op de trechter verdubbelt.";
    PresetFlywheel => "Flywheel company", "Vliegwielbedrijf";
    PresetFlywheelStory => "Most customers are promoters who bring in new leads; customers buy again, few leave, and 12% of revenue goes back into acquisition. Growth feeds on itself: the flywheel band bends upward while the funnel grows in a straight line.",
        "De meeste klanten zijn promotors die nieuwe leads aanbrengen; klanten kopen opnieuw, weinigen vertrekken en 12% van de omzet gaat terug naar acquisitie. Groei voedt zichzelf: de vliegwielband buigt omhoog terwijl de trechter lineair groeit.";
    PresetFlywheelFix => "Set “Revenue reinvested in leads” to 0% and “Referred leads per promoter per period” to 0, one at a time, to see which part of the loop drives the growth.",
        "Zet “Omzet opnieuw geïnvesteerd in leads” op 0% en “Doorverwezen leads per promotor per periode” op 0, één voor één, om te zien welk deel van de lus de groei aandrijft.";
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Texts that are the same word in both languages.
    const SAME_IN_BOTH: &[T] = &[
        T::AppTitle,
        T::Week,
        T::Week1,
        T::Model,
        T::SegmentDefault,
        T::DifferenceAxisMoney,
        T::CurrencyEur,
    ];

    #[test]
    fn every_key_has_both_languages_and_dutch_is_translated() {
        for key in T::ALL {
            assert!(!key.en().trim().is_empty(), "{key:?} has no English text");
            assert!(!key.nl().trim().is_empty(), "{key:?} has no Dutch text");
            if !SAME_IN_BOTH.contains(key) {
                assert_ne!(key.en(), key.nl(), "{key:?} is not translated");
            }
        }
    }

    /// The Dutch texts call a trial a "simulatie" (the field is "Aantal simulaties"), never "trial";
    /// the English default scenario keeps the core's name.
    #[test]
    fn dutch_says_simulatie_and_the_english_default_name_is_the_cores() {
        for key in T::ALL {
            assert!(
                !key.nl().to_lowercase().contains("trial"),
                "{key:?}: {}",
                key.nl()
            );
        }
        assert_eq!(
            T::DefaultScenarioName.en(),
            crate::sim::Scenario::default_five_stage().name
        );
    }

    #[test]
    fn language_codes() {
        assert_eq!(Lang::from_code("nl-BE"), Some(Lang::Nl));
        assert_eq!(Lang::from_code("en_US"), Some(Lang::En));
        assert_eq!(Lang::from_code("de"), None);
        assert_eq!(Lang::from_code(""), None);
    }

    #[test]
    fn ticks_are_short_from_ten_thousand_up() {
        assert_eq!(Lang::En.tick(5000.0, 1000.0, 5000.0, true), "€5,000");
        assert_eq!(Lang::En.tick(9999.0, 1.0, 9999.0, false), "9,999");
        assert_eq!(Lang::En.tick(10_000.0, 1000.0, 10_000.0, false), "10k");
        assert_eq!(Lang::En.tick(250_000.0, 50_000.0, 250_000.0, true), "€250k");
        assert_eq!(
            Lang::En.tick(1_250_000.0, 250_000.0, 1_250_000.0, true),
            "€1.25M"
        );
        assert_eq!(Lang::En.tick(12_500.0, 2500.0, 12_500.0, false), "12.5k");
        assert_eq!(
            Lang::En.tick(-20_000.0, 10_000.0, 20_000.0, true),
            "−\u{2060}€20k"
        );
        assert_eq!(Lang::En.money(-188_494.0), "−\u{2060}€188,494");
        assert_eq!(Lang::En.chance(0.9995, 1), "> 99.9%");
        assert_eq!(Lang::En.chance(1.0, 1), "100%");
        assert_eq!(Lang::Nl.chance(0.0004, 1), "< 0,1%");
        assert_eq!(Lang::En.chance(0.0, 0), "0%");
        assert_eq!(Lang::En.chance(0.996, 0), "> 99%");
        assert_eq!(Lang::En.chance(0.303, 1), "30.3%");
        assert_eq!(Lang::Nl.money(-12.5), "−\u{2060}€\u{a0}12,50");
        assert_eq!(
            Lang::Nl.tick(250_000.0, 50_000.0, 250_000.0, true),
            "€\u{a0}250k"
        );
        assert_eq!(
            Lang::Nl.tick(1_500_000.0, 500_000.0, 1_500_000.0, true),
            "€\u{a0}1,5\u{a0}mln"
        );
        assert_eq!(Lang::Nl.tick(0.0, 1.0, 0.0, true), "€\u{a0}0");
        // A fine step keeps the ticks apart; a fractional one shows its decimals.
        assert_eq!(Lang::En.tick(11_995.0, 5.0, 11_995.0, false), "11,995");
        assert_eq!(Lang::En.tick(0.75, 0.25, 0.75, false), "0.75");
        assert_eq!(Lang::Nl.tick(0.75, 0.25, 0.75, false), "0,75");
        // From 10¹⁵ up, money as a count is (a runaway flywheel's "€17,536,753,446,780,100" claimed
        // seventeen digits); below, every digit.
        assert_eq!(Lang::En.money(3.014_597_077_690_365e20), "€3.01 × 10²⁰");
        assert_eq!(Lang::Nl.money(-1.7536e16), "−\u{2060}€\u{a0}1,75 × 10¹⁶");
        assert_eq!(
            Lang::En.money(999_999_999_999_999.0),
            "€999,999,999,999,999"
        );
        assert_eq!(Lang::En.number(1e15, 0), "1,000,000,000,000,000");
        assert_eq!(Lang::En.count(1.2312e91), "1.23 × 10⁹¹");
        assert_eq!(Lang::En.count(9.996e20), "1 × 10²¹");
        assert_eq!(Lang::En.count(1.235e18), "1.24 × 10¹⁸");
        assert_eq!(Lang::Nl.count(5e15), "5 × 10¹⁵");
        assert_eq!(Lang::Nl.count(12_345.0), "12.345");
        // Billions and trillions stay short.
        assert_eq!(Lang::En.tick(3e11, 1e11, 3e11, true), "€300B");
        assert_eq!(
            Lang::Nl.tick(2.5e12, 5e11, 2.5e12, true),
            "€\u{a0}2,5\u{a0}bln"
        );
        assert_eq!(Lang::Nl.tick(3e9, 1e9, 3e9, false), "3\u{a0}mld");
        // The stage limit's note states the core's limit.
        for lang in [Lang::En, Lang::Nl] {
            assert!(lang
                .t(T::StagesMax)
                .contains(&crate::sim::MAX_STAGES.to_string()));
            assert!(lang
                .t(T::SegmentsMax)
                .contains(&crate::sim::MAX_SEGMENTS.to_string()));
        }
        // The summary table's short amounts in a narrow column, past trillions too.
        assert_eq!(Lang::En.short(289_200.0, true), "€289.2k");
        assert_eq!(Lang::En.short(1_500_000.0, true), "€1.5M");
        assert_eq!(Lang::Nl.short(12_345_678.0, true), "€\u{a0}12,35\u{a0}mln");
        assert_eq!(Lang::En.short(535_342_788_042.0, false), "535.34B");
        assert_eq!(Lang::En.short(1.45237e15, true), "€1.45 × 10¹⁵");
        assert_eq!(Lang::Nl.short(1.45237e15, true), "€\u{a0}1,45 × 10¹⁵");
        // Past trillions the ticks count in a power of ten, which the axis label states.
        let axis = [0.0, 1e15, 2e15, 3e15].map(|t| Lang::En.tick(t, 1e15, 3e15, true));
        assert_eq!(axis, ["0", "1", "2", "3"]);
        let axis = [0.0, 5e16, 2.5e17].map(|t| Lang::Nl.tick(t, 5e16, 2.5e17, true));
        assert_eq!(axis, ["0", "0,5", "2,5"]);
        // Past trillions the label says the power of ten; in Dutch, millions and up, it holds the unit and
        // the ticks are plain numbers ("€ 0,75 mln" at every tick took the room of the axis's title).
        for (lang, label, step, top, want) in [
            (Lang::En, "Revenue (€)", 1e15, 3e15, "Revenue (× 10¹⁵ €)"),
            (Lang::Nl, "Klanten", 5e16, 2.5e17, "Klanten (× 10¹⁷)"),
            (Lang::En, "Revenue (€)", 1e14, 9.9e14, "Revenue (€)"),
            (Lang::Nl, "Omzet (€)", 250_000.0, 1e6, "Omzet (€ mln)"),
            (Lang::Nl, "Klanten", 5e8, 2e9, "Klanten (mld)"),
            (Lang::En, "Revenue (€)", 250_000.0, 1e6, "Revenue (€)"),
            (Lang::Nl, "Omzet (€)", 50_000.0, 250_000.0, "Omzet (€)"),
        ] {
            assert_eq!(lang.axis_label(label, step, top), want);
        }
        let ticks = [0.0, 250_000.0, 750_000.0, 1e6];
        let nl = ticks.map(|t| Lang::Nl.axis_tick(t, 250_000.0, 1e6, true));
        assert_eq!(nl, ["0", "0,25", "0,75", "1"]);
        let en = ticks.map(|t| Lang::En.axis_tick(t, 250_000.0, 1e6, true));
        assert_eq!(en, ["€0", "€0.25M", "€0.75M", "€1M"]);
        assert_eq!(Lang::Nl.axis_tick(3e15, 1e15, 3e15, true), "3");
        assert_eq!(
            Lang::Nl.axis_tick(200_000.0, 50_000.0, 250_000.0, true),
            "€\u{a0}200k"
        );
        for e in 15..300 {
            let p = 10f64.powi(e);
            assert_eq!(super::scale_exponent(p), Some(e), "10^{e}");
            assert_eq!(super::scale_exponent(p * 9.99), Some(e));
        }
        // One axis, one style: the unit follows its largest tick.
        let axis =
            [0.0, 5000.0, 10_000.0, 15_000.0].map(|t| Lang::En.tick(t, 5000.0, 15_000.0, true));
        assert_eq!(axis, ["€0", "€5k", "€10k", "€15k"]);
        let axis = [500_000.0, 1e6, 1.5e6].map(|t| Lang::Nl.tick(t, 5e5, 1.5e6, false));
        assert_eq!(axis, ["0,5\u{a0}mln", "1\u{a0}mln", "1,5\u{a0}mln"]);
    }

    #[test]
    fn numbers_follow_the_locale() {
        assert_eq!(Lang::En.number(1_234_567.891, 2), "1,234,567.89");
        assert_eq!(Lang::Nl.number(1_234_567.891, 2), "1.234.567,89");
        assert_eq!(Lang::En.number(12.6, 0), "13");
        // Halves round up, as a class rounds by hand: 64.5 is not "64", 8.95 (a gain shown beside its
        // interval) not "8.9"; and away from zero below it.
        assert_eq!(Lang::En.number(64.5, 0), "65");
        assert_eq!(Lang::En.number(8.95, 1), "9");
        assert_eq!(Lang::Nl.fixed(0.125, 2), "0,13");
        assert_eq!(Lang::En.number(-2.5, 0), "−3");
        assert_eq!(Lang::En.number(1.0049, 2), "1");
        assert_eq!(
            Lang::En.number(123_456_789_012_345.6, 1),
            "123,456,789,012,345.6"
        );
        // Amounts shown together: whole once one is €100 or more.
        assert_eq!(Lang::Nl.money_in(958.8, true), Lang::Nl.money(959.0));
        assert_eq!(Lang::En.money_in(58.8, false), "€58.80");
        assert_eq!(Lang::En.number(0.25, 3), "0.25");
        assert_eq!(Lang::Nl.number(-1500.0, 0), "−1.500");
        assert_eq!(Lang::En.number(-0.0001, 2), "0");
        // Fixed decimals, for a column of means: "29.0" under "24.7", and no "−0.0".
        assert_eq!(Lang::En.fixed(29.0, 1), "29.0");
        assert_eq!(Lang::En.fixed(-0.04, 1), "0.0");
        assert_eq!(Lang::Nl.fixed(-1234.56, 1), "−1.234,6");
        assert_eq!(Lang::En.money(-0.001), "€0.00");
        assert_eq!(Lang::En.number(f64::NAN, 2), "–");
        assert_eq!(Lang::En.money(2500.0), "€2,500");
        assert_eq!(Lang::Nl.money(12.5), "€\u{a0}12,50");
        assert_eq!(Lang::En.money(0.0), "€0");
    }

    #[test]
    fn amounts_take_the_sign_of_the_scenarios_currency() {
        set_currency(Currency::Usd);
        let got = (
            Lang::En.money(-188_494.0),
            Lang::Nl.money(12.5),
            Lang::En.short(289_200.0, true),
            Lang::Nl.tick(2.5e12, 1e12, 2.5e12, true),
            Lang::En.tc(T::RevenueEur),
            Lang::Nl.tc(T::PresetHealthyStory).contains("$ 1.300"),
            Lang::En.tick(5000.0, 1000.0, 5000.0, false),
        );
        set_currency(Currency::Gbp);
        let pounds = Lang::En.money(2500.0);
        set_currency(Currency::Eur);
        assert_eq!(
            got,
            (
                "−\u{2060}$188,494".to_string(),
                "$\u{a0}12,50".to_string(),
                "$289.2k".to_string(),
                "$\u{a0}2,5\u{a0}bln".to_string(),
                "Revenue ($)".to_string(),
                true,
                "5,000".to_string(),
            )
        );
        assert_eq!(pounds, "£2,500");
        assert_eq!(Lang::En.money(2500.0), "€2,500");
    }
}
