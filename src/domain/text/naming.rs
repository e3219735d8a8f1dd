//! Names and keywords for suggested themes.
//!
//! Keywords are the terms most of a theme's contributions share, ranked by how many members use
//! them times their IDF, so a theme is named by what its members have in common and the rest of
//! the question's contributions lack ("barn" is in everything about children and says little).
//! Each is shown as its most common written form in the theme ("föräldrarna", "BUP").
//!
//! The name joins the top one to three keywords the Swedish way ("Skolan, lärarna och
//! elevhälsan"), taking a further keyword only if at least half as many members use it as the
//! top one. When two top keywords are mostly written side by side ("psykisk ohälsa", "young
//! people"), the name uses the phrase as written instead of "Psykisk och ohälsa". Names are
//! capitalised and unique within one call.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::themes::Doc;
use super::{capitalise, most_common};

/// How many keywords a theme lists, and how many of them may go into its name.
const MAX_KEYWORDS: usize = 5;
const MAX_NAME_WORDS: usize = 3;

/// A keyword of one theme.
struct Keyword<'a> {
    key: &'a str,
    /// How many of the theme's contributions use it.
    members: usize,
    shown: String,
}

/// Names themes of one `suggest` call, keeping names unique.
pub(super) struct Namer<'a> {
    docs: &'a [Doc],
    idf: &'a HashMap<&'a str, f32>,
    used: HashSet<String>,
}

impl<'a> Namer<'a> {
    pub(super) fn new(docs: &'a [Doc], idf: &'a HashMap<&'a str, f32>) -> Self {
        Namer { docs, idf, used: HashSet::new() }
    }

    /// A unique name and the keywords for the group of document indices.
    pub(super) fn name(&mut self, group: &[usize]) -> (String, Vec<String>) {
        let keywords = self.keywords(group);
        let top = keywords.first().map_or(0, |k| k.members);
        let strong = |k: &&&Keyword| 2 * k.members >= top;
        let mut parts: Vec<String> = Vec::new();
        let mut rest: Vec<&Keyword> = keywords.iter().collect();
        if let Some((i, j, phrase)) = self.phrase(group, &keywords) {
            parts.push(phrase);
            rest = keywords.iter().enumerate().filter(|(k, _)| *k != i && *k != j).map(|(_, k)| k).collect();
        }
        let room = MAX_NAME_WORDS - 2 * parts.len();
        parts.extend(rest.iter().filter(strong).take(room).map(|k| k.shown.clone()));

        let mut name = capitalise(&join_sv(&parts));
        if name.is_empty() {
            name = "Tema".to_string();
        }
        // Two themes may share their top words; add the next keyword, else number them.
        if self.used.contains(&name)
            && let Some(extra) = rest.iter().map(|k| &k.shown).find(|s| !parts.contains(s))
        {
            parts.push(extra.clone());
            name = capitalise(&join_sv(&parts));
        }
        let base = name.clone();
        let mut n = 2;
        while self.used.contains(&name) {
            name = format!("{base} ({n})");
            n += 1;
        }
        self.used.insert(name.clone());
        (name, keywords.into_iter().map(|k| k.shown).collect())
    }

    /// The top keywords of a group, best first.
    fn keywords(&self, group: &[usize]) -> Vec<Keyword<'a>> {
        let mut members: BTreeMap<&'a str, usize> = BTreeMap::new();
        for &i in group {
            for key in self.docs[i].weights.keys() {
                *members.entry(key.as_str()).or_default() += 1;
            }
        }
        // In a real theme every keyword must be shared by at least two members.
        let needed = if group.len() < 2 { 1 } else { 2 };
        let mut ranked: Vec<(&'a str, usize, f32)> = members
            .into_iter()
            .filter(|(_, c)| *c >= needed)
            .map(|(k, c)| (k, c, c as f32 * self.idf.get(k).copied().unwrap_or(1.0)))
            .collect();
        ranked.sort_by(|a, b| b.2.total_cmp(&a.2).then_with(|| a.0.cmp(b.0)));
        let mut keywords: Vec<Keyword> = Vec::new();
        for (key, members, _) in ranked {
            let shown = self.display(key, group);
            if !keywords.iter().any(|k| k.shown == shown) {
                keywords.push(Keyword { key, members, shown });
            }
            if keywords.len() == MAX_KEYWORDS {
                break;
            }
        }
        keywords
    }

