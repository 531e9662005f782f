//! Phone number checks with the `phonenumber` crate, made fast enough for 100,000 rows.
//!
//! `phonenumber` looks every pattern up in a mutex-guarded LRU regex cache, which makes `parse`
//! about 2 µs and `is_valid` about 5 µs per number: over a second for 100,000 rows. So the same
//! steps — same patterns, same order, same matching rules — run here on regexes compiled once:
//! the validity/type check for country codes that belong to one region, and the parse of a
//! number written nationally (digits only) for the default country. Anything else (a `+` or
//! international prefix, a code shared by several regions) goes through `phonenumber` itself.
//! Tests compare both paths on thousands of numbers in several countries.
//!
//! Over 500 lines because the fast paths (Compiled, FastParse) copy phonenumber's steps and must
//! sit beside the PhoneChecker that picks a path, and the tests comparing both.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use phonenumber::metadata::{DATABASE, Descriptor, Metadata};
use phonenumber::{Mode, PhoneNumber, Type};
use regex::{Regex, RegexBuilder};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use ts_rs::TS;

use crate::ModelError;

/// Default country for numbers written without `+` (ISO 3166 alpha-2, e.g. `CN`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, TS)]
#[ts(type = "string")]
pub struct Country(phonenumber::country::Id);

impl Country {
    /// The ISO code, e.g. `CN`.
    pub fn iso(&self) -> &str {
        self.0.as_ref()
    }

    pub fn id(&self) -> phonenumber::country::Id {
        self.0
    }
}

impl fmt::Debug for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Country({})", self.iso())
    }
}

impl fmt::Display for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.iso())
    }
}

impl FromStr for Country {
    type Err = ModelError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let upper = s.trim().to_ascii_uppercase();
        let id = phonenumber::country::Id::from_str(&upper).ok();
        match id {
            Some(id) if upper.len() == 2 && DATABASE.by_id(upper.as_str()).is_some() => {
                Ok(Self(id))
            }
            _ => Err(ModelError::InvalidCountry {
                value: s.to_owned(),
            }),
        }
    }
}

impl Serialize for Country {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.iso())
    }
}

impl<'de> Deserialize<'de> for Country {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse()
            .map_err(|e: ModelError| serde::de::Error::custom(e.to_string()))
    }
}

/// What is known about one cleaned number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneInfo {
    /// `+<code><national>` when the number could be parsed.
    pub e164: Option<String>,
    /// Valid for its country (only meaningful when `e164` is set).
    pub valid: bool,
    /// Its type, when valid.
    pub kind: Type,
    /// The number with the `0` Excel dropped, when that is what it looks like.
    pub leading_zero_fix: Option<String>,
}

struct Desc {
    re: Regex,
    lengths: Vec<u16>,
}

impl Desc {
    fn new(d: &Descriptor) -> Option<Self> {
        // `phonenumber` asks for the leftmost match to start at 0, which is the same as "some
        // match starts at 0": a start-anchored `is_match`, which can stop early. (The newline
        // ends a `#` comment, should a pattern ever have one in whitespace-insensitive mode.)
        let pattern = format!("^(?:{}\n)", d.national_number().as_str());
        let re = RegexBuilder::new(&pattern)
            .ignore_whitespace(true)
            .dfa_size_limit(8 << 20)
            .build()
            .ok()?;
        Some(Self {
            re,
            lengths: d.possible_length().to_vec(),
        })
    }

    /// `Descriptor::is_match`, exactly: a possible length, and a match starting at 0.
    fn is_match(&self, value: &str) -> bool {
        if !self.lengths.is_empty() && !self.lengths.contains(&(value.len() as u16)) {
            return false;
        }
        self.re.is_match(value)
    }
}

