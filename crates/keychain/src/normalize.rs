//! Input hygiene for keys pasted into the Settings form.
//!
//! # The rule
//!
//! 1. **Trimmed silently:** whitespace of any kind (spaces, tabs, line breaks, non-breaking and
//!    full-width spaces) and the invisible characters U+200B, U+200C, U+200D, U+2060 and U+FEFF
//!    (byte-order mark) at either end. They come along with copy and paste and can never be part
//!    of a key.
//! 2. **Errors** (the key would certainly be rejected by Tencent Cloud, or by the signer): an empty
//!    value; whitespace or an invisible character inside the value; a control character; any
//!    character outside ASCII (full-width letters typed with a Chinese input method, curly quotes,
//!    accented letters); a value wrapped in a pair of quotes.
//! 3. **Warnings** (unusual, but Tencent does not publish a strict format, so the value is kept and
//!    the user decides): a SecretId that does not start with `AKID` or is not 36 characters long
//!    (temporary SecretIds are longer); a SecretKey that is not 32 characters long or starts with
//!    `AKID` (a SecretId pasted into the wrong field); a SecretId or SecretKey with an ASCII
//!    character other than a letter or digit. Tokens get no format warnings: their format is not
//!    documented and varies.
//!
//! Messages name the position and the kind of character; they never quote the value, nor any of
//! its letters or digits (a SecretKey pasted into the SecretId field must not be echoed either).

use std::fmt;

use numdesk_sign::SecretKey;
use serde::Serialize;
use ts_rs::TS;

use crate::error::{CredentialField, KeychainError};

/// Length of a permanent Tencent Cloud SecretId.
pub const SECRET_ID_LEN: usize = 36;
/// Prefix of every Tencent Cloud SecretId.
pub const SECRET_ID_PREFIX: &str = "AKID";
/// Length of a Tencent Cloud SecretKey.
pub const SECRET_KEY_LEN: usize = 32;

/// Something unusual about a value that was accepted. The UI shows these next to the field and
/// still lets the user save. Serialised as `{ "code": "…", … }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(
    tag = "code",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum FormatWarning {
    /// The SecretId does not start with `AKID`.
    SecretIdPrefix,
    /// The SecretId is not 36 characters long.
    SecretIdLength {
        /// Its length in characters.
        length: usize,
    },
    /// The SecretKey is not 32 characters long.
    SecretKeyLength {
        /// Its length in characters.
        length: usize,
    },
    /// The SecretKey starts with `AKID`, like a SecretId.
    SecretKeyLooksLikeSecretId,
    /// An ASCII character other than a letter or digit (e.g. a quote or a dash).
    UnusualCharacter {
        /// 1-based character position in the pasted text.
        position: usize,
    },
}

impl fmt::Display for FormatWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::SecretIdPrefix => write!(
                f,
                "Tencent Cloud SecretIds start with {SECRET_ID_PREFIX}; check that this is the \
                 SecretId and not the SecretKey"
            ),
            Self::SecretIdLength { length } => write!(
                f,
                "the SecretId has {length} characters; permanent Tencent Cloud SecretIds have \
                 {SECRET_ID_LEN} (temporary ones are longer); check that it was copied whole"
            ),
            Self::SecretKeyLength { length } => write!(
                f,
                "the SecretKey has {length} characters; Tencent Cloud SecretKeys have \
                 {SECRET_KEY_LEN}; check that it was copied whole"
            ),
            Self::SecretKeyLooksLikeSecretId => write!(
                f,
                "the SecretKey starts with {SECRET_ID_PREFIX} like a SecretId; check that the \
                 SecretId was not pasted into the SecretKey field"
            ),
            Self::UnusualCharacter { position } => write!(
                f,
                "character {position} is neither a letter nor a digit; Tencent Cloud keys \
                 normally contain only letters and digits"
            ),
        }
    }
}

/// A value that passed the checks, with the warnings to show. `Debug` of
/// `Normalized<SecretKey>` redacts the key.
#[derive(Debug, Clone)]
pub struct Normalized<T> {
    /// The trimmed value.
    pub value: T,
    /// Unusual things about it, in the order found; empty when it looks exactly as expected.
    pub warnings: Vec<FormatWarning>,
}

/// Trim and check a pasted SecretId. See the [module docs](self) for the rule.
pub fn normalize_secret_id(input: &str) -> Result<Normalized<String>, KeychainError> {
    let field = CredentialField::SecretId;
    let trimmed = clean(field, input)?;
    let mut warnings = Vec::new();
    if !trimmed.value.starts_with(SECRET_ID_PREFIX) {
        warnings.push(FormatWarning::SecretIdPrefix);
    }
    if trimmed.length != SECRET_ID_LEN {
        warnings.push(FormatWarning::SecretIdLength {
            length: trimmed.length,
        });
    }
    warnings.extend(unusual_characters(&trimmed));
    Ok(Normalized {
        value: trimmed.value.to_owned(),
        warnings,
    })
}

/// Trim and check a pasted SecretKey. See the [module docs](self) for the rule.
pub fn normalize_secret_key(input: &str) -> Result<Normalized<SecretKey>, KeychainError> {
    let field = CredentialField::SecretKey;
    let trimmed = clean(field, input)?;
    let mut warnings = Vec::new();
    if trimmed.value.starts_with(SECRET_ID_PREFIX) {
        warnings.push(FormatWarning::SecretKeyLooksLikeSecretId);
    }
    if trimmed.length != SECRET_KEY_LEN {
        warnings.push(FormatWarning::SecretKeyLength {
            length: trimmed.length,
        });
    }
    warnings.extend(unusual_characters(&trimmed));
    Ok(Normalized {
        value: SecretKey::new(trimmed.value),
        warnings,
    })
}

