//! The archive commands: `inspel export` writes a session's report or data to a file, and
//! `inspel sessions` lists what a database holds.
//!
//! Both read the database file directly when they can. While a server runs on that file it
//! holds redb's lock and a second open fails; then they ask the running server over HTTP, with
//! the admin token or the session's secretary link, so the archive can be read during a
//! meeting without stopping anything. The file and the server give the same bytes: both
//! render with [`crate::export::render`].

mod local;
mod remote;

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Subcommand};

use crate::export::{
    Clock, CsvOptions, DEFAULT_TIME_ZONE, ExportSpec, Format, Grouping, Lang, ReportOptions, Separator,
};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write a session's report (Word, Excel, printable HTML) or data (CSV, Markdown, JSON).
    Export(ExportArgs),
    /// List the sessions the database holds: code, date, contributions, title.
    Sessions(SessionsArgs),
}

/// Where the data is: the file, or the server that has it open.
#[derive(Debug, Clone, Args)]
pub struct Source {
    /// The database file.
    #[arg(long, env = "INSPEL_DATA", default_value = "inspel.redb")]
    pub data: PathBuf,
    /// The running server to ask when the file is in use (default: http://127.0.0.1 on the
    /// port of INSPEL_ADDR, else 8080). Given explicitly, the file is not tried.
    #[arg(long, env = "INSPEL_SERVER")]
    pub server: Option<String>,
    /// A token for the running server: the admin token (also read from INSPEL_ADMIN_TOKEN), or
    /// the session's secretary or facilitator token.
    #[arg(long, env = "INSPEL_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The session: its join code, its id, or its secretary link (which carries the server
    /// and the token).
    #[arg(long, required_unless_present = "series", conflicts_with = "series")]
    pub session: Option<String>,
    /// Instead of one session, a whole series by its name or id ("Uppdrag Värmland"): docx,
    /// xlsx or csv, each meeting named in its section or column.
    #[arg(long)]
    pub series: Option<String>,
    #[arg(long, value_enum, default_value = "docx")]
    pub format: Format,
    /// Where to write (`-` for standard output). Default: the name the secretary page would
    /// download, e.g. "2026-11-08 Regionrådet barns och ungas hälsa.docx", here.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "sv")]
    pub lang: Lang,
    #[arg(long, value_enum, default_value = "theme")]
    pub group: Grouping,
    /// Also hidden and waiting contributions, marked with their status.
    #[arg(long)]
    pub include_hidden: bool,
    /// IANA time zone for the times shown.
    #[arg(long, default_value = DEFAULT_TIME_ZONE)]
    pub tz: String,
    /// CSV: the field separator.
    #[arg(long, value_enum, default_value = "semicolon")]
    pub separator: Separator,
    /// CSV: add the contribution, question and duplicate ids.
    #[arg(long)]
    pub ids: bool,
    #[command(flatten)]
    pub source: Source,
}

#[derive(Debug, Args)]
pub struct SessionsArgs {
    #[command(flatten)]
    pub source: Source,
}

/// Why a command failed, said to the person at the terminal.
pub type Failure = String;

pub fn run(command: Command) -> Result<(), Failure> {
    match command {
        Command::Export(args) => export(args),
        Command::Sessions(args) => sessions(args),
    }
}

impl ExportArgs {
    fn spec(&self) -> Result<ExportSpec, Failure> {
        let clock = Clock::named(&self.tz).ok_or_else(|| format!("unknown time zone {:?}", self.tz))?;
        Ok(ExportSpec {
            format: self.format,
            report: ReportOptions {
                lang: self.lang,
                clock,
                group: self.group,
                include_hidden: self.include_hidden,
            },
            csv: CsvOptions { separator: self.separator, ids: self.ids },
        })
    }

    /// The query string the HTTP export takes for the same options.
    fn query(&self) -> String {
        let lang = match self.lang {
            Lang::Sv => "sv",
            Lang::En => "en",
        };
        let group = match self.group {
            Grouping::Theme => "theme",
            Grouping::Table => "table",
        };
        let separator = match self.separator {
            Separator::Semicolon => "semicolon",
            Separator::Comma => "comma",
        };
        format!(
            "lang={lang}&group={group}&include_hidden={}&separator={separator}&ids={}&tz={}",
            self.include_hidden,
            self.ids,
            self.tz.replace('/', "%2F")
        )
    }
}

