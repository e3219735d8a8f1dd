//! The shape of the code, checked: the layers of `src/` import only downward, no import
//! cycles between their modules, no source file over [`MAX_LINES`], and the crate's Layout doc
//! names every module.
//!
//! Exceptions are listed below, each with its reason. The lists only shrink: a new cycle
//! or a file growing past its ceiling fails, and so does an entry that is no longer needed, so
//! whoever breaks a cycle or splits a file also deletes its line here. An upward import has no
//! exception list at all.
//!
//! Run alone with `cargo test --test architecture`.

#[path = "architecture/imports.rs"]
mod imports;
#[path = "architecture/rust_text.rs"]
mod rust_text;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use imports::{Graph, SRC};

/// The layers, top to bottom, each with the top-level modules (`src/x.rs`, `src/x/`) in it.
/// A module may import from its own layer (without a cycle) and from any layer below, never
/// from one above. Every top-level module is in exactly one layer.
const LAYERS: &[(&str, &[&str])] = &[
    ("wiring", &["server", "config", "listen", "net", "cli"]),
    ("route", &["http", "ws"]),
    ("service", &["app"]),
    ("writer", &["writer"]),
    ("live", &["live"]),
    ("store", &["store"]),
    ("domain", &["domain"]),
    ("ground", &["limits"]),
];

/// Layer folders that group modules: each public module in one is a node of the cycle check of
/// its own (`domain::model`, `live::hub`), so a cycle inside a layer fails too.
const GROUPS: &[&str] = &["app", "domain", "live"];

/// Import edges (`from`, `to`) allowed to close a cycle, each with why. None today: every
/// edge must leave the graph without cycles. The list stays so that a cycle that cannot be
/// broken at once is written down with its reason rather than hidden; it exempts from the
/// cycle check only, never from the layers' order.
const KNOWN_CYCLE_EDGES: &[(&str, &str, &str)] = &[];

/// Longest source file in `src/`, in lines (the project's habit: split before this).
const MAX_LINES: usize = 350;

/// Files over [`MAX_LINES`] today, with their length now: the ceiling they may not pass;
/// delete the line when the file is split.
const OVERSIZED: &[(&str, usize)] = &[];

/// Data tables, exempt from [`MAX_LINES`]: their length is their content, and splitting a word
/// list in two helps no reader.
const DATA_TABLES: &[&str] = &["src/domain/text/stopwords.rs"];

fn graph() -> Graph {
    Graph::read(&Path::new(env!("CARGO_MANIFEST_DIR")).join(SRC), GROUPS)
}

#[test]
fn layers_import_downward_without_cycles() {
    let graph = graph();
    let mut problems = misplaced(&graph, LAYERS);
    problems.extend(upward_imports(&graph, LAYERS));
    problems.extend(cycles(&graph, KNOWN_CYCLE_EDGES));
    assert!(
        problems.is_empty(),
        "imports between the modules of src/:\n\n{}\n\nA module may import only from its own \
         layer, without a cycle, and from the layers below it (docs/architecture.md).",
        problems.join("\n\n")
    );
}

/// Top-level modules in no layer or in two, and layers that name a module that is not there.
fn misplaced(graph: &Graph, layers: &[(&str, &[&str])]) -> Vec<String> {
    let tops: BTreeSet<String> = graph.units().filter(|u| !u.contains("::")).collect();
    let mut problems = Vec::new();
    for top in &tops {
        let placed: Vec<&str> =
            layers.iter().filter(|(_, ms)| ms.contains(&top.as_str())).map(|(l, _)| *l).collect();
        if placed.len() != 1 {
            problems.push(format!(
                "src/{top} is in {} layers {placed:?} of LAYERS: place it in one",
                placed.len()
            ));
        }
    }
    for (layer, modules) in layers {
        for m in modules.iter().filter(|m| !tops.contains(**m)) {
            problems.push(format!("LAYERS puts {m} in {layer}, but there is no src/{m}: delete it"));
        }
    }
    problems
}

/// Edges from a layer to a layer above it.
fn upward_imports(graph: &Graph, layers: &[(&str, &[&str])]) -> Vec<String> {
    let depth = |unit: &str| layers.iter().position(|(_, ms)| ms.contains(&Graph::top(unit)));
    let mut problems = Vec::new();
    for (from, to) in graph.edges() {
        if let (Some(f), Some(t)) = (depth(from), depth(to))
            && t < f
        {
            problems.push(format!(
                "{from} ({}) imports {to} ({}), a layer above it: {}",
                layers[f].0,
                layers[t].0,
                graph.files(from, to)
            ));
        }
    }
    problems
}

