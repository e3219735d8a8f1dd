//! The context a listed word is read in: whom it is aimed at, and whether it is quoted. Every
//! rule looks at a few neighbouring words only, so it is cheap and can be explained in a line.
//! Everything here is in [folded](super::fold) form (a test checks it); a pattern ending in `*`
//! is a word start, any other a whole word.

/// A text as words, with where quotation marks open.
pub(super) struct Text<'a> {
    pub(super) words: Vec<&'a str>,
    /// For each word inside quotation marks, the index of the first word inside them.
    quote: Vec<Option<usize>>,
}

/// Quotation marks, straight, curly and angled. An apostrophe between two letters ("don't")
/// is not one.
const QUOTE_MARKS: &[char] = &['"', '\'', '‘', '’', '“', '”', '„', '«', '»', '‹', '›'];

impl<'a> Text<'a> {
    /// Words are runs of letters, digits and hyphens ("cp-skadad" is one word).
    pub(super) fn new(folded: &'a str) -> Self {
        let mut t = Text { words: Vec::new(), quote: Vec::new() };
        let mut open = None;
        let mut start = None;
        let mut prev = ' ';
        let mut chars = folded.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            if c.is_alphanumeric() || c == '-' {
                start = start.or(Some(at));
            } else {
                if let Some(s) = start.take() {
                    t.words.push(&folded[s..at]);
                    t.quote.push(open);
                }
                let next = chars.peek().map_or(' ', |(_, n)| *n);
                if QUOTE_MARKS.contains(&c) && !(prev.is_alphanumeric() && next.is_alphanumeric()) {
                    open = match open {
                        Some(_) => None,
                        None => Some(t.words.len()),
                    };
                }
            }
            prev = c;
        }
        if let Some(s) = start {
            t.words.push(&folded[s..]);
            t.quote.push(open);
        }
        t
    }
}

/// `word` is `pattern`, or starts with it if it ends in `*`.
pub(super) fn is(word: &str, pattern: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(start) => word.starts_with(start),
        None => word == pattern,
    }
}

pub(super) fn any_is(word: &str, patterns: &[&str]) -> bool {
    patterns.iter().any(|p| is(word, p))
}

/// Words that address the reader: "din bög", "ni blattar".
pub(super) const YOU: &[&str] = &["du", "dig", "din", "ditt", "dina", "ni", "er", "era", "ert"];
/// Words that address the reader in English. Not used for aiming, where "you as a parent"
/// would hold "as"; only to stop a quote from excusing ("they say you are a retard").
pub(super) const YOU_ANY: &[&str] = &["you", "your", "you're", "youre", "ur"];
/// Words of contempt that make a group's word abuse: "äckliga bögar", "bögar är äckliga".
pub(super) const CONTEMPT: &[&str] = &["jävl*", "javl*", "äckl*", "förbannad*", "satans"];
/// Words that introduce a word as quoted, not used, up to three words before it: "blev kallad
/// hora", "fick heta hora", "ordet bög", "ord som 'mongo'", "they called him a retard".
#[rustfmt::skip]
pub(super) const QUOTING: &[&str] = &[
    "kallar", "kallas", "kallad*", "kallat*", "heta", "hette", "säger", "sägs", "sa", "sade",
    "skriker", "skrek", "ropar", "ropade", "skriver", "skrev", "skäll*", "utskäll*", "ord",
    "ordet", "orden", "uttryck*", "call", "calls", "called", "calling", "say", "says", "said",
    "word",
];
/// Words of hearing, which quote from further off, up to five words before: "man hör 'fitta'
/// hela tiden", "tjejer får höra att de är horor". Whoever heard it is not the one saying it.
pub(super) const HEARING: &[&str] = &["hör", "hörs", "höra", "hört", "hörde*", "hear", "heard"];
/// Words by which the writer speaks of a group they belong to, one or two words before: "vi
/// gamla kärringar i syföreningen", "vi blattar". Not abuse, whatever the word.
pub(super) const WE: &[&str] = &["vi", "oss", "we", "us"];

/// Aimed at someone: "du", "din", "ni" one or two words before ("din jävla bög"), or
/// [scorned](scorned).
pub(super) fn aimed(words: &[&str], i: usize) -> bool {
    words[i.saturating_sub(2)..i].iter().any(|w| any_is(w, YOU)) || scorned(words, i)
}

/// A word of contempt just before ("äckliga bögar") or after "är" ("bögar är äckliga").
pub(super) fn scorned(words: &[&str], i: usize) -> bool {
    i.checked_sub(1).is_some_and(|b| any_is(words[b], CONTEMPT))
        || (words.get(i + 1).is_some_and(|w| matches!(*w, "är" | "e"))
            && words.get(i + 2).is_some_and(|w| any_is(w, CONTEMPT)))
}

/// Quoted to report it: a [quoting](QUOTING) word up to three words before or a word of
/// [hearing](HEARING) up to five, with no word addressing the reader in between ("de kallar dig
/// hora" is held). Inside quotation marks the distance counts to where they open: "de skriver
/// 'din mamma är en hora'".
pub(super) fn quoted(t: &Text, i: usize) -> bool {
    let introduced = |i| after(&t.words, i, 3, QUOTING) || after(&t.words, i, 5, HEARING);
    introduced(i) || t.quote[i].is_some_and(introduced)
}

/// Said of a group the writer belongs to: [we](WE) one or two words before, with no word
/// addressing the reader in between. Not for threats: "vi vet var ni bor" is one.
pub(super) fn ours(words: &[&str], i: usize) -> bool {
    after(words, i, 2, WE)
}

/// One of `list` up to `n` words before word `i`, and no word addressing the reader after it.
fn after(words: &[&str], i: usize, n: usize, list: &[&str]) -> bool {
    let before = &words[i.saturating_sub(n)..i];
    before
        .iter()
        .rposition(|w| any_is(w, list))
        .is_some_and(|q| !before[q..].iter().any(|w| any_is(w, YOU) || any_is(w, YOU_ANY)))
}

/// Right after "din", "ditt" or "dina", the Swedish form of an insult ("din idiot").
pub(super) fn insult_form(words: &[&str], i: usize) -> bool {
    i.checked_sub(1).is_some_and(|b| matches!(words[b], "din" | "ditt" | "dina"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted_words(text: &str) -> Vec<&str> {
        let t = Text::new(text);
        (0..t.words.len()).filter(|&i| quoted(&t, i)).map(|i| t.words[i]).collect()
    }

    #[test]
    fn words_split_like_before() {
        let t = Text::new("din cp-skadade vän, don't 'du' 12 å");
        assert_eq!(t.words, ["din", "cp-skadade", "vän", "don", "t", "du", "12", "å"]);
    }

    #[test]
    fn a_quote_counts_from_where_it_opens() {
        assert_eq!(
            quoted_words("i chatten skriver de 'din mamma är en hora', så pratar de"),
            ["de", "din", "mamma", "är", "en", "hora"]
        );
        assert_eq!(
            quoted_words("de skrek efter henne “din jävla hora” på bussen"),
            ["efter", "henne", "din", "jävla", "hora"]
        );
        // Not introduced by a word of saying, or aimed at the reader: not a quote.
        assert!(quoted_words("hon är en 'hora'").is_empty());
        assert!(!quoted_words("jag säger till dig 'din hora'").contains(&"hora"));
        // An apostrophe inside a word opens nothing.
        let t = Text::new("they don't care, it's 'fine'");
        assert_eq!(t.quote, [None, None, None, None, None, None, Some(6)]);
    }
}
