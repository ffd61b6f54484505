//! Share links: a scenario (plus the view and language it was shared from) packed into a string
//! that fits in a URL fragment, e.g. `#v1.AQA…`.
//!
//! Pure Rust (no web imports), tested natively. [`decode`] never panics, whatever the input.
//!
//! # Link format v1
//!
//! `v1.` followed by the unpadded base64url (RFC 4648 §5) encoding of one *method* byte and a
//! body that holds the *payload*:
//!
//! * method `0`: the body is the payload as is;
//! * method `1`: the body is the payload compressed with [`lz_compress`], a small LZ77 coder whose
//!   window starts out holding the frozen dictionary [`V1_DICT`] (today's default scenario and
//!   some common JSON fragments), so an unchanged field costs a few bits and the default scenario
//!   a handful of bytes.
//!
//! [`encode`] writes whichever is shorter. The payload is UTF-8 text: a header line
//! `view=results&lang=nl&preset=awareness` (`&`-separated `key=value` pairs, possibly none; a
//! `target` value, the Target panel's question, has `%`, `&`, `=` and control characters written
//! as `%XX`; `compare_a` or `compare_b`, the other scenario of a comparison in Compare as compact
//! JSON escaped the same way, see [`SharedCompare`]), a line feed, and the
//! scenario as compact JSON (exactly what `serde_json::to_string` writes). Decoding reads the
//! header, checks the JSON syntax, [`migrate`]s the scenario to the current [`SCENARIO_VERSION`],
//! parses it with [`Scenario::from_json`] and [`Scenario::validate`]s it.
//!
//! Numbers: serde_json (built without its `float_roundtrip` feature, which measured +11 KB
//! gzipped in the wasm) reads numbers of up to about 15 significant digits exactly, but may read
//! a 17-digit one (a result of arithmetic such as `1976.8479352185861`) 1 ulp off. Values typed
//! in the form round-trip exactly.
//!
//! Why not DEFLATE: `miniz_oxide` measured +15 KB gzipped in the release wasm (more than the
//! ~12 KB the size budget allows). This whole module, coder included, measured +7 KB gzipped,
//! and thanks to the dictionary its links are short for scenarios near the default.
//!
//! # Compatibility
//!
//! Links live in chats, mails and bookmarks, so every link that was ever written must keep
//! decoding (`tests/share.rs` holds frozen links):
//!
//! * [`V1_DICT`] never changes: old links copy bytes out of it.
//! * A new scenario `version` gets a step in [`migrate`]; old links then still decode.
//! * Readers ignore unknown header keys, so an optional addition may stay in format v1. A change
//!   that an older reader must not silently ignore gets a new prefix (`v2.`), and [`decode`] keeps
//!   its v1 branch.

use std::borrow::Cow;
use std::fmt;

use crate::sim::{ErrorKind, Scenario, ScenarioError, SCENARIO_VERSION};

/// The link format this module writes.
pub const LINK_FORMAT: u32 = 1;
/// The largest decompressed payload accepted (stops "zip bombs").
pub const MAX_PAYLOAD_BYTES: usize = 64 * 1024;
/// The longest link accepted (checked before any decoding work).
pub const MAX_LINK_CHARS: usize = 96 * 1024;
/// The longest view id.
pub const MAX_VIEW_CHARS: usize = 32;
/// The languages a link may name.
pub const LANGS: [&str; 2] = ["en", "nl"];