/// The patterns of one region, compiled once.
struct Compiled {
    general: Desc,
    premium_rate: Option<Desc>,
    toll_free: Option<Desc>,
    shared_cost: Option<Desc>,
    voip: Option<Desc>,
    personal_number: Option<Desc>,
    pager: Option<Desc>,
    uan: Option<Desc>,
    voicemail: Option<Desc>,
    fixed_line: Option<Desc>,
    mobile: Option<Desc>,
    fixed_same_as_mobile: bool,
}

impl Compiled {
    fn new(meta: &Metadata) -> Option<Self> {
        let d = meta.descriptors();
        let opt = |x: Option<&Descriptor>| -> Option<Option<Desc>> {
            match x {
                None => Some(None),
                Some(desc) => Desc::new(desc).map(Some),
            }
        };
        Some(Self {
            general: Desc::new(d.general())?,
            premium_rate: opt(d.premium_rate())?,
            toll_free: opt(d.toll_free())?,
            shared_cost: opt(d.shared_cost())?,
            voip: opt(d.voip())?,
            personal_number: opt(d.personal_number())?,
            pager: opt(d.pager())?,
            uan: opt(d.uan())?,
            voicemail: opt(d.voicemail())?,
            fixed_line: opt(d.fixed_line())?,
            mobile: opt(d.mobile())?,
            fixed_same_as_mobile: d.fixed_line().map(|x| x.national_number().as_str())
                == d.mobile().map(|x| x.national_number().as_str()),
        })
    }

    /// `phonenumber::validator::number_type`, step for step.
    fn number_type(&self, value: &str) -> Type {
        let m = |d: &Option<Desc>| d.as_ref().is_some_and(|d| d.is_match(value));
        if !self.general.is_match(value) {
            return Type::Unknown;
        }
        for (d, t) in [
            (&self.premium_rate, Type::PremiumRate),
            (&self.toll_free, Type::TollFree),
            (&self.shared_cost, Type::SharedCost),
            (&self.voip, Type::Voip),
            (&self.personal_number, Type::PersonalNumber),
            (&self.pager, Type::Pager),
            (&self.uan, Type::Uan),
            (&self.voicemail, Type::Voicemail),
        ] {
            if m(d) {
                return t;
            }
        }
        if m(&self.fixed_line) {
            if self.fixed_same_as_mobile || m(&self.mobile) {
                return Type::FixedLineOrMobile;
            }
            return Type::FixedLine;
        }
        if m(&self.mobile) {
            return Type::Mobile;
        }
        Type::Unknown
    }
}

/// How `phonenumber::validator::length` judges a length (for `Type::Unknown`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Length {
    Possible,
    LocalOnly,
    TooShort,
    TooLong,
    Invalid,
}

/// The default country's parsing rules, compiled once: `phonenumber::parse` for digits-only
/// input, step for step.
struct FastParse {
    code: u16,
    code_str: String,
    idd: Option<Regex>,
    prefix_for_parsing: Option<Regex>,
    transform: Option<String>,
    national_prefix: Option<String>,
    general: Desc,
    possible: Vec<u16>,
    local: Vec<u16>,
}

/// Result of the fast parse.
#[derive(Debug, PartialEq, Eq)]
enum Fast {
    /// Country code and national significant number, as `phonenumber::parse` gives them.
    Parsed(u16, String),
    /// `phonenumber::parse` fails on this input.
    Fails,
    /// Needs the full parser.
    Fallback,
}

impl FastParse {
    fn new(meta: &Metadata) -> Option<Self> {
        let plain = |pattern: &str| {
            RegexBuilder::new(pattern)
                .ignore_whitespace(true)
                .build()
                .ok()
        };
        let general = meta.descriptors().general();
        Some(Self {
            code: meta.country_code(),
            code_str: meta.country_code().to_string(),
            idd: match meta.international_prefix() {
                Some(re) => Some(plain(re.as_str())?),
                None => None,
            },
            prefix_for_parsing: match meta.national_prefix_for_parsing() {
                Some(re) => Some(plain(re.as_str())?),
                None => None,
            },
            transform: meta.national_prefix_transform_rule().map(str::to_owned),
            national_prefix: meta.national_prefix().map(str::to_owned),
            general: Desc::new(general)?,
            possible: general.possible_length().to_vec(),
            local: general.possible_local_length().to_vec(),
        })
    }

