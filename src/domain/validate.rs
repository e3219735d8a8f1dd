//! Checks on untrusted input that need no stored state: trimming, Unicode normalisation (NFC),
//! invisible and direction-changing characters, and the limits from [`crate::limits`]. Checks
//! against the session (does the question exist, is it open) happen in the writer, inside the
//! transaction that stores.

use unicode_normalization::UnicodeNormalization;
use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

use crate::error::{AppError, Problem};
use crate::limits::*;

/// Trims, normalises to NFC and removes what a reader cannot see but a screen acts on:
///
/// - control characters (Cc) other than line breaks and tabs;
/// - format characters (Cf), among them the right-to-left override and the other bidi
///   embedding, isolate and mark controls (U+202A–U+202E, U+2066–U+2069, U+200E/U+200F,
///   U+061C), which would make a card or title read in another order than it was written,
///   and zero-width spaces, word joiners, byte-order marks and soft hyphens (U+200B, U+2060,
///   U+FEFF, U+00AD) even inside normal text: they only serve to hide or split words;
/// - the stand-alone Hangul fillers U+3164 and U+FFA0, blank letters with no use in running
///   text.
///
/// Kept, because legitimate text needs them ([`keeps_format`]): the zero-width joiner and
/// non-joiner (emoji such as 👨‍👩‍👧, Persian and Indic spelling), the tag characters of emoji
/// flags (🏴󠁧󠁢󠁳󠁣󠁴󠁿), and the Arabic number signs that print. Right-to-left *letters* (Arabic,
/// Hebrew) are ordinary letters and stay; the bidi algorithm orders them without help.
pub fn clean_text(raw: &str) -> String {
    let nfc: String = raw.nfc().collect();
    let kept = |c: &char| {
        let control = c.is_control() && *c != '\n' && *c != '\t';
        let format = c.general_category() == GeneralCategory::Format && !keeps_format(*c);
        !control && !format && !matches!(c, '\u{3164}' | '\u{FFA0}')
    };
    let cleaned: String = nfc.chars().filter(kept).collect();
    cleaned.trim().to_string()
}

/// Format characters (Cf) that carry meaning in legitimate text, so [`clean_text`] keeps them:
/// ZWNJ and ZWJ, the emoji tag characters U+E0020–U+E007F, and the visible
/// Prepended_Concatenation_Mark signs (Arabic, Syriac, Kaithi number and year signs).
fn keeps_format(c: char) -> bool {
    matches!(
        c,
        '\u{200C}'
            | '\u{200D}'
            | '\u{E0020}'..='\u{E007F}'
            | '\u{0600}'..='\u{0605}'
            | '\u{06DD}'
            | '\u{070F}'
            | '\u{0890}'..='\u{0891}'
            | '\u{08E2}'
            | '\u{110BD}'
            | '\u{110CD}'
    )
}

/// Whether `c` shows nothing by itself: any format character (Cf, kept ones included: a lone
/// ZWJ is still nothing), the Hangul fillers (U+115F, U+1160, U+3164, U+FFA0, letters that
/// draw as blank), the braille blank U+2800, and the other default-ignorable marks (variation
/// selectors, the combining grapheme joiner, Khmer and Mongolian inherent vowels and
/// selectors). White space is not included; see [`is_blank`].
pub fn shows_nothing(c: char) -> bool {
    c.general_category() == GeneralCategory::Format
        || matches!(
            c,
            '\u{115F}'
                | '\u{1160}'
                | '\u{3164}'
                | '\u{FFA0}'
                | '\u{2800}'
                | '\u{034F}'
                | '\u{17B4}'
                | '\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{E0100}'..='\u{E01EF}'
        )
}

/// Whether `text` would look empty: nothing but white space and characters that
/// [show nothing](shows_nothing). Such a text is refused like an empty one, so a blank card
/// cannot reach the wall.
pub fn is_blank(text: &str) -> bool {
    text.chars().all(|c| c.is_whitespace() || shows_nothing(c))
}

/// A short field of a request, as its error messages name it: the sentences are
/// `problem.field_empty.<key>`, `problem.field_too_long.<key>` and, for a list of them,
/// `problem.too_many.<key>` (each language words them its own way: Swedish adjectives agree
/// with the noun, "Frågan är tom", "Namnet är tomt").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Question,
    Table,
    Perspective,
    Theme,
    SeriesName,
    RoundTitle,
    Place,
    Name,
    BlockedWord,
}

impl Field {
    /// Every field, for the test that each has its sentences.
    pub const ALL: [Field; 10] = [
        Field::Title,
        Field::Question,
        Field::Table,
        Field::Perspective,
        Field::Theme,
        Field::SeriesName,
        Field::RoundTitle,
        Field::Place,
        Field::Name,
        Field::BlockedWord,
    ];

    /// The fields that come as lists ([`list`]), which `too_many` names.
    pub const LISTS: [Field; 4] = [Field::Table, Field::Question, Field::Perspective, Field::BlockedWord];

    /// The last part of the field's dictionary keys.
    pub fn key(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Question => "question",
            Field::Table => "table",
            Field::Perspective => "perspective",
            Field::Theme => "theme",
            Field::SeriesName => "series_name",
            Field::RoundTitle => "round_title",
            Field::Place => "place",
            Field::Name => "name",
            Field::BlockedWord => "blocked_word",
        }
    }
}

