//! Which Tencent Cloud site the sandbox answers like: its "personality".
//!
//! The two sites serve the same CCC API version but not the same fields (see API.md):
//! - International (`ccc.intl.tencentcloudapi.com`): DescribeNumbers entries are
//!   `{Number, CallOutSkillGroupIds, State}` without `CostType`, and Create/ModifyOwnNumberApply
//!   do not know `CalleeFormatPassthrough`, `CallerFormatPassthrough` or
//!   `InternationalNumberPrefix` (`UnknownParameter`).
//! - China (`ccc.tencentcloudapi.com`): entries also carry `CostType` (1 own number, 0 bought
//!   from Tencent) and the three fields are accepted.

use std::fmt;
use std::str::FromStr;

use crate::error::SandboxError;

/// The Tencent Cloud site whose CCC API the sandbox imitates. The default is International,
/// the site Number Desk was specified from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Site {
    /// `ccc.intl.tencentcloudapi.com`.
    #[default]
    International,
    /// `ccc.tencentcloudapi.com`.
    China,
}

/// Create/ModifyOwnNumberApply fields that exist in the China-site SDK only.
pub(crate) const CHINA_ONLY_OPTION_FIELDS: [&str; 3] = [
    "CalleeFormatPassthrough",
    "CallerFormatPassthrough",
    "InternationalNumberPrefix",
];

impl Site {
    /// Short name, as `numdesk sandbox --site` takes it: `intl` or `china`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::International => "intl",
            Self::China => "china",
        }
    }

    /// The live host this site's personality imitates.
    pub const fn host(self) -> &'static str {
        match self {
            Self::International => "ccc.intl.tencentcloudapi.com",
            Self::China => "ccc.tencentcloudapi.com",
        }
    }

    /// Whether DescribeNumbers entries carry `CostType` (China only).
    pub(crate) const fn lists_cost_type(self) -> bool {
        matches!(self, Self::China)
    }

    /// The Create/ModifyOwnNumberApply option fields this site knows.
    pub(crate) fn option_fields(self) -> &'static [&'static str] {
        const COMMON: [&str; 3] = ["Prefix", "MobileNddPrefix", "LocalNumberTrimAC"];
        const CHINA: [&str; 6] = [
            "Prefix",
            "MobileNddPrefix",
            "LocalNumberTrimAC",
            CHINA_ONLY_OPTION_FIELDS[0],
            CHINA_ONLY_OPTION_FIELDS[1],
            CHINA_ONLY_OPTION_FIELDS[2],
        ];
        match self {
            Self::International => &COMMON,
            Self::China => &CHINA,
        }
    }
}

impl fmt::Display for Site {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Site {
    type Err = SandboxError;

    /// `intl` / `international` or `china` / `cn`, in any letter case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "intl" | "international" => Ok(Self::International),
            "china" | "cn" => Ok(Self::China),
            _ => Err(SandboxError::UnknownSite(s.to_owned())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_spellings_of_each_site() {
        for (text, site) in [
            ("intl", Site::International),
            ("international", Site::International),
            ("INTL", Site::International),
            ("china", Site::China),
            ("cn", Site::China),
            ("China", Site::China),
        ] {
            assert_eq!(text.parse::<Site>().unwrap(), site, "{text}");
        }
        for bad in ["", "global", "intl ", "zh"] {
            let err = bad.parse::<Site>().unwrap_err();
            assert!(
                matches!(&err, SandboxError::UnknownSite(v) if v == bad),
                "{bad:?}: {err}"
            );
        }
        assert_eq!(Site::default(), Site::International, "the seed's endpoint");
        assert_eq!(Site::International.as_str(), "intl");
        assert_eq!(Site::China.as_str(), "china");
        assert_eq!(Site::China.to_string(), "china");
        for site in [Site::International, Site::China] {
            assert_eq!(site.as_str().parse::<Site>().unwrap(), site, "round trip");
        }
    }

    #[test]
    fn china_only_fields_exist_on_china_only() {
        for field in CHINA_ONLY_OPTION_FIELDS {
            assert!(Site::China.option_fields().contains(&field), "{field}");
            assert!(
                !Site::International.option_fields().contains(&field),
                "{field} is China-site only"
            );
        }
        assert!(Site::China.lists_cost_type());
        assert!(!Site::International.lists_cost_type());
    }
}
