//! One entry point for every export format, shared by the HTTP handlers and `inspel export`,
//! so a file made on the command line is the file the secretary page downloads.

use std::collections::HashSet;

use super::report::{ReportInput, ReportOptions};
use super::{Css, CsvOptions, file_name};
use crate::model::{ContributionRecord, Session};

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// The meeting report as a Word document.
    Docx,
    /// A workbook: a summary, a sheet per question, the dot votes.
    Xlsx,
    /// The printable report page.
    Html,
    /// One row per contribution, for spreadsheets.
    Csv,
    Md,
    Json,
}

impl Format {
    pub fn ext(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Xlsx => "xlsx",
            Format::Html => "html",
            Format::Csv => "csv",
            Format::Md => "md",
            Format::Json => "json",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Format::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Format::Html => "text/html; charset=utf-8",
            Format::Csv => "text/csv; charset=utf-8",
            Format::Md => "text/markdown; charset=utf-8",
            Format::Json => "application/json",
        }
    }
}

/// What to export and how.
#[derive(Debug, Clone)]
pub struct ExportSpec {
    pub format: Format,
    pub report: ReportOptions,
    pub csv: CsvOptions,
}

/// A finished file.
#[derive(Debug)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    pub content_type: &'static str,
    /// `2026-11-08 Regionrådet barns och ungas hälsa.docx`
    pub file_name: String,
}

/// Phones that sent contributions: distinct participant ids, and each contribution that came
/// without one (an old client, a script) counted as a phone of its own.
pub fn phones(records: &[ContributionRecord]) -> usize {
    let mut seen = HashSet::new();
    let mut anonymous = 0;
    for r in records {
        match &r.participant {
            Some(p) => {
                seen.insert(p.as_str());
            }
            None => anonymous += 1,
        }
    }
    seen.len() + anonymous
}

/// The export of `session` in `spec`'s format. CPU-bound (a large session's Word file takes
/// a good part of a second): call it on a blocking thread.
pub fn render(
    session: &Session,
    records: &[ContributionRecord],
    spec: &ExportSpec,
    css: Css<'_>,
) -> Result<Rendered, String> {
    let contributions: Vec<_> = records.iter().map(|r| r.contribution.clone()).collect();
    let iso_date = spec.report.clock.iso_date(session.created_at);
    let bytes = match spec.format {
        Format::Json => {
            let rows = super::rows(session, &contributions, spec.report.include_hidden);
            serde_json::to_vec_pretty(&super::json(session, rows, spec.report.include_hidden))
                .map_err(|e| e.to_string())?
        }
        format => {
            let report = ReportInput::new(session, &contributions, spec.report.clone())
                .phones(phones(records))
                .build();
            match format {
                Format::Docx => super::docx(&report)?,
                Format::Xlsx => super::xlsx(&report).map_err(|e| e.to_string())?,
                Format::Html => super::html(&report, css).into_bytes(),
                Format::Csv => super::csv(&report, spec.csv).map_err(|e| e.to_string())?,
                Format::Md | Format::Json => super::markdown(&report).into_bytes(),
            }
        }
    };
    Ok(Rendered {
        bytes,
        content_type: spec.format.content_type(),
        file_name: file_name(&iso_date, &session.title, spec.format.ext()),
    })
}
