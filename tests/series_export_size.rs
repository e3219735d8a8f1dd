//! A large series exported whole (issue 9): several meetings of thousands of contributions
//! each, rendered by the function the series page and `inspel export` call, and read back:
//! every contribution once in the Word file, the workbook and the CSV. The limits' most, 20
//! meetings of 50,000, is measured by `export_bench series` (docs/performance.md); this is a
//! size a debug build renders in seconds.

mod readers;

use inspel::export::{Clock, CsvOptions, ExportSpec, Format, Grouping, Lang, ReportOptions, render_series};
use inspel::model::{ContributionRecord, Session};
use readers::*;
use serde_json::json;

const MEETINGS: usize = 5;
const PER_MEETING: usize = 4_000;

fn text(m: usize, i: usize) -> String {
    format!("Möte {m} inspel {i}: mer tid för barnen åäö 🙂")
}

fn series() -> Vec<(Session, Vec<ContributionRecord>)> {
    (0..MEETINGS)
        .map(|m| {
            let session: Session = serde_json::from_value(json!({
                "id": format!("meeting-{m}"), "code": format!("SER{m}"), "title": format!("Dialogmöte {m}"),
                "questions": [{"id": "q1", "text": "Vad behöver göras?", "state": "closed"},
                    {"id": "q2", "text": "Vem gör det?", "state": "closed"}],
                "tables": ["Bord 1", "Bord 2"], "perspectives": [], "active_question_id": "q1",
                "created_at": format!("2026-11-{:02}T08:00:00Z", 2 + 5 * m),
                "tokens": {"facilitator": "f", "secretary": "s", "wall": "w"},
                "themes": [{"id": "t1", "name": "Tid", "question_id": "q1"}], "themes_created": 1,
                "series": {"id": "stora-serien", "name": "Stora serien"},
            }))
            .expect("a session");
            let records = (0..PER_MEETING)
                .map(|i| {
                    let (question, table) = [("q1", "Bord 1"), ("q2", "Bord 2")][i % 2];
                    serde_json::from_value(json!({
                        "id": format!("{m}-{i}"), "question_id": question, "text": text(m, i),
                        "table": table, "theme_id": (i % 3 == 0).then_some("t1"),
                        "created_at": "2026-11-08T09:00:00Z", "seq": i + 2, "hidden": false,
                        "participant": format!("phone-{}", i % 50),
                    }))
                    .expect("a record")
                })
                .collect();
            (session, records)
        })
        .collect()
}

fn spec(format: Format) -> ExportSpec {
    ExportSpec {
        format,
        report: ReportOptions {
            lang: Lang::Sv,
            clock: Clock::default(),
            group: Grouping::Theme,
            include_hidden: false,
        },
        csv: CsvOptions::default(),
    }
}

/// Of the series' texts, how many occur exactly once among `items`, and how many times they
/// occur in all (headings that say "Möte" are not texts).
fn once_each(items: &[String]) -> (usize, usize) {
    let mut seen = std::collections::HashMap::new();
    for item in items {
        if let Some(at) = item.find("Möte ") {
            let end = item[at..].find('🙂').map_or(item.len(), |e| at + e + '🙂'.len_utf8());
            *seen.entry(item[at..end].to_string()).or_insert(0) += 1;
        }
    }
    let expected: Vec<String> =
        (0..MEETINGS).flat_map(|m| (0..PER_MEETING).map(move |i| text(m, i))).collect();
    let once = expected.iter().filter(|t| seen.get(*t) == Some(&1)).count();
    (once, expected.iter().filter_map(|t| seen.get(t)).sum())
}

#[test]
fn a_large_series_holds_every_contribution_once_in_each_format() {
    let all = series();
    let total = MEETINGS * PER_MEETING;

    let docx = render_series("Stora serien", &all, &spec(Format::Docx)).expect("docx");
    assert_eq!(once_each(&docx_paragraphs(&docx.bytes)), (total, total), "docx");

    let csv = render_series("Stora serien", &all, &spec(Format::Csv)).expect("csv");
    let rows: Vec<String> = csv_records(&csv.bytes, b';').into_iter().map(|r| r.join(";")).collect();
    assert_eq!(rows.len(), total + 1, "a header and a row each");
    assert_eq!(once_each(&rows), (total, total), "csv");

    let xlsx = render_series("Stora serien", &all, &spec(Format::Xlsx)).expect("xlsx");
    let cells: Vec<String> =
        xlsx_sheets(&xlsx.bytes).into_iter().flat_map(|(_, rows)| rows.into_iter().flatten()).collect();
    assert_eq!(once_each(&cells), (total, total), "xlsx");
}
