//! `numdesk sandbox`: the local CCC sandbox in the foreground.

use std::io::Write;
use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

use numdesk_sandbox::{SANDBOX_SECRET_ID, SANDBOX_SECRET_KEY, Sandbox, SandboxConfig, Site};

use crate::args::SandboxArgs;
use crate::error::CliError;

fn parse_secret(s: &str) -> Result<(String, String), CliError> {
    match s.split_once(':') {
        Some((id, key)) if !id.is_empty() && !key.is_empty() => Ok((id.to_owned(), key.to_owned())),
        _ => Err(CliError::Usage(
            "--secret expects ID:KEY (a SecretId, a colon, a SecretKey), e.g. --secret AKIDtest:key"
                .to_owned(),
        )),
    }
}

fn parse_site(s: &str) -> Result<Site, CliError> {
    s.parse::<Site>()
        .map_err(|_| CliError::Usage(format!("--site {s}: expected `intl` or `china`")))
}

pub fn config(args: &SandboxArgs) -> Result<SandboxConfig, CliError> {
    let mut config = SandboxConfig {
        site: parse_site(&args.site)?,
        ..SandboxConfig::default()
    };
    if !args.secrets.is_empty() {
        config.secrets = args
            .secrets
            .iter()
            .map(|s| parse_secret(s))
            .collect::<Result<_, _>>()?;
    }
    if let Some(secs) = args.approve_after {
        if !(0.0..=365.0 * 86_400.0).contains(&secs) {
            return Err(CliError::Usage(format!(
                "--approve-after {secs}: expected a number of seconds from 0 to 31536000"
            )));
        }
        config.approve_after = Some(Duration::from_secs_f64(secs));
    }
    config.validate()?;
    Ok(config)
}

pub async fn run(args: SandboxArgs) -> Result<(), CliError> {
    let config = config(&args)?;
    let builtin = args.secrets.is_empty();
    let sandbox =
        Sandbox::start(config, SocketAddr::from((Ipv4Addr::LOCALHOST, args.port))).await?;
    // The site goes to stderr: stdout's first line is exactly `listening on URL` (scripts and
    // the CLI tests read the URL from it) and its second the export line.
    let site = sandbox.site();
    eprintln!(
        "numdesk sandbox: listening on {} as the {} site (answers like {})",
        sandbox.url(),
        site,
        site.host()
    );
    {
        let mut out = std::io::stdout().lock();
        writeln!(out, "listening on {}", sandbox.url()).map_err(CliError::Output)?;
        if builtin {
            writeln!(
                out,
                "export TENCENTCLOUD_SECRET_ID={SANDBOX_SECRET_ID} \
                 TENCENTCLOUD_SECRET_KEY={SANDBOX_SECRET_KEY}"
            )
            .map_err(CliError::Output)?;
        }
        out.flush().map_err(CliError::Output)?;
    }
    wait_for_shutdown_signal().await?;
    sandbox.shutdown().await;
    Ok(())
}

#[cfg(unix)]
async fn wait_for_shutdown_signal() -> Result<(), CliError> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut term = signal(SignalKind::terminate())
        .map_err(|e| CliError::Usage(format!("cannot listen for SIGTERM: {e}")))?;
    tokio::select! {
        r = tokio::signal::ctrl_c() => r.map_err(|e| CliError::Usage(format!("cannot listen for Ctrl-C: {e}"))),
        _ = term.recv() => Ok(()),
    }
}

#[cfg(not(unix))]
async fn wait_for_shutdown_signal() -> Result<(), CliError> {
    tokio::signal::ctrl_c()
        .await
        .map_err(|e| CliError::Usage(format!("cannot listen for Ctrl-C: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(secrets: &[&str], approve_after: Option<f64>) -> SandboxArgs {
        SandboxArgs {
            port: 0,
            secrets: secrets.iter().map(|s| s.to_string()).collect(),
            approve_after,
            site: "intl".to_owned(),
        }
    }

    #[test]
    fn site_defaults_to_international_and_takes_china() {
        assert_eq!(config(&args(&[], None)).unwrap().site, Site::International);
        for (text, site) in [
            ("intl", Site::International),
            ("international", Site::International),
            ("china", Site::China),
            ("cn", Site::China),
        ] {
            let mut a = args(&[], None);
            a.site = text.to_owned();
            assert_eq!(config(&a).unwrap().site, site, "{text}");
        }
        let mut a = args(&[], None);
        a.site = "global".to_owned();
        let err = config(&a).unwrap_err().to_string();
        assert!(
            err.contains("--site global") && err.contains("china"),
            "{err}"
        );
    }

    #[test]
    fn the_site_flag_parses_with_its_default() {
        use clap::Parser;
        let cli = crate::args::Cli::try_parse_from(["numdesk", "sandbox"]).unwrap();
        let crate::args::Command::Sandbox(a) = cli.command else {
            panic!("sandbox subcommand")
        };
        assert_eq!(a.site, "intl", "--site defaults to intl");
        let cli =
            crate::args::Cli::try_parse_from(["numdesk", "sandbox", "--site", "china"]).unwrap();
        let crate::args::Command::Sandbox(a) = cli.command else {
            panic!("sandbox subcommand")
        };
        assert_eq!(config(&a).unwrap().site, Site::China);
    }

    #[test]
    fn secrets_parse_as_id_colon_key() {
        let c = config(&args(&["AKIDa:k1", "AKIDb:k:2"], None)).unwrap();
        assert_eq!(
            c.secrets,
            [
                ("AKIDa".into(), "k1".into()),
                ("AKIDb".into(), "k:2".into())
            ]
        );
        for bad in ["nocolon", ":key", "id:"] {
            let err = config(&args(&[bad], None)).unwrap_err().to_string();
            assert!(err.contains("ID:KEY"), "{err}");
        }
    }

    #[test]
    fn default_is_the_builtin_pair_and_approve_after_is_checked() {
        let c = config(&args(&[], Some(1.5))).unwrap();
        assert_eq!(
            c.secrets,
            [(SANDBOX_SECRET_ID.into(), SANDBOX_SECRET_KEY.into())]
        );
        assert_eq!(c.approve_after, Some(Duration::from_millis(1500)));
        assert!(config(&args(&[], Some(-1.0))).is_err());
        assert!(config(&args(&[], Some(f64::NAN))).is_err());
    }
}