/// A contribution's text, [cleaned](clean_text): not [blank](is_blank), at most [`MAX_CONTRIBUTION_CHARS`].
pub fn contribution_text(raw: &str) -> Result<String, AppError> {
    let text = clean_text(raw);
    if is_blank(&text) {
        return Err(AppError::Invalid(Problem::of("text_empty")));
    }
    let n = text.chars().count();
    if n > MAX_CONTRIBUTION_CHARS {
        return Err(AppError::Invalid(
            Problem::of("text_too_long").with("n", n).with("max", MAX_CONTRIBUTION_CHARS),
        ));
    }
    Ok(text)
}

/// A short single-line field (title, question, table, perspective, theme name),
/// [cleaned](clean_text): not [blank](is_blank), line breaks and tabs made spaces.
pub fn line(raw: &str, field: Field, max: usize) -> Result<String, AppError> {
    let text = clean_text(raw).replace(['\n', '\t'], " ");
    if is_blank(&text) {
        return Err(AppError::Invalid(Problem::of("field_empty").variant(field.key())));
    }
    if text.chars().count() > max {
        return Err(AppError::Invalid(Problem::of("field_too_long").variant(field.key()).with("max", max)));
    }
    Ok(text)
}

/// A list of short fields: each cleaned, no duplicates, at most `max_items`.
pub fn list(
    raw: &[String],
    field: Field,
    max_items: usize,
    max_chars: usize,
) -> Result<Vec<String>, AppError> {
    if raw.len() > max_items {
        return Err(AppError::Invalid(Problem::of("too_many").variant(field.key()).with("max", max_items)));
    }
    let mut out: Vec<String> = Vec::with_capacity(raw.len());
    for item in raw {
        let item = line(item, field, max_chars)?;
        if out.contains(&item) {
            return Err(AppError::Invalid(Problem::of("duplicate").with("name", &item)));
        }
        out.push(item);
    }
    Ok(out)
}

/// A planned time box or countdown length: 1 s to [`MAX_TIMER_SECS`].
pub fn duration(secs: Option<u32>) -> Result<Option<u32>, AppError> {
    match secs {
        Some(s) if s == 0 || s > MAX_TIMER_SECS => {
            Err(AppError::Invalid(Problem::of("bad_duration").with("max", MAX_TIMER_SECS)))
        }
        other => Ok(other),
    }
}

/// The tables a question is for: each one of the session's `tables`, none twice.
pub fn groups(raw: &[String], tables: &[String]) -> Result<Vec<String>, AppError> {
    let groups = list(raw, Field::Table, MAX_QUESTION_TABLES, MAX_NAME_CHARS)?;
    match groups.iter().find(|g| !tables.contains(g)) {
        Some(g) => Err(AppError::Invalid(Problem::of("unknown_table").with("name", g))),
        None => Ok(groups),
    }
}

/// A short single-line field that may be empty (a round's title).
pub fn optional_line(raw: &str, field: Field, max: usize) -> Result<String, AppError> {
    if clean_text(raw).is_empty() { Ok(String::new()) } else { line(raw, field, max) }
}

/// The session's settings with what was given changed and checked.
pub fn settings(
    mut s: crate::model::SessionSettings,
    late_grace_secs: Option<u32>,
    closing_text: Option<String>,
    wall_layout: Option<crate::model::WallLayout>,
) -> Result<crate::model::SessionSettings, AppError> {
    if let Some(g) = late_grace_secs {
        if g > MAX_LATE_GRACE_SECS {
            return Err(AppError::Invalid(Problem::of("bad_grace").with("max", MAX_LATE_GRACE_SECS)));
        }
        s.late_grace_secs = g;
    }
    if let Some(t) = closing_text {
        s.closing_text = optional_text(&t, MAX_CLOSING_TEXT_CHARS)?;
    }
    if let Some(l) = wall_layout {
        s.wall_layout = l;
    }
    Ok(s)
}

/// A text of several lines that may be empty (the closing words on the phones).
fn optional_text(raw: &str, max: usize) -> Result<String, AppError> {
    let text = clean_text(raw);
    let n = text.chars().count();
    if n > max {
        return Err(AppError::Invalid(Problem::of("field_too_long").with("max", max)));
    }
    Ok(text)
}

/// A client-generated contribution id: a UUID, kept in its canonical lower-case form.
pub fn contribution_id(raw: &str) -> Result<String, AppError> {
    uuid::Uuid::parse_str(raw.trim())
        .map(|u| u.hyphenated().to_string())
        .map_err(|_| AppError::Invalid(Problem::of("bad_id")))
}

/// A participant id from a phone: short, printable, no spaces.
pub fn participant_id(raw: &str) -> Result<String, AppError> {
    let ok = !raw.is_empty()
        && raw.len() <= MAX_PARTICIPANT_ID_CHARS
        && raw.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(raw.to_string())
    } else {
        Err(AppError::Invalid(Problem::of("bad_participant").with("max", MAX_PARTICIPANT_ID_CHARS)))
    }
}

#[cfg(test)]
mod tests;
