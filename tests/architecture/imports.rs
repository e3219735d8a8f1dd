//! Reads the import graph between the top-level modules of `src/` from the source text.
//!
//! Every `crate::` path outside comments and string literals counts, in `use` lines and inline
//! alike, tests included (a cycle through a test still ties the modules together). A name
//! re-exported at the crate root (`crate::Config`) counts for the module it comes from. Paths
//! through `super::` are not followed: they stay inside one top-level module in this code base,
//! which reaches other modules through `crate::` only.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::{Path, PathBuf};

/// The source folder, relative to the package.
pub const SRC: &str = "src";

/// Top-level modules and which module imports which, with the files that do.
pub struct Graph {
    modules: BTreeSet<String>,
    edges: BTreeMap<(String, String), BTreeSet<String>>,
}

impl Graph {
    pub fn read(src: &Path) -> Self {
        let modules = top_level_modules(src);
        let lib = std::fs::read_to_string(src.join("lib.rs")).unwrap();
        let reexports = root_reexports(&lib, &modules);
        let mut files = Vec::new();
        rust_files(src, &mut files);
        let mut edges: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
        for path in files {
            let rel = slash_path(path.strip_prefix(src).unwrap());
            let top = rel.split('/').next().unwrap().trim_end_matches(".rs").to_string();
            if !modules.contains(&top) {
                continue; // lib.rs and main.rs are the roots, not layers
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for to in targets(&text, &modules, &reexports) {
                if to != top {
                    edges.entry((top.clone(), to)).or_default().insert(format!("src/{rel}"));
                }
            }
        }
        Self { modules, edges }
    }

    pub fn modules(&self) -> impl Iterator<Item = &str> {
        self.modules.iter().map(String::as_str)
    }

    pub fn edges(&self) -> impl Iterator<Item = (&str, &str)> {
        self.edges.keys().map(|(a, b)| (a.as_str(), b.as_str()))
    }

    pub fn has_edge(&self, from: &str, to: &str) -> bool {
        self.edges.contains_key(&(from.to_string(), to.to_string()))
    }

    /// The files through which `from` imports `to`.
    pub fn files(&self, from: &str, to: &str) -> String {
        let files = &self.edges[&(from.to_string(), to.to_string())];
        files.iter().cloned().collect::<Vec<_>>().join(", ")
    }

    /// A shortest path `from` … `to` (both included) that uses none of the edges in `skip`.
    pub fn path(&self, from: &str, to: &str, skip: &BTreeSet<(&str, &str)>) -> Option<Vec<String>> {
        let mut came_from: BTreeMap<&str, &str> = BTreeMap::new();
        let mut seen = BTreeSet::from([from]);
        let mut queue = VecDeque::from([from]);
        while let Some(at) = queue.pop_front() {
            if at == to {
                let mut path = vec![to.to_string()];
                let mut step = to;
                while step != from {
                    step = came_from[step];
                    path.push(step.to_string());
                }
                path.reverse();
                return Some(path);
            }
            for (a, b) in self.edges() {
                if a == at && !skip.contains(&(a, b)) && seen.insert(b) {
                    came_from.insert(b, a);
                    queue.push_back(b);
                }
            }
        }
        None
    }
}

/// `src/x.rs` and `src/x/` are module `x`; the crate roots are not modules.
fn top_level_modules(src: &Path) -> BTreeSet<String> {
    std::fs::read_dir(src)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "lib.rs" && n != "main.rs")
        .map(|n| n.trim_end_matches(".rs").to_string())
        .collect()
}

/// `pub use config::Config;` in lib.rs: `Config` → `config`.
fn root_reexports(lib: &str, modules: &BTreeSet<String>) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for line in lib.lines().filter_map(|l| l.trim().strip_prefix("pub use ")) {
        let Some((module, rest)) = line.trim_end_matches(';').split_once("::") else { continue };
        if modules.contains(module) {
            for name in rest.trim_matches(['{', '}']).split(',') {
                let name = name.split(" as ").last().unwrap().trim();
                out.insert(name.to_string(), module.to_string());
            }
        }
    }
    out
}

pub fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

pub fn slash_path(path: &Path) -> String {
    path.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// The top-level modules that `source` names through `crate::`.
pub fn targets(
    source: &str,
    modules: &BTreeSet<String>,
    reexports: &BTreeMap<String, String>,
) -> BTreeSet<String> {
    let code = code_only(source);
    let mut out = BTreeSet::new();
    let mut rest = code.as_str();
    while let Some(i) = rest.find("crate::") {
        let preceded_by_ident =
            rest[..i].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_');
        rest = &rest[i + "crate::".len()..];
        if preceded_by_ident {
            continue; // `$crate::`-like or `mycrate::`: not this crate's root
        }
        for name in first_segments(rest) {
            if modules.contains(&name) {
                out.insert(name);
            } else if let Some(m) = reexports.get(&name) {
                out.insert(m.clone());
            }
        }
    }
    out
}

/// `x::…` → `[x]`; `{a::X, b, c::{self, Y}}` → `[a, b, c]`.
fn first_segments(path: &str) -> Vec<String> {
    let path = path.trim_start();
    let Some(group) = path.strip_prefix('{') else {
        return vec![path.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect()];
    };
    let mut out = Vec::new();
    let mut depth = 0;
    let mut item = String::new();
    for c in group.chars() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                out.push(std::mem::take(&mut item));
                continue;
            }
            _ => {}
        }
        if depth == 0 {
            item.push(c);
        }
    }
    out.push(item);
    out.iter()
        .map(|i| i.trim().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect())
        .filter(|s: &String| !s.is_empty())
        .collect()
}

/// `source` with comments and the contents of string and char literals blanked out.
fn code_only(source: &str) -> String {
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
