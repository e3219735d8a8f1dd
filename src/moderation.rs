//! The abuse filter: a short built-in list of Swedish and English slurs and insults, plus the
//! session's own words. A match never drops a contribution; it sends it to the facilitator's
//! queue with the word that matched, so a false alarm costs one click.

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
pub fn blocked_word(text: &str, extra: &[String]) -> Option<String> {
    let lower = text.to_lowercase();
    let words: Vec<&str> =
        lower.split(|c: char| !c.is_alphanumeric() && c != '-').filter(|w| !w.is_empty()).collect();
    let extra: Vec<(String, Match)> = extra
        .iter()
        .map(|w| w.to_lowercase())
        .map(|w| {
            let how = if w.chars().count() < 5 { Match::Whole } else { Match::Prefix };
            (w, how)
        })
        .collect();
    let candidates =
        BUILT_IN.iter().map(|(w, m)| (*w, *m)).chain(extra.iter().map(|(w, m)| (w.as_str(), *m)));
    for (bad, how) in candidates {
        let hit = words.iter().any(|w| match how {
            Match::Prefix => w.starts_with(bad),
            Match::Whole => *w == bad,
        });
        if hit {
            return Some(bad.to_string());
        }
    }
    None
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
}
