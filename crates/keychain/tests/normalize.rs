//! Hygiene for keys pasted into the Settings form (API.md, "Traps": keys pasted with spaces or
//! newlines). Positions are 1-based characters of the text as pasted.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers outside #[test] fns

use numdesk_keychain::{
    CredentialField, FormatWarning, KeychainError, normalize_secret_id, normalize_secret_key,
    normalize_token,
};

/// Tencent's published example SecretId (36 characters).
const ID: &str = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE";
/// A 32-character key with no English-looking fragments, so leak checks are meaningful.
const KEY: &str = "q7Zr9WkX2mPb4Lt8Vn3Yc6Hd1Jf5Gs0R";

/// Fails if any 3-character window of `secret` appears in `shown`.
fn assert_not_echoed(shown: &str, secret: &str, what: &str) {
    let chars: Vec<char> = secret.chars().collect();
    for window in chars.windows(3) {
        let piece: String = window.iter().collect();
        assert!(
            !shown.contains(&piece),
            "rule: {what} never echoes the secret (found {piece:?} in {shown:?})"
        );
    }
}

fn key_error(input: &str) -> KeychainError {
    let err = normalize_secret_key(input).unwrap_err();
    assert_not_echoed(&format!("{err} {err:?}"), KEY, "a SecretKey error");
    err
}

#[test]
fn surrounding_whitespace_and_invisible_characters_are_trimmed() {
    for pasted in [
        format!("  {KEY}  "),
        format!("{KEY}\n"),
        format!("{KEY}\r\n"),
        format!("\t{KEY}\t"),
        format!("\u{feff}{KEY}"),
        format!("{KEY}\u{200b}"),
        format!("\u{a0}\u{3000}{KEY}\u{2060}\u{200d}\u{200c}"),
    ] {
        let normalized = normalize_secret_key(&pasted).unwrap();
        assert_eq!(
            normalized.value.expose_secret(),
            KEY,
            "rule: whitespace, BOM and zero-width characters around a pasted key are removed"
        );
        assert!(
            normalized.warnings.is_empty(),
            "rule: trimming alone is not worth a warning"
        );
    }
    let id = normalize_secret_id(&format!(" \u{feff}{ID}\n")).unwrap();
    assert_eq!(id.value, ID, "rule: the SecretId is trimmed the same way");
    assert!(
        id.warnings.is_empty(),
        "rule: a well-formed SecretId has no warnings"
    );
}

#[test]
fn inner_whitespace_is_an_error_with_its_position() {
    let cases = [
        (format!("{} {}", &KEY[..10], &KEY[10..]), "a space", 11),
        (
            format!("{}\n{}", &KEY[..5], &KEY[5..]),
            "a line break (LF)",
            6,
        ),
        (
            format!("{}\r\n{}", &KEY[..5], &KEY[5..]),
            "a carriage return (CR)",
            6,
        ),
        (format!("{}\t{}", &KEY[..1], &KEY[1..]), "a tab", 2),
        (
            format!("{}\u{200b}{}", &KEY[..20], &KEY[20..]),
            "zero-width space U+200B",
            21,
        ),
        (
            format!("{}\u{feff}{}", &KEY[..3], &KEY[3..]),
            "byte-order mark U+FEFF",
            4,
        ),
        (
            format!("{}\u{3000}{}", &KEY[..3], &KEY[3..]),
            "full-width space (U+3000)",
            4,
        ),
        // Position counts the pasted text, leading spaces included.
        (format!("  {} {}", &KEY[..4], &KEY[4..]), "a space", 7),
    ];
    for (pasted, found_text, expected_position) in cases {
        let err = key_error(&pasted);
        match &err {
            KeychainError::WhitespaceInCredential {
                field,
                found,
                position,
                length,
            } => {
                assert_eq!(*field, CredentialField::SecretKey);
                assert!(
                    found.contains(found_text),
                    "rule: the message names {found_text:?}: {err}"
                );
                assert_eq!(
                    *position, expected_position,
                    "rule: the position is given: {err}"
                );
                assert_eq!(
                    *length,
                    pasted.chars().count(),
                    "rule: length of the pasted text"
                );
            }
            other => panic!("rule: inner whitespace is WhitespaceInCredential, got {other:?}"),
        }
        let message = err.to_string();
        assert!(
            message.contains(&format!("at character {expected_position} of")),
            "rule: the message says where: {message}"
        );
        assert!(
            message.contains("remove it"),
            "rule: the message says what to do: {message}"
        );
    }
}

#[test]
fn non_ascii_and_control_characters_are_errors_without_echoing_them() {
    let cases = [
        (
            format!("{}é{}", &KEY[..7], &KEY[7..]),
            "U+00E9",
            "copy the key again",
            8,
        ),
        (
            format!("{}\u{ff21}{}", &KEY[..7], &KEY[7..]),
            "full-width character U+FF21",
            "half-width",
            8,
        ),
        (
            format!("{}\u{7}{}", &KEY[..2], &KEY[2..]),
            "control character U+0007",
            "copy the key again",
            3,
        ),
        (
            format!("{}\u{201c}", KEY),
            "typographic quote (U+201C)",
            "remove the quote",
            33,
        ),
        (
            format!("{}密{}", &KEY[..7], &KEY[7..]),
            "U+5BC6",
            "copy the key again",
            8,
        ),
    ];
    for (pasted, found_text, hint_text, expected_position) in cases {
        let err = key_error(&pasted);
        let message = err.to_string();
        assert_eq!(
            err.code(),
            "invalidCharInCredential",
            "rule: {pasted:?} is rejected: {message}"
        );
        assert!(
            message.contains(found_text),
            "rule: names the character by code: {message}"
        );
        assert!(
            message.contains(hint_text),
            "rule: says what to do: {message}"
        );
        assert!(
            message.contains(&format!("at character {expected_position} of")),
            "rule: says where: {message}"
        );
        for c in ['é', '密', '\u{ff21}', '\u{201c}'] {
            assert!(
                !message.contains(c),
                "rule: the character itself is not echoed: {message}"
            );
        }
    }
}