    /// `validator::length(meta, number, Type::Unknown)`.
    fn length(&self, national: &str) -> Length {
        let len = national.len() as u16;
        let Some((&min, &max)) = self.possible.first().zip(self.possible.last()) else {
            return Length::Invalid;
        };
        if self.local.contains(&len) {
            Length::LocalOnly
        } else if len == min {
            Length::Possible
        } else if len < min {
            Length::TooShort
        } else if len > max {
            Length::TooLong
        } else if self.possible.contains(&len) {
            Length::Possible
        } else {
            Length::Invalid
        }
    }

    /// `helper::national_number` (the carrier code it extracts is not needed).
    fn national_number<'a>(&self, national: Cow<'a, str>) -> Cow<'a, str> {
        let Some(parsing) = &self.prefix_for_parsing else {
            if let Some(prefix) = &self.national_prefix
                && national.starts_with(prefix.as_str())
            {
                return Cow::Owned(national[prefix.len()..].to_owned());
            }
            return national;
        };
        let Some(m) = parsing.find(&national) else {
            return national;
        };
        let (start, end) = (m.start(), m.end());
        if start != 0 {
            return national;
        }
        let viable = self.general.is_match(&national);
        let Some(caps) = parsing.captures(&national) else {
            return national;
        };
        let last_set = caps.get(caps.len() - 1).is_some();
        match &self.transform {
            Some(rule) if last_set => {
                let transformed = parsing.replace(&national, rule.as_str()).into_owned();
                if viable && !self.general.is_match(&transformed) {
                    return national;
                }
                Cow::Owned(transformed)
            }
            _ => {
                if viable && !self.general.is_match(&national[start..]) {
                    return national;
                }
                Cow::Owned(national[end..].to_owned())
            }
        }
    }

    /// `phonenumber::parse(Some(default), digits)` for ASCII digits.
    fn parse(&self, digits: &str) -> Fast {
        // helper::international_prefix: an IDD at the start (not followed by 0) makes it an
        // international number: the full parser handles those.
        if let Some(idd) = &self.idd
            && let Some(m) = idd.find(digits)
            && m.start() == 0
            && !digits[m.end()..].starts_with('0')
        {
            return Fast::Fallback;
        }
        if digits.len() <= 1 {
            return Fast::Fallback;
        }
        // helper::country_code, Source::Default.
        let mut national: Cow<'_, str> = Cow::Borrowed(digits);
        if digits.starts_with(self.code_str.as_str())
            && (!self.general.is_match(digits)
                || !matches!(self.length(digits), Length::Possible | Length::LocalOnly))
        {
            national = Cow::Borrowed(&digits[self.code_str.len()..]);
        }
        // parse_with: national prefix for parsing, then the national prefix itself.
        let mut potential = self.national_number(national.clone());
        if let Some(prefix) = &self.national_prefix
            && potential.starts_with(prefix.as_str())
        {
            potential = Cow::Owned(potential[prefix.len()..].to_owned());
        }
        if self.length(&potential) != Length::TooShort {
            national = potential;
        }
        if national.len() < 2 || national.len() > 17 {
            return Fast::Fails;
        }
        // NationalNumber keeps leading zeros apart; leave those rare numbers to the full parser.
        if national.starts_with('0') || !national.bytes().all(|b| b.is_ascii_digit()) {
            return Fast::Fallback;
        }
        // NationalNumber::new: the value must fit in 56 bits.
        match national.parse::<u64>() {
            Ok(v) if v < (1 << 56) => Fast::Parsed(self.code, national.into_owned()),
            Ok(_) => Fast::Fails,
            Err(_) => Fast::Fallback,
        }
    }
}

