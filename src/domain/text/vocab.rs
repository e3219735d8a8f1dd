//! Corpus-level fixes to Snowball stems: suffix conflation and compound parts.
//!
//! Snowball's Swedish stemmer is deliberately light and leaves pairs apart that a reader sees as
//! one word: "skola" → "skol" but "skolan" → "skolan"; "kostnader" → "kostnad" but "kostnad" →
//! "kostn"; "ansvar" → "ansv" but "ansvaret" → "ansvaret". Stripping more suffixes from every word
//! would damage unrelated words, so we only merge two stems when *both* forms occur in the
//! texts at hand: a word is merged with another word (or stem) of the same texts that equals it
//! minus a Swedish inflection ending. Requiring a base of at least four letters keeps short
//! words ("kön" is not "kö") from being swallowed. Each group of merged stems is named by its
//! shortest member, so the result does not depend on input order.
//!
//! Swedish writes compounds as one word ("skolsköterskan", "idrottsföreningar",
//! "landsbygdsperspektivet"), so two contributions about school can share no stem at all. For
//! clustering we also give a compound the stems of its parts — the longest leading part and the
//! longest trailing part that occur as words in the same texts, possibly inflected there
//! ("skol|sköterskan" matches "skolan", "ungdoms|råd" matches "rådet"); parts have four letters
//! or more, or three for a trailing part whose rest, less a linking "s", is a word too. Only
//! parts seen in the texts count, so there is no dictionary to maintain and no guessing at
//! unseen words. The word cloud does not use parts: it shows the words people wrote.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::sets::DisjointSets;
use super::tokens::Token;

/// Inflection endings (definite, plural, genitive, adjectival) whose removal may give another
/// word of the same texts. Longest first is not needed: every ending is tried.
const ENDINGS: &[&str] = &[
    "a", "e", "n", "s", "t", "an", "en", "et", "ar", "er", "or", "na", "ns", "ts", "ad", "ens", "ets",
    "arna", "erna", "orna",
];

/// Endings a word may have lost when it became the first part of a compound.
const MODIFIER_ENDINGS: &[&str] = &["a", "e", "an", "en", "ar", "er", "or"];

/// The shortest base (in letters) an ending may be stripped down to.
const MIN_BASE: usize = 4;

/// The shortest compound worth splitting: a four-letter leading part plus a three-letter rest.
const MIN_COMPOUND: usize = 7;

/// Canonical stems for one set of texts, and optionally the parts of its compounds.
#[derive(Debug, Default)]
pub(crate) struct Vocabulary {
    /// Every Snowball stem seen → the canonical stem of its group.
    canonical: HashMap<String, String>,
    /// Every lowercased surface form and stem seen → canonical stem; used to find compound parts.
    known: HashMap<String, String>,
    /// Canonical stem of a compound → canonical stems of its parts (empty for most words).
    parts: HashMap<String, Vec<String>>,
}

