//! The series a meeting belongs to (Uppdrag Värmland: three meetings; Dalarna's lärprojekt:
//! five): a name as people write it, and an id made from it that stays the same however the
//! name is spelt (`Uppdrag Värmland` and `uppdrag  värmland` are one series).

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A meeting's series.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SeriesRef {
    /// Made from the name: lower case ASCII letters and digits with `-` between words
    /// (`uppdrag-varmland`). The series page and the series exports use it.
    pub id: String,
    /// As written, å, ä and ö kept: `Uppdrag Värmland`.
    pub name: String,
}

impl SeriesRef {
    /// The series called `name` (already cleaned and checked), or none when the name has no
    /// letter or digit to make an id from.
    pub fn named(name: &str) -> Option<SeriesRef> {
        let id = series_id(name);
        (!id.is_empty()).then(|| SeriesRef { id, name: name.to_string() })
    }
}

/// The id of the series called `name`: transliterated to ASCII (å → a, ö → o, other scripts
/// as deunicode spells them), lower case, every run of other characters one `-`, at most
/// [`crate::limits::MAX_SERIES_ID_CHARS`] long.
pub fn series_id(name: &str) -> String {
    let ascii = deunicode::deunicode(name).to_ascii_lowercase();
    let mut out = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    // deunicode spells some characters as whole words (an emoji as its name): keep it short.
    out.truncate(crate::limits::MAX_SERIES_ID_CHARS);
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_ignore_case_marks_and_spacing() {
        assert_eq!(series_id("Uppdrag Värmland"), "uppdrag-varmland");
        assert_eq!(series_id("  uppdrag   VÄRMLAND! "), "uppdrag-varmland");
        assert_eq!(series_id("Dalarnas lärprojekt 2026/27"), "dalarnas-larprojekt-2026-27");
        assert_eq!(series_id("Åre–Östersund"), "are-ostersund");
        assert_eq!(series_id("?!"), "");
        assert!(SeriesRef::named("--").is_none());
        let s = SeriesRef::named("Uppdrag Värmland").expect("a series");
        assert_eq!((s.id.as_str(), s.name.as_str()), ("uppdrag-varmland", "Uppdrag Värmland"));
    }
}