/// Checks numbers for one default country, caching compiled patterns per country code.
#[derive(Clone)]
pub struct PhoneChecker {
    country: Option<Country>,
    /// Per country code: the compiled patterns when the code belongs to exactly one region
    /// (`None`: several regions share it, so `phonenumber` decides).
    compiled: HashMap<u16, Option<Arc<Compiled>>>,
    national_prefix: Option<String>,
    fast: Option<Arc<FastParse>>,
}

impl fmt::Debug for PhoneChecker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PhoneChecker")
            .field("country", &self.country)
            .finish_non_exhaustive()
    }
}

impl PhoneChecker {
    /// A checker for numbers written nationally in `country` (`None`: only `+` numbers parse).
    pub fn new(country: Option<Country>) -> Self {
        let national_prefix = country
            .and_then(|c| DATABASE.by_id(c.iso()))
            .and_then(|m| m.national_prefix().map(str::to_owned));
        let fast = country
            .and_then(|c| DATABASE.by_id(c.iso()))
            .and_then(FastParse::new)
            .map(Arc::new);
        Self {
            country,
            compiled: HashMap::new(),
            national_prefix,
            fast,
        }
    }

    /// Compiles the default country's patterns now, so clones share them.
    pub fn warm(&mut self) {
        if let Some(code) = self
            .country
            .and_then(|c| DATABASE.by_id(c.iso()))
            .map(|m| m.country_code())
        {
            self.compiled_for(code);
        }
    }

    fn compiled_for(&mut self, code: u16) -> Option<Arc<Compiled>> {
        self.compiled
            .entry(code)
            .or_insert_with(|| {
                let regions = DATABASE.region(&code)?;
                if regions.len() != 1 {
                    return None;
                }
                let meta = if regions[0] == "001" {
                    DATABASE.by_code(&code)?.into_iter().next()?
                } else {
                    DATABASE.by_id(regions[0])?
                };
                Compiled::new(meta).map(Arc::new)
            })
            .clone()
    }

    /// Validity and type of a parsed number, as `phonenumber::is_valid` / `number_type` give.
    fn classify(&mut self, n: &PhoneNumber) -> (bool, Type) {
        let code = n.code().value();
        match self.compiled_for(code) {
            Some(c) => {
                let t = c.number_type(&n.national().to_string());
                (t != Type::Unknown, t)
            }
            None => {
                let valid = phonenumber::is_valid(n);
                (
                    valid,
                    if valid {
                        n.number_type(&DATABASE)
                    } else {
                        Type::Unknown
                    },
                )
            }
        }
    }

    /// Parses once (on the compiled fast path when it applies), then checks.
    pub fn check(&mut self, cleaned: &str) -> PhoneInfo {
        if let Some(fast) = self.fast.clone()
            && cleaned.bytes().all(|b| b.is_ascii_digit())
        {
            match fast.parse(cleaned) {
                Fast::Fails => return PhoneInfo::unparsed(),
                Fast::Parsed(code, national) => {
                    if let Some(c) = self.compiled_for(code) {
                        let kind = c.number_type(&national);
                        let valid = kind != Type::Unknown;
                        // The leading-zero check formats the number: full path for those few.
                        if !(valid && self.may_have_lost_zero(cleaned, kind)) {
                            let e164 = Some(format!("+{code}{national}"));
                            return PhoneInfo {
                                e164,
                                valid,
                                kind,
                                leading_zero_fix: None,
                            };
                        }
                    }
                }
                Fast::Fallback => {}
            }
        }
        self.check_full(cleaned)
    }

    /// A national landline without the trunk prefix: Excel may have dropped a `0`.
    fn may_have_lost_zero(&self, cleaned: &str, kind: Type) -> bool {
        matches!(kind, Type::FixedLine | Type::FixedLineOrMobile)
            && !cleaned.starts_with('+')
            && self
                .national_prefix
                .as_deref()
                .is_some_and(|p| !cleaned.starts_with(p))
    }

