//! The abuse filter: a short built-in list of Swedish and English swearing, insults, slurs and
//! threats, read with a few rules of context, plus the session's own words. A match never drops
//! a contribution; it sends it to the facilitator's queue with the word that matched, so a false
//! alarm costs one click. docs/moderation.md gives the decisions and the measured rates.

mod context;
mod fold;
mod words;

use context::Text;
use fold::fold;
use words::{BUILT_IN, PHRASES};

/// The first blocked word or phrase `text` contains (built-in or the session's), if any.
///
/// Built-in words are read with their rules ([`words`]): place names and other ordinary words
/// that contain one are let through, words a group uses of itself are held only when aimed at
/// someone, and a word quoted to report it ("blev kallad hora") is not held. A session's own
/// words have no such rules: they match as word starts from five characters on, and as whole
/// words below that. Both the text and the words are compared in their [folded](fold) form, so
/// hidden characters, fullwidth letters and Cyrillic or Greek look-alikes do not get a word
/// past. The answer is the word as listed (lower case), not its folded form.
pub fn blocked_word(text: &str, extra: &[String]) -> Option<String> {
    screen(text).blocked(extra)
}

/// A text read against the built-in words and phrases, which need nothing of the session: done
/// in the request's task, so the single writer thread only checks the session's own words.
#[derive(Debug, Clone)]
pub struct Screened {
    /// The text in its folded form, for the session's own words.
    folded: String,
    /// The built-in word or phrase it contains, if any.
    built_in: Option<String>,
}

/// Folds `text` and checks it against the built-in words and phrases ([`blocked_word`]).
pub fn screen(text: &str) -> Screened {
    let folded = fold(text);
    let t = Text::new(&folded);
    // The built-in words are already folded (a test checks it), so they cost no work here.
    let built_in = match BUILT_IN.iter().find(|e| (0..t.words.len()).any(|i| e.held(&t, i))) {
        Some(entry) => Some(entry.word.to_string()),
        None => PHRASES.iter().find(|p| p.found(&t)).map(|p| p.name.to_string()),
    };
    Screened { folded, built_in }
}

