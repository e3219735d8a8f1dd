//! The shape of the code, checked: no new import cycles between the top-level modules of
//! `src/`, no source file over [`MAX_LINES`], and the crate's Layout doc names every module.
//!
//! Exceptions are listed below, each with its reason. The lists only shrink: a new cycle
//! or a file growing past its ceiling fails, and so does an entry that is no longer needed, so
//! whoever breaks a cycle or splits a file also deletes its line here.
//!
//! Run alone with `cargo test --test architecture`.

#[path = "architecture/imports.rs"]
mod imports;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use imports::{Graph, SRC};

/// Import edges (`from`, `to`) allowed to close a cycle, each with why. None today: every
/// edge must leave the graph without cycles. The list stays so that a cycle that cannot be
/// broken at once is written down with its reason rather than hidden.
const KNOWN_CYCLE_EDGES: &[(&str, &str, &str)] = &[];

/// Longest source file in `src/`, in lines (the project's habit: split before this).
const MAX_LINES: usize = 350;

/// Files over [`MAX_LINES`] today, with their length now: the ceiling they may not pass;
/// delete the line when the file is split.
const OVERSIZED: &[(&str, usize)] = &[];

/// Data tables, exempt from [`MAX_LINES`]: their length is their content, and splitting a word
/// list in two helps no reader.
const DATA_TABLES: &[&str] = &["src/text/stopwords.rs"];

fn graph() -> Graph {
    Graph::read(&Path::new(env!("CARGO_MANIFEST_DIR")).join(SRC))
}

#[test]
fn no_new_import_cycles() {
    let graph = graph();
    let known: BTreeSet<(&str, &str)> = KNOWN_CYCLE_EDGES.iter().map(|&(a, b, _)| (a, b)).collect();
    let mut problems = Vec::new();

    for &(from, to, why) in KNOWN_CYCLE_EDGES {
        if !graph.has_edge(from, to) {
            problems
                .push(format!("{from} -> {to} ({why}) no longer exists: delete it from KNOWN_CYCLE_EDGES"));
        } else if graph.path(to, from, &BTreeSet::new()).is_none() {
            problems.push(format!(
                "{from} -> {to} ({why}) no longer closes a cycle: delete it from KNOWN_CYCLE_EDGES"
            ));
        }
    }

    let mut seen_cycles = BTreeSet::new();
    for (from, to) in graph.edges() {
        if known.contains(&(from, to)) {
            continue;
        }
        let Some(back) = graph.path(to, from, &known) else { continue };
        // `back` runs from `to` round to `from`: the cycle is `from`, then `back`.
        let cycle: Vec<String> = std::iter::once(from.to_string()).chain(back).collect();
        if !seen_cycles.insert(cycle.iter().cloned().collect::<BTreeSet<_>>()) {
            continue;
        }
        let via: Vec<String> = cycle
            .windows(2)
            .map(|w| format!("  {} -> {}: {}", w[0], w[1], graph.files(&w[0], &w[1])))
            .collect();
        problems.push(format!("new import cycle: {}\n{}", cycle.join(" -> "), via.join("\n")));
    }

    assert!(
        problems.is_empty(),
        "imports between the top-level modules of src/:\n\n{}\n\nA module may import only from \
         layers below it (docs/architecture.md).",
        problems.join("\n\n")
    );
}

#[test]
fn no_source_file_over_the_limit() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let ceilings: BTreeMap<&str, usize> = OVERSIZED.iter().copied().collect();
    let mut problems = Vec::new();
    let mut files = Vec::new();
    imports::rust_files(&root.join(SRC), &mut files);
    for path in &files {
        let rel = imports::slash_path(path.strip_prefix(root).unwrap());
        if DATA_TABLES.contains(&rel.as_str()) {
            continue;
        }
        let lines = std::fs::read_to_string(path).unwrap().lines().count();
        match ceilings.get(rel.as_str()) {
            Some(&ceiling) if lines > ceiling => problems.push(format!(
                "{rel} grew to {lines} lines (its ceiling is {ceiling}): split it rather than raise the ceiling"
            )),
            Some(_) if lines <= MAX_LINES => problems.push(format!(
                "{rel} is down to {lines} lines: delete it from OVERSIZED"
            )),
            Some(_) => {}
            None if lines > MAX_LINES => {
                problems.push(format!("{rel} has {lines} lines, over {MAX_LINES}: split it"))
            }
            None => {}
        }
    }
    for rel in OVERSIZED.iter().map(|(f, _)| f).chain(DATA_TABLES) {
        if !root.join(rel).is_file() {
            problems.push(format!("{rel} is listed but no longer exists: delete its line"));
        }
    }
    assert!(problems.is_empty(), "source file sizes:\n{}", problems.join("\n"));
}

/// The Layout section of `src/lib.rs` maps each module to its layer; a new module gets a place.
#[test]
fn layout_doc_names_every_module() {
    let lib = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    let doc: String = lib.lines().filter_map(|l| l.strip_prefix("//!")).collect::<Vec<_>>().join("\n");
    let layout = doc.split_once("# Layout").map(|(_, rest)| rest).expect("src/lib.rs has a # Layout section");
    let graph = graph();
    let missing: Vec<&str> = graph.modules().filter(|m| !layout.contains(&format!("[`{m}`]"))).collect();
    assert!(missing.is_empty(), "src/lib.rs's Layout section does not place these modules: {missing:?}");
}

/// The reader itself: groups, comments, strings and re-exports from the crate root.
#[test]
fn the_import_reader_reads_what_rustc_reads() {
    let modules: BTreeSet<String> = ["a", "b", "c", "d", "e"].map(String::from).into();
    let reexports = BTreeMap::from([("Thing".to_string(), "e".to_string())]);
    let src = r##"
        use crate::{a::X, b, c::{self, Y}};
        // use crate::d;
        /* crate::d /* nested */ crate::d */
        let s = "crate::d"; let r = r#"crate::d "quoted""#; let q = '"'; let e = '\''; let l: &'static str = "";
        fn f(t: crate::Thing) {}
    "##;
    let found = imports::targets(src, &modules, &reexports);
    assert_eq!(found, ["a", "b", "c", "e"].map(String::from).into());
}
