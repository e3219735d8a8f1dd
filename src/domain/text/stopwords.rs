//! Which words carry no topic and are dropped before counting or clustering.
//!
//! Three sources, all matched on the lowercased surface form (not the stem, so a filler word never
//! takes a content word with the same stem along with it):
//!
//! 1. The Swedish and English function-word lists the `stop-words` crate ships from NLTK. We use
//!    NLTK rather than the crate's larger ISO lists on purpose: the ISO lists also remove content
//!    words that matter at these meetings ("beslut", "tidig" as in *tidiga insatser*, "dag" as in
//!    *rörelse varje dag*; English "young", "home", "help", "problem").
//! 2. Our own list below: function words NLTK's short list lacks ("bland", "genom", "hos"),
//!    and domain filler: words participants use in almost every contribution
//!    whatever the topic — hedges ("också", "kanske"), evaluations ("bra", "viktigt", "spännande"),
//!    opinion verbs ("tycker", "tror"), generic verbs ("finns", "behöver", "måste") and vague nouns
//!    ("sak", "sätt"). Left in, they top every word cloud and glue unrelated contributions together.
//! 3. Both languages' lists apply to every text, because participants mix languages mid-sentence;
//!    the one exception is an English stop word that is a Swedish content word ("by", a village),
//!    kept when the text reads as Swedish.
//!
//! Deliberately *not* filler: "dålig"/"dåligt" ("mår dåligt" is how Swedes say someone is unwell,
//! a mental-health signal), "rätt" ("barns rätt"), "första" ("första linjen"), "tid", "dag", "år".
//! Words that only echo the question ("inriktning", "förslag") are also kept: they are specific
//! to one question, and TF-IDF already gives words that everybody uses little weight.

use std::collections::HashSet;
use std::sync::OnceLock;

use super::tokens::Lang;

/// Swedish words that carry no topic in a dialogue contribution, in the inflected forms people
/// actually write. Listed per form rather than per stem so the list is predictable to review.
/// (rustfmt would put one word per line, which hides the grouping.)
#[rustfmt::skip]
const SWEDISH_FILLER: &[&str] = &[
    // Function words the NLTK list lacks: prepositions, conjunctions, colloquial pronouns.
    "bland", "genom", "hos", "kring", "runt", "enligt", "inför", "trots", "oavsett", "utifrån",
    "istället", "ifrån", "förrän", "innan", "medan", "både", "varken", "inget", "inga", "ens",
    "dessutom", "alls", "sån", "sånt", "såna", "våran", "vårat",
    // Hedges, discourse particles and chat abbreviations.
    "också", "även", "kanske", "bara", "typ", "liksom", "alltså", "ju", "nog", "väl", "dock", "samt",
    "ändå", "faktiskt", "verkligen", "riktigt", "egentligen", "absolut", "definitivt", "förstås", "givetvis",
    "självklart", "självklar", "självklara", "tex", "ex", "bl", "osv", "etc", "dvs", "mm", "pga",
    "iaf", "ok", "okej", "ja", "nej", "tack", "hej", "dom", "nån", "nåt", "nåra",
    // Degree, frequency and time adverbs.
    "lite", "mer", "mera", "mest", "mindre", "minst", "väldigt", "jätte", "ganska", "helt", "hel",
    "hela", "extra", "alltid", "aldrig", "ofta", "ibland", "redan", "fortfarande", "ännu", "igen",
    "snart", "sen", "annars", "därför", "eftersom", "tillräckligt", "särskilt", "speciellt",
    "framförallt", "främst", "gärna", "många", "flera", "fler", "färre", "idag", "nästan", "början",
    // Evaluations: they say how the writer feels, not what about.
    "bra", "bättre", "bäst", "bästa", "viktig", "viktigt", "viktiga", "viktigare", "viktigaste",
    "intressant", "intressanta", "spännande", "kul", "roligt", "positiv", "positivt", "positiva",
    "fin", "fint", "fina", "jättebra", "superbra", "toppen", "stor", "stort", "stora", "större",
    "störst", "största", "liten", "litet", "lilla", "små", "ny", "nytt", "nya", "god", "gott",
    "enkel", "enkelt", "enkla", "svår", "svårt", "svåra", "lätt", "lättare",
    // Opinion and cognition verbs.
    "tycker", "tyckte", "tycka", "tror", "trodde", "tro", "tänker", "tänkte", "tänka", "känns",
    "kändes", "anser", "menar", "undrar", "hoppas", "önskar", "håller",
    // Generic verbs (the content is in their objects).
    "finns", "fanns", "finnas", "få", "får", "fick", "fått", "göra", "gör", "gjorde", "gjort",
    "görs", "ska", "skall", "måste", "kunna", "kunnat", "bli", "blir", "blev", "blivit", "behöver",
    "behövs", "behöva", "behövde", "borde", "bör", "vill", "ville", "verkar", "handlar", "gäller",
    "ta", "tar", "tas", "tog", "ge", "ger", "ges", "gav", "se", "ser", "ses", "såg", "komma",
    "kommer", "kom", "kommit", "låt", "låta", "sätta", "hitta", "gå", "går", "gick", "säga",
    "säger", "sagt", "sa", "används", "använda",
    // Vague nouns, pronouns and quantifiers the NLTK list lacks.
    "sak", "saker", "saken", "sakerna", "sätt", "sättet", "del", "delen", "delar", "alla", "andra",
    "annat", "annan", "olika", "varandra", "vissa", "egen", "eget", "egna", "enda", "gång",
    "gången", "gånger", "exempel", "två", "tre", "fyra", "fem",
];

