//! Reads the import graph between the modules of `src/` from the source text.
//!
//! The nodes are units. A top-level module (`src/x.rs` with `src/x/`, or `src/x/mod.rs`) is a
//! unit, except a layer's folder that only groups modules (`src/domain/`, named by the
//! caller): there each public module is a unit of its own (`src/domain/model/` is
//! `domain::model`), and the folder's `mod.rs` with its private modules is the unit `domain`.
//!
//! Every `crate::` path outside comments and string literals counts, in `use` lines and inline
//! alike, tests included (a cycle through a test still ties the modules together). A name
//! re-exported at the crate root (`crate::Config`, `crate::model`) counts for the unit it comes
//! from, and so does `use feed::…` in a group's `mod.rs` (the group re-exporting a child).
//! Other paths through `super::` or `self::` are not followed: they stay inside one unit in
//! this code base, which reaches other units through `crate::` only.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::{Path, PathBuf};

use crate::rust_text::{code_only, public_modules, use_lines, use_paths};

/// The source folder, relative to the package.
pub const SRC: &str = "src";

/// The units and which imports which, with the files that do.
pub struct Graph {
    tree: Tree,
    edges: BTreeMap<(String, String), BTreeSet<String>>,
}

/// Where the units are: the top-level modules, the groups' public modules, the root's re-exports.
struct Tree {
    tops: BTreeSet<String>,
    /// Group folder → its public modules.
    groups: BTreeMap<String, BTreeSet<String>>,
    /// A name `pub use`d in lib.rs → the unit it comes from.
    reexports: BTreeMap<String, String>,
}

impl Graph {
    /// The graph of the crate in `src`; `groups` are the folders that only group modules.
    pub fn read(src: &Path, groups: &[&str]) -> Self {
        let mut paths = Vec::new();
        rust_files(src, &mut paths);
        let files: Vec<(String, String)> = paths
            .iter()
            .map(|p| (slash_path(p.strip_prefix(src).unwrap()), std::fs::read_to_string(p).unwrap()))
            .collect();
        Self::from_sources(&files, groups)
    }

    /// The graph of a crate given as (path under `src/`, text) pairs, `lib.rs` among them.
    pub fn from_sources(files: &[(String, String)], groups: &[&str]) -> Self {
        let text = |rel: &str| files.iter().find(|(r, _)| r == rel).map(|(_, t)| code_only(t));
        let tops: BTreeSet<String> = files
            .iter()
            .map(|(rel, _)| rel.split('/').next().unwrap().trim_end_matches(".rs").to_string())
            .filter(|n| n != "lib" && n != "main")
            .collect();
        let groups: BTreeMap<String, BTreeSet<String>> = groups
            .iter()
            .map(|&g| (g.to_string(), public_modules(&text(&format!("{g}/mod.rs")).unwrap_or_default())))
            .collect();
        let mut tree = Tree { tops, groups, reexports: BTreeMap::new() };
        let lib = text("lib.rs").expect("src/lib.rs");
        for (path, alias) in use_lines(&lib).iter().flat_map(|u| use_paths(u)) {
            if let (Some(unit), Some(name)) = (tree.unit_of_path(&path), alias.or(path.last().cloned())) {
                tree.reexports.insert(name, unit);
            }
        }

        let mut edges: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
        for (rel, source) in files {
            let Some(from) = tree.unit_of_file(rel) else { continue }; // lib.rs, main.rs: the roots
            let mut to = targets(source, &tree);
            if let Some(children) = rel.strip_suffix("/mod.rs").and_then(|g| tree.groups.get(g)) {
                // A group re-exporting its child (`pub use feed::Feed;`) imports it.
                for (path, _) in use_lines(&code_only(source)).iter().flat_map(|u| use_paths(u)) {
                    if children.contains(&path[0]) {
                        to.insert(format!("{from}::{}", path[0]));
                    }
                }
            }
            for to in to.into_iter().filter(|to| *to != from) {
                edges.entry((from.clone(), to)).or_default().insert(format!("src/{rel}"));
            }
        }
        Self { tree, edges }
    }

    /// Every unit: top-level modules, groups and the groups' public modules.
    pub fn units(&self) -> impl Iterator<Item = String> + '_ {
        let children =
            self.tree.groups.iter().flat_map(|(g, cs)| cs.iter().map(move |c| format!("{g}::{c}")));
        self.tree.tops.iter().cloned().chain(children)
    }

    /// The top-level module (file or folder under `src/`) a unit is in.
    pub fn top(unit: &str) -> &str {
        unit.split("::").next().unwrap()
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

impl Tree {
    /// `domain/model/apply.rs` → `domain::model`; `domain/mod.rs` → `domain`; `http/join.rs` → `http`.
    fn unit_of_file(&self, rel: &str) -> Option<String> {
        let mut parts = rel.split('/').map(|p| p.trim_end_matches(".rs"));
        let top = parts.next()?;
        if !self.tops.contains(top) {
            return None;
        }
        Some(self.unit_in(top, parts.next()))
    }

    /// `[domain, model, Session]` → `domain::model`; `[model, Session]` (re-exported) → the same.
    fn unit_of_path(&self, path: &[String]) -> Option<String> {
        let first = path.first()?;
        if self.tops.contains(first) {
            Some(self.unit_in(first, path.get(1).map(String::as_str)))
        } else {
            self.reexports.get(first).cloned()
        }
    }

    fn unit_in(&self, top: &str, next: Option<&str>) -> String {
        match (self.groups.get(top), next) {
            (Some(children), Some(child)) if children.contains(child) => format!("{top}::{child}"),
            _ => top.to_string(),
        }
    }
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

/// The units that `source` names through `crate::`.
fn targets(source: &str, tree: &Tree) -> BTreeSet<String> {
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
        let tree_text = &rest[..rest.find(';').unwrap_or(rest.len())]; // a path never spans a `;`
        out.extend(use_paths(tree_text).iter().filter_map(|(path, _)| tree.unit_of_path(path)));
    }
    out
}