impl Vocabulary {
    /// Builds the conflation map from every token of the texts.
    pub(crate) fn build<'a>(tokens: impl IntoIterator<Item = &'a Token>) -> Self {
        // BTree collections: the groups do not depend on order, but iterating deterministically
        // keeps every intermediate step reproducible when debugging.
        let mut surfaces: BTreeMap<String, String> = BTreeMap::new();
        let mut stems: BTreeSet<String> = BTreeSet::new();
        for t in tokens {
            surfaces.entry(t.word.to_lowercase()).or_insert_with(|| t.stem.clone());
            stems.insert(t.stem.clone());
        }
        let index: HashMap<&str, usize> = stems.iter().enumerate().map(|(i, s)| (s.as_str(), i)).collect();
        let names: Vec<&str> = stems.iter().map(String::as_str).collect();
        let mut sets = DisjointSets::new(names.len());

        let words = surfaces.iter().map(|(w, s)| (w.as_str(), s.as_str()));
        let stem_pairs = names.iter().map(|s| (*s, *s));
        for (form, stem) in words.chain(stem_pairs) {
            let Some(&own) = index.get(stem) else { continue };
            for base in bases(form) {
                let other =
                    surfaces.get(base).map(String::as_str).or(index.contains_key(base).then_some(base));
                if let Some(&j) = other.and_then(|o| index.get(o)) {
                    sets.union(own, j);
                }
            }
        }

        // The group's name: its shortest stem, ties broken alphabetically.
        let mut best: HashMap<usize, &str> = HashMap::new();
        for (i, &name) in names.iter().enumerate() {
            let root = sets.find(i);
            let slot = best.entry(root).or_insert(name);
            if (name.chars().count(), name) < (slot.chars().count(), *slot) {
                *slot = name;
            }
        }
        let canonical: HashMap<String, String> = names
            .iter()
            .enumerate()
            .map(|(i, &name)| {
                (name.to_string(), best.get(&sets.find(i)).copied().unwrap_or(name).to_string())
            })
            .collect();
        let mut known: HashMap<String, String> = HashMap::new();
        for (word, stem) in &surfaces {
            if let Some(c) = canonical.get(stem) {
                known.insert(word.clone(), c.clone());
            }
        }
        for (stem, c) in &canonical {
            known.insert(stem.clone(), c.clone());
        }
        Vocabulary { canonical, known, parts: HashMap::new() }
    }

    /// Also computes the compound parts of every canonical stem (see the module doc).
    pub(crate) fn with_compounds(mut self) -> Self {
        let mut heads: BTreeSet<&str> = self.canonical.values().map(String::as_str).collect();
        heads.retain(|s| s.chars().count() >= MIN_COMPOUND);
        let mut parts = HashMap::new();
        for stem in heads {
            let found = self.split(stem);
            if !found.is_empty() {
                parts.insert(stem.to_string(), found);
            }
        }
        self.parts = parts;
        self
    }

    /// The canonical stem for a Snowball stem (itself if it was never seen).
    pub(crate) fn canonical<'a>(&'a self, stem: &'a str) -> &'a str {
        self.canonical.get(stem).map_or(stem, String::as_str)
    }

    /// Canonical stems of the parts of a compound, given its canonical stem.
    pub(crate) fn parts(&self, canonical: &str) -> &[String] {
        self.parts.get(canonical).map_or(&[], Vec::as_slice)
    }

    /// The canonical stem of `form` if it, or `form` plus one of `endings`, was seen.
    fn lookup(&self, form: &str, endings: &[&str]) -> Option<&String> {
        self.known.get(form).or_else(|| endings.iter().find_map(|e| self.known.get(&format!("{form}{e}"))))
    }

    /// The longest known leading part and the longest known trailing part of `stem`.
    fn split(&self, stem: &str) -> Vec<String> {
        // Byte offsets of char boundaries, so slicing never cuts a multi-byte letter.
        let bounds: Vec<usize> = stem.char_indices().map(|(i, _)| i).skip(1).collect();
        let n = bounds.len() + 1;
        let cut = |k: usize| bounds.get(k - 1).copied().unwrap_or(stem.len());
        let mut found: Vec<String> = Vec::new();
        // Leading part: at least four letters, leaving at least three. A modifier usually loses
        // its ending ("skol|sköterskan" from "skola"), so "skol" also matches a known "skolan".
        for k in (4..=n.saturating_sub(3)).rev() {
            if let Some(c) = self.lookup(&stem[..cut(k)], MODIFIER_ENDINGS) {
                found.push(c.clone());
                break;
            }
        }
        // Trailing part: the longest first, i.e. the earliest cut.
        for k in 3..=n.saturating_sub(3) {
            let (lead, tail) = stem.split_at(cut(k));
            let Some(c) = self.lookup(tail, ENDINGS) else { continue };
            // A three-letter tail ("råd", "liv") only when the rest is a word too, less a
            // linking "s" ("ungdom|s|råd"): short tails otherwise match by accident.
            let known = |h: &str| self.lookup(h, MODIFIER_ENDINGS).is_some();
            let lead_known = known(lead) || lead.strip_suffix('s').is_some_and(known);
            if tail.chars().count() >= 4 || lead_known {
                if !found.contains(c) {
                    found.push(c.clone());
                }
                break;
            }
        }
        found.retain(|c| c != stem);
        found
    }
}

/// `form` with each inflection ending removed, where the rest is long enough.
fn bases(form: &str) -> impl Iterator<Item = &str> {
    ENDINGS.iter().filter_map(move |e| {
        let base = form.strip_suffix(e)?;
        (base.chars().count() >= MIN_BASE).then_some(base)
    })
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    fn vocab(texts: &[&str]) -> Vocabulary {
        let tokens: Vec<Token> = texts.iter().flat_map(|t| tokenize(t)).collect();
        Vocabulary::build(&tokens).with_compounds()
    }

    fn canon(v: &Vocabulary, word: &str) -> String {
        let stem = tokenize(word).into_iter().next().map(|t| t.stem).unwrap_or_default();
        v.canonical(&stem).to_string()
    }

    #[test]
    fn forms_snowball_leaves_apart_are_merged_when_both_occur() {
        let v = vocab(&["skola skolan", "kostnad kostnader", "ansvar ansvaret", "hälsa hälsan"]);
        assert_eq!(canon(&v, "skolan"), canon(&v, "skola"));
        assert_eq!(canon(&v, "kostnader"), canon(&v, "kostnad"));
        assert_eq!(canon(&v, "ansvaret"), canon(&v, "ansvar"));
        assert_eq!(canon(&v, "hälsan"), canon(&v, "hälsa"));
    }

    #[test]
    fn nothing_is_merged_without_both_forms_or_below_four_letters() {
        let v = vocab(&["skolan"]);
        assert_eq!(canon(&v, "skolan"), "skolan");
        // "kön" minus "n" would be "kö", which is a different word (and too short to trust).
        let v = vocab(&["kön kö"]);
        assert_ne!(canon(&v, "kön"), canon(&v, "kö"));
    }

    #[test]
    fn compounds_get_their_known_parts() {
        let v = vocab(&[
            "skolan",
            "skolsköterskan",
            "idrottsföreningar",
            "idrott föreningar",
            "ungdomsråd ungdomar rådet",
        ]);
        let parts = |w: &str| v.parts(&canon(&v, w)).to_vec();
        assert_eq!(parts("skolsköterskan"), [canon(&v, "skolan")]);
        assert_eq!(parts("idrottsföreningar"), [canon(&v, "idrott"), canon(&v, "föreningar")]);
        assert_eq!(parts("ungdomsråd"), [canon(&v, "ungdomar"), canon(&v, "rådet")]);
        assert!(parts("skolan").is_empty());
    }
}
