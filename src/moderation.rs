//! The abuse filter: a short built-in list of Swedish and English slurs and insults, plus the
//! session's own words. A match never drops a contribution; it sends it to the facilitator's
//! queue with the word that matched, so a false alarm costs one click.

/// Built-in words, lower case. Matched as the start of a word, so inflections are caught
/// ("idiot" matches "idioterna"). Kept short on purpose: each session adds its own.
const BUILT_IN: &[&str] = &[
    // Swedish
    "idiot",
    "jävla",
    "javla",
    "fitt",
    "kuk",
    "hora",
    "horun",
    "bög",
    "neger",
    "blatte",
    "svartskalle",
    "cp-",
    "mongo",
    "kärring",
    "kärringjävel",
    "helvete",
    "skit",
    "fan",
    // English
    "fuck",
    "shit",
    "bitch",
    "cunt",
    "retard",
    "nigger",
    "faggot",
    "whore",
    "asshole",
    "bastard",
];

/// The first blocked word `text` contains (built-in or the session's), if any.
pub fn blocked_word(text: &str, extra: &[String]) -> Option<String> {
    let lower = text.to_lowercase();
    let words: Vec<&str> =
        lower.split(|c: char| !c.is_alphanumeric() && c != '-').filter(|w| !w.is_empty()).collect();
    let extra_lower: Vec<String> = extra.iter().map(|w| w.to_lowercase()).collect();
    let candidates = BUILT_IN.iter().copied().chain(extra_lower.iter().map(String::as_str));
    for bad in candidates {
        // Very short words only match whole words, so "fan" does not catch "fantastisk".
        let hit = words.iter().any(|w| if bad.chars().count() < 5 { *w == bad } else { w.starts_with(bad) });
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
    }

    #[test]
    fn session_words_count_too() {
        let extra = vec!["Kommunalrådet X".to_string(), "bluff".to_string()];
        assert_eq!(blocked_word("Det är en BLUFF", &extra), Some("bluff".into()));
        assert_eq!(blocked_word("Bra arbete", &extra), None);
    }
}
