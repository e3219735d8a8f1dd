//! Reading the database file itself, read-only, with a progress bar while a large session's
//! contributions are read (drawn only when standard error is a terminal).

use std::path::Path;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use redb::{ReadOnlyDatabase, ReadableDatabase};

use super::{Failure, SessionLine};
use crate::export::{Clock, Css, ExportSpec, Rendered};
use crate::model::Session;

/// Why the file could not be opened.
pub enum OpenFailure {
    /// A server has it open (redb's lock): ask the server instead.
    InUse,
    Other(Failure),
}

pub fn open(path: &Path) -> Result<ReadOnlyDatabase, OpenFailure> {
    if !path.exists() {
        return Err(OpenFailure::Other(format!("there is no database file {}", path.display())));
    }
    let failure = |e: redb::DatabaseError| match e {
        redb::DatabaseError::DatabaseAlreadyOpen => OpenFailure::InUse,
        other => OpenFailure::Other(format!("cannot open {}: {other}", path.display())),
    };
    match ReadOnlyDatabase::open(path) {
        // The server stopped without closing the file (a crash, kill -9). No server holds it
        // now, so open it for writing once, which repairs it as the server's start would.
        Err(redb::DatabaseError::RepairAborted) => {
            eprintln!("inspel: {} was not closed cleanly; repairing it first.", path.display());
            drop(redb::Database::open(path).map_err(failure)?);
            ReadOnlyDatabase::open(path).map_err(failure)
        }
        other => other.map_err(failure),
    }
}

/// The session by join code or id.
fn find(db: &ReadOnlyDatabase, session: &str) -> Result<(Session, u64), Failure> {
    let txn = db.begin_read().map_err(|e| e.to_string())?;
    let code = crate::token::normalize_code(session);
    let found = match crate::store::session_by_code(&txn, &code).map_err(|e| e.to_string())? {
        Some(s) => Some(s),
        None => crate::store::session(&txn, session.trim()).map_err(|e| e.to_string())?,
    };
    let s = found.ok_or_else(|| format!("no session with the code or id {session:?} in this file"))?;
    let count = crate::store::contribution_count(&txn, &s.id).map_err(|e| e.to_string())?;
    Ok((s, count))
}

pub fn export(db: &ReadOnlyDatabase, session: &str, spec: &ExportSpec) -> Result<Rendered, Failure> {
    let (s, count) = find(db, session)?;
    let bar = ProgressBar::with_draw_target(Some(count), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len}")
            .map_err(|e| e.to_string())?
            .progress_chars("=> "),
    );
    bar.set_message("Läser inspel / Reading contributions");
    let txn = db.begin_read().map_err(|e| e.to_string())?;
    let records =
        crate::store::contribution_records(&txn, &s.id, &mut || bar.inc(1)).map_err(|e| e.to_string())?;
    bar.set_style(ProgressStyle::with_template("{spinner} {msg}").map_err(|e| e.to_string())?);
    bar.set_message(format!("Skriver / Writing .{}", spec.format.ext()));
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    let css = crate::http::web::asset_text("assets/css/report.css").unwrap_or_default();
    let rendered = crate::export::render(&s, &records, spec, Css::Inline(&css));
    bar.finish_and_clear();
    rendered
}

/// Every meeting of the series `series_id`, oldest first, as one file.
pub fn export_series(db: &ReadOnlyDatabase, series_id: &str, spec: &ExportSpec) -> Result<Rendered, Failure> {
    let txn = db.begin_read().map_err(|e| e.to_string())?;
    let mut meetings: Vec<Session> = crate::store::all_sessions(&txn)
        .map_err(|e| e.to_string())?
        .into_iter()
        .filter(|s| s.series.as_ref().is_some_and(|x| x.id == series_id))
        .collect();
    if meetings.is_empty() {
        return Err(format!("no meeting of the series {series_id:?} in this file"));
    }
    meetings.sort_by_key(|s| s.created_at);
    let name =
        meetings.iter().rev().find_map(|s| s.series.as_ref()).map(|s| s.name.clone()).unwrap_or_default();
    let mut all = Vec::with_capacity(meetings.len());
    for s in meetings {
        let records =
            crate::store::contribution_records(&txn, &s.id, &mut || {}).map_err(|e| e.to_string())?;
        all.push((s, records));
    }
    crate::export::render_series(&name, &all, spec)
}

pub fn sessions(db: &ReadOnlyDatabase) -> Result<Vec<SessionLine>, Failure> {
    let txn = db.begin_read().map_err(|e| e.to_string())?;
    let clock = Clock::default();
    let mut out = Vec::new();
    for s in crate::store::all_sessions(&txn).map_err(|e| e.to_string())? {
        let count = crate::store::contribution_count(&txn, &s.id).map_err(|e| e.to_string())?;
        out.push(SessionLine {
            code: s.code.clone(),
            date: clock.iso_date(s.created_at),
            contributions: Some(count),
            title: s.title.clone(),
        });
    }
    Ok(out)
}
