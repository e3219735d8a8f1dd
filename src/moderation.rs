//! The abuse filter: a short built-in list of Swedish and English slurs and insults, plus the
//! session's own words. A match never drops a contribution; it sends it to the facilitator's
//! queue with the word that matched, so a false alarm costs one click.

use unicode_normalization::UnicodeNormalization;
use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

use crate::validate::shows_nothing;

/// Built-in words, lower case, each with how it matches: as the start of a word (catches
/// inflections and compounds: "idiot" matches "idioterna") or only as a whole word, for words
/// that begin harmless ones ("fan" would catch "fantastisk", "skit" the praise "skitbra").
/// Kept short on purpose: each session adds its own.
const BUILT_IN: &[(&str, Match)] = &[
    // Swedish
    ("idiot", Match::Prefix),
    ("jävla", Match::Prefix),
    ("javla", Match::Prefix),
    ("jävel", Match::Prefix),
    ("fitt", Match::Prefix),
    ("kuk", Match::Whole),
    ("kukar", Match::Prefix),
    ("hora", Match::Whole),
    ("horor", Match::Prefix),
    ("horan", Match::Prefix),
    ("bög", Match::Prefix),
    ("neger", Match::Prefix),
    ("blatte", Match::Prefix),
    ("svartskalle", Match::Prefix),
    ("cp-", Match::Prefix),
    ("mongo", Match::Prefix),
    ("kärring", Match::Prefix),
    ("helvete", Match::Prefix),
    ("skit", Match::Whole),
    ("fan", Match::Whole),
    // English
    ("fuck", Match::Prefix),
    ("shit", Match::Prefix),
    ("bitch", Match::Prefix),
    ("cunt", Match::Prefix),
    ("retard", Match::Prefix),
    ("nigger", Match::Prefix),
    ("faggot", Match::Prefix),
    ("whore", Match::Prefix),
    ("asshole", Match::Prefix),
    ("bastard", Match::Prefix),
];

#[derive(Clone, Copy)]
enum Match {
    Prefix,
    Whole,
}

/// The first blocked word `text` contains (built-in or the session's), if any. A session's
/// own words match as word starts from five characters on, and as whole words below that.
/// Both the text and the words are compared in their [folded](fold) form, so hidden
/// characters, fullwidth letters and Cyrillic or Greek look-alikes do not get a word past.
/// The answer is the word as listed (lower case), not its folded form.
pub fn blocked_word(text: &str, extra: &[String]) -> Option<String> {
    let folded = fold(text);
    let words: Vec<&str> =
        folded.split(|c: char| !c.is_alphanumeric() && c != '-').filter(|w| !w.is_empty()).collect();
    let hit = |bad: &str, how: Match| {
        // A word that folds to nothing would be a prefix of every word.
        !bad.is_empty()
            && words.iter().any(|w| match how {
                Match::Prefix => w.starts_with(bad),
                Match::Whole => *w == bad,
            })
    };
    // The built-in words are already folded (a test checks it), so they cost no work here.
    if let Some((bad, _)) = BUILT_IN.iter().find(|(bad, how)| hit(bad, *how)) {
        return Some(bad.to_string());
    }
    extra
        .iter()
        .find(|w| {
            let bad = fold(w);
            let how = if bad.chars().count() < 5 { Match::Whole } else { Match::Prefix };
            hit(&bad, how)
        })
        .map(|w| w.to_lowercase())
}

/// The form the filter compares in: NFKC (fullwidth and other compatibility letters, ligatures
/// and styled letters such as 𝐟 become plain ones), without format characters (zero-width
/// space and joiners, soft hyphen, bidi controls, tags) or the blank fillers, without the
/// combining marks NFKC could not compose onto a letter (a strike-through U+0336 over each
/// letter), with Cyrillic and Greek [look-alikes](look_alike) as Latin letters, lower case.
fn fold(s: &str) -> String {
    s.nfkc()
        .filter(|c| !shows_nothing(*c) && c.general_category() != GeneralCategory::NonspacingMark)
        .map(look_alike)
        .flat_map(char::to_lowercase)
        .collect()
}

