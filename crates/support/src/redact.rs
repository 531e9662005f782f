//! Scrubbing secrets from text before it is written anywhere, and masking phone numbers.
//!
//! Two kinds of rule:
//! - shapes: the values of `Credential=` and `Signature=` (the TC3 `Authorization` header),
//!   the `user:password@` of a URL (a proxy's),
//!   `X-TC-Token`, and fields named like a SecretKey or a token (`secret_key=…`,
//!   `"SecretKey": "…"`, `token: …`) whatever their value;
//! - values: every secret the app [registered](Redactor::register) when it loaded or saved it,
//!   wherever it appears (in a URL, an error message, a debug dump).

use std::borrow::Cow;
use std::sync::{LazyLock, PoisonError, RwLock};

use regex::{Captures, Regex};
use zeroize::Zeroizing;

/// What replaces a secret.
pub const REDACTED: &str = "[REDACTED]";

/// Registered values shorter than this are ignored: a short string would blank out ordinary text,
/// and no SecretKey (32 characters) or token is that short.
pub const MIN_SECRET_LEN: usize = 8;

/// A regex from a constant pattern. A pattern that does not compile is a bug the unit test
/// `every_constant_pattern_compiles` catches before any release.
#[allow(clippy::expect_used)]
fn constant(pattern: &str) -> Regex {
    Regex::new(pattern).expect("a constant regex pattern compiles")
}