fn export(args: ExportArgs) -> Result<(), Failure> {
    let spec = args.spec()?;
    if let Some(series) = &args.series {
        if !matches!(args.format, Format::Docx | Format::Xlsx | Format::Csv) {
            return Err(format!("a series is exported as docx, xlsx or csv, not {}", args.format.ext()));
        }
        let series_id = crate::model::series_id(series);
        let (bytes, name) = match open_or_ask(&args.source)? {
            Some(db) => {
                let r = local::export_series(&db, &series_id, &spec)?;
                (r.bytes, r.file_name)
            }
            None => remote::export_series(&args, &series_id)?,
        };
        return write_out(args.output.as_ref(), &name, &bytes);
    }
    let session = args.session.clone().unwrap_or_default();
    let link = remote::Link::parse(&session);
    let file = if args.source.server.is_none() && link.is_none() {
        match local::open(&args.source.data) {
            Ok(db) => Some(db),
            Err(local::OpenFailure::InUse) => {
                eprintln!(
                    "inspel: {} is in use by a running server; asking the server instead.",
                    args.source.data.display()
                );
                None
            }
            Err(local::OpenFailure::Other(e)) => return Err(e),
        }
    } else {
        None
    };
    let (bytes, name) = match file {
        Some(db) => {
            let r = local::export(&db, &session, &spec)?;
            (r.bytes, r.file_name)
        }
        None => remote::export(&args, &session, link)?,
    };
    write_out(args.output.as_ref(), &name, &bytes)
}

/// The file, unless --server is given or a server holds it (then `None`: ask the server).
fn open_or_ask(source: &Source) -> Result<Option<redb::ReadOnlyDatabase>, Failure> {
    if source.server.is_some() {
        return Ok(None);
    }
    match local::open(&source.data) {
        Ok(db) => Ok(Some(db)),
        Err(local::OpenFailure::InUse) => {
            eprintln!(
                "inspel: {} is in use by a running server; asking the server instead.",
                source.data.display()
            );
            Ok(None)
        }
        Err(local::OpenFailure::Other(e)) => Err(e),
    }
}

fn sessions(args: SessionsArgs) -> Result<(), Failure> {
    let rows = if args.source.server.is_some() {
        remote::sessions(&args.source)?
    } else {
        match local::open(&args.source.data) {
            Ok(db) => local::sessions(&db)?,
            Err(local::OpenFailure::InUse) => {
                eprintln!(
                    "inspel: {} is in use by a running server; asking the server instead.",
                    args.source.data.display()
                );
                remote::sessions(&args.source)?
            }
            Err(local::OpenFailure::Other(e)) => return Err(e),
        }
    };
    let mut out = std::io::stdout().lock();
    for r in rows {
        let count = r.contributions.map(|n| n.to_string()).unwrap_or_else(|| "-".into());
        writeln!(out, "{}\t{}\t{count}\t{}", r.code, r.date, r.title).map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// One line of `inspel sessions`.
pub struct SessionLine {
    pub code: String,
    /// Local date the session was created, `2026-11-08`.
    pub date: String,
    /// Unknown when asked through a server (its list does not count them).
    pub contributions: Option<u64>,
    pub title: String,
}

fn write_out(output: Option<&PathBuf>, name: &str, bytes: &[u8]) -> Result<(), Failure> {
    match output {
        Some(p) if p.as_os_str() == "-" => std::io::stdout()
            .lock()
            .write_all(bytes)
            .map_err(|e| format!("cannot write to standard output: {e}")),
        Some(p) => write_file(p, bytes),
        None => write_file(&PathBuf::from(name), bytes),
    }
}

fn write_file(path: &PathBuf, bytes: &[u8]) -> Result<(), Failure> {
    std::fs::write(path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    eprintln!("inspel: wrote {} ({} bytes)", path.display(), bytes.len());
    Ok(())
}