/// The default scenario as compact JSON when format v1 was made. FROZEN (it starts [`V1_DICT`]).
macro_rules! v1_base {
    () => {
        r#"{"version":1,"name":"Default five-stage funnel","periods":24,"period_unit":"month","trials":10000,"seed":42,"arrivals":{"mean":500.0,"distribution":"poisson","dispersion":10.0,"growth":0.01},"stages":[{"name":"Awareness","rate":{"kind":"beta","mean":0.3,"certainty":200.0},"delay":0.0},{"name":"Interest","rate":{"kind":"beta","mean":0.4,"certainty":100.0},"delay":1.0},{"name":"Evaluation","rate":{"kind":"observed","successes":45,"trials":100},"delay":2.0},{"name":"Decision","rate":{"kind":"beta","mean":0.5,"certainty":50.0},"delay":1.5},{"name":"Purchase","rate":{"kind":"beta","mean":0.85,"certainty":100.0},"delay":0.0}],"correlation":0.0,"segments":[],"economics":{"revenue_per_purchase":1200.0,"cost_per_lead":15.0,"fixed_budget_per_period":5000.0},"flywheel":{"customer_mix":{"kind":"shares","promoter":0.4,"passive":0.4,"detractor":0.2},"referrals_per_promoter":0.05,"referral_entry_stage":2,"repeat_rate":0.03,"churn_rate":0.02,"detractor_churn_rate":0.06,"reinvest_share":0.1}}"#
    };
}
pub const V1_BASE: &str = v1_base!();

/// The compression dictionary of format v1: [`V1_BASE`] and JSON fragments that scenarios often
/// hold. FROZEN: changing one byte breaks every v1 link.
pub const V1_DICT: &str = concat!(
    v1_base!(),
    r#"{"name":"Stage","rate":{"kind":"fixed","value":0.5},"delay":0.0}"#,
    r#","segments":[{"name":"Segment","share":0.5,"logit_shift":[0.0,0.0]}],"#,
    r#""period_unit":"week","distribution":"negative_binomial","distribution":"fixed","#,
    r#""customer_mix":{"kind":"nps","score":0.0,"passive":0.0},view=results&lang=en"#,
    "\nview=flow&lang=nl\n",
);

const METHOD_STORED: u8 = 0;
const METHOD_LZ: u8 = 1;

/// What a share link carries.
#[derive(Clone, Debug, PartialEq)]
pub struct SharedState {
    pub scenario: Scenario,
    /// The UI view the link opens, e.g. `"results"`, `"flow"`, `"compare"` (see [`is_valid_view`]).
    pub view: Option<String>,
    /// `"en"` or `"nl"`.
    pub lang: Option<String>,
    /// The teaching preset the scenario is (unchanged), e.g. `"awareness"`, so that the link opens
    /// with the preset's story; the same syntax as a view id. A reader that does not know the id
    /// opens the scenario without a story.
    pub preset: Option<String>,
    /// The Target panel's question, in the form the app keeps it in (opaque here; at most
    /// [`MAX_TARGET_CHARS`] characters), so that the link opens with the question asked.
    pub target: Option<String>,
    /// A comparison (Compare) of the link's scenario with another one, so that the link opens with
    /// it asked.
    pub compare: Option<SharedCompare>,
}

/// A comparison that a link carries: the header's `compare_a` or `compare_b`, the other scenario's
/// compact JSON as an escaped value (A or B: the link's own scenario is the other side). A value
/// that does not decode to a valid scenario is left out (the link's scenario still opens), as is
/// one that would make the payload longer than [`MAX_PAYLOAD_BYTES`].
#[derive(Clone, Debug, PartialEq)]
pub struct SharedCompare {
    /// The scenario compared with the link's own.
    pub other: Scenario,
    /// Whether `other` is A and the link's scenario B (as after Test a change); else the reverse.
    pub other_is_a: bool,
}

/// The longest target question a link carries.
pub const MAX_TARGET_CHARS: usize = 256;

/// Whether a link carries `target` (written, and read back): not empty, and not too long.
fn target_fits(target: &str) -> bool {
    !target.is_empty() && target.chars().count() <= MAX_TARGET_CHARS
}

