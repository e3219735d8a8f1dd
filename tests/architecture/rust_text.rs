//! Reading Rust source as text, just enough for the import graph: comments and literals
//! blanked out, use trees taken apart, a `mod.rs`'s public modules listed.

use std::collections::BTreeSet;

/// `pub mod model;` lines (any `pub`, with or without attributes before) → `model`.
pub fn public_modules(code: &str) -> BTreeSet<String> {
    code.lines()
        .filter_map(|l| l.trim().strip_prefix("pub"))
        .filter_map(|l| l.split_once("mod ").map(|(_, name)| name))
        .filter_map(|name| name.trim().strip_suffix(';'))
        .map(|name| name.trim().to_string())
        .collect()
}

/// The trees of the `use` declarations among a file's items (`pub use a::{b, c};` →
/// `a::{b, c}`); enough for `lib.rs` and a group's `mod.rs`, which hold no function bodies.
pub fn use_lines(code: &str) -> Vec<&str> {
    code.split(';')
        .filter_map(|stmt| {
            let mut stmt = stmt.trim_start();
            while stmt.starts_with('#') {
                stmt = stmt.split_once(']')?.1.trim_start(); // `#[cfg(test)]`: attributes hold no `]`
            }
            let rest = stmt.strip_prefix("pub").map_or(stmt, |r| r.trim_start());
            let rest = if rest.starts_with('(') { rest.split_once(')')?.1.trim_start() } else { rest };
            rest.strip_prefix("use ")
        })
        .collect()
}

/// The paths of a use tree at the start of `text`, each with its `as` name:
/// `{a::X, b as B, c::{self, Y}}` → `a::X`, `b` (as `B`), `c::self`, `c::Y`. Reading stops
/// where the tree ends (`model::Session::new(…)` → `model::Session::new`).
pub fn use_paths(text: &str) -> Vec<(Vec<String>, Option<String>)> {
    let mut out = Vec::new();
    tree_at(&text.chars().collect::<Vec<_>>(), &mut 0, &[], &mut out);
    out
}

fn tree_at(s: &[char], i: &mut usize, prefix: &[String], out: &mut Vec<(Vec<String>, Option<String>)>) {
    let skip_space = |i: &mut usize| {
        while s.get(*i).is_some_and(|c| c.is_whitespace()) {
            *i += 1;
        }
    };
    let ident = |i: &mut usize| {
        let start = *i;
        while s.get(*i).is_some_and(|c| c.is_alphanumeric() || *c == '_') {
            *i += 1;
        }
        s[start..*i].iter().collect::<String>()
    };
    let mut path = prefix.to_vec();
    loop {
        skip_space(i);
        if s.get(*i) == Some(&'{') {
            *i += 1;
            loop {
                tree_at(s, i, &path, out);
                // Past the item's end (`as B`, `*`) to the next comma or the closing brace.
                while let Some(&c) = s.get(*i) {
                    *i += 1;
                    if c == ',' {
                        break;
                    } else if c == '}' {
                        return;
                    }
                }
                if *i >= s.len() {
                    return;
                }
            }
        }
        let name = ident(i);
        if name.is_empty() {
            break;
        }
        path.push(name);
        skip_space(i);
        if s[*i..].starts_with(&[':', ':']) {
            *i += 2;
        } else {
            break;
        }
    }
    if path.len() > prefix.len() {
        let mut j = *i;
        skip_space(&mut j);
        let alias = s[j..].starts_with(&['a', 's', ' ']).then(|| {
            j += 3;
            skip_space(&mut j);
            ident(&mut j)
        });
        out.push((path, alias));
    }
}

/// `source` with comments and the contents of string and char literals blanked out.
pub fn code_only(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    let mut i = 0;
    let at = |i: usize, s: &str| s.chars().enumerate().all(|(k, c)| chars.get(i + k) == Some(&c));
    while i < chars.len() {
        if at(i, "//") {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if at(i, "/*") {
            let mut depth = 0;
            while i < chars.len() {
                if at(i, "/*") {
                    depth += 1;
                    i += 2;
                } else if at(i, "*/") {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            out.push(' ');
        } else if chars[i] == 'r' && (at(i + 1, "\"") || at(i + 1, "#")) && !ident_before(&chars, i) {
            // A raw string: r"…", r#"…"#, …
            let hashes = chars[i + 1..].iter().take_while(|&&c| c == '#').count();
            if chars.get(i + 1 + hashes) != Some(&'"') {
                out.push(chars[i]);
                i += 1;
                continue;
            }
            let close: String = std::iter::once('"').chain(std::iter::repeat_n('#', hashes)).collect();
            i += 2 + hashes;
            while i < chars.len() && !at(i, &close) {
                i += 1;
            }
            i += close.chars().count();
            out.push_str("\"\"");
        } else if chars[i] == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if chars[i] == '\'' && (chars.get(i + 1) == Some(&'\\') || chars.get(i + 2) == Some(&'\'')) {
            // A char literal ('x', '\n', '\'', '\u{…}'); anything else after a quote is a lifetime.
            i += if chars[i + 1] == '\\' { 3 } else { 2 };
            while i < chars.len() && chars[i] != '\'' {
                i += 1;
            }
            i += 1;
            out.push_str("' '");
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

fn ident_before(chars: &[char], i: usize) -> bool {
    i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_')
}
