//! Making sense of contributions (issue 4): a word cloud per question and suggested themes.
//!
//! Pure functions over text — no HTTP, no storage — so the handlers and exports can call them
//! and the evaluation (tests/text_themes.rs, docs/themes.md) can measure them in isolation.
//!
//! - [`tokens`]: contribution → content words with Snowball stems (Swedish, or English).
//! - [`cloud`]: word counts merged by stem, and a self-contained accessible SVG word cloud.
//! - [`themes`]: suggested themes by TF-IDF + average-linkage clustering, with Swedish names.

pub mod cloud;
mod cluster;
pub mod kept;
mod layout;
mod naming;
mod sets;
mod stopwords;
pub mod themes;
pub mod tokens;
mod vocab;

pub use cloud::{CloudWord, svg, word_counts};
pub(crate) use layout::{escape, light_colour, place};
pub use themes::{Normalization, SuggestOptions, SuggestedTheme, suggest};
pub use tokens::{Token, tokenize};

/// A sort key that puts Swedish words in Swedish alphabetical order (… z å ä ö), which plain
/// code-point order does not (it sorts "ä" before "å"). Used wherever output order shows.
pub(crate) fn sv_key(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            // The three characters after 'z' in ASCII keep å < ä < ö after every other letter.
            'å' => '{',
            'ä' | 'æ' => '|',
            'ö' | 'ø' => '}',
            'é' | 'è' => 'e',
            'ü' => 'y',
            other => other,
        })
        .collect()
}

/// The most used form; ties go to the shorter form, then the first in Swedish alphabetical
/// order (then code-point order, so the choice never depends on anything but the forms).
/// Any map of form → count will do (a hash map's order does not matter).
pub(crate) fn most_common<'a, K: AsRef<str> + 'a>(
    forms: impl IntoIterator<Item = (&'a K, &'a usize)>,
) -> Option<&'a K> {
    forms
        .into_iter()
        .max_by(|(a, m), (b, n)| {
            let (a, b) = (a.as_ref(), b.as_ref());
            m.cmp(n)
                .then_with(|| b.chars().count().cmp(&a.chars().count()))
                .then_with(|| sv_key(b).cmp(&sv_key(a)))
                .then_with(|| b.cmp(a))
        })
        .map(|(w, _)| w)
}

/// `word` with its first letter upper-cased ("skolan" → "Skolan"; "BUP" stays).
pub(crate) fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_order() {
        let mut words = vec!["ö", "ä", "å", "z", "a", "é"];
        words.sort_by_key(|w| sv_key(w));
        assert_eq!(words, ["a", "é", "z", "å", "ä", "ö"]);
    }

    #[test]
    fn capitalises_the_first_letter_only() {
        assert_eq!(capitalise("ålder och BUP"), "Ålder och BUP");
        assert_eq!(capitalise(""), "");
    }
}
