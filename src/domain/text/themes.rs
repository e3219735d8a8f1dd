//! Suggested themes: groups of contributions that talk about the same thing, with a name.
//!
//! A suggestion for the facilitator, not a verdict: it is computed from shared words only.
//! Method (see docs/themes.md for the evaluation):
//! 1. Tokenise ([`super::tokens`]): stop words out, Snowball stems; merge inflections Snowball
//!    leaves apart and give Swedish compounds their parts ([`super::vocab`]; a part counts half).
//! 2. TF-IDF vectors: sublinear term frequency, smoothed IDF, L2-normalised — a word most
//!    contributions use says little about which theme one belongs to.
//! 3. Average-linkage clustering on cosine similarity, cut at `threshold` ([`super::cluster`]).
//! 4. Groups smaller than `min_size` are left out: a contribution in no theme is simply absent
//!    from every theme's `ids`. We do not invent an "Övrigt" theme; the caller can show the rest
//!    as such, and a pseudo-theme would be mistaken for a real one in an export.
//! 5. Name and keywords: see [`super::naming`].
//!
//! Deterministic: no randomness, ties broken by index or alphabetically, term ids sorted.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use super::cluster::{SparseVec, average_linkage};
use super::naming::Namer;
use super::sv_key;
use super::tokens::{Token, tokenize_marked};
use super::vocab::Vocabulary;

/// At most this many items are clustered (the first ones, in input order). The similarity
/// triangle takes n²·2 bytes: 72 MB here, and memory, not time, is the limit.
pub const MAX_ITEMS: usize = 6_000;

/// How words are normalised before comparing contributions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Normalization {
    /// Lowercased words without stop words, unstemmed. A baseline for evaluation.
    Words,
    /// Snowball stems, with inflections merged across the texts.
    Stems,
    /// Stems plus the parts of Swedish compounds. The default.
    StemsAndCompounds,
}

/// Tuning for [`suggest`]; `Default` holds the values measured in docs/themes.md.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SuggestOptions {
    /// Minimum average cosine similarity within a theme (0–1). Lower gives fewer, larger and
    /// looser themes.
    pub threshold: f32,
    /// Smallest number of contributions that makes a theme (at least 2).
    pub min_size: usize,
    /// At most this many themes, the largest kept; 0 means no limit.
    pub max_themes: usize,
    pub normalization: Normalization,
}

impl Default for SuggestOptions {
    fn default() -> Self {
        SuggestOptions {
            threshold: 0.08,
            min_size: 3,
            max_themes: 0,
            normalization: Normalization::StemsAndCompounds,
        }
    }
}

/// One suggested theme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SuggestedTheme {
    /// Swedish, capitalised, from the top keywords: "Skolan och elevhälsan".
    pub name: String,
    /// Ids of the contributions in the theme, in input order. An id is in at most one theme.
    pub ids: Vec<String>,
    /// Up to five words that characterise the theme, most characteristic first.
    pub keywords: Vec<String>,
}

/// Groups `(id, text)` items into suggested themes, largest first (ties by name). Items in no
/// theme are left out. A repeated id counts once (its first text); only the first
/// [`MAX_ITEMS`] distinct ids are considered.
pub fn suggest(items: &[(String, String)], opts: SuggestOptions) -> Vec<SuggestedTheme> {
    let mut seen = HashSet::new();
    let items: Vec<&(String, String)> =
        items.iter().filter(|(id, _)| seen.insert(id.as_str())).take(MAX_ITEMS).collect();
    let docs = features(&items, opts.normalization);
    let (vectors, idf) = tfidf(&docs);
    // A NaN threshold would compare false everywhere and merge everything into one theme.
    let threshold =
        if opts.threshold.is_nan() { SuggestOptions::default().threshold } else { opts.threshold };
    let mut groups: Vec<Vec<usize>> = average_linkage(&vectors, threshold)
        .into_iter()
        .filter(|g| g.len() >= opts.min_size.max(2))
        .collect();
    groups.sort_by_key(|g| std::cmp::Reverse(g.len()));
    if opts.max_themes > 0 {
        groups.truncate(opts.max_themes);
    }

    let mut namer = Namer::new(&docs, &idf);
    let mut themes: Vec<SuggestedTheme> = groups
        .iter()
        .map(|group| {
            let (name, keywords) = namer.name(group);
            let ids = group.iter().map(|&i| items[i].0.clone()).collect();
            SuggestedTheme { name, ids, keywords }
        })
        .collect();
    themes.sort_by(|a, b| b.ids.len().cmp(&a.ids.len()).then_with(|| sv_key(&a.name).cmp(&sv_key(&b.name))));
    themes
}

/// One contribution as terms: weighted term keys and the written form of each direct use.
#[derive(Debug, Default)]
pub(super) struct Doc {
    pub(super) weights: BTreeMap<String, f32>,
    /// Per word as written, in order: term key, surface form, and whether it directly follows
    /// the previous word (for phrases). Compound parts have no entry.
    pub(super) words: Vec<(String, String, bool)>,
}