impl Screened {
    /// The first blocked word or phrase: a built-in one, else one of the session's `extra`.
    pub fn blocked(&self, extra: &[String]) -> Option<String> {
        if self.built_in.is_some() || extra.is_empty() {
            return self.built_in.clone();
        }
        let text = Text::new(&self.folded);
        let words = &text.words;
        extra
            .iter()
            .find(|w| {
                let bad = fold(w);
                // A word that folds to nothing would be a prefix of every word.
                !bad.is_empty()
                    && words.iter().any(|w| {
                        if bad.chars().count() < 5 { *w == bad } else { w.starts_with(bad.as_str()) }
                    })
            })
            .map(|w| w.to_lowercase())
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

    /// Issue 10: a place name and a word a group uses of itself were held.
    #[test]
    fn place_names_and_self_descriptions_pass() {
        for ok in [
            "Vi i Fittja…",
            "Fittjaskolan har bytt rektor",
            "Unga bögar och transpersoner mår sämre",
            "Som flata på landsbygden",
            "Som blatte från förorten blir man misstänkt",
            "Kukkolaforsen drar turister",
            "Studenter från Mongoliet",
            "Barn med CP behöver habilitering",
            "Min son har en CP-skada",
            "Flata hierarkier",
            "Svinproduktionen är viktig",
            "Asbra att ni frågar",
        ] {
            assert_eq!(blocked_word(ok, &[]), None, "{ok:?}");
        }
    }

    #[test]
    fn a_groups_own_word_is_held_when_aimed_at_someone() {
        for (text, word) in [
            ("Din jävla bög", "jävla"),
            ("Din bög", "bög"),
            ("Ni blattar", "blattar"),
            ("Äckliga bögar", "bög"),
            ("Bögar är äckliga", "bög"),
            ("Ditt svin", "svin"),
            ("Din lilla cp", "cp"),
            ("Bögjävlar", "jävl"),
            ("Era äckliga pedofiler", "pedofil"),
        ] {
            assert_eq!(blocked_word(text, &[]), Some(word.into()), "{text:?}");
        }
        assert_eq!(blocked_word("Bögar är inte äckliga", &[]), None);
        assert_eq!(blocked_word("Pedofiler söker sig till föreningar", &[]), None);
    }

    #[test]
    fn exceptions_and_quotes_are_narrow() {
        for ok in [
            "Ett stort fan av ungdomsrådet",
            "Big fan of this",
            "Systemet måste vara idiotsäkert",
            "Ditt idiotsäkra system",
            "Ett idiotiskt beslut",
            "Kärringen mot strömmen",
            "Min dotter blev kallad hora i skolan",
            "Ordet bög används som skällsord",
            "My son was called a retard",
            "Man hör 'fitta' och 'hora' hela tiden",
            "De kallar henne hora",
            "Tjejer får höra att de är horor",
            "Vi gamla kärringar i syföreningen",
            "I chatten skriver de 'din mamma är en hora', så pratar tolvåringar",
            "Barn med CP-diagnos",
            "Vi känner oss idiotförklarade",
            "Kuka päättää?",
            "Ni invandrare som kommit hit är välkomna",
            "Vi kan inte skjuta dem framför oss",
            "Mötet borde skjutas framåt",
            "Hon fick heta hora i hela högstadiet",
            "Ord som 'mongo' och 'cp' hörs varje dag",
            "Tjejer får kukbilder skickade till sig",
            "Beslutet borde skjutas upp",
            "Ingen ska hängas ut",
            "Vi vet var behoven finns",
            "Horisonten, Horndal, Horred",
        ] {
            assert_eq!(blocked_word(ok, &[]), None, "{ok:?}");
        }
        for (text, word) in [
            ("Din fittja", "fitt"),
            ("Ditt pucko", "pucko"),
            ("De kallar dig hora", "hora"),
            ("Alla säger att du är en idiot", "idiot"),
            ("Du får höra att du är en hora", "hora"),
            ("Vi tycker att du är en idiot", "idiot"),
            ("Du borde dö", "du borde dö"),
            ("Äckliga invandrare", "invandrar"),
            ("Någon borde skjuta er", "skjuta dig"),
            ("Hon är en 'hora'", "hora"),
            ("Vi vet var ni bor", "vet var du bor"),
            ("They say you are a retard", "retard"),
            ("Vilken cp-skadad idé", "cp-"),
            ("Knarkhora", "hora"),
            ("Politikerna borde skjutas", "borde skjutas"),
            ("Jag vet var du bor", "vet var du bor"),
            ("Hoppas ni dör", "hoppas du dör"),
            ("Åk hem till ert eget land", "åk hem"),
        ] {
            assert_eq!(blocked_word(text, &[]), Some(word.into()), "{text:?}");
        }
    }

    /// The limits docs/moderation.md states, kept true by this test.
    #[test]
    fn documented_limits_hold() {
        for missed in ["Jag säger 'hora'", "vi idioter", "Muslimer är en pest", "Din karring"] {
            assert_eq!(blocked_word(missed, &[]), None, "{missed:?}");
        }
        for (held, word) in
            [("Ni bögar och flator som är här: välkomna!", "bög"), ("Hur påverkar din CP vardagen?", "cp")]
        {
            assert_eq!(blocked_word(held, &[]), Some(word.into()), "{held:?}");
        }
    }

    #[test]
    fn session_words_count_too() {
        let extra = vec!["Kommunalrådet X".to_string(), "bluff".to_string()];
        assert_eq!(blocked_word("Det är en BLUFF", &extra), Some("bluff".into()));
        assert_eq!(blocked_word("Bra arbete", &extra), None);
    }

    #[test]
    fn built_in_words_are_already_folded() {
        let listed = BUILT_IN.iter().flat_map(|e| e.all_words());
        let phrases = PHRASES.iter().flat_map(|p| p.all_words());
        use context::{CONTEMPT, HEARING, QUOTING, WE, YOU, YOU_ANY};
        let rules = [YOU, CONTEMPT, QUOTING, YOU_ANY, HEARING, WE];
        let rules = rules.into_iter().flatten().copied();
        for w in listed.chain(phrases).chain(rules) {
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