/// `Credential=AKID…/date/ccc/tc3_request` and `Signature=hex` inside an Authorization header.
static HEADER_PARTS: LazyLock<Regex> =
    LazyLock::new(|| constant(r#"(?i)\b(credential|signature)(\s*=\s*)[^,\s"'\\]+"#));

/// A field or header named like a secret, followed by `=` or `:` and its value (quoted or not):
/// `X-TC-Token: …`, `"SecretKey":"…"`, `secret_key=…`, `token=…`.
static NAMED_SECRETS: LazyLock<Regex> = LazyLock::new(|| {
    constant(r#"(?i)\b(x-tc-token|secret[_-]?key|token)(["']?\s*[:=]\s*["']?)([^,\s"'\\}\]]+)"#)
});

/// The `user:password@` of a URL (`http://user:pass@proxy:8080`): whatever the value.
static URL_USERINFO: LazyLock<Regex> =
    LazyLock::new(|| constant(r#"(?i)\b([a-z][a-z0-9+.\-]*://)[^\s/?#@"'\\]+@"#));

/// Runs of 7 to 15 digits, optionally after `+`: the shape of a phone number in logs.
static PHONE: LazyLock<Regex> = LazyLock::new(|| constant(r"\+?\b\d{7,15}\b"));

/// The secrets this process knows, and the rules that scrub them.
///
/// The app uses [`Redactor::global`]: the log writer reads it for every line, and the credential
/// store registers each SecretKey and token it loads or saves. Tests build their own.
#[derive(Debug, Default)]
pub struct Redactor {
    secrets: RwLock<Vec<Zeroizing<String>>>,
}

static GLOBAL: Redactor = Redactor::new();

impl Redactor {
    /// A redactor that knows no secret values yet (the shape rules always apply).
    pub const fn new() -> Self {
        Self {
            secrets: RwLock::new(Vec::new()),
        }
    }

    /// The process-wide redactor the log files and support bundle use.
    pub fn global() -> &'static Redactor {
        &GLOBAL
    }

    /// Remembers `secret` so that it is scrubbed from every line written from now on. Values
    /// shorter than [`MIN_SECRET_LEN`] (after trimming) are ignored. Registering twice is harmless.
    pub fn register(&self, secret: &str) {
        let secret = secret.trim();
        if secret.len() < MIN_SECRET_LEN {
            return;
        }
        let mut secrets = self.secrets.write().unwrap_or_else(PoisonError::into_inner);
        if !secrets.iter().any(|s| s.as_str() == secret) {
            secrets.push(Zeroizing::new(secret.to_owned()));
            // Longest first, so a secret containing another is replaced whole.
            secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
        }
    }

    /// How many secret values are registered.
    pub fn registered(&self) -> usize {
        self.secrets
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }

    /// `text` with every registered secret and every secret-shaped value replaced by
    /// [`REDACTED`]. Borrowed when there was nothing to scrub.
    pub fn redact<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let mut out = Cow::Borrowed(text);
        {
            let secrets = self.secrets.read().unwrap_or_else(PoisonError::into_inner);
            for secret in secrets.iter() {
                if out.contains(secret.as_str()) {
                    out = Cow::Owned(out.replace(secret.as_str(), REDACTED));
                }
            }
        }
        if let Cow::Owned(replaced) = replace(&out, &HEADER_PARTS, |c| {
            format!("{}{}{REDACTED}", &c[1], &c[2])
        }) {
            out = Cow::Owned(replaced);
        }
        if let Cow::Owned(replaced) = replace(&out, &URL_USERINFO, |c| {
            if c[0].starts_with(&format!("{}{REDACTED}", &c[1])) {
                c[0].to_owned()
            } else {
                format!("{}{REDACTED}@", &c[1])
            }
        }) {
            out = Cow::Owned(replaced);
        }
        if let Cow::Owned(replaced) = replace(&out, &NAMED_SECRETS, |c| {
            // `"token":null` and `token=[REDACTED]` stay as they are.
            // (the value pattern stops before `]`, so a redacted value reads `[REDACTED`).
            if &c[3] == "null" || c[3].starts_with("[REDACTED") {
                c[0].to_owned()
            } else {
                format!("{}{}{REDACTED}", &c[1], &c[2])
            }
        }) {
            out = Cow::Owned(replaced);
        }
        out
    }
}

fn replace<'a>(text: &'a str, re: &Regex, with: impl Fn(&Captures<'_>) -> String) -> Cow<'a, str> {
    re.replace_all(text, |c: &Captures<'_>| with(c))
}

/// `text` with the digits of every phone-number-shaped run (7–15 digits, optionally after `+`)
/// masked, keeping the first two and the last two digits: `+8613812345678` → `+86*********78`.
/// A run right after `.` (fractions of a second) is left alone.
pub fn mask_phone_numbers(text: &str) -> Cow<'_, str> {
    let mut out = String::new();
    let mut last = 0;
    for m in PHONE.find_iter(text) {
        if text[..m.start()].ends_with('.') {
            continue;
        }
        out.push_str(&text[last..m.start()]);
        let number = m.as_str();
        let (plus, digits) = match number.strip_prefix('+') {
            Some(rest) => ("+", rest),
            None => ("", number),
        };
        out.push_str(plus);
        let n = digits.len();
        for (i, ch) in digits.char_indices() {
            out.push(if i < 2 || i >= n - 2 { ch } else { '*' });
        }
        last = m.end();
    }
    if last == 0 {
        return Cow::Borrowed(text);
    }
    out.push_str(&text[last..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";

    #[test]
    fn every_constant_pattern_compiles() {
        for pattern in [&HEADER_PARTS, &NAMED_SECRETS, &URL_USERINFO, &PHONE] {
            LazyLock::force(pattern);
        }
    }

    #[test]
    fn the_tc3_authorization_header_loses_its_credential_and_signature() {
        let r = Redactor::new();
        let line = "Authorization: TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c";
        let out = r.redact(line);
        assert_eq!(
            out,
            "Authorization: TC3-HMAC-SHA256 Credential=[REDACTED], SignedHeaders=content-type;host, Signature=[REDACTED]",
            "rule: the Authorization header is redacted at the source"
        );
    }

    #[test]
    fn token_and_secret_key_fields_are_scrubbed_in_every_notation() {
        let r = Redactor::new();
        for (line, expected) in [
            ("X-TC-Token: abcdefghijkl", "X-TC-Token: [REDACTED]"),
            (
                r#"{"x-tc-token":"abcdefghijkl","a":1}"#,
                r#"{"x-tc-token":"[REDACTED]","a":1}"#,
            ),
            ("secret_key=s3cr3tvalue rest", "secret_key=[REDACTED] rest"),
            (
                r#"{"SecretKey": "s3cr3tvalue"}"#,
                r#"{"SecretKey": "[REDACTED]"}"#,
            ),
            ("token=abc.def-ghi", "token=[REDACTED]"),
            ("X-TC-Token: [REDACTED] x", "X-TC-Token: [REDACTED] x"),
            (r#"{"token":null}"#, r#"{"token":null}"#),
            ("token_saved=true tokens", "token_saved=true tokens"),
        ] {
            assert_eq!(
                r.redact(line),
                expected,
                "rule: secret-named fields are redacted"
            );
        }
    }

    #[test]
    fn url_userinfo_is_scrubbed_whatever_the_password() {
        let r = Redactor::new();
        assert_eq!(
            r.redact(
                r#"proxy http://user:hunter2@proxy.corp:8080/x and {"p":"https://a%40b:c@h"}"#
            ),
            r#"proxy http://[REDACTED]@proxy.corp:8080/x and {"p":"https://[REDACTED]@h"}"#,
            "rule: URL userinfo (a proxy password) never reaches a log or a bundle"
        );
        let line = "see http://proxy.corp:8080/a@b and mail a@b.c";
        assert_eq!(
            r.redact(line),
            line,
            "an @ after the host or outside a URL stays"
        );
        assert_eq!(r.redact("http://[REDACTED]@h"), "http://[REDACTED]@h");
    }

    #[test]
    fn a_registered_secret_is_scrubbed_anywhere_and_short_values_are_ignored() {
        let r = Redactor::new();
        let text = format!("GET https://x.invalid/?k={KEY}&z=1 failed: bad key {KEY}");
        assert_eq!(r.redact(&text), text, "nothing registered yet");
        r.register(KEY);
        r.register(KEY);
        r.register("short");
        assert_eq!(
            r.registered(),
            1,
            "duplicates and short values are not kept"
        );
        let out = r.redact(&text);
        assert!(
            !out.contains(KEY),
            "rule: a registered SecretKey never reaches a log: {out}"
        );
        assert_eq!(
            out,
            "GET https://x.invalid/?k=[REDACTED]&z=1 failed: bad key [REDACTED]"
        );
        assert!(matches!(r.redact("plain text"), Cow::Borrowed(_)));
    }

    #[test]
    fn phone_numbers_are_masked_but_times_and_short_numbers_stay() {
        assert_eq!(
            mask_phone_numbers("numbers +8613812345678, 02012345678 and 5551234"),
            "numbers +86*********78, 02*******78 and 55***34"
        );
        let line =
            r#"{"timestamp":"2026-11-30T09:07:10.123456789Z","count":123456,"id":"ab12345678cd"}"#;
        assert_eq!(
            mask_phone_numbers(line),
            line,
            "dates, fractions of a second, counts and ids inside words are not phone numbers"
        );
    }
}
