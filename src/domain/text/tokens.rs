//! Turns one contribution into content words: `(stem, surface form)` pairs.
//!
//! Steps, and why:
//! - NFC-normalise first, so an "ä" typed as "a" + combining diaeresis (some phone keyboards and
//!   copy-paste from PDFs) is one letter and not a word break.
//! - Drop URLs and e-mail addresses whole: their pieces ("https", "pdf") are noise.
//! - Words are runs of letters (any script, so å ä ö é ü work), lowercased. Apostrophes split
//!   ("don't" → "don" + "t", both English stop words). Hyphens join: a part of one or two letters
//!   is a prefix that means nothing alone, so "e-hälsa" and "it-stöd" stay one word; otherwise the
//!   parts are separate words ("BUP-kön" → "bup", "kön"), and a trailing hyphen of a Swedish
//!   suspended compound ("barn- och ungdomspsykiatrin") is dropped, leaving "barn".
//! - A part containing a digit is dropped ("covid-19" → "covid"; "2025", "5g" vanish).
//! - One-letter words and stop words ([`super::stopwords`]) are dropped.
//! - Stemming uses Snowball Swedish, or Snowball English when the text reads as English (it has
//!   more English than Swedish function words). Per text rather than per word because a single
//!   word is often valid in both languages, while function words settle a whole sentence cheaply.
//!   Mixed sentences get the Swedish stemmer, which is harmless for English nouns ("schools" →
//!   "school" either way).
//! - The surface form is the lowercased word, except short all-capital words (2–4 letters), which
//!   are acronyms ("BUP", "SIP", "IOP") and are shown as written.

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;

use super::stopwords;

/// The language a text is stemmed as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Swedish,
    English,
}

/// One content word of a contribution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Snowball stem of the lowercased word; inflections of one word share it.
    pub stem: String,
    /// The word as shown to people: lowercased, or as written for an acronym.
    pub word: String,
}

/// Content words of `text` in order, with their stems. Never panics on any input.
pub fn tokenize(text: &str) -> Vec<Token> {
    tokenize_marked(text).into_iter().map(|(t, _)| t).collect()
}

/// Like [`tokenize`], each token paired with whether it directly follows the previous token in
/// the text — no dropped word, punctuation or URL between — so "psykisk ohälsa" can be told
/// apart from "skärm och sömn" when naming a theme by a phrase.
pub(crate) fn tokenize_marked(text: &str) -> Vec<(Token, bool)> {
    let words = words(text);
    let lang = guess_language(words.iter().map(|w| w.lower.as_str()));
    let stemmer = Stemmer::create(match lang {
        Lang::Swedish => Algorithm::Swedish,
        Lang::English => Algorithm::English,
    });
    let mut out: Vec<(Token, bool)> = Vec::new();
    // Whether something was dropped since the last kept token; true at the start.
    let mut broken = true;
    for w in words {
        if w.lower.chars().count() < 2 || stopwords::is_stop(&w.lower, lang) {
            broken = true;
            continue;
        }
        let stem = stemmer.stem(&w.lower).into_owned();
        let adjacent = !broken && !w.break_before;
        let word = if w.acronym { w.original } else { w.lower };
        out.push((Token { stem, word }, adjacent));
        broken = false;
    }
    out
}

/// English when more of the words are English than Swedish function words. Words on both lists
/// ("i") count for neither.
pub fn guess_language<'a>(words: impl Iterator<Item = &'a str>) -> Lang {
    let (mut sv, mut en) = (0usize, 0usize);
    for w in words {
        match stopwords::function_word(w) {
            (true, false) => sv += 1,
            (false, true) => en += 1,
            _ => {}
        }
    }
    if en > sv { Lang::English } else { Lang::Swedish }
}

/// A word before stop-word removal and stemming.
struct Word {
    lower: String,
    original: String,
    acronym: bool,
    /// Punctuation or a URL separates it from the word before.
    break_before: bool,
}

/// All words of `text`, URLs removed and hyphens resolved, before stop words are dropped.
fn words(text: &str) -> Vec<Word> {
    // Most texts are already NFC; checking is much cheaper than rebuilding every one.
    let text: std::borrow::Cow<'_, str> = match unicode_normalization::is_nfc_quick(text.chars()) {
        unicode_normalization::IsNormalized::Yes => text.into(),
        _ => text.nfc().collect::<String>().into(),
    };
    let mut out = Vec::new();
    let mut pending_break = true;
    for chunk in text.split_whitespace() {
        if looks_like_address(chunk) {
            pending_break = true;
            continue;
        }
        for (run, punct_before) in runs(chunk) {
            let first = out.len();
            push_parts(&run, &mut out);
            if let Some(w) = out.get_mut(first) {
                w.break_before = pending_break || punct_before;
                pending_break = false;
            }
        }
        // "Kost, sömn": a chunk ending in punctuation breaks the phrase.
        pending_break = chunk.chars().last().is_some_and(|c| !c.is_alphanumeric());
    }
    out
}

/// URLs and e-mail addresses, judged on one whitespace-separated chunk.
fn looks_like_address(chunk: &str) -> bool {
    // Every address has a dot, a colon or an at sign; most words have none (and are not
    // worth lower-casing here).
    if !chunk.contains(['.', ':', '@']) {
        return false;
    }
    let lower = chunk.to_lowercase();
    let lower = lower.trim_start_matches(|c: char| !c.is_alphanumeric());
    lower.starts_with("www.") || lower.contains("://") || {
        // An e-mail address: something@something.something.
        lower.split_once('@').is_some_and(|(user, host)| !user.is_empty() && host.contains('.'))
    }
}