/// Trim and check a pasted session token (temporary credentials). Same hygiene as the SecretKey,
/// no format warnings.
pub fn normalize_token(input: &str) -> Result<Normalized<SecretKey>, KeychainError> {
    let trimmed = clean(CredentialField::Token, input)?;
    Ok(Normalized {
        value: SecretKey::new(trimmed.value),
        warnings: Vec::new(),
    })
}

/// Check a secret before it is stored: non-empty and visible ASCII only (`0x21..=0x7E`), as
/// the signer requires. Unlike the `normalize_*` functions nothing is trimmed: surrounding
/// whitespace is an error too. Positions count from the value's first character.
pub(crate) fn check_stored(field: CredentialField, value: &str) -> Result<(), KeychainError> {
    if value.is_empty() {
        return Err(KeychainError::EmptyCredential { field });
    }
    let bad = value
        .chars()
        .enumerate()
        .find(|(_, c)| !c.is_ascii_graphic());
    if let Some((index, c)) = bad {
        let position = index + 1;
        let length = value.chars().count();
        return Err(if is_trimmable(c) {
            KeychainError::WhitespaceInCredential {
                field,
                found: describe(c),
                position,
                length,
            }
        } else {
            KeychainError::InvalidCharInCredential {
                field,
                found: describe(c),
                position,
                length,
                hint: hint(c),
            }
        });
    }
    Ok(())
}

/// The trimmed slice of the input and where it starts (in characters).
struct Trimmed<'a> {
    value: &'a str,
    /// Characters trimmed from the start (to report positions in the pasted text).
    offset: usize,
    /// Characters in `value`.
    length: usize,
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}'
    )
}

fn is_trimmable(c: char) -> bool {
    c.is_whitespace() || is_invisible(c)
}

fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '`'
            | '\u{2018}'
            | '\u{2019}'
            | '\u{201c}'
            | '\u{201d}'
            | '\u{300c}'
            | '\u{300d}'
    )
}

fn clean(field: CredentialField, input: &str) -> Result<Trimmed<'_>, KeychainError> {
    let start = input.trim_start_matches(is_trimmable);
    let offset = input.chars().count() - start.chars().count();
    let value = start.trim_end_matches(is_trimmable);
    if value.is_empty() {
        return Err(KeychainError::EmptyCredential { field });
    }
    let length = value.chars().count();
    let pasted_length = input.chars().count();

    // Quotes first: a quoted value with a curly quote would otherwise read as "non-ASCII".
    let mut chars = value.chars();
    if let (Some(first), Some(last)) = (chars.next(), chars.next_back())
        && is_quote(first)
        && is_quote(last)
    {
        return Err(KeychainError::QuotedCredential { field });
    }

    for (index, c) in value.chars().enumerate() {
        let position = offset + index + 1;
        if is_trimmable(c) {
            return Err(KeychainError::WhitespaceInCredential {
                field,
                found: describe(c),
                position,
                length: pasted_length,
            });
        }
        if c.is_control() || !c.is_ascii() {
            return Err(KeychainError::InvalidCharInCredential {
                field,
                found: describe(c),
                position,
                length: pasted_length,
                hint: hint(c),
            });
        }
    }
    Ok(Trimmed {
        value,
        offset,
        length,
    })
}

fn unusual_characters(trimmed: &Trimmed<'_>) -> Option<FormatWarning> {
    trimmed
        .value
        .chars()
        .position(|c| !c.is_ascii_alphanumeric())
        .map(|index| FormatWarning::UnusualCharacter {
            position: trimmed.offset + index + 1,
        })
}

/// A description of a rejected character that never shows a letter or digit of the value.
fn describe(c: char) -> String {
    let code = u32::from(c);
    match c {
        ' ' => "a space".to_owned(),
        '\n' => "a line break (LF)".to_owned(),
        '\r' => "a carriage return (CR)".to_owned(),
        '\t' => "a tab".to_owned(),
        '\u{a0}' => "a non-breaking space (U+00A0)".to_owned(),
        '\u{3000}' => "a full-width space (U+3000)".to_owned(),
        '\u{200b}' => "the invisible zero-width space U+200B".to_owned(),
        '\u{200c}' => "the invisible zero-width non-joiner U+200C".to_owned(),
        '\u{200d}' => "the invisible zero-width joiner U+200D".to_owned(),
        '\u{2060}' => "the invisible word joiner U+2060".to_owned(),
        '\u{feff}' => "the invisible byte-order mark U+FEFF".to_owned(),
        c if c.is_whitespace() => format!("the whitespace character U+{code:04X}"),
        c if c.is_control() => format!("the control character U+{code:04X}"),
        '\u{ff01}'..='\u{ff5e}' => format!("the full-width character U+{code:04X}"),
        c if is_quote(c) => format!("a typographic quote (U+{code:04X})"),
        _ => format!("the non-ASCII character U+{code:04X}"),
    }
}

fn hint(c: char) -> &'static str {
    match c {
        '\u{ff01}'..='\u{ff5e}' => {
            "switch the input method to half-width (English) characters, or copy the key again"
        }
        c if is_quote(c) => "remove the quote",
        c if c.is_control() => "copy the key again from the Tencent Cloud console",
        _ => "copy the key again from the Tencent Cloud console instead of typing it",
    }
}