/// Weight of a compound part relative to a word that was written out.
const PART_WEIGHT: f32 = 0.5;

fn features(items: &[&(String, String)], normalization: Normalization) -> Vec<Doc> {
    let tokens: Vec<Vec<(Token, bool)>> = items.iter().map(|(_, text)| tokenize_marked(text)).collect();
    let all = tokens.iter().flatten().map(|(t, _)| t);
    let vocab = match normalization {
        Normalization::Words => Vocabulary::default(),
        Normalization::Stems => Vocabulary::build(all),
        Normalization::StemsAndCompounds => Vocabulary::build(all).with_compounds(),
    };
    tokens
        .iter()
        .map(|doc_tokens| {
            let mut doc = Doc::default();
            for (t, adjacent) in doc_tokens {
                let key = match normalization {
                    Normalization::Words => t.word.to_lowercase(),
                    _ => vocab.canonical(&t.stem).to_string(),
                };
                for part in vocab.parts(&key) {
                    *doc.weights.entry(part.clone()).or_default() += PART_WEIGHT;
                }
                *doc.weights.entry(key.clone()).or_default() += 1.0;
                doc.words.push((key, t.word.clone(), *adjacent));
            }
            doc
        })
        .collect()
}

/// TF-IDF unit vectors (term ids in sorted key order) and the IDF of every key.
fn tfidf(docs: &[Doc]) -> (Vec<SparseVec>, HashMap<&str, f32>) {
    let mut df: BTreeMap<&str, usize> = BTreeMap::new();
    for doc in docs {
        for key in doc.weights.keys() {
            *df.entry(key.as_str()).or_default() += 1;
        }
    }
    let n = docs.len() as f32;
    let ids: HashMap<&str, u32> = df.keys().enumerate().map(|(i, k)| (*k, i as u32)).collect();
    let idf: HashMap<&str, f32> =
        df.iter().map(|(k, &d)| (*k, ((1.0 + n) / (1.0 + d as f32)).ln() + 1.0)).collect();
    let vectors = docs
        .iter()
        .map(|doc| {
            let mut v: SparseVec = doc
                .weights
                .iter()
                .filter_map(|(k, &raw)| {
                    // Sublinear: saying "barn" three times is not three times as much about barn.
                    let tf = if raw > 1.0 { 1.0 + raw.ln() } else { raw };
                    Some((*ids.get(k.as_str())?, tf * idf.get(k.as_str())?))
                })
                .collect();
            let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
            if norm > 0.0 {
                v.iter_mut().for_each(|(_, w)| *w /= norm);
            }
            v.sort_by_key(|(id, _)| *id);
            v
        })
        .collect();
    (vectors, idf)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(texts: &[&str]) -> Vec<(String, String)> {
        texts.iter().enumerate().map(|(i, t)| (format!("id{i}"), t.to_string())).collect()
    }

    const SAMPLE: &[&str] = &[
        "Föräldrarna behöver stöd",
        "Stöd till föräldrar i hela länet",
        "föräldrastöd och föräldragrupper",
        "Köerna till BUP är för långa",
        "BUP-köer och väntetider",
        "Väntetiderna till BUP måste kortas",
        "Bra!",
        "Kollektivtrafiken på landsbygden",
    ];

    #[test]
    fn groups_by_shared_content_and_leaves_noise_out() {
        let themes = suggest(&items(SAMPLE), SuggestOptions::default());
        assert_eq!(themes.len(), 2, "{themes:#?}");
        let all: Vec<&str> = themes.iter().flat_map(|t| t.ids.iter().map(String::as_str)).collect();
        assert!(!all.contains(&"id6") && !all.contains(&"id7"));
        let bup = themes.iter().find(|t| t.ids.contains(&"id3".to_string())).map(|t| t.name.as_str());
        assert!(bup.is_some_and(|n| n.starts_with("BUP")), "{themes:#?}");
    }

    #[test]
    fn deterministic_and_no_id_in_two_themes() {
        let mut input = items(SAMPLE);
        input.push(("id0".to_string(), "BUP BUP BUP".to_string()));
        let a = suggest(&input, SuggestOptions::default());
        let b = suggest(&input, SuggestOptions::default());
        assert_eq!(a, b);
        let mut seen = HashSet::new();
        for id in a.iter().flat_map(|t| &t.ids) {
            assert!(seen.insert(id), "{id} is in two themes");
        }
    }

    #[test]
    fn names_are_capitalised_and_unique() {
        let themes = suggest(&items(SAMPLE), SuggestOptions::default());
        let names: HashSet<&str> = themes.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names.len(), themes.len());
        assert!(themes.iter().all(|t| t.name.chars().next().is_some_and(char::is_uppercase)));
    }

    #[test]
    fn empty_and_wordless_input() {
        assert!(suggest(&[], SuggestOptions::default()).is_empty());
        assert!(suggest(&items(&["", "!!", "Bra"]), SuggestOptions::default()).is_empty());
    }
}