    /// The best pair of keywords (one of them the top one) written side by side in at least two
    /// members and in at least half of the members that use the rarer of the two: indices into
    /// `keywords` and the phrase in its most common written form.
    fn phrase(&self, group: &[usize], keywords: &[Keyword]) -> Option<(usize, usize, String)> {
        let index: HashMap<&str, usize> = keywords.iter().enumerate().map(|(i, k)| (k.key, i)).collect();
        let mut docs_with: BTreeMap<(usize, usize), usize> = BTreeMap::new();
        let mut written: BTreeMap<(usize, usize), BTreeMap<String, usize>> = BTreeMap::new();
        for &d in group {
            let mut pairs_here = BTreeSet::new();
            for pair in self.docs[d].words.windows(2) {
                let [(k1, w1, _), (k2, w2, adjacent)] = pair else { continue };
                let (Some(&i), Some(&j)) = (index.get(k1.as_str()), index.get(k2.as_str())) else { continue };
                if *adjacent && i != j && (i == 0 || j == 0) {
                    pairs_here.insert((i, j));
                    *written.entry((i, j)).or_default().entry(format!("{w1} {w2}")).or_default() += 1;
                }
            }
            for p in pairs_here {
                *docs_with.entry(p).or_default() += 1;
            }
        }
        let ((i, j), _) = docs_with
            .into_iter()
            .filter(|&((i, j), n)| n >= 2 && 2 * n >= keywords[i].members.min(keywords[j].members))
            // Most members first; on a tie the pair with the better-ranked second keyword.
            .max_by(|a, b| a.1.cmp(&b.1).then_with(|| (b.0.0 + b.0.1).cmp(&(a.0.0 + a.0.1))))?;
        let phrase = most_common(written.get(&(i, j))?)?.clone();
        Some((i, j, phrase))
    }

    /// The most common written form of a term in the group; for a term that only occurs as a
    /// compound part there, its most common form in all the texts.
    fn display(&self, key: &str, group: &[usize]) -> String {
        let count = |indices: &mut dyn Iterator<Item = usize>| {
            let mut forms: BTreeMap<String, usize> = BTreeMap::new();
            for i in indices {
                for (k, w, _) in &self.docs[i].words {
                    if k == key {
                        *forms.entry(w.clone()).or_default() += 1;
                    }
                }
            }
            most_common(&forms).cloned()
        };
        count(&mut group.iter().copied())
            .or_else(|| count(&mut (0..self.docs.len())))
            .unwrap_or_else(|| key.to_string())
    }
}

/// "a", "a och b", "a, b och c".
fn join_sv(words: &[String]) -> String {
    match words {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} och {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{SuggestOptions, suggest};
    use super::*;

    fn names(texts: &[&str]) -> Vec<String> {
        let items: Vec<(String, String)> =
            texts.iter().enumerate().map(|(i, t)| (i.to_string(), t.to_string())).collect();
        suggest(&items, SuggestOptions::default()).into_iter().map(|t| t.name).collect()
    }

    #[test]
    fn joins_the_swedish_way() {
        let w = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(join_sv(&w(&["skolan"])), "skolan");
        assert_eq!(join_sv(&w(&["skolan", "lärarna", "elevhälsan"])), "skolan, lärarna och elevhälsan");
    }

    #[test]
    fn a_phrase_written_together_names_the_theme() {
        let got = names(&["Psykisk ohälsa bland unga", "psykisk ohälsa ökar", "Den psykiska ohälsan"]);
        assert_eq!(got, ["Psykisk ohälsa"]);
    }

    #[test]
    fn words_only_listed_together_are_not_a_phrase() {
        let got = names(&["Skärm och sömn", "för mycket skärm, för lite sömn", "sömn och skärm"]);
        assert_eq!(got.len(), 1);
        assert!(got[0].contains(" och "), "{got:?}");
    }
}
