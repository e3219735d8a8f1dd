//! Checks on untrusted input that need no stored state: trimming, Unicode normalisation (NFC)
//! and the limits from [`crate::limits`]. Checks against the session (does the question exist,
//! is it open) happen in the writer, inside the transaction that stores.

use unicode_normalization::UnicodeNormalization;

use crate::error::{AppError, Problem};
use crate::limits::*;

/// Trims, normalises to NFC and removes control characters other than line breaks and tabs.
pub fn clean_text(raw: &str) -> String {
    let nfc: String = raw.nfc().collect();
    nfc.trim().chars().filter(|c| !c.is_control() || *c == '\n' || *c == '\t').collect()
}

fn invalid(code: &'static str, en: String, sv: String) -> AppError {
    AppError::Invalid(Problem::new(code, en, sv))
}

/// A contribution's text: not empty, at most [`MAX_CONTRIBUTION_CHARS`].
pub fn contribution_text(raw: &str) -> Result<String, AppError> {
    let text = clean_text(raw);
    if text.is_empty() {
        return Err(invalid(
            "text_empty",
            "The text is empty. Write something first.".into(),
            "Texten är tom. Skriv något först.".into(),
        ));
    }
    let n = text.chars().count();
    if n > MAX_CONTRIBUTION_CHARS {
        return Err(invalid(
            "text_too_long",
            format!("The text is {n} characters; at most {MAX_CONTRIBUTION_CHARS} are allowed."),
            format!("Texten har {n} tecken; högst {MAX_CONTRIBUTION_CHARS} får plats."),
        ));
    }
    Ok(text)
}

/// A short single-line field (title, question, table, perspective).
pub fn line(raw: &str, what_en: &str, what_sv: &str, max: usize) -> Result<String, AppError> {
    let text = clean_text(raw).replace(['\n', '\t'], " ");
    if text.is_empty() {
        return Err(invalid("field_empty", format!("The {what_en} is empty."), format!("{what_sv} är tom.")));
    }
    if text.chars().count() > max {
        return Err(invalid(
            "field_too_long",
            format!("The {what_en} is too long (at most {max} characters)."),
            format!("{what_sv} är för lång (högst {max} tecken)."),
        ));
    }
    Ok(text)
}

/// A list of short fields: each cleaned, no duplicates, at most `max_items`.
pub fn list(
    raw: &[String],
    what_en: &str,
    what_sv: &str,
    max_items: usize,
    max_chars: usize,
) -> Result<Vec<String>, AppError> {
    if raw.len() > max_items {
        return Err(invalid(
            "too_many",
            format!("Too many {what_en}s: at most {max_items}."),
            format!("För många ({what_sv}): högst {max_items}."),
        ));
    }
    let mut out: Vec<String> = Vec::with_capacity(raw.len());
    for item in raw {
        let item = line(item, what_en, what_sv, max_chars)?;
        if out.contains(&item) {
            return Err(invalid(
                "duplicate",
                format!("The {what_en} \"{item}\" is listed twice."),
                format!("\"{item}\" finns två gånger ({what_sv})."),
            ));
        }
        out.push(item);
    }
    Ok(out)
}

/// A planned time box or countdown length: 1 s to [`MAX_TIMER_SECS`].
pub fn duration(secs: Option<u32>) -> Result<Option<u32>, AppError> {
    match secs {
        Some(s) if s == 0 || s > MAX_TIMER_SECS => Err(invalid(
            "bad_duration",
            format!("A time box is 1 to {MAX_TIMER_SECS} seconds."),
            format!("En tidsram är 1 till {MAX_TIMER_SECS} sekunder."),
        )),
        other => Ok(other),
    }
}

/// A client-generated contribution id: a UUID, kept in its canonical lower-case form.
pub fn contribution_id(raw: &str) -> Result<String, AppError> {
    uuid::Uuid::parse_str(raw.trim()).map(|u| u.hyphenated().to_string()).map_err(|_| {
        invalid(
            "bad_id",
            "The contribution id must be a UUID made by the client.".into(),
            "Inspelets id måste vara ett UUID.".into(),
        )
    })
}

/// A participant id from a phone: short, printable, no spaces.
pub fn participant_id(raw: &str) -> Result<String, AppError> {
    let ok = !raw.is_empty()
        && raw.len() <= MAX_PARTICIPANT_ID_CHARS
        && raw.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(raw.to_string())
    } else {
        Err(invalid(
            "bad_participant",
            format!("The participant id must be 1–{MAX_PARTICIPANT_ID_CHARS} letters, digits, - or _."),
            format!("Deltagar-id måste vara 1–{MAX_PARTICIPANT_ID_CHARS} bokstäver, siffror, - eller _."),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_trimmed_and_nfc() {
        // "e" + combining acute accent becomes the single character "é".
        assert_eq!(contribution_text("  cafe\u{301}  ").unwrap(), "caf\u{e9}");
    }

    #[test]
    fn empty_and_whitespace_text_is_refused() {
        assert!(contribution_text("   \n\t ").is_err());
    }

    #[test]
    fn limit_counts_characters_not_bytes() {
        let at_limit = "å".repeat(MAX_CONTRIBUTION_CHARS);
        assert!(contribution_text(&at_limit).is_ok());
        assert!(contribution_text(&format!("{at_limit}å")).is_err());
    }

    #[test]
    fn control_characters_are_removed() {
        assert_eq!(contribution_text("a\u{0}b\u{7}c\r\nd").unwrap(), "abc\nd");
    }

    #[test]
    fn uuid_is_canonicalised() {
        let id = contribution_id("6F9619FF-8B86-D011-B42D-00C04FC964FF").unwrap();
        assert_eq!(id, "6f9619ff-8b86-d011-b42d-00c04fc964ff");
        assert!(contribution_id("not-a-uuid").is_err());
    }

    #[test]
    fn lists_refuse_duplicates() {
        let v = vec!["Bord 1".to_string(), " Bord 1 ".to_string()];
        assert!(list(&v, "table", "bord", 10, 60).is_err());
    }
}