/// Maximal runs of letters and digits within a chunk, with single hyphens kept between them,
/// each with whether punctuation came before it inside the chunk.
fn runs(chunk: &str) -> Vec<(String, bool)> {
    let mut runs = Vec::new();
    let mut current = String::new();
    let mut punct = false;
    for c in chunk.chars() {
        if c.is_alphanumeric() {
            current.push(c);
        } else if is_hyphen(c) && !current.is_empty() && !current.ends_with('-') {
            current.push('-');
        } else {
            if !current.is_empty() {
                runs.push((std::mem::take(&mut current), punct));
            }
            punct = !is_hyphen(c) || punct;
        }
    }
    if !current.is_empty() {
        runs.push((current, punct));
    }
    runs
}

/// Hyphen-minus and the Unicode hyphens phones insert; dashes (– —) separate words instead.
fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Splits a run at hyphens following the rules in the module doc and appends the words.
fn push_parts(run: &str, out: &mut Vec<Word>) {
    let parts: Vec<&str> =
        run.split('-').filter(|p| !p.is_empty() && p.chars().all(char::is_alphabetic)).collect();
    let keep_joined = parts.len() > 1 && parts.iter().any(|p| p.chars().count() <= 2);
    if keep_joined {
        out.push(word(&parts.join("-")));
    } else {
        out.extend(parts.into_iter().map(word));
    }
}

fn word(original: &str) -> Word {
    let letters = original.chars().filter(|c| c.is_alphabetic()).count();
    let acronym =
        (2..=4).contains(&letters) && original.chars().all(|c| !c.is_alphabetic() || c.is_uppercase());
    Word { lower: original.to_lowercase(), original: original.to_string(), acronym, break_before: false }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|t| t.stem).collect()
    }

    fn surfaces(text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|t| t.word).collect()
    }

    #[test]
    fn stemming_merges_inflections() {
        let s = stems("barn barnen barnens barns");
        assert!(s.iter().all(|x| x == "barn"), "{s:?}");
        let s = stems("kommunen kommunerna kommunens");
        assert!(s.iter().all(|x| x == "kommun"), "{s:?}");
        let s = stems("föreningar föreningarna");
        assert_eq!(s[0], s[1]);
    }

    #[test]
    fn stop_words_are_gone() {
        assert_eq!(surfaces("Det är också mycket bra att vi har barnen i fokus"), ["barnen", "fokus"]);
        assert_eq!(surfaces("I think it is important for the children"), ["children"]);
        assert!(tokenize("Bra! Håller med.").is_empty());
    }

    #[test]
    fn letters_numbers_punctuation_and_urls() {
        assert_eq!(
            surfaces("Skärmtid,sömn & övervikt: 30% år 2025!"),
            ["skärmtid", "sömn", "övervikt", "år"]
        );
        assert_eq!(surfaces("läs https://example.se/a.pdf och www.x.se, mejla a@b.se"), ["läs", "mejla"]);
        assert_eq!(surfaces("Café Müller"), ["café", "müller"]);
    }

    #[test]
    fn hyphens_are_resolved_sensibly() {
        assert_eq!(surfaces("barn- och ungdomspsykiatrin"), ["barn", "ungdomspsykiatrin"]);
        assert_eq!(surfaces("e-hälsa och covid-19"), ["e-hälsa", "covid"]);
        assert_eq!(surfaces("BUP-kön – väntan"), ["BUP", "kön", "väntan"]);
    }

    #[test]
    fn decomposed_letters_are_normalised() {
        // "hälsa" with a combining diaeresis must be one word, equal to the precomposed one.
        assert_eq!(stems("ha\u{308}lsa"), stems("hälsa"));
    }

    #[test]
    fn english_texts_use_the_english_stemmer() {
        assert_eq!(guess_language(["the", "children", "are"].into_iter()), Lang::English);
        assert_eq!(guess_language(["barnen", "och"].into_iter()), Lang::Swedish);
        assert_eq!(stems("The parents are coordinating"), ["parent", "coordin"]);
    }

    #[test]
    fn acronyms_keep_their_capitals() {
        assert_eq!(surfaces("SIP och BUP, SAMVERKAN"), ["SIP", "BUP", "samverkan"]);
        assert_eq!(stems("BUP"), ["bup"]);
    }

    #[test]
    fn odd_input_does_not_panic() {
        for t in ["", "   ", "---", "-a-", "@", "a@", "\u{0}\u{feff}", "🙂🙂", "İstanbul", "ß"] {
            let _ = tokenize(t);
        }
    }

    #[test]
    fn adjacency_marks_phrases_only() {
        let marks = |t: &str| tokenize_marked(t).into_iter().map(|(_, a)| a).collect::<Vec<_>>();
        assert_eq!(marks("Psykisk ohälsa bland unga"), [false, true, false]);
        assert_eq!(marks("Kost, sömn och rörelse"), [false, false, false]);
        assert_eq!(marks("BUP-kön. Skolan"), [false, true, false]);
    }
}
