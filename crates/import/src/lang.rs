//! Language of the messages shown to the user.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::ImportError;

/// Language of every message this crate writes: English (default) or Chinese.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// Picks the text for this language.
    pub fn pick<T>(self, en: T, zh: T) -> T {
        match self {
            Self::En => en,
            Self::Zh => zh,
        }
    }
}

impl FromStr for Lang {
    type Err = ImportError;

    /// `en`, `en-US`, `zh`, `zh-CN`, `zh-Hans` (case-insensitive).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.trim().to_ascii_lowercase().replace('_', "-");
        if lower == "en" || lower.starts_with("en-") {
            Ok(Self::En)
        } else if lower == "zh" || lower.starts_with("zh-") {
            Ok(Self::Zh)
        } else {
            Err(ImportError::InvalidOption {
                option: "lang",
                value: s.to_owned(),
                expected: "`en` or `zh`",
            })
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.pick("en", "zh"))
    }
}