    /// The same check through `phonenumber` itself.
    fn check_full(&mut self, cleaned: &str) -> PhoneInfo {
        let default = self.country.map(|c| c.id());
        let Ok(n) = phonenumber::parse(default, cleaned) else {
            return PhoneInfo::unparsed();
        };
        let e164 = format!("+{}{}", n.code().value(), n.national());
        let (valid, kind) = self.classify(&n);
        let mut leading_zero_fix = None;
        // Excel drops the trunk prefix `0` of a national number typed into a number cell. When
        // the number, written nationally, is exactly `0` followed by what was given, that is
        // what happened (mobile and 400/800 numbers are written without it, so they pass).
        if valid
            && self.may_have_lost_zero(cleaned, kind)
            && let Some(prefix) = &self.national_prefix
        {
            let national: String = phonenumber::format(&n)
                .mode(Mode::National)
                .to_string()
                .chars()
                .filter(char::is_ascii_digit)
                .collect();
            if national.strip_prefix(prefix.as_str()) == Some(cleaned) {
                leading_zero_fix = Some(national);
            }
        }
        PhoneInfo {
            e164: Some(e164),
            valid,
            kind,
            leading_zero_fix,
        }
    }

    /// The country national numbers are read for.
    pub fn country(&self) -> Option<Country> {
        self.country
    }

    /// The canonical key of a number (see [`crate::number_key`]): two spellings of one number
    /// have the same key. `cleaned` is a number as the import cleans it (digits, maybe a `+`);
    /// anything but ASCII digits and a leading `+` is ignored here.
    pub fn key(&mut self, cleaned: &str) -> String {
        let compact = compact(cleaned);
        if compact.is_empty() {
            return String::new();
        }
        let info = self.check(&compact);
        self.key_with(&compact, &info)
    }

    /// [`PhoneChecker::key`] for a number [`PhoneChecker::check`] has already looked at.
    pub fn key_with(&mut self, cleaned: &str, info: &PhoneInfo) -> String {
        if let (true, Some(e164)) = (info.valid, &info.e164) {
            return e164.clone();
        }
        // Spellings the national parse does not read as Tencent does: `0086…` without a
        // default country, and `86…` (the country code without `+`).
        let digits = cleaned.trim_start_matches('+');
        // `00…` is the international prefix: unambiguous even when the number is not valid.
        let mut idd = None;
        if !cleaned.starts_with('+') {
            if let Some(rest) = digits.strip_prefix("00") {
                let alt = self.check(&format!("+{rest}"));
                match alt.e164 {
                    Some(e164) if alt.valid => return e164,
                    other => idd = other,
                }
            } else if let Some(code) = self.country_code()
                && digits.starts_with(code.as_str())
            {
                let alt = self.check(&format!("+{digits}"));
                if let (true, Some(e164)) = (alt.valid, alt.e164) {
                    return e164;
                }
            }
        }
        let checkable = self.country.is_some() || cleaned.starts_with('+');
        match (&info.e164, idd) {
            (Some(e164), _) if checkable => e164.clone(),
            (_, Some(e164)) => e164,
            _ => digits.to_owned(),
        }
    }

    /// The default country's calling code, e.g. `86`.
    fn country_code(&self) -> Option<String> {
        self.country
            .and_then(|c| DATABASE.by_id(c.iso()))
            .map(|m| m.country_code().to_string())
    }

    /// `number` written in `form`: `None` when it is not a valid number (it then goes out as
    /// written).
    /// A number of another country than the checker's is always written `+…`.
    pub fn format(&mut self, number: &str, form: NumberForm) -> Option<String> {
        let key = self.key(number);
        if !key.starts_with('+') || !self.check(&key).valid {
            return None;
        }
        let parsed = phonenumber::parse(None, &key).ok()?;
        let own = self
            .country
            .and_then(|c| DATABASE.by_id(c.iso()))
            .is_some_and(|m| m.country_code() == parsed.code().value());
        match form {
            NumberForm::International => Some(key),
            NumberForm::National if !own => Some(key),
            NumberForm::National => {
                let default = self.country.map(|c| c.id());
                let reparsed = phonenumber::parse(default, &key).ok()?;
                Some(
                    phonenumber::format(&reparsed)
                        .mode(Mode::National)
                        .to_string()
                        .chars()
                        .filter(char::is_ascii_digit)
                        .collect(),
                )
            }
        }
    }