#[test]
fn empty_and_whitespace_only_values_are_errors() {
    for pasted in ["", " ", "\n\t", "\u{feff}\u{200b}"] {
        for (result, field) in [
            (
                normalize_secret_id(pasted).map(|_| ()),
                CredentialField::SecretId,
            ),
            (
                normalize_secret_key(pasted).map(|_| ()),
                CredentialField::SecretKey,
            ),
            (normalize_token(pasted).map(|_| ()), CredentialField::Token),
        ] {
            assert_eq!(
                result.unwrap_err(),
                KeychainError::EmptyCredential { field },
                "rule: {pasted:?} is an empty {field}"
            );
        }
    }
}

#[test]
fn quoted_values_are_errors() {
    for pasted in [
        format!("\"{KEY}\""),
        format!("'{KEY}'"),
        format!(" \u{201c}{KEY}\u{201d}\n"),
        format!("\u{300c}{KEY}\u{300d}"),
    ] {
        let err = key_error(&pasted);
        assert_eq!(
            err,
            KeychainError::QuotedCredential {
                field: CredentialField::SecretKey
            },
            "rule: a key copied with its quotes is rejected with a clear message"
        );
        assert!(err.to_string().contains("without the quotes"));
    }
}

#[test]
fn unusual_formats_are_warnings_not_errors() {
    // Lenient where Tencent is: these could still be valid, so they are kept and flagged.
    let id = normalize_secret_id(KEY).unwrap();
    assert_eq!(id.value, KEY, "rule: an unusual SecretId is still accepted");
    assert_eq!(
        id.warnings,
        vec![
            FormatWarning::SecretIdPrefix,
            FormatWarning::SecretIdLength { length: 32 }
        ],
        "rule: a SecretId that looks like a SecretKey is flagged"
    );

    let long = format!("{ID}abcdefgh");
    let id = normalize_secret_id(&long).unwrap();
    assert_eq!(
        id.warnings,
        vec![FormatWarning::SecretIdLength { length: 44 }]
    );

    let key = normalize_secret_key(ID).unwrap();
    assert_eq!(
        key.warnings,
        vec![
            FormatWarning::SecretKeyLooksLikeSecretId,
            FormatWarning::SecretKeyLength { length: 36 }
        ],
        "rule: a SecretId pasted into the SecretKey field is flagged"
    );

    let short = normalize_secret_key(&format!(" {}", &KEY[..31])).unwrap();
    assert_eq!(
        short.warnings,
        vec![FormatWarning::SecretKeyLength { length: 31 }]
    );

    let dashed = format!("  {}-{}", &KEY[..10], &KEY[11..]);
    let key = normalize_secret_key(&dashed).unwrap();
    assert_eq!(
        key.warnings,
        vec![FormatWarning::UnusualCharacter { position: 13 }],
        "rule: punctuation is flagged at its position in the pasted text"
    );
    for warning in &key.warnings {
        assert_not_echoed(&format!("{warning} {warning:?}"), KEY, "a warning");
    }
}

#[test]
fn tokens_get_hygiene_but_no_format_warnings() {
    let token = format!("\n{}/+=_-{}\n", KEY, "x".repeat(500));
    let normalized = normalize_token(&token).unwrap();
    assert_eq!(
        normalized.value.expose_secret(),
        token.trim(),
        "rule: tokens are trimmed"
    );
    assert!(
        normalized.warnings.is_empty(),
        "rule: token format is not checked"
    );
    let err = normalize_token(&format!("{KEY} {KEY}")).unwrap_err();
    assert_eq!(
        err.field(),
        Some(CredentialField::Token),
        "rule: token errors name the token"
    );
    assert_eq!(err.code(), "whitespaceInCredential");
}

#[test]
fn format_warnings_serialise_with_a_code_for_the_ui() {
    let json = serde_json::to_value([
        FormatWarning::SecretIdPrefix,
        FormatWarning::SecretIdLength { length: 35 },
        FormatWarning::UnusualCharacter { position: 4 },
    ])
    .unwrap();
    assert_eq!(
        json,
        serde_json::json!([
            {"code": "secretIdPrefix"},
            {"code": "secretIdLength", "length": 35},
            {"code": "unusualCharacter", "position": 4},
        ]),
        "rule: the UI switches on `code`; this JSON is pinned"
    );
}

#[test]
fn input_errors_are_told_apart_from_keychain_errors() {
    let err = normalize_secret_id("AKID x").unwrap_err();
    assert!(err.is_input_error(), "rule: format errors are input errors");
    assert_eq!(err.field(), Some(CredentialField::SecretId));
    assert!(!KeychainError::Unsupported.is_input_error());
}
