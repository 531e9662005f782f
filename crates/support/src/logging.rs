//! Structured logs: JSON lines in `<dir>/numdesk.YYYY-MM-DD.log`, one file per day (UTC), the
//! oldest deleted beyond [`LogConfig::keep_files`]. The directory is 0700 and every file 0600 on
//! Unix. Each field of an event is passed through the [`Redactor`] before the event is serialised
//! (and the line once more before it is written), so no secret the redactor knows ever reaches the
//! disk, escaped or not.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use time::{Date, OffsetDateTime};
use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

use crate::perms::{create_private_dir, private_open_options};
use crate::{Redactor, SupportError};

/// The environment variable that overrides [`DEFAULT_FILTER`] (`tracing` `EnvFilter` syntax).
pub const FILTER_ENV: &str = "NUMDESK_LOG";

/// What is logged unless `NUMDESK_LOG` says otherwise: warnings from everything, and the app's
/// own crates from `info` (each CCC attempt of the client at `debug`).
pub const DEFAULT_FILTER: &str = "warn,numdesk_app_lib=info,numdesk_commands=info,\
    numdesk_outbox=info,numdesk_client=debug,numdesk_sandbox=info,numdesk_store=info,\
    numdesk_support=info";

/// The log files' common prefix and extension: `numdesk.2026-11-30.log`.
pub const FILE_PREFIX: &str = "numdesk.";
pub const FILE_SUFFIX: &str = ".log";

/// Where and how much to log.
#[derive(Debug, Clone)]
pub struct LogConfig {
    /// The log directory (created 0700).
    pub dir: PathBuf,
    /// How many daily files to keep, today's included (at least 1).
    pub keep_files: usize,
    /// A filter that replaces `NUMDESK_LOG` and [`DEFAULT_FILTER`] (tests log everything).
    pub filter: Option<String>,
}

impl LogConfig {
    /// Two weeks of daily files in `dir`.
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self {
            dir: dir.into(),
            keep_files: 14,
            filter: None,
        }
    }
}

/// What [`init`] set up; keep it to find the log directory (e.g. for the support bundle).
#[derive(Debug, Clone)]
pub struct LogHandle {
    dir: PathBuf,
}

impl LogHandle {
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

/// Installs the process-wide `tracing` subscriber writing to `config.dir` through
/// [`Redactor::global`]; `log` records (from Tauri and other crates) are forwarded too. The
/// filter is [`DEFAULT_FILTER`] unless `NUMDESK_LOG` is set.
///
/// Fails if a subscriber is already installed or the directory cannot be created.
pub fn init(config: &LogConfig) -> Result<LogHandle, SupportError> {
    let filter = match config
        .filter
        .clone()
        .map_or_else(|| std::env::var(FILTER_ENV), Ok)
    {
        Ok(text) if !text.trim().is_empty() => {
            EnvFilter::try_new(text.trim()).map_err(|e| SupportError::Filter(e.to_string()))?
        }
        _ => EnvFilter::new(DEFAULT_FILTER),
    };
    let writer = LogWriter::open(config, Redactor::global())?;
    tracing_subscriber::registry()
        .with(filter)
        .with(json_layer(writer))
        .try_init()
        .map_err(|e| SupportError::AlreadyInitialised(e.to_string()))?;
    tracing::info!(
        version = env!("CARGO_PKG_VERSION"),
        os = std::env::consts::OS,
        arch = std::env::consts::ARCH,
        "logging started"
    );
    Ok(LogHandle {
        dir: config.dir.clone(),
    })
}

/// The layer that writes events as JSON lines through `writer`: one object per event with
/// `timestamp` (RFC 3339, UTC), `level`, `message`, the event's own fields and `target`.
///
/// Every field is redacted by the writer's [`Redactor`] as a value, before the line is
/// serialised, so a secret inside a field that JSON escapes (a quoted body in a message, a
/// password with a `"` or `\`) is caught; the serialised line is redacted once more on writing.
pub fn json_layer<S>(writer: LogWriter) -> impl tracing_subscriber::Layer<S>
where
    S: tracing::Subscriber + for<'a> tracing_subscriber::registry::LookupSpan<'a>,
{
    JsonLayer { writer }
}

/// See [`json_layer`].
struct JsonLayer {
    writer: LogWriter,
}

impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for JsonLayer {
    fn on_event(
        &self,
        event: &tracing::Event<'_>,
        _ctx: tracing_subscriber::layer::Context<'_, S>,
    ) {
        let meta = event.metadata();
        let mut fields = RedactedFields {
            redactor: self.writer.inner.redactor,
            message: None,
            fields: serde_json::Map::new(),
            log_target: None,
        };
        event.record(&mut fields);
        let now = OffsetDateTime::now_utc();
        let timestamp = now
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default();
        let mut line = serde_json::Map::new();
        line.insert("timestamp".into(), timestamp.into());
        line.insert("level".into(), meta.level().as_str().into());
        if let Some(message) = fields.message {
            line.insert("message".into(), message.into());
        }
        for (name, value) in fields.fields {
            line.entry(name).or_insert(value);
        }
        // Records forwarded from the `log` crate carry their real target as a field.
        let target = fields
            .log_target
            .unwrap_or_else(|| meta.target().to_owned());
        line.insert("target".into(), target.into());
        let mut bytes = serde_json::Value::Object(line).to_string().into_bytes();
        bytes.push(b'\n');
        if let Err(err) = self.writer.write_on(now.date(), &bytes) {
            // Nowhere else to report it: logging must never take the app down.
            eprintln!("Number Desk could not write its log: {err}");
        }
    }
}

/// Collects an event's fields, each redacted as a value.
struct RedactedFields {
    redactor: &'static Redactor,
    message: Option<String>,
    fields: serde_json::Map<String, serde_json::Value>,
    log_target: Option<String>,
}

impl RedactedFields {
    fn text(&mut self, field: &tracing::field::Field, value: &str) {
        let clean = self.redactor.redact(value).into_owned();
        match field.name() {
            "message" => self.message = Some(clean),
            "log.target" => self.log_target = Some(clean),
            // The rest of `log`'s metadata (file, line, module) is noise in these logs.
            name if name.starts_with("log.") => {}
            name => {
                self.fields.insert(name.to_owned(), clean.into());
            }
        }
    }
}

impl tracing::field::Visit for RedactedFields {
    fn record_str(&mut self, field: &tracing::field::Field, value: &str) {
        self.text(field, value);
    }

    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        self.text(field, &format!("{value:?}"));
    }