    /// How `cleaned` is written.
    pub fn written_form(&mut self, cleaned: &str) -> WrittenForm {
        let key = self.key(cleaned);
        WrittenForm::of(cleaned, &key)
    }
}

impl WrittenForm {
    /// How `cleaned` is written, given its canonical `key` (no parsing: cheap enough for every
    /// row of a large draft).
    pub fn of(cleaned: &str, key: &str) -> Self {
        let compact = compact(cleaned);
        if compact.starts_with('+') {
            Self::Plus
        } else if compact.starts_with("00") {
            Self::InternationalPrefix
        } else if key.strip_prefix('+') == Some(compact.as_str()) {
            Self::CountryCode
        } else {
            Self::National
        }
    }
}

/// ASCII digits with the leading `+`, if there is one.
fn compact(text: &str) -> String {
    let text = text.trim();
    let mut out = String::with_capacity(text.len());
    if text.starts_with('+') {
        out.push('+');
    }
    out.extend(text.chars().filter(char::is_ascii_digit));
    out
}

/// The form numbers are sent to Tencent in. Tencent publishes no rule; its examples send
/// national numbers (`02012345678`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum NumberForm {
    /// `02038001234`, `13800138000`: as the draft's country writes them (Tencent's examples).
    #[default]
    National,
    /// `+862038001234`.
    International,
}

impl NumberForm {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::National => "national",
            Self::International => "international",
        }
    }
}

impl FromStr for NumberForm {
    type Err = ModelError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "national" => Ok(Self::National),
            "international" | "e164" => Ok(Self::International),
            other => Err(ModelError::InvalidNumberForm {
                value: other.to_owned(),
            }),
        }
    }
}

/// How a number is written in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum WrittenForm {
    /// `020 3800 1234`.
    National,
    /// `+86 20 3800 1234`.
    Plus,
    /// `0086 20 38001234`.
    InternationalPrefix,
    /// `862038001234`: the country code without `+`.
    CountryCode,
}