/// English filler, for the contributions written in English.
#[rustfmt::skip]
const ENGLISH_FILLER: &[&str] = &[
    "also", "maybe", "really", "good", "great", "nice", "important", "think", "need", "needs",
    "like", "get", "got", "would", "could", "much", "many", "lot", "lots", "thing", "things",
    "way", "well", "etc", "make", "yes", "ok", "okay", "thanks", "one", "big", "small", "new",
];

/// English NLTK stop words that are Swedish content words; kept in Swedish text.
const SWEDISH_CONTENT_IN_ENGLISH_LIST: &[&str] = &["by"];

/// The word lists as sets, built once: the Swedish and English NLTK lists are looked up on
/// every token, and a linear scan over ~300 words per token would dominate for 5,000 items.
struct Lists {
    swedish: HashSet<&'static str>,
    english: HashSet<&'static str>,
}

fn lists() -> &'static Lists {
    static LISTS: OnceLock<Lists> = OnceLock::new();
    LISTS.get_or_init(|| {
        // `lookup` returns None only if the crate was built without the NLTK data; an empty list
        // then degrades filtering to our own fillers instead of failing the caller.
        let nltk = |code: &str| stop_words::lookup(code).unwrap_or(&[]);
        let mut swedish: HashSet<&'static str> = nltk("sv").iter().copied().collect();
        swedish.extend(SWEDISH_FILLER.iter().copied());
        let mut english: HashSet<&'static str> = nltk("en").iter().copied().collect();
        english.extend(ENGLISH_FILLER.iter().copied());
        Lists { swedish, english }
    })
}

/// Whether `word` (lowercase) is a stop word in a text read as `lang`.
pub(crate) fn is_stop(word: &str, lang: Lang) -> bool {
    let lists = lists();
    if lists.swedish.contains(word) {
        return true;
    }
    if lang == Lang::Swedish && SWEDISH_CONTENT_IN_ENGLISH_LIST.contains(&word) {
        return false;
    }
    lists.english.contains(word)
}

/// Whether `word` is a function word of the Swedish or English NLTK list only (no fillers).
/// Used to guess a text's language: function words are what tells the languages apart.
pub(crate) fn function_word(word: &str) -> (bool, bool) {
    static NLTK: OnceLock<(HashSet<&'static str>, HashSet<&'static str>)> = OnceLock::new();
    let (sv, en) = NLTK.get_or_init(|| {
        let set = |code: &str| stop_words::lookup(code).unwrap_or(&[]).iter().copied().collect();
        (set("sv"), set("en"))
    });
    (sv.contains(word), en.contains(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nltk_lists_are_present() {
        assert!(is_stop("och", Lang::Swedish));
        assert!(is_stop("the", Lang::Swedish));
        assert!(is_stop("och", Lang::English));
    }

    #[test]
    fn domain_filler_is_stop_but_content_is_not() {
        for w in ["också", "kanske", "mycket", "bra", "viktigt", "tycker", "behöver", "sätt"] {
            assert!(is_stop(w, Lang::Swedish), "{w} should be filler");
        }
        for w in ["barn", "skolan", "dåligt", "rätt", "beslut", "tidiga", "young", "help"] {
            assert!(!is_stop(w, Lang::Swedish), "{w} carries content");
        }
    }

    #[test]
    fn english_by_is_a_swedish_village() {
        assert!(!is_stop("by", Lang::Swedish));
        assert!(is_stop("by", Lang::English));
    }

    #[test]
    fn filler_lists_are_lowercase_and_unique() {
        for list in [SWEDISH_FILLER, ENGLISH_FILLER] {
            let mut seen = HashSet::new();
            for w in list {
                assert_eq!(*w, w.to_lowercase());
                assert!(seen.insert(*w), "{w} listed twice");
            }
        }
    }
}