    fn record_error(
        &mut self,
        field: &tracing::field::Field,
        value: &(dyn std::error::Error + 'static),
    ) {
        self.text(field, &value.to_string());
    }

    fn record_i64(&mut self, field: &tracing::field::Field, value: i64) {
        self.fields.insert(field.name().to_owned(), value.into());
    }

    fn record_u64(&mut self, field: &tracing::field::Field, value: u64) {
        self.fields.insert(field.name().to_owned(), value.into());
    }

    fn record_bool(&mut self, field: &tracing::field::Field, value: bool) {
        self.fields.insert(field.name().to_owned(), value.into());
    }

    fn record_f64(&mut self, field: &tracing::field::Field, value: f64) {
        self.fields.insert(field.name().to_owned(), value.into());
    }
}

/// The daily log files of `dir`, oldest first (by the date in their names).
pub fn log_files(dir: &Path) -> Result<Vec<PathBuf>, SupportError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(SupportError::io(dir, e)),
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(FILE_PREFIX) && n.ends_with(FILE_SUFFIX))
                && p.is_file()
        })
        .collect();
    files.sort();
    Ok(files)
}

/// A `tracing` writer: one redacted, appended line per event into today's file.
#[derive(Debug, Clone)]
pub struct LogWriter {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    dir: PathBuf,
    keep_files: usize,
    redactor: &'static Redactor,
    current: Mutex<Option<(Date, File)>>,
}

impl LogWriter {
    /// Creates the directory (0700) and opens today's file lazily on the first line.
    pub fn open(config: &LogConfig, redactor: &'static Redactor) -> Result<Self, SupportError> {
        create_private_dir(&config.dir)?;
        Ok(Self {
            inner: Arc::new(Inner {
                dir: config.dir.clone(),
                keep_files: config.keep_files.max(1),
                redactor,
                current: Mutex::new(None),
            }),
        })
    }

    /// Redacts `bytes` and appends them to the file of `today`, switching files (and deleting
    /// the oldest) when the day changed.
    pub fn write_on(&self, today: Date, bytes: &[u8]) -> Result<(), SupportError> {
        let text = String::from_utf8_lossy(bytes);
        let clean = self.inner.redactor.redact(&text);
        let mut current = self
            .inner
            .current
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let path = self.inner.file_for(today);
        if current.as_ref().is_none_or(|(day, _)| *day != today) {
            let file = private_open_options()
                .create(true)
                .append(true)
                .open(&path)
                .map_err(|e| SupportError::io(&path, e))?;
            // A file created before (by an older version, or with a looser umask) is tightened.
            crate::perms::restrict_to_user(&path, false)?;
            *current = Some((today, file));
            self.inner.prune()?;
        }
        if let Some((_, file)) = current.as_mut() {
            file.write_all(clean.as_bytes())
                .map_err(|e| SupportError::io(&path, e))?;
        }
        Ok(())
    }
}

impl Inner {
    fn file_for(&self, day: Date) -> PathBuf {
        self.dir.join(format!(
            "{FILE_PREFIX}{:04}-{:02}-{:02}{FILE_SUFFIX}",
            day.year(),
            u8::from(day.month()),
            day.day()
        ))
    }

    fn prune(&self) -> Result<(), SupportError> {
        let files = log_files(&self.dir)?;
        let excess = files.len().saturating_sub(self.keep_files);
        for old in &files[..excess] {
            std::fs::remove_file(old).map_err(|e| SupportError::io(old, e))?;
        }
        Ok(())
    }
}

/// One event being formatted; written (redacted) when `tracing` drops it, so an event split over
/// several `write` calls is still redacted as a whole.
#[derive(Debug)]
pub struct EventWriter<'a> {
    writer: &'a LogWriter,
    buf: Vec<u8>,
}