/// `text` for a header value: `%`, `&`, `=`, line breaks and other control characters as `%XX`
/// (their UTF-8 bytes), everything else as it is (the payload is UTF-8 text).
fn escape_value(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() || matches!(c, '%' | '&' | '=') {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The text of an [`escape_value`]d header value, or `None` when an escape is malformed or the
/// bytes are not UTF-8.
fn unescape_value(value: &str) -> Option<String> {
    let b = value.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Whether `view` is a view id a link may carry: 1 to 32 characters of `a-z`, `0-9` and `-`.
pub fn is_valid_view(view: &str) -> bool {
    !view.is_empty()
        && view.len() <= MAX_VIEW_CHARS
        && view
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Whether `lang` is a language a link may carry.
pub fn is_valid_lang(lang: &str) -> bool {
    LANGS.contains(&lang)
}

/// Why a link could not be read.
#[derive(Clone, Debug, PartialEq)]
pub enum ShareError {
    /// Empty, or does not start with a format prefix like `v1.`.
    NotALink,
    /// Made by a newer Funnel Lab (link format `found` is unknown here).
    UnknownFormat { found: u32 },
    /// Longer than [`MAX_LINK_CHARS`] characters.
    LinkTooLong { chars: usize, limit: usize },
    /// Not base64url: the character at `position` (0-based, in the trimmed link) is not allowed,
    /// or the length is impossible (then `position` is the length).
    BadBase64 { position: usize },
    /// Unknown method byte, or the compressed data is damaged.
    BadCompression,
    /// The content stops before its end: the link was cut short (copied in part).
    Incomplete,
    /// The header line (view, language) is missing or not `key=value` pairs.
    BadHeader,
    /// The content would decompress to more than `limit` bytes.
    TooLarge { limit: usize },
    /// The scenario is not JSON at all; line and column (1-based) are those of the scenario JSON.
    BadJson {
        line: usize,
        column: usize,
        message: String,
    },
    /// The view id is not 1–32 characters of a-z, 0-9 and `-`.
    BadView { value: String },
    /// The language is not `en` or `nl`.
    BadLang { value: String },
    /// The scenario JSON does not describe a scenario (wrong shape: `ScenarioError::Parse`) or
    /// breaks a rule (`ScenarioError::Invalid`).
    InvalidScenario(ScenarioError),
}

/// The kind of a [`ShareError`], for a UI that brings its own translations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ShareErrorKind {
    NotALink,
    UnknownFormat,
    LinkTooLong,
    BadBase64,
    BadCompression,
    Incomplete,
    BadHeader,
    TooLarge,
    BadJson,
    BadView,
    BadLang,
    InvalidScenario,
}

impl ShareError {
    pub fn kind(&self) -> ShareErrorKind {
        match self {
            ShareError::NotALink => ShareErrorKind::NotALink,
            ShareError::UnknownFormat { .. } => ShareErrorKind::UnknownFormat,
            ShareError::LinkTooLong { .. } => ShareErrorKind::LinkTooLong,
            ShareError::BadBase64 { .. } => ShareErrorKind::BadBase64,
            ShareError::BadCompression => ShareErrorKind::BadCompression,
            ShareError::Incomplete => ShareErrorKind::Incomplete,
            ShareError::BadHeader => ShareErrorKind::BadHeader,
            ShareError::TooLarge { .. } => ShareErrorKind::TooLarge,
            ShareError::BadJson { .. } => ShareErrorKind::BadJson,
            ShareError::BadView { .. } => ShareErrorKind::BadView,
            ShareError::BadLang { .. } => ShareErrorKind::BadLang,
            ShareError::InvalidScenario(_) => ShareErrorKind::InvalidScenario,
        }
    }

    /// The message in Dutch (the scenario's own error, inside `InvalidScenario`, stays as the
    /// core words it).
    pub fn message_nl(&self) -> String {
        match self {
            ShareError::NotALink => "Dit is geen Funnel Lab-deellink.".to_string(),
            ShareError::UnknownFormat { found } => format!(
                "Deze link is gemaakt met een nieuwere versie van Funnel Lab (linkformaat v{found}); vernieuw de pagina en probeer het opnieuw."
            ),
            ShareError::LinkTooLong { chars, limit } => format!(
                "De link is te lang ({chars} tekens, hoogstens {limit})."
            ),
            ShareError::BadBase64 { position } => format!(
                "De link is beschadigd: teken {} hoort er niet in. Is hij volledig gekopieerd?",
                position + 1
            ),
            ShareError::BadCompression => {
                "De link is beschadigd (de inhoud is niet te lezen). Is hij volledig gekopieerd?"
                    .to_string()
            }
            ShareError::Incomplete => {
                "De link is onvolledig: het einde ontbreekt. Vraag de afzender om de hele link opnieuw te kopiëren."
                    .to_string()
            }
            ShareError::BadHeader => {
                "De link is beschadigd (de kopregel is niet te lezen).".to_string()
            }
            ShareError::TooLarge { limit } => format!(
                "De inhoud van de link zou groter zijn dan {} KiB: de link is beschadigd of niet door Funnel Lab gemaakt. Is hij volledig gekopieerd?",
                limit / 1024
            ),
            ShareError::BadJson {
                line,
                column,
                message,
            } => format!(
                "De inhoud van de link is geen geldige JSON (regel {line}, kolom {column}): {message}."
            ),
            ShareError::BadView { value } => {
                format!("De link noemt een onbekende weergave ({}).", clip(value))
            }
            ShareError::BadLang { value } => format!(
                "De link noemt een onbekende taal ({}); kies en of nl.",
                clip(value)
            ),
            ShareError::InvalidScenario(e) => {
                format!("Het scenario in de link is ongeldig: {e}")
            }
        }
    }
}

/// At most 40 characters of a user-supplied value, for messages.
fn clip(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShareError::NotALink => write!(f, "This is not a Funnel Lab share link."),
            ShareError::UnknownFormat { found } => write!(
                f,
                "This link was made by a newer version of Funnel Lab (link format v{found}); reload the page and try again."
            ),
            ShareError::LinkTooLong { chars, limit } => write!(
                f,
                "The link is too long ({chars} characters, at most {limit})."
            ),
            ShareError::BadBase64 { position } => write!(
                f,
                "The link is damaged: character {} does not belong in it. Was it copied completely?",
                position + 1
            ),
            ShareError::BadCompression => write!(
                f,
                "The link is damaged (its content cannot be read). Was it copied completely?"
            ),
            ShareError::Incomplete => write!(
                f,
                "The link is incomplete: its end is missing. Ask the sender to copy the whole link again."
            ),
            ShareError::BadHeader => write!(f, "The link is damaged (its header cannot be read)."),
            ShareError::TooLarge { limit } => write!(
                f,
                "The link's content would be larger than {} KiB: the link is damaged, or not made by Funnel Lab. Was it copied completely?",
                limit / 1024
            ),
            ShareError::BadJson {
                line,
                column,
                message,
            } => write!(
                f,
                "The link's content could not be read (line {line}, column {column}): {message}."
            ),
            ShareError::BadView { value } => {
                write!(f, "The link names an unknown view ({}).", clip(value))
            }
            ShareError::BadLang { value } => write!(
                f,
                "The link names an unknown language ({}); use en or nl.",
                clip(value)
            ),
            ShareError::InvalidScenario(e) => write!(f, "The link's scenario is invalid: {e}"),
        }
    }
}

impl std::error::Error for ShareError {}

impl From<ScenarioError> for ShareError {
    fn from(e: ScenarioError) -> ShareError {
        ShareError::InvalidScenario(e)
    }
}

/// Encodes a link. The scenario is not validated here (only a valid one decodes again); a `view`
/// or `lang` that [`is_valid_view`] / [`is_valid_lang`] rejects is left out. Non-finite numbers
/// have no JSON form: such a scenario is invalid anyway and its link does not decode.
pub fn encode(state: &SharedState) -> String {
    let mut header = Vec::new();
    if let Some(v) = state.view.as_deref().filter(|v| is_valid_view(v)) {
        header.push(format!("view={v}"));
    }
    if let Some(l) = state.lang.as_deref().filter(|l| is_valid_lang(l)) {
        header.push(format!("lang={l}"));
    }
    if let Some(p) = state.preset.as_deref().filter(|p| is_valid_view(p)) {
        header.push(format!("preset={p}"));
    }
    if let Some(t) = state.target.as_deref().filter(|t| target_fits(t)) {
        header.push(format!("target={}", escape_value(t)));
    }
    let json = serde_json::to_string(&state.scenario).unwrap_or_default();
    if let Some(c) = &state.compare {
        let other = escape_value(&serde_json::to_string(&c.other).unwrap_or_default());
        let key = if c.other_is_a {
            "compare_a"
        } else {
            "compare_b"
        };
        if other.len() + json.len() + 256 < MAX_PAYLOAD_BYTES {
            header.push(format!("{key}={other}"));
        }
    }
    link_from_payload(format!("{}\n{json}", header.join("&")).as_bytes())
}

/// Wraps a payload as a v1 link (the shorter of stored and compressed). [`encode`] uses it; it
/// is public for tests and tools that need links with arbitrary content.
pub fn link_from_payload(payload: &[u8]) -> String {
    let packed = lz_compress(payload);
    let (method, body) = if packed.len() < payload.len() {
        (METHOD_LZ, &packed[..])
    } else {
        (METHOD_STORED, payload)
    };
    let mut bytes = Vec::with_capacity(body.len() + 1);
    bytes.push(method);
    bytes.extend_from_slice(body);
    format!("v{LINK_FORMAT}.{}", base64url_encode(&bytes))
}

/// A link as pasted from an e-mail or a chat: without the white space a line break or a paste put
/// into it (also escaped, as a browser writes it in an address: `%20`, `%0A`, `%0D`, `%09`, and a
/// no-break space `%C2%A0`), and without what ended the sentence around it (`.`, `)`, quotes, `>`,
/// also escaped, like a curly quote's `%E2%80%9D`): a link's body is base64url, which has no `%`,
/// and ends in a base64url character.
fn tidy_link(link: &str) -> String {
    let mut s: String = link.chars().filter(|c| !c.is_whitespace()).collect();
    for esc in ["%20", "%0A", "%0a", "%0D", "%0d", "%09", "%C2%A0", "%c2%a0"] {
        s = s.replace(esc, "");
    }
    loop {
        let t = s.trim_end_matches(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        let n = t.len();
        let b = t.as_bytes();
        if n >= 3
            && b[n - 3] == b'%'
            && b[n - 2].is_ascii_hexdigit()
            && b[n - 1].is_ascii_hexdigit()
        {
            s.truncate(n - 3);
        } else {
            s.truncate(n);
            return s;
        }
    }
}

/// The payload inside a v1 link (header line and scenario JSON, unchecked); for tests and tools.
pub fn payload_from_link(link: &str) -> Result<Vec<u8>, ShareError> {
    let link = tidy_link(link);
    let link = link.as_str();
    let chars = link.chars().count();
    if chars > MAX_LINK_CHARS {
        return Err(ShareError::LinkTooLong {
            chars,
            limit: MAX_LINK_CHARS,
        });
    }
    // "v1." with nothing after it (tidied to "v1"): cut short right after the prefix.
    if link.len() > 1 && link.starts_with('v') && link[1..].bytes().all(|b| b.is_ascii_digit()) {
        return Err(ShareError::Incomplete);
    }
    let (prefix, body) = link.split_once('.').ok_or(ShareError::NotALink)?;
    let format = prefix
        .strip_prefix('v')
        .filter(|d| !d.is_empty() && d.len() <= 9 && d.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|d| d.parse::<u32>().ok())
        // Formats start at v1: "v0" is no link of any version (it was said to be from a newer one).
        .filter(|&f| f > 0)
        .ok_or(ShareError::NotALink)?;
    if format != 1 {
        return Err(ShareError::UnknownFormat { found: format });
    }
    let bytes = base64url_decode(body).map_err(|e| match e {
        // A length no link has: cut short.
        ShareError::BadBase64 { position } if position == body.trim_end_matches('=').len() => {
            ShareError::Incomplete
        }
        ShareError::BadBase64 { position } => ShareError::BadBase64 {
            position: position + prefix.len() + 1,
        },
        e => e,
    })?;
    match bytes.split_first() {
        Some((&METHOD_STORED, payload)) if payload.len() > MAX_PAYLOAD_BYTES => {
            Err(ShareError::TooLarge {
                limit: MAX_PAYLOAD_BYTES,
            })
        }
        Some((&METHOD_STORED, payload)) => Ok(payload.to_vec()),
        Some((&METHOD_LZ, data)) => lz_decompress(data),
        _ => Err(ShareError::BadCompression),
    }
}

/// Decodes a link (surrounding whitespace is ignored). Never panics; an `Ok` scenario is valid.
pub fn decode(link: &str) -> Result<SharedState, ShareError> {
    // Only format 1 exists; a later format decodes to the same parts in its own branch.
    let payload = payload_from_link(link)?;
    let nl = payload
        .iter()
        .position(|&b| b == b'\n')
        .ok_or(ShareError::BadHeader)?;
    let header = std::str::from_utf8(&payload[..nl]).map_err(|_| ShareError::BadHeader)?;
    let (mut view, mut lang, mut preset, mut target, mut compare) = (None, None, None, None, None);
    for pair in header.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').ok_or(ShareError::BadHeader)?;
        match key {
            "view" if is_valid_view(value) => view = Some(value.to_string()),
            "view" => {
                return Err(ShareError::BadView {
                    value: value.to_string(),
                })
            }
            "lang" if is_valid_lang(value) => lang = Some(value.to_string()),
            "lang" => {
                return Err(ShareError::BadLang {
                    value: value.to_string(),
                })
            }
            // A story to show with the scenario, left out when it is not an id (the scenario
            // still opens).
            "preset" => preset = is_valid_view(value).then(|| value.to_string()),
            // The target question: left out when damaged or too long (the scenario still opens).
            "target" => target = unescape_value(value).filter(|t| target_fits(t)),
            // The comparison: left out when damaged or invalid (the scenario still opens).
            "compare_a" | "compare_b" => {
                compare = unescape_value(value)
                    .and_then(|json| scenario_from_json(&json).ok())
                    .map(|other| SharedCompare {
                        other,
                        other_is_a: key == "compare_a",
                    })
            }
            _ => {} // an optional addition of a later version
        }
    }
    // Text that is not UTF-8 comes from a damaged link (the app writes UTF-8).
    let json = std::str::from_utf8(&payload[nl + 1..]).map_err(|_| ShareError::BadCompression)?;
    // The syntax check (with line and column), then the version. JSON that stops before its end
    // is a link cut short.
    serde_json::from_str::<serde::de::IgnoredAny>(json).map_err(|e| {
        // (An error at the last character of a cut number or word, such as "1e" or "tru", is a
        // cut too.)
        let lines = json.lines().count().max(1);
        let last = json.lines().last().map_or(0, |l| l.chars().count());
        let cut_token = json
            .chars()
            .last()
            .is_some_and(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
        if e.is_eof() || (cut_token && e.line() == lines && e.column() + 1 >= last) {
            ShareError::Incomplete
        } else {
            // (Without serde's own " at line … column …": the message gives the place once.)
            let message = e.to_string();
            let message = match message.rsplit_once(" at line ") {
                Some((m, _)) => m.to_string(),
                None => message,
            };
            ShareError::BadJson {
                line: e.line(),
                column: e.column(),
                message,
            }
        }
    })?;
    Ok(SharedState {
        scenario: scenario_from_json(json)?,
        view,
        lang,
        preset,
        target,
        compare,
    })
}

/// A link's scenario from its JSON (whose syntax was checked): migrated, parsed and validated.
fn scenario_from_json(json: &str) -> Result<Scenario, ShareError> {
    let json = migrate(json, crate::sim::json_version(json))?;
    let scenario = Scenario::from_json(&json)?;
    scenario.validate()?;
    Ok(scenario)
}

/// A migration step: scenario JSON of version `n` to JSON of version `n + 1`.
pub type Migration = fn(&str) -> Result<String, ShareError>;

/// `MIGRATIONS[i]` turns version `i + 1` into version `i + 2` (setting its `version`). The length
/// is checked against [`SCENARIO_VERSION`] at compile time, so a new scenario version cannot ship
/// without its step.
pub const MIGRATIONS: [Migration; (SCENARIO_VERSION - 1) as usize] = [];

/// Brings scenario JSON of `version` up to [`SCENARIO_VERSION`]. A newer version is an error; a
/// missing or malformed `version` (`None`) is left for [`Scenario::from_json`] to report.
pub fn migrate(json: &str, version: Option<u64>) -> Result<Cow<'_, str>, ShareError> {
    let Some(mut version) = version else {
        return Ok(Cow::Borrowed(json));
    };
    if version > u64::from(SCENARIO_VERSION) {
        return Err(ShareError::InvalidScenario(ScenarioError::Invalid {
            path: "version".into(),
            kind: ErrorKind::UnknownVersion,
            value: version.to_string(),
            allowed: SCENARIO_VERSION.to_string(),
        }));
    }
    let mut json = Cow::Borrowed(json);
    while (1..u64::from(SCENARIO_VERSION)).contains(&version) {
        if let Some(step) = MIGRATIONS.get(version as usize - 1) {
            json = Cow::Owned(step(&json)?);
        }
        version += 1;
    }
    Ok(json)
}

// ---------------------------------------------------------------------------------------------
// The LZ77 coder with a preset dictionary.
//
// The decoder's history starts as V1_DICT; each token appends to it. A token starts with a
// LEB128 varint `t`: `t & 1 == 0` is a literal run of `(t >> 1) + 1` bytes that follow;
// `t & 1 == 1` is a copy of `(t >> 1) + MIN_MATCH` bytes from `d` bytes back (varint `d` ≥ 1
// follows; copies may overlap their own output). The output is what follows the dictionary.

const MIN_MATCH: usize = 4;
const HASH_BITS: u32 = 12;
const MAX_CHAIN: usize = 48;

fn push_varint(out: &mut Vec<u8>, mut v: usize) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn read_varint(data: &[u8], pos: &mut usize) -> Result<usize, ShareError> {
    let mut v: usize = 0;
    for shift in (0..35).step_by(7) {
        let b = *data.get(*pos).ok_or(ShareError::BadCompression)?;
        *pos += 1;
        v |= usize::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return Ok(v);
        }
    }
    Err(ShareError::BadCompression)
}

