//! The user's language and theme, kept in the database so they survive restarts.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{AppContext, IpcError};

const LANGUAGE_KEY: &str = "language";
const WELCOME_KEY: &str = "welcome.dismissed";
const THEME_KEY: &str = "theme";

/// Light or dark, or as the operating system is set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

impl Theme {
    fn as_str(self) -> &'static str {
        match self {
            Self::System => "system",
            Self::Light => "light",
            Self::Dark => "dark",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        match s {
            "system" => Some(Self::System),
            "light" => Some(Self::Light),
            "dark" => Some(Self::Dark),
            _ => None,
        }
    }
}

/// The languages the UI is translated into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum Language {
    #[serde(rename = "en")]
    English,
    #[serde(rename = "zh-CN")]
    SimplifiedChinese,
}

impl Language {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::English => "en",
            Self::SimplifiedChinese => "zh-CN",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "en" => Some(Self::English),
            "zh-CN" => Some(Self::SimplifiedChinese),
            _ => None,
        }
    }
}

/// Stored preferences; `None` means the user never chose (the UI follows the OS language).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Preferences {
    pub language: Option<Language>,
    /// The first-run welcome was dismissed (kept in the database, so it stays dismissed).
    pub welcome_dismissed: bool,
    /// Light, dark, or as the system is set (the default).
    pub theme: Theme,
}

pub fn preferences_get(ctx: &AppContext) -> Result<Preferences, IpcError> {
    let stored = ctx.store().preference(LANGUAGE_KEY)?;
    // A value this version does not know (written by a newer app) reads as "not chosen".
    Ok(Preferences {
        language: stored.as_deref().and_then(Language::parse),
        welcome_dismissed: ctx.store().preference(WELCOME_KEY)?.as_deref() == Some("1"),
        // As for the language, a value this version does not know reads as the default.
        theme: ctx
            .store()
            .preference(THEME_KEY)?
            .as_deref()
            .and_then(Theme::parse)
            .unwrap_or_default(),
    })
}

/// `preferences_set_theme`: light, dark, or as the system is set.
pub fn preferences_set_theme(ctx: &AppContext, theme: Theme) -> Result<Preferences, IpcError> {
    ctx.store().set_preference(THEME_KEY, theme.as_str())?;
    preferences_get(ctx)
}

/// `preferences_dismiss_welcome`: the first-run welcome is not shown again.
pub fn preferences_dismiss_welcome(ctx: &AppContext) -> Result<Preferences, IpcError> {
    ctx.store().set_preference(WELCOME_KEY, "1")?;
    preferences_get(ctx)
}

pub fn preferences_set_language(
    ctx: &AppContext,
    language: Language,
) -> Result<Preferences, IpcError> {
    ctx.store()
        .set_preference(LANGUAGE_KEY, language.as_str())?;
    preferences_get(ctx)
}