/// The Latin letter a Cyrillic or Greek one is drawn like in common fonts, or `c` itself.
/// Only letters that pass for Latin ones at a glance: the point is to catch "іdіоt" written
/// with Cyrillic і and о, not to transliterate. Upper-case forms map by their own shape
/// (Greek Η looks like H, its small η like n). Matched before lower-casing, so the result may
/// be either case.
fn look_alike(c: char) -> char {
    match c {
        // Cyrillic
        'А' | 'а' => 'a',
        'В' | 'в' | 'Ь' | 'ь' => 'b',
        'С' | 'с' => 'c',
        'Ԁ' | 'ԁ' => 'd',
        'Е' | 'е' => 'e',
        'Н' | 'н' | 'Һ' | 'һ' => 'h',
        'І' | 'і' => 'i',
        'Ј' | 'ј' => 'j',
        'К' | 'к' => 'k',
        'Ӏ' | 'ӏ' => 'l',
        'М' | 'м' => 'm',
        'О' | 'о' => 'o',
        'Р' | 'р' => 'p',
        'Ԛ' | 'ԛ' => 'q',
        'Ѕ' | 'ѕ' => 's',
        'Т' | 'т' => 't',
        'Ԝ' | 'ԝ' => 'w',
        'Х' | 'х' => 'x',
        'У' | 'у' | 'Ү' | 'ү' => 'y',
        'Ӓ' | 'ӓ' => 'ä',
        'Ӧ' | 'ӧ' => 'ö',
        // Greek
        'Α' | 'α' => 'a',
        'Β' | 'β' => 'b',
        'Ϲ' | 'ϲ' => 'c',
        'Ε' | 'ε' => 'e',
        'Η' => 'h',
        'Ι' | 'ι' => 'i',
        'ϳ' => 'j',
        'Κ' | 'κ' => 'k',
        'Μ' => 'm',
        'Ν' | 'η' => 'n',
        'Ο' | 'ο' => 'o',
        'Ρ' | 'ρ' => 'p',
        'Τ' | 'τ' => 't',
        'υ' => 'u',
        'ν' => 'v',
        'Χ' | 'χ' => 'x',
        'Υ' => 'y',
        'Ζ' => 'z',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections_match_and_short_words_only_whole() {
        assert_eq!(blocked_word("Vilka idioter", &[]), Some("idiot".into()));
        assert_eq!(blocked_word("Fan också", &[]), Some("fan".into()));
        assert_eq!(blocked_word("Fantastiskt förslag", &[]), None);
        assert_eq!(blocked_word("Skitbra idé", &[]), None, "a compound with 'skit' is common praise");
        assert_eq!(blocked_word("fucking hell", &[]), Some("fuck".into()));
        assert_eq!(blocked_word("Din fitta", &[]), Some("fitt".into()));
        assert_eq!(blocked_word("cp-skadad", &[]), Some("cp-".into()));
        assert_eq!(blocked_word("Kukar", &[]), Some("kukar".into()));
    }

    #[test]
    fn session_words_count_too() {
        let extra = vec!["Kommunalrådet X".to_string(), "bluff".to_string()];
        assert_eq!(blocked_word("Det är en BLUFF", &extra), Some("bluff".into()));
        assert_eq!(blocked_word("Bra arbete", &extra), None);
    }

    #[test]
    fn built_in_words_are_already_folded() {
        for (w, _) in BUILT_IN {
            assert_eq!(fold(w), *w, "blocked_word compares the built-in words unfolded");
        }
    }

    #[test]
    fn hidden_characters_and_look_alikes_do_not_evade() {
        let evasions = [
            ("Din fi\u{200B}tta", "fitt"),
            ("Din fi\u{00AD}tta", "fitt"),
            ("Din f\u{2060}i\u{FEFF}t\u{200D}t\u{200C}a", "fitt"),
            ("Din ｆｉｔｔａ", "fitt"),
            ("Din ＦＩＴＴＡ", "fitt"),
            ("Din 𝐟𝐢𝐭𝐭𝐚", "fitt"),
            ("Vilka іdіоtеr", "idiot"),
            ("ΙDΙΟΤ", "idiot"),
            ("с\u{0336}u\u{0336}n\u{0336}t", "cunt"),
            ("Fu\u{202E}ck", "fuck"),
            ("fаn också", "fan"),
            ("Kärring", "kärring"),
            ("Kӓrring", "kärring"),
        ];
        for (text, word) in evasions {
            assert_eq!(blocked_word(text, &[]), Some(word.into()), "{text:?}");
        }
        // The session's words are folded the same way, on both sides.
        let extra = vec!["Bluffmakare".to_string(), "ｓｎｕｓ".to_string()];
        assert_eq!(blocked_word("en blu\u{200B}ffmakare", &extra), Some("bluffmakare".into()));
        assert_eq!(blocked_word("вluffmakaren", &extra), Some("bluffmakare".into()));
        assert_eq!(blocked_word("Snus", &extra), Some("ｓｎｕｓ".into()));
        assert_eq!(blocked_word("Snusdosa", &extra), None, "short words still match only whole");
    }

    #[test]
    fn folding_keeps_harmless_text_harmless() {
        for ok in [
            "Fantastiskt förslag",
            "Skitbra idé",
            "Фантастика",
            "Καλημέρα",
            "مرحبا",
            "👨\u{200D}👩\u{200D}👧",
        ] {
            assert_eq!(blocked_word(ok, &[]), None, "{ok:?}");
        }
        // A session word that folds to nothing must not match every text.
        assert_eq!(blocked_word("Bra arbete", &["\u{200B}".to_string()]), None);
    }
}
