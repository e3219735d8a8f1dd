//! Word cloud for one question: word counts merged by stem, and the SVG picture.
//!
//! `count` is the number of *contributions* that use a word, not the number of times it was
//! written: at a dialogue the question is how many people raised something, and one participant
//! typing "barn barn barn" should not outweigh three who each wrote it once.
//!
//! Inflections are merged under one entry ("barn", "barnen", "barnens" → one word), using the
//! Snowball stem plus the corpus-level merging in [`super::vocab`]; the entry is shown as its
//! most frequently written form. Compounds are *not* split here: a cloud shows what people wrote.

use std::collections::{HashMap, HashSet};

use super::layout;
use super::tokens::{Token, tokenize};
use super::vocab::Vocabulary;
use super::{most_common, sv_key};

/// One word of the cloud.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CloudWord {
    /// The stem that groups the inflected forms (after merging; see [`super::vocab`]).
    pub stem: String,
    /// The most frequently written form of that stem; ties go to the shorter, then alphabetical.
    pub word: String,
    /// How many of the texts use the word at least once.
    pub count: usize,
}

/// The `max_words` most used words of `texts`, by count (descending), then word (Swedish
/// alphabetical order), then stem. Stop words and filler are left out.
pub fn word_counts(texts: &[&str], max_words: usize) -> Vec<CloudWord> {
    let tokens: Vec<Vec<Token>> = texts.iter().map(|t| tokenize(t)).collect();
    let vocab = Vocabulary::build(tokens.iter().flatten());

    // Per canonical stem: in how many texts it occurs, and how often each written form is used.
    // Hash maps, not ordered ones: a large session has a million words to count, and the order
    // comes from the sort below (and the tie-breaks in `most_common`) alone.
    let mut texts_using: HashMap<&str, usize> = HashMap::new();
    let mut forms: HashMap<&str, HashMap<&str, usize>> = HashMap::new();
    let mut in_this_text = HashSet::new();
    for text_tokens in &tokens {
        in_this_text.clear();
        for t in text_tokens {
            let stem = vocab.canonical(&t.stem);
            in_this_text.insert(stem);
            *forms.entry(stem).or_default().entry(t.word.as_str()).or_default() += 1;
        }
        for &stem in &in_this_text {
            *texts_using.entry(stem).or_default() += 1;
        }
    }

    let mut words: Vec<CloudWord> = texts_using
        .into_iter()
        .map(|(stem, count)| {
            let word = forms.get(stem).and_then(|f| most_common(f).copied()).unwrap_or(stem).to_string();
            CloudWord { stem: stem.to_string(), word, count }
        })
        .collect();
    words.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| sv_key(&a.word).cmp(&sv_key(&b.word)))
            .then_with(|| a.word.cmp(&b.word))
            .then_with(|| a.stem.cmp(&b.stem))
    });
    words.truncate(max_words);
    words
}

/// A self-contained SVG word cloud of `words` (in the order given, most important first) in a
/// `width` × `height` box, titled `title`. See [`super::layout`] for the layout and accessibility.
/// The same input always gives the same bytes.
pub fn svg(words: &[CloudWord], width: u32, height: u32, title: &str) -> String {
    layout::render(words, width, height, title)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections_merge_under_the_most_common_form() {
        let texts = ["Barnen först", "barnens hälsa", "alla barnen", "barn och unga"];
        let words = word_counts(&texts, 10);
        assert_eq!(words[0].word, "barnen");
        assert_eq!(words[0].count, 4);
        assert_eq!(words[0].stem, "barn");
    }

    #[test]
    fn counts_texts_not_repetitions_and_sorts() {
        let texts = ["skolan skolan skolan", "föreningar", "föreningarna", "Skolan", "ålder"];
        let words = word_counts(&texts, 10);
        let got: Vec<(&str, usize)> = words.iter().map(|w| (w.word.as_str(), w.count)).collect();
        assert_eq!(got, [("föreningar", 2), ("skolan", 2), ("ålder", 1)]);
        assert_eq!(word_counts(&texts, 1).len(), 1);
    }

    #[test]
    fn stop_words_are_not_counted() {
        let words = word_counts(&["Det är också bra och viktigt", "Jag tycker att det är bra"], 10);
        assert!(words.is_empty(), "{words:?}");
    }

    #[test]
    fn forms_merged_across_texts() {
        // Snowball alone gives "skol" and "skolan"; the corpus step joins them.
        let words = word_counts(&["skola", "skolan", "skolan"], 10);
        assert_eq!(words.len(), 1);
        assert_eq!((words[0].word.as_str(), words[0].count), ("skolan", 3));
    }

    /// A small well-formedness check: tags balance, one root, and every `&` starts an entity.
    fn well_formed(svg: &str) -> bool {
        let mut stack: Vec<&str> = Vec::new();
        let mut roots = 0;
        let mut rest = svg;
        while let Some(open) = rest.find('<') {
            let text = &rest[..open];
            if text.contains('>') || text.split('&').skip(1).any(|e| !e.contains(';')) {
                return false;
            }
            let Some(close) = rest[open..].find('>') else { return false };
            let tag = &rest[open + 1..open + close];
            rest = &rest[open + close + 1..];
            let name = tag.trim_start_matches('/').split([' ', '/']).next().unwrap_or("");
            if tag.starts_with('/') {
                if stack.pop() != Some(name) {
                    return false;
                }
            } else if !tag.ends_with('/') {
                roots += usize::from(stack.is_empty());
                stack.push(name);
            }
        }
        stack.is_empty() && roots == 1 && rest.trim().is_empty()
    }

    #[test]
    fn svg_escapes_user_text() {
        let words = word_counts(&["<script>alert(1)</script> Barn & unga \"citat\""], 10);
        let out = svg(&words, 600, 300, "Fråga <1> & \"2\"");
        assert!(!out.contains("<script"), "{out}");
        assert!(out.contains("Fråga &lt;1&gt; &amp; &quot;2&quot;"));
        assert!(well_formed(&out), "{out}");
        let hostile = [CloudWord { stem: "x".into(), word: "<script>&</script>".into(), count: 1 }];
        let out = svg(&hostile, 600, 300, "t");
        assert!(out.contains("&lt;script&gt;&amp;&lt;/script&gt;") && !out.contains("<script"));
        assert!(well_formed(&out), "{out}");
    }

    #[test]
    fn svg_is_deterministic_accessible_and_self_contained() {
        let texts = ["Skolan och elevhälsan", "Barnens hälsa i skolan", "föreningslivet", "BUP-köerna"];
        let a = svg(&word_counts(&texts, 50), 800, 450, "Vad lockar?");
        let b = svg(&word_counts(&texts, 50), 800, 450, "Vad lockar?");
        assert_eq!(a, b);
        assert!(a.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(a.contains("role=\"img\"") && a.contains("<title>Vad lockar?</title>"));
        assert!(a.contains("aria-label=\"Ordmoln – Vad lockar? Vanligast: skolan (2)"), "{a}");
        assert!(a.contains("sans-serif") && !a.contains("href") && !a.contains("@import"));
        assert_eq!(a.matches("<text ").count(), word_counts(&texts, 50).len());
        assert!(well_formed(&a));
    }

    #[test]
    fn empty_input_gives_an_empty_but_valid_svg() {
        let out = svg(&[], 400, 200, "Inga inspel");
        assert!(well_formed(&out), "{out}");
        assert!(!out.contains("<text") && out.contains("<title>Inga inspel</title>"));
        assert!(well_formed(&svg(&[], 0, 0, "")));
    }
}