/// Import cycles between units, each once, with the files that close it; and entries of
/// `known` that no longer exist or no longer close a cycle.
fn cycles(graph: &Graph, known_edges: &[(&str, &str, &str)]) -> Vec<String> {
    let known: BTreeSet<(&str, &str)> = known_edges.iter().map(|&(a, b, _)| (a, b)).collect();
    let mut problems = Vec::new();

    for &(from, to, why) in known_edges {
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
        problems.push(format!("import cycle: {}\n{}", cycle.join(" -> "), via.join("\n")));
    }
    problems
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

/// The Layout section of `src/lib.rs` places each module in its layer; a new module gets a place.
#[test]
fn layout_doc_names_every_module() {
    let lib = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    let doc: String = lib.lines().filter_map(|l| l.strip_prefix("//!")).collect::<Vec<_>>().join("\n");
    let layout = doc.split_once("# Layout").map(|(_, rest)| rest).expect("src/lib.rs has a # Layout section");
    let graph = graph();
    // A module in a group is named by its crate-root alias (`[`model`]`) or its path.
    let named = |unit: &str| {
        let leaf = unit.rsplit("::").next().unwrap();
        layout.contains(&format!("[`{leaf}`]")) || layout.contains(&format!("[`{unit}`]"))
    };
    let missing: Vec<String> = graph.units().filter(|u| !named(u)).collect();
    assert!(missing.is_empty(), "src/lib.rs's Layout section does not place these modules: {missing:?}");
}

/// A crate laid out like ours, as (path under `src/`, text) pairs.
fn synthetic(files: &[(&str, &str)]) -> Graph {
    let files: Vec<(String, String)> = files.iter().map(|(p, t)| (p.to_string(), t.to_string())).collect();
    Graph::from_sources(&files, GROUPS)
}

const SYNTHETIC_LIB: &str = "pub mod domain; pub mod live; pub mod store; pub mod http; pub mod ws;\n\
    pub use domain::{model, text};\npub use live::hub;\n";
const SYNTHETIC_DOMAIN: &str = "pub mod model;\npub mod text;\n";

/// The checks can fail: a cycle inside a layer (through a crate-root alias on one side and the
/// full path on the other) is found, and nothing else is reported.
#[test]
fn a_cycle_inside_a_layer_fails() {
    let graph = synthetic(&[
        ("lib.rs", SYNTHETIC_LIB),
        ("domain/mod.rs", SYNTHETIC_DOMAIN),
        ("domain/model.rs", "use crate::text::Words;"),
        ("domain/text/mod.rs", "mod cloud;"),
        ("domain/text/cloud.rs", "fn f(s: &crate::domain::model::Session) {}"),
        ("store/mod.rs", "use crate::model::Session;"),
    ]);
    assert!(upward_imports(&graph, LAYERS).is_empty());
    let found = cycles(&graph, &[]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("import cycle: domain::"), "{found:?}");
    assert!(found[0].contains("domain::text -> domain::model: src/domain/text/cloud.rs"), "{found:?}");
    assert!(found[0].contains("domain::model -> domain::text: src/domain/model.rs"), "{found:?}");
    // Written down as known, the cycle passes; the entry goes stale once the cycle is broken.
    assert!(cycles(&graph, &[("domain::model", "domain::text", "why")]).is_empty());
    let broken =
        synthetic(&[("lib.rs", SYNTHETIC_LIB), ("domain/mod.rs", SYNTHETIC_DOMAIN), ("domain/model.rs", "")]);
    assert_eq!(cycles(&broken, &[("domain::model", "domain::text", "why")]).len(), 1);
}

/// The checks can fail: the domain importing the store, the store the live layer (through a
/// group's re-export), or a top-level module that no layer places.
#[test]
fn an_upward_import_fails() {
    let graph = synthetic(&[
        ("lib.rs", SYNTHETIC_LIB),
        ("domain/mod.rs", SYNTHETIC_DOMAIN),
        ("domain/model.rs", "pub struct Session;\nfn f(s: crate::store::Store) {}"),
        ("live/mod.rs", "pub mod feed;\npub mod hub;\npub use feed::Feed;"),
        ("live/feed.rs", "use crate::{hub::Live, model::Session};"),
        ("live/hub.rs", ""),
        ("store/mod.rs", "use crate::live::Feed;"),
        ("ws/mod.rs", "use crate::live::{feed::Feed, hub};"),
        ("loose.rs", ""),
    ]);
    let up = upward_imports(&graph, LAYERS);
    assert_eq!(up.len(), 2, "{up:?}");
    assert!(up[0].starts_with("domain::model (domain) imports store (store), a layer above it"), "{up:?}");
    assert!(up[1].starts_with("store (store) imports live (live), a layer above it"), "{up:?}");
    assert!(graph.has_edge("live", "live::feed") && graph.has_edge("ws", "live::hub"));
    let misplaced = misplaced(&graph, &[("a", &["domain", "live", "store", "ws"]), ("b", &["ws", "gone"])]);
    assert_eq!(misplaced.len(), 3, "{misplaced:?}");
    assert!(misplaced[0].starts_with("src/loose is in 0 layers"), "{misplaced:?}");
    assert!(misplaced[1].starts_with("src/ws is in 2 layers"), "{misplaced:?}");
    assert!(misplaced[2].starts_with("LAYERS puts gone in b, but there is no src/gone"), "{misplaced:?}");
}

/// The reader itself: groups, comments, strings and re-exports from the crate root.
#[test]
fn the_import_reader_reads_what_rustc_reads() {
    let src = r##"
        use crate::{a::X, b, c::{self, Y}};
        // use crate::d;
        /* crate::d /* nested */ crate::d */
        let s = "crate::d"; let r = r#"crate::d "quoted""#; let q = '"'; let e = '\''; let l: &'static str = "";
        fn f(t: crate::Thing) {}
    "##;
    let lib = "pub mod a; pub mod b; pub mod c; pub mod d; pub mod e; pub mod x;\n\
        #[doc(inline)]\npub use e::{Other, Thing as Thing};";
    let graph = synthetic(&[
        ("lib.rs", lib),
        ("a.rs", ""),
        ("b.rs", ""),
        ("c.rs", ""),
        ("d.rs", ""),
        ("e.rs", ""),
        ("x.rs", src),
    ]);
    let found: BTreeSet<&str> = graph.edges().filter(|(from, _)| *from == "x").map(|(_, to)| to).collect();
    assert_eq!(found, ["a", "b", "c", "e"].into());
    assert_eq!(
        rust_text::use_paths("{a::X, b as B, c::{self, Y}} rest"),
        [
            (vec!["a".into(), "X".into()], None),
            (vec!["b".into()], Some("B".into())),
            (vec!["c".into(), "self".into()], None),
            (vec!["c".into(), "Y".into()], None),
        ]
    );
}
