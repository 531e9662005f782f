//! Secrets never appear in Debug/Display output or error messages.

use numdesk_sign::{Credentials, SecretKey, SigningParams, sign, signing_key};

const KEY: &str = "Gu5t9xGARNpq86cd98joQYCN3SECRET1";
const TOKEN: &str = "tokenVALUEthatMUSTnotLEAK";

#[test]
fn secret_key_prints_stars() {
    let key = SecretKey::new(KEY);
    assert_eq!(format!("{key}"), "***", "Display of SecretKey must be ***");
    assert_eq!(
        format!("{key:?}"),
        "SecretKey(***)",
        "Debug of SecretKey must be redacted"
    );
    assert_eq!(
        format!("{key:#?}"),
        "SecretKey(***)",
        "pretty Debug must be redacted too"
    );
    let cloned = key.clone();
    assert_eq!(
        format!("{cloned:?}"),
        "SecretKey(***)",
        "a clone stays redacted"
    );
    assert_eq!(
        cloned.expose_secret(),
        KEY,
        "expose_secret gives the value back unchanged"
    );
    assert_eq!(
        SecretKey::from(KEY.to_owned()).expose_secret(),
        KEY,
        "From<String>"
    );
    assert_eq!(SecretKey::from(KEY).expose_secret(), KEY, "From<&str>");
}

#[test]
fn credentials_debug_shows_id_but_not_key_or_token() {
    let creds = Credentials::new("AKIDvisibleId", KEY).with_token(TOKEN);
    for debug in [
        format!("{creds:?}"),
        format!("{creds:#?}"),
        format!("{:?}", creds.clone()),
    ] {
        assert!(
            debug.contains("AKIDvisibleId"),
            "Debug shows the SecretId: {debug}"
        );
        assert!(
            !debug.contains(KEY),
            "Debug of Credentials leaks the SecretKey: {debug}"
        );
        assert!(
            !debug.contains(TOKEN),
            "Debug of Credentials leaks the token: {debug}"
        );
        assert!(
            debug.contains("***"),
            "redacted fields are shown as ***: {debug}"
        );
    }
    assert_eq!(
        format!("{:?}", Credentials::new("AKIDvisibleId", KEY)),
        "Credentials { secret_id: \"AKIDvisibleId\", secret_key: SecretKey(***), token: None }",
        "Debug says whether a token is set without showing it"
    );
}

#[test]
fn signing_key_debug_is_redacted() {
    let key = signing_key(&SecretKey::new(KEY), "2025-01-01", "ccc");
    let debug = format!("{key:?}");
    assert_eq!(
        debug, "SigningKey(***)",
        "Debug of SigningKey must be redacted"
    );
    let hex_key = hex::encode(key.expose_bytes());
    assert!(
        !debug.contains(&hex_key),
        "Debug must not contain the derived key bytes"
    );
}

#[test]
fn error_messages_never_contain_the_secret_key() {
    // The key is rejected for whitespace; the message must say where, not what.
    let pasted = format!("{KEY}\n");
    let creds = Credentials::new("AKIDvisibleId", pasted.as_str());
    let p = SigningParams::ccc(
        "ccc.tencentcloudapi.com",
        "CreateOwnNumberApply",
        1735689600,
    );
    let err = sign(&creds, &p, b"{}").expect_err("newline in key is rejected");
    let msg = err.to_string();
    let debug = format!("{err:?}");
    assert!(
        !msg.contains(KEY) && !debug.contains(KEY),
        "error leaks the SecretKey: {msg} / {debug}"
    );

    let creds = Credentials::new("AKIDvisibleId", KEY).with_token(format!("{TOKEN}\u{200b}"));
    let err = sign(&creds, &p, b"{}").expect_err("zero-width space in token is rejected");
    let (msg, debug) = (err.to_string(), format!("{err:?}"));
    assert!(
        !msg.contains(TOKEN) && !debug.contains(TOKEN),
        "error leaks the token: {msg}"
    );
}