impl PhoneInfo {
    fn unparsed() -> Self {
        Self {
            e164: None,
            valid: false,
            kind: Type::Unknown,
            leading_zero_fix: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The compiled check must agree with `phonenumber` itself, or the speed-up changed results.
    #[test]
    fn compiled_check_agrees_with_phonenumber() {
        let mut checked = 0;
        for (country, numbers) in [
            (
                "CN",
                vec![
                    "02012345678",
                    "13812345678",
                    "4001234567",
                    "8001234567",
                    "2012345678",
                    "0101234567",
                    "01012345678",
                    "12345",
                    "95555",
                    "0755123456",
                    "075512345678",
                    "17012345678",
                    "+85291234567",
                    "+6591234567",
                ],
            ),
            (
                "DE",
                vec!["030123456", "015112345678", "0900123456", "+4930123456"],
            ),
            (
                "SG",
                vec!["61234567", "91234567", "18001234567", "+6561234567"],
            ),
            ("US", vec!["2015550123", "+12015550123", "+442079460000"]),
        ] {
            let c: Country = country.parse().unwrap_or_else(|e| panic!("{country}: {e}"));
            let mut checker = PhoneChecker::new(Some(c));
            let mut all: Vec<String> = numbers.iter().map(|s| s.to_string()).collect();
            // And a spread of generated numbers.
            let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
            for _ in 0..400 {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                let len = 5 + (x % 8) as usize;
                all.push(format!("{:0len$}", x % 10u64.pow(len as u32)));
            }
            for s in &all {
                let Ok(n) = phonenumber::parse(Some(c.id()), s) else {
                    continue;
                };
                let want_valid = phonenumber::is_valid(&n);
                let (valid, kind) = checker.classify(&n);
                assert_eq!(
                    valid, want_valid,
                    "{country} {s}: validity must match phonenumber"
                );
                if want_valid {
                    assert_eq!(
                        kind,
                        n.number_type(&DATABASE),
                        "{country} {s}: type must match"
                    );
                }
                checked += 1;
            }
        }
        assert!(checked > 1000, "enough numbers compared ({checked})");
    }

    /// The compiled parse must give what `phonenumber::parse` gives, or fall back.
    #[test]
    fn fast_parse_agrees_with_phonenumber() {
        let mut fast_total = 0;
        for country in [
            "CN", "DE", "SG", "GB", "IT", "AR", "MX", "BR", "IN", "JP", "FR", "AU", "HK", "US",
        ] {
            let c: Country = country.parse().unwrap_or_else(|e| panic!("{country}: {e}"));
            let meta = DATABASE
                .by_id(country)
                .unwrap_or_else(|| panic!("{country} metadata"));
            let fast = FastParse::new(meta).unwrap_or_else(|| panic!("{country} compiles"));
            let mut x: u64 = 0x2545_F491_4F6C_DD1D ^ u64::from(meta.country_code());
            let mut numbers: Vec<String> = Vec::new();
            for _ in 0..1500 {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                let len = 3 + (x % 15) as usize;
                let mut s = format!("{:0len$}", x % 10u64.pow(len.min(19) as u32));
                // Bias towards realistic starts: trunk prefix, country code, carrier codes.
                match x % 6 {
                    0 => s.replace_range(..1, "0"),
                    1 => s.insert_str(0, &meta.country_code().to_string()),
                    2 => s.insert_str(0, "00"),
                    3 => s.insert(0, '1'),
                    _ => {}
                }
                numbers.push(s);
            }
            let (mut parsed, mut fails) = (0, 0);
            for s in &numbers {
                let want = phonenumber::parse(Some(c.id()), s);
                match fast.parse(s) {
                    Fast::Parsed(code, national) => {
                        let n = want.unwrap_or_else(|e| {
                            panic!("{country} {s}: fast parsed, full failed: {e:?}")
                        });
                        assert_eq!(
                            (code, national.as_str()),
                            (n.code().value(), n.national().to_string().as_str()),
                            "{country} {s}: fast parse must equal phonenumber::parse"
                        );
                        parsed += 1;
                    }
                    Fast::Fails => {
                        assert!(
                            want.is_err(),
                            "{country} {s}: fast failed, full parsed {want:?}"
                        );
                        fails += 1;
                    }
                    Fast::Fallback => {}
                }
            }
            assert!(
                parsed > 500,
                "{country}: the fast path is really used ({parsed} parsed)"
            );
            fast_total += parsed + fails;
        }
        assert!(
            fast_total > 10_000,
            "enough numbers compared ({fast_total})"
        );
    }

    #[test]
    fn leading_zero_fix_only_for_landlines() {
        let mut checker = PhoneChecker::new("CN".parse().ok());
        assert_eq!(
            checker.check("2012345678").leading_zero_fix.as_deref(),
            Some("02012345678"),
            "Guangzhou landline without its 0"
        );
        assert_eq!(
            checker.check("02012345678").leading_zero_fix,
            None,
            "already has its 0"
        );
        assert_eq!(
            checker.check("13812345678").leading_zero_fix,
            None,
            "mobile has no 0"
        );
        assert_eq!(
            checker.check("4001234567").leading_zero_fix,
            None,
            "400 number has no 0"
        );
    }

    #[test]
    fn countries_parse() {
        assert_eq!(
            "cn".parse::<Country>()
                .map(|c| c.to_string())
                .ok()
                .as_deref(),
            Some("CN"),
            "lower case"
        );
        assert!("XX".parse::<Country>().is_err(), "unknown code rejected");
        assert!("China".parse::<Country>().is_err(), "names rejected");
    }
}
