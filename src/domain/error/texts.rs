//! The words of every error, from the pages' own dictionaries (web/assets/i18n/sv.json and
//! en.json, built into the binary): `problem.<code>` is the sentence for a stable code, and
//! `problem.<code>.<variant>` a more exact one where the sentence depends on what was refused
//! (which field, which flood). `{name}` placeholders are filled from the values a call site
//! gives. The pages read the same keys, so a language is one JSON file for pages and errors.

use std::collections::HashMap;
use std::sync::LazyLock;

/// The dictionary keys of error texts start with this.
pub const PREFIX: &str = "problem.";

/// One language's error texts, by key (`problem.…`).
pub type Dict = HashMap<String, String>;

/// The `problem.…` entries of a translation file; none if it does not parse (a test proves both
/// files do, so a server never starts with them missing).
pub fn parse(json: &str) -> Dict {
    let all: HashMap<String, serde_json::Value> = serde_json::from_str(json).unwrap_or_default();
    all.into_iter()
        .filter(|(k, _)| k.starts_with(PREFIX))
        .filter_map(|(k, v)| v.as_str().map(|s| (k, s.to_string())))
        .collect()
}

pub static SV: LazyLock<Dict> =
    LazyLock::new(|| parse(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/web/assets/i18n/sv.json"))));
pub static EN: LazyLock<Dict> =
    LazyLock::new(|| parse(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/web/assets/i18n/en.json"))));

/// The key of `code`'s text, or of its `variant`'s.
pub fn key(code: &str, variant: Option<&str>) -> String {
    match variant {
        Some(v) => format!("{PREFIX}{code}.{v}"),
        None => format!("{PREFIX}{code}"),
    }
}

/// The sentence for `code` (its `variant`'s if the dictionary has one) with `{name}` filled
/// from `args`. A text the dictionary lacks shows as the code, never as a panic; the tests in
/// `error::tests` keep that from happening.
pub fn render(dict: &Dict, code: &str, variant: Option<&str>, args: &[(&str, String)]) -> String {
    let text = variant
        .and_then(|_| dict.get(&key(code, variant)))
        .or_else(|| dict.get(&key(code, None)))
        .map_or(code, String::as_str);
    fill(text, args)
}

/// `text` with each `{name}` that `args` names replaced by its value, in one pass (a value that
/// itself holds braces, such as a typed table name, is left alone). Other braces stay as they are.
pub fn fill(text: &str, args: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after
            .find('}')
            .and_then(|close| args.iter().find(|(n, _)| *n == &after[..close]).map(|(_, v)| (close, v)));
        match value {
            Some((close, v)) => {
                out.push_str(v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `{name}` placeholders of `text` (names of letters, digits and `_`), as i18n.js reads them.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut names: Vec<&str> = text
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .filter(|name| !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_'))
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}