fn hash4(b: &[u8]) -> usize {
    let x = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
    (x.wrapping_mul(0x9E37_79B1) >> (32 - HASH_BITS)) as usize
}

fn flush_literals(out: &mut Vec<u8>, lit: &[u8]) {
    if !lit.is_empty() {
        push_varint(out, (lit.len() - 1) << 1);
        out.extend_from_slice(lit);
    }
}

/// Compresses `data` (see the module notes); greedy parsing over hash chains.
pub fn lz_compress(data: &[u8]) -> Vec<u8> {
    let dict = V1_DICT.as_bytes();
    let mut hist = Vec::with_capacity(dict.len() + data.len());
    hist.extend_from_slice(dict);
    hist.extend_from_slice(data);
    let mut head = vec![usize::MAX; 1 << HASH_BITS];
    let mut prev = vec![usize::MAX; hist.len()];
    let insert = |i: usize, head: &mut Vec<usize>, prev: &mut Vec<usize>| {
        if i + MIN_MATCH <= hist.len() {
            let h = hash4(&hist[i..]);
            prev[i] = head[h];
            head[h] = i;
        }
    };
    for i in 0..dict.len() {
        insert(i, &mut head, &mut prev);
    }
    let mut out = Vec::new();
    let mut lit_start = dict.len();
    let mut i = dict.len();
    while i < hist.len() {
        let (mut best_len, mut best_at) = (0, 0);
        if i + MIN_MATCH <= hist.len() {
            let mut cand = head[hash4(&hist[i..])];
            let mut chain = 0;
            while cand != usize::MAX && chain < MAX_CHAIN {
                let len = hist[cand..]
                    .iter()
                    .zip(&hist[i..])
                    .take_while(|(a, b)| a == b)
                    .count();
                if len > best_len {
                    (best_len, best_at) = (len, cand);
                }
                cand = prev[cand];
                chain += 1;
            }
        }
        if best_len >= MIN_MATCH {
            flush_literals(&mut out, &hist[lit_start..i]);
            push_varint(&mut out, ((best_len - MIN_MATCH) << 1) | 1);
            push_varint(&mut out, i - best_at);
            for j in i..i + best_len {
                insert(j, &mut head, &mut prev);
            }
            i += best_len;
            lit_start = i;
        } else {
            insert(i, &mut head, &mut prev);
            i += 1;
        }
    }
    flush_literals(&mut out, &hist[lit_start..]);
    out
}

