//! The translations agree: every language file in web/assets/i18n/ has exactly the keys of the
//! Swedish one (recursively, should a file ever nest), each a non-empty string with the same
//! `{name}` placeholders, and every file is a language the pages offer.
//!
//! The browser tests also catch a key a page asks for but no file has; this catches a key one
//! language has and another lacks, without a browser.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde_json::Value;

/// The language every other is compared with: Swedish comes first in this project.
const REFERENCE: &str = "sv";

fn i18n_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("web/assets/i18n")
}

/// Every language file, by language code.
fn languages() -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(i18n_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let code = path.file_stem().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path).unwrap();
            let value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            out.insert(code, value);
        }
    }
    out
}

/// Dotted key → string, through nested objects; anything else is reported as a problem.
fn flatten(prefix: &str, value: &Value, out: &mut BTreeMap<String, String>, problems: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let key = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                flatten(&key, v, out, problems);
            }
        }
        Value::String(s) if !s.trim().is_empty() => {
            out.insert(prefix.to_string(), s.clone());
        }
        other => problems.push(format!("{prefix}: not a non-empty string: {other}")),
    }
}

/// The `{name}` placeholders in a string, as i18n.js fills them.
fn placeholders(s: &str) -> BTreeSet<&str> {
    s.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .filter(|name| !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_'))
        .collect()
}

#[test]
fn every_language_has_the_same_keys_and_placeholders() {
    let languages = languages();
    let mut problems = Vec::new();
    let mut flat = BTreeMap::new();
    for (code, value) in &languages {
        let mut keys = BTreeMap::new();
        let mut p = Vec::new();
        flatten("", value, &mut keys, &mut p);
        problems.extend(p.into_iter().map(|p| format!("{code}.json: {p}")));
        flat.insert(code.as_str(), keys);
    }
    let reference = flat.get(REFERENCE).expect("web/assets/i18n/sv.json exists");
    assert!(languages.len() >= 2, "expected at least Swedish and English, found {:?}", languages.keys());

    for (code, keys) in flat.iter().filter(|(c, _)| **c != REFERENCE) {
        for key in reference.keys().filter(|k| !keys.contains_key(*k)) {
            problems.push(format!("{code}.json lacks {key:?} (in {REFERENCE}.json)"));
        }
        for key in keys.keys().filter(|k| !reference.contains_key(*k)) {
            problems.push(format!("{code}.json has {key:?}, which {REFERENCE}.json lacks"));
        }
        for (key, text) in keys {
            let Some(theirs) = reference.get(key) else { continue };
            let (ours, want) = (placeholders(text), placeholders(theirs));
            if ours != want {
                problems.push(format!(
                    "{code}.json {key:?} has placeholders {ours:?}, {REFERENCE}.json {want:?}"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "the translations disagree:\n{}", problems.join("\n"));
}

/// A language file the pages never offer is dead weight, and a language offered without a file
/// shows keys instead of text.
#[test]
fn every_language_file_is_offered_by_the_pages() {
    let js =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("web/assets/js/i18n.js")).unwrap();
    let supported = js
        .lines()
        .find_map(|l| l.trim().strip_prefix("const SUPPORTED = ["))
        .expect("web/assets/js/i18n.js declares `const SUPPORTED = [...]`");
    let offered: BTreeSet<&str> =
        supported.split(']').next().unwrap().split(',').map(|s| s.trim().trim_matches(['\'', '"'])).collect();
    let files: BTreeSet<String> = languages().into_keys().collect();
    let files: BTreeSet<&str> = files.iter().map(String::as_str).collect();
    assert_eq!(offered, files, "i18n.js's SUPPORTED and the files in web/assets/i18n/ differ");
}

#[test]
fn placeholders_are_read_as_i18n_js_reads_them() {
    assert_eq!(placeholders("{n} av {total} { x } {}"), BTreeSet::from(["n", "total"]));
}