impl Write for EventWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Drop for EventWriter<'_> {
    fn drop(&mut self) {
        if self.buf.is_empty() {
            return;
        }
        let today = OffsetDateTime::now_utc().date();
        if let Err(err) = self.writer.write_on(today, &self.buf) {
            // Nowhere else to report it: logging must never take the app down.
            eprintln!("Number Desk could not write its log: {err}");
        }
    }
}

impl<'a> MakeWriter<'a> for LogWriter {
    type Writer = EventWriter<'a>;

    fn make_writer(&'a self) -> Self::Writer {
        EventWriter {
            writer: self,
            buf: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn leaked() -> &'static Redactor {
        Box::leak(Box::new(Redactor::new()))
    }

    #[test]
    fn one_file_per_day_and_only_the_newest_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let config = LogConfig {
            dir: dir.path().join("logs"),
            keep_files: 3,
            filter: None,
        };
        let w = LogWriter::open(&config, leaked()).unwrap();
        for day in 1..=5u8 {
            let d = Date::from_calendar_date(2026, time::Month::November, day).unwrap();
            w.write_on(d, format!("line of day {day}\n").as_bytes())
                .unwrap();
            w.write_on(d, b"second line\n").unwrap();
        }
        let names: Vec<String> = log_files(&config.dir)
            .unwrap()
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            names,
            [
                "numdesk.2026-11-03.log",
                "numdesk.2026-11-04.log",
                "numdesk.2026-11-05.log"
            ],
            "rule: logs rotate daily and keep N files"
        );
        let last = std::fs::read_to_string(config.dir.join("numdesk.2026-11-05.log")).unwrap();
        assert_eq!(last, "line of day 5\nsecond line\n");
    }

    #[test]
    fn lines_are_redacted_before_they_reach_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let redactor = leaked();
        redactor.register("TOPSECRETKEYVALUE123");
        let w = LogWriter::open(&LogConfig::new(dir.path()), redactor).unwrap();
        let day = date!(2026 - 11 - 30);
        w.write_on(
            day,
            b"key TOPSECRETKEYVALUE123 and X-TC-Token: tok-123456789\n",
        )
        .unwrap();
        let text = std::fs::read_to_string(dir.path().join("numdesk.2026-11-30.log")).unwrap();
        assert_eq!(text, "key [REDACTED] and X-TC-Token: [REDACTED]\n");
    }

    #[test]
    fn secrets_inside_json_escaped_fields_are_redacted_before_serialising() {
        use tracing_subscriber::layer::SubscriberExt;
        // A registered secret with characters JSON escapes, and secret-named fields quoted inside
        // a message: in the serialised line both appear only escaped (`\"`, `\\`).
        const ODD: &str = r#"pa"ss\w0rd-Quoted"#;
        let dir = tempfile::tempdir().unwrap();
        let redactor = leaked();
        redactor.register(ODD);
        let w = LogWriter::open(&LogConfig::new(dir.path()), redactor).unwrap();
        let subscriber = tracing_subscriber::registry().with(json_layer(w));
        tracing::subscriber::with_default(subscriber, || {
            tracing::info!(
                target: "numdesk_commands",
                body = r#"{"SecretKey":"abcDEF1234567890","Name":"x"}"#,
                "answer {}",
                r#"{"Token": "tok-abcdef123456"}"#
            );
            tracing::warn!(target: "numdesk_client", "proxy password {ODD} refused");
        });
        let file = log_files(dir.path()).unwrap().pop().unwrap();
        let text = std::fs::read_to_string(file).unwrap();
        let lines: Vec<serde_json::Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).expect("rule: every log line is one JSON object"))
            .collect();
        assert_eq!(lines.len(), 2, "{text}");
        for needle in ["abcDEF1234567890", "tok-abcdef123456", "w0rd-Quoted"] {
            assert!(
                !text.contains(needle),
                "rule: redaction works on the event's fields, so a secret inside a JSON-escaped \
                 field is caught ({needle}): {text}"
            );
        }
        assert_eq!(
            lines[0]["body"], r#"{"SecretKey":"[REDACTED]","Name":"x"}"#,
            "the rest of the field is kept"
        );
        assert_eq!(lines[0]["message"], r#"answer {"Token": "[REDACTED]"}"#);
        assert_eq!(lines[1]["message"], "proxy password [REDACTED] refused");
        assert_eq!(lines[1]["level"], "WARN");
        assert_eq!(lines[1]["target"], "numdesk_client");
        assert!(
            lines[1]["timestamp"]
                .as_str()
                .is_some_and(|t| t.ends_with('Z'))
        );
    }

    #[cfg(unix)]
    #[test]
    fn the_directory_and_files_are_user_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let logs = dir.path().join("logs");
        let w = LogWriter::open(&LogConfig::new(&logs), leaked()).unwrap();
        w.write_on(date!(2026 - 11 - 30), b"x\n").unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&logs), 0o700, "rule: the log directory is user-only");
        assert_eq!(
            mode(&logs.join("numdesk.2026-11-30.log")),
            0o600,
            "rule: log files are user-only"
        );
    }
}