/// Decompresses [`lz_compress`] output; errors on damaged data and on output past
/// [`MAX_PAYLOAD_BYTES`].
pub fn lz_decompress(data: &[u8]) -> Result<Vec<u8>, ShareError> {
    let dict = V1_DICT.as_bytes();
    let mut hist = dict.to_vec();
    let mut pos = 0;
    let too_large = ShareError::TooLarge {
        limit: MAX_PAYLOAD_BYTES,
    };
    while pos < data.len() {
        let t = read_varint(data, &mut pos)?;
        let len = (t >> 1) + if t & 1 == 1 { MIN_MATCH } else { 1 };
        if hist.len() - dict.len() + len > MAX_PAYLOAD_BYTES {
            return Err(too_large);
        }
        if t & 1 == 0 {
            let lit = data.get(pos..pos + len).ok_or(ShareError::BadCompression)?;
            hist.extend_from_slice(lit);
            pos += len;
        } else {
            let d = read_varint(data, &mut pos)?;
            if d == 0 || d > hist.len() {
                return Err(ShareError::BadCompression);
            }
            let from = hist.len() - d;
            for k in 0..len {
                hist.push(hist[from + k]);
            }
        }
    }
    Ok(hist.split_off(dict.len()))
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Unpadded base64url (RFC 4648 §5).
pub fn base64url_encode(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(B64[(n >> (18 - 6 * i)) as usize & 63]));
        }
    }
    out
}

fn b64_value(c: u8) -> Option<u32> {
    match c {
        b'A'..=b'Z' => Some(u32::from(c - b'A')),
        b'a'..=b'z' => Some(u32::from(c - b'a') + 26),
        b'0'..=b'9' => Some(u32::from(c - b'0') + 52),
        b'-' => Some(62),
        b'_' => Some(63),
        _ => None,
    }
}

/// Decodes unpadded base64url; trailing `=` padding is tolerated.
pub fn base64url_decode(text: &str) -> Result<Vec<u8>, ShareError> {
    let bytes = text.trim_end_matches('=').as_bytes();
    if bytes.len() % 4 == 1 {
        return Err(ShareError::BadBase64 {
            position: bytes.len(),
        });
    }
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3 + 2);
    for (ci, chunk) in bytes.chunks(4).enumerate() {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            // Everything before `c` is ASCII, so its byte index is its character index.
            let v = b64_value(c).ok_or(ShareError::BadBase64 {
                position: ci * 4 + i,
            })?;
            n |= v << (18 - 6 * i);
        }
        for i in 0..chunk.len() - 1 {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    Ok(out)
}
