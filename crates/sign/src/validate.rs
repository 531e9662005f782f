//! Input checks run by [`sign`](crate::sign). Messages name the value, the character and its
//! position, but never echo a secret.

use crate::error::CredentialField;
use crate::request::header_names as h;
use crate::{SignError, SigningParams};

/// Human description of a character for error messages, e.g. `a line break (LF)`.
pub(crate) fn describe_char(c: char) -> String {
    match c {
        ' ' => "a space".to_owned(),
        '\n' => "a line break (LF)".to_owned(),
        '\r' => "a carriage return (CR)".to_owned(),
        '\t' => "a tab".to_owned(),
        '\u{a0}' => "a non-breaking space (U+00A0)".to_owned(),
        '\u{3000}' => "a full-width space (U+3000)".to_owned(),
        '\u{200b}' => "the invisible zero-width space U+200B".to_owned(),
        '\u{feff}' => "the invisible byte-order mark U+FEFF".to_owned(),
        c if c.is_whitespace() => format!("the whitespace character U+{:04X}", u32::from(c)),
        c if c.is_control() => format!("the control character U+{:04X}", u32::from(c)),
        c if !c.is_ascii() => format!("the non-ASCII character {c:?} (U+{:04X})", u32::from(c)),
        c => format!("the character {c:?}"),
    }
}

/// Credentials are visible ASCII only (0x21..=0x7E).
pub(crate) fn credential(field: CredentialField, value: &str) -> Result<(), SignError> {
    if value.is_empty() {
        return Err(SignError::EmptyCredential { field });
    }
    let bad = value
        .chars()
        .enumerate()
        .find(|(_, c)| !c.is_ascii_graphic());
    if let Some((index, c)) = bad {
        let length = value.chars().count();
        let found = describe_char(c);
        let position = index + 1;
        // U+200B and U+FEFF are not `char::is_whitespace` but are pasted the same way.
        return Err(
            if c.is_whitespace() || matches!(c, '\u{200b}' | '\u{feff}') {
                SignError::WhitespaceInCredential {
                    field,
                    found,
                    position,
                    length,
                }
            } else {
                SignError::InvalidCharInCredential {
                    field,
                    found,
                    position,
                    length,
                }
            },
        );
    }
    Ok(())
}

/// Everything in [`SigningParams`] except the timestamp (checked by [`utc_date`](crate::utc_date)).
pub(crate) fn params(params: &SigningParams<'_>) -> Result<(), SignError> {
    service(params.service)?;
    host(params.host)?;
    required_header(
        h::X_TC_ACTION,
        params.action,
        "pass the API action, e.g. `CreateOwnNumberApply`",
    )?;
    required_header(
        h::X_TC_VERSION,
        params.version,
        "pass the API version, e.g. `2020-02-10` for CCC",
    )?;
    required_header(
        h::CONTENT_TYPE,
        params.content_type,
        "pass the content type sent, `application/json` for CCC",
    )?;
    if let Some(region) = params.region {
        required_header(h::X_TC_REGION, region, "use None to leave X-TC-Region out")?;
    }
    if let Some(language) = params.language {
        required_header(
            h::X_TC_LANGUAGE,
            language,
            "use None to leave X-TC-Language out",
        )?;
    }
    Ok(())
}

fn service(service: &str) -> Result<(), SignError> {
    let ok = !service.is_empty()
        && service
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    if ok {
        Ok(())
    } else {
        Err(SignError::InvalidService {
            service: service.to_owned(),
        })
    }
}

fn required_header(header: &'static str, value: &str, hint: &'static str) -> Result<(), SignError> {
    if value.is_empty() {
        return Err(SignError::EmptyHeaderValue { header, hint });
    }
    let bad = value
        .chars()
        .enumerate()
        .find(|(_, c)| !(c.is_ascii_graphic() || *c == ' '));
    if let Some((index, c)) = bad {
        return Err(SignError::InvalidHeaderValue {
            header,
            value: value.to_owned(),
            found: describe_char(c),
            position: index + 1,
        });
    }
    if value.starts_with(' ') || value.ends_with(' ') {
        return Err(SignError::UntrimmedHeaderValue {
            header,
            value: value.to_owned(),
        });
    }
    Ok(())
}

/// The bare host part of something that looks like a URL, for suggestions.
fn host_part(s: &str) -> &str {
    let s = s.split_once("://").map_or(s, |(_, rest)| rest);
    let s = s.split(['/', '?', '#']).next().unwrap_or(s);
    s.rsplit_once('@').map_or(s, |(_, host)| host)
}

/// `host` or `host:port`, `[v6]` or `[v6]:port`; letters, digits, `-`, `.`, `_`.
pub(crate) fn host(host: &str) -> Result<(), SignError> {
    if host.is_empty() {
        return Err(SignError::EmptyHost);
    }
    if host.contains("://") {
        return Err(SignError::HostHasScheme {
            host: host.to_owned(),
            suggestion: host_part(host).to_owned(),
        });
    }
    for (index, c) in host.chars().enumerate() {
        let position = index + 1;
        let path = match c {
            '/' => Some("a path ('/')"),
            '?' => Some("a query string ('?')"),
            '#' => Some("a fragment ('#')"),
            '@' => Some("user info ('@')"),
            '\\' => Some("a backslash"),
            _ => None,
        };
        if let Some(found) = path {
            return Err(SignError::HostHasPath {
                host: host.to_owned(),
                found: found.to_owned(),
                position,
                suggestion: host_part(host).to_owned(),
            });
        }
        if !(c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | ':' | '[' | ']')) {
            let mut found = describe_char(c);
            if !c.is_ascii() && !c.is_whitespace() && !c.is_control() {
                found.push_str(" (use the punycode `xn--` form of the name)");
            }
            return Err(SignError::InvalidHostChar {
                host: host.to_owned(),
                found,
                position,
            });
        }
    }
    let malformed = |problem: String| SignError::MalformedHost {
        host: host.to_owned(),
        problem,
    };
    let (name, port) = if let Some(rest) = host.strip_prefix('[') {
        let Some((addr, after)) = rest.split_once(']') else {
            return Err(malformed(
                "'[' opens an IPv6 address but there is no ']'".to_owned(),
            ));
        };
        if addr.is_empty()
            || !addr
                .chars()
                .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.')
        {
            return Err(malformed(format!("{addr:?} is not an IPv6 address")));
        }
        match after {
            "" => (addr, None),
            _ => match after.strip_prefix(':') {
                Some(port) => (addr, Some(port)),
                None => {
                    return Err(malformed(format!(
                        "unexpected {after:?} after the IPv6 address"
                    )));
                }
            },
        }
    } else {
        if host.contains(['[', ']']) {
            return Err(malformed(
                "'[' and ']' are only allowed around an IPv6 address".to_owned(),
            ));
        }
        match host.split_once(':') {
            None => (host, None),
            Some((_, port)) if port.contains(':') => {
                return Err(malformed(
                    "more than one ':'; write an IPv6 address in brackets, e.g. `[::1]:8080`"
                        .to_owned(),
                ));
            }
            Some((name, port)) => (name, Some(port)),
        }
    };
    if name.is_empty() {
        return Err(malformed(
            "the host name before the port is missing".to_owned(),
        ));
    }
    if let Some(port) = port {
        let valid = !port.is_empty()
            && port.bytes().all(|b| b.is_ascii_digit())
            && port.parse::<u16>().is_ok_and(|p| p != 0);
        if !valid {
            return Err(malformed(format!(
                "port {port:?} is not a number from 1 to 65535"
            )));
        }
    }
    Ok(())
}
