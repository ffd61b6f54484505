//! Every visible string in English and Dutch. A key without both translations does not compile; a test
//! checks that no Dutch text is an untranslated copy of the English one.

/// The languages the app speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Nl,
}

impl Lang {
    /// From a code such as `nl`, `nl-BE` or `en-US`; `None` for languages we do not have.
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

    /// Formats a number for this language: thousands grouped (`,` in English, `.` in Dutch), at most
    /// `decimals` decimals, trailing zeros dropped.
    pub fn number(self, value: f64, decimals: usize) -> String {
        self.format(value, decimals, true)
    }

    fn format(self, value: f64, decimals: usize, trim_zeros: bool) -> String {
        if !value.is_finite() {
            return "–".to_string();
        }
        let (group, point) = match self {
            Lang::En => (',', '.'),
            Lang::Nl => ('.', ','),
        };
        let text = format!("{:.*}", decimals, value.abs());
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
        let negative = value < 0.0 && (int != "0" || !frac.is_empty());
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

    /// Formats an amount of money in euros, without cents from 1000 up or for whole amounts.
    pub fn money(self, value: f64) -> String {
        let decimals = if value.abs() >= 1000.0 || value.fract() == 0.0 {
            0
        } else {
            2
        };
        let amount = self.format(value, decimals, false);
        match self {
            Lang::En => format!("€{amount}"),
            Lang::Nl => format!("€ {amount}"),
        }
    }
}

macro_rules! texts {
    ($($key:ident => $en:expr, $nl:expr;)*) => {
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
        "Simuleer hoe leads door je verkooptrechter stromen, en vergelijk dat met een vliegwiel.";
    Language => "Language", "Taal";
    Inputs => "Inputs", "Invoer";
    Results => "Results", "Resultaten";
    FunnelStages => "Funnel stages", "Fasen van de trechter";
    StagesHint => "Each stage passes a share of its leads on to the next; the rest drop out. Certainty is how sure you are of the rate (a larger number means a narrower range; leave it empty if the rate is known exactly). Delay is the average number of periods a lead waits before moving on.",
        "Elke fase geeft een deel van haar leads door aan de volgende; de rest valt af. Zekerheid geeft aan hoe zeker je van het percentage bent (een groter getal betekent een smallere marge; laat het leeg als het percentage exact bekend is). Vertraging is het gemiddelde aantal perioden dat een lead wacht voordat hij doorgaat.";
    StageAwareness => "Awareness", "Bewustwording";
    StageInterest => "Interest", "Interesse";
    StageEvaluation => "Evaluation", "Evaluatie";
    StageDecision => "Decision", "Beslissing";
    StagePurchase => "Purchase", "Aankoop";
    StageName => "Name", "Naam";
    ConversionRate => "Conversion to next stage", "Conversie naar volgende fase";
    Certainty => "Certainty (pseudo-count)", "Zekerheid (pseudo-aantal)";
    Delay => "Average delay (periods)", "Gemiddelde vertraging (perioden)";
    MoveUp => "Move up:", "Omhoog:";
    MoveDown => "Move down:", "Omlaag:";
    RemoveStage => "Remove stage:", "Fase verwijderen:";
    AddStage => "Add a stage", "Fase toevoegen";
    General => "Leads, time and money", "Leads, tijd en geld";
    ArrivalsPerPeriod => "New leads per period", "Nieuwe leads per periode";
    Periods => "Number of periods", "Aantal perioden";
    PeriodUnit => "Period", "Periode";
    Month => "Month", "Maand";
    Week => "Week", "Week";
    RevenuePerPurchase => "Revenue per purchase", "Omzet per aankoop";
    CostPerLead => "Cost per lead", "Kosten per lead";
    Trials => "Simulated trials", "Aantal simulaties";
    Seed => "Random seed", "Startwaarde toeval (seed)";
    Flywheel => "Flywheel", "Vliegwiel";
    FlywheelHint => "In the flywheel, satisfied customers keep the wheel turning: promoters refer new leads, customers buy again, and part of the revenue is reinvested in new leads. Unhappy customers (detractors) leave sooner.",
        "In het vliegwiel houden tevreden klanten het wiel draaiende: promotors brengen nieuwe leads aan, klanten kopen opnieuw en een deel van de omzet wordt opnieuw in leads geïnvesteerd. Ontevreden klanten (criticasters) vertrekken eerder.";
    Promoters => "Promoters", "Promotors";
    Passives => "Passives", "Passieven";
    Detractors => "Detractors", "Criticasters";
    ReferralsPerPromoter => "Referred leads per promoter per period", "Doorverwezen leads per promotor per periode";
    ReferralEntryStage => "Referred leads enter at", "Doorverwezen leads starten bij";
    RepeatRate => "Repeat purchases per customer per period", "Herhaalaankopen per klant per periode";
    Churn => "Churn per period", "Klantverloop per periode";
    DetractorChurn => "Churn of detractors per period", "Verloop van criticasters per periode";
    Reinvest => "Revenue reinvested in leads", "Omzet herbelegd in leads";
    Run => "Run", "Start";
    Cancel => "Cancel", "Annuleren";
    Progress => "Simulation progress", "Voortgang van de simulatie";
    NotRunYet => "Not run yet.", "Nog niet gestart.";
    Running => "Simulating…", "Bezig met simuleren…";
    TrialsDone => "trials done", "simulaties klaar";
    Cancelled => "Cancelled. The results show the trials finished so far.",
        "Geannuleerd. De resultaten tonen de simulaties die al klaar waren.";
    RunFailed => "The simulation failed:", "De simulatie is mislukt:";
    MedianCustomers => "Median customers", "Mediaan aantal klanten";
    Funnel => "Funnel", "Trechter";
    Interval90 => "90% interval", "90%-interval";
    After => "after", "na";
    Months => "months", "maanden";
    Weeks => "weeks", "weken";
    Period => "Period", "Periode";
    Crossover => "Flywheel overtakes", "Vliegwiel haalt in";
    Probability => "probability", "kans";
    FinalValues => "At the end of the horizon", "Aan het einde van de periode";
    Mean => "Mean", "Gemiddelde";
    Median => "Median", "Mediaan";
    FunnelCustomers => "Customers, funnel", "Klanten, trechter";
    FlywheelCustomers => "Customers, flywheel", "Klanten, vliegwiel";
    FunnelRevenue => "Revenue, funnel", "Omzet, trechter";
    FlywheelRevenue => "Revenue, flywheel", "Omzet, vliegwiel";
    FunnelChartTitle => "Leads entering each stage over the horizon (funnel)", "Leads per fase over de hele periode (trechter)";
    FunnelChartNote => "Bars show the median, whiskers the 90% interval; the percentage is the drop-off from the stage before.",
        "Balken tonen de mediaan, lijnen het 90%-interval; het percentage is de uitval ten opzichte van de vorige fase.";
    CustomersOverTime => "Cumulative customers over time", "Cumulatief aantal klanten in de tijd";
    RevenueOverTime => "Cumulative revenue over time", "Cumulatieve omzet in de tijd";
    Customers => "Customers", "Klanten";
    RevenueEur => "Revenue (€)", "Omzet (€)";
    FinalCustomersHistogram => "Final customers across trials (funnel)", "Klanten aan het einde, over alle simulaties (trechter)";
    FinalRevenueHistogram => "Final revenue across trials (funnel)", "Omzet aan het einde, over alle simulaties (trechter)";
    ShowAsTable => "Show as table", "Toon als tabel";
    ShowAsChart => "Show as chart", "Toon als grafiek";
    AtTheEnd => "at the end", "aan het einde";
    BandsNote => "Light band: 90% of trials; dark band: middle 50%; line: median.",
        "Lichte band: 90% van de simulaties; donkere band: middelste 50%; lijn: mediaan.";
    TrialsCount => "Trials", "Simulaties";
    From => "From", "Van";
    To => "To", "Tot";
    Stage => "Stage", "Fase";
    DropOff => "Drop-off", "Uitval";
    StoredScenarioReset => "The scenario saved in this browser could not be read, so the default scenario was loaded.",
        "Het scenario dat in deze browser was bewaard kon niet worden gelezen; het standaardscenario is geladen.";
    Dismiss => "Dismiss", "Sluiten";
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Texts that are the same word in both languages.
    const SAME_IN_BOTH: &[T] = &[T::AppTitle, T::Week];

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

    #[test]
    fn language_codes() {
        assert_eq!(Lang::from_code("nl-BE"), Some(Lang::Nl));
        assert_eq!(Lang::from_code("en_US"), Some(Lang::En));
        assert_eq!(Lang::from_code("de"), None);
        assert_eq!(Lang::from_code(""), None);
    }

    #[test]
    fn numbers_follow_the_locale() {
        assert_eq!(Lang::En.number(1_234_567.891, 2), "1,234,567.89");
        assert_eq!(Lang::Nl.number(1_234_567.891, 2), "1.234.567,89");
        assert_eq!(Lang::En.number(12.6, 0), "13");
        assert_eq!(Lang::En.number(0.25, 3), "0.25");
        assert_eq!(Lang::Nl.number(-1500.0, 0), "−1.500");
        assert_eq!(Lang::En.number(-0.0001, 2), "0");
        assert_eq!(Lang::En.number(f64::NAN, 2), "–");
        assert_eq!(Lang::En.money(2500.0), "€2,500");
        assert_eq!(Lang::Nl.money(12.5), "€ 12,50");
        assert_eq!(Lang::En.money(0.0), "€0");
    }
}
