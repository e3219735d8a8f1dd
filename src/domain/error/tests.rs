//! Every error a call site can build has its sentence in every language, with the placeholders
//! the call site fills; and no language keeps a sentence nothing builds. The call sites are read
//! from the source: each `Problem::of("code")` with its `.variant(…)` and `.with("name", …)`.
//! (That each `validate::Field` has its variants is checked in `validate`'s tests.)

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::texts::{self, Dict, PREFIX, key, placeholders};

/// One `Problem::of(…)` in the source.
#[derive(Debug, Clone)]
struct Site {
    at: String,
    code: String,
    /// `None`: no variant; `Some(None)`: a variant not written as a literal.
    variant: Option<Option<String>>,
    names: BTreeSet<String>,
}

/// The rest of `s` after a string literal that starts it, and the literal's text.
fn literal(s: &str) -> Option<(&str, &str)> {
    let s = s.trim_start().strip_prefix('"')?;
    let end = s.find('"')?;
    Some((&s[..end], &s[end + 1..]))
}

/// The rest of `s` after the `)` that closes a call whose `(` came just before `s`.
fn after_call(s: &str) -> &str {
    let (mut depth, mut in_str, mut escaped) = (0usize, false, false);
    for (i, c) in s.char_indices() {
        match (in_str, c) {
            (true, _) if escaped => escaped = false,
            (true, '\\') => escaped = true,
            (true, '"') => in_str = false,
            (true, _) => {}
            (false, '"') => in_str = true,
            (false, '(') => depth += 1,
            (false, ')') if depth == 0 => return &s[i + 1..],
            (false, ')') => depth -= 1,
            _ => {}
        }
    }
    ""
}

/// The call sites in one file's `source`; a code not given as a literal is a problem.
fn sites_in(at: &str, source: &str, problems: &mut Vec<String>) -> Vec<Site> {
    let mut out = Vec::new();
    for (line, chunk) in source.match_indices("Problem::of(").map(|(i, _)| (source[..i].lines().count(), i)) {
        let rest = &source[chunk + "Problem::of(".len()..];
        let at = format!("{at}:{line}");
        let Some((code, rest)) = literal(rest) else {
            problems.push(format!("{at}: Problem::of takes the code as a literal"));
            continue;
        };
        let mut site = Site { at, code: code.to_string(), variant: None, names: BTreeSet::new() };
        let mut rest = rest.trim_start().strip_prefix(')').unwrap_or(rest);
        loop {
            rest = rest.trim_start();
            if let Some(args) = rest.strip_prefix(".variant(") {
                site.variant = Some(literal(args).map(|(v, _)| v.to_string()));
                rest = after_call(args);
            } else if let Some(args) = rest.strip_prefix(".with(") {
                match literal(args) {
                    Some((name, _)) => {
                        site.names.insert(name.to_string());
                    }
                    None => {
                        problems.push(format!("{}: .with takes the placeholder's name as a literal", site.at))
                    }
                }
                rest = after_call(args);
            } else {
                break;
            }
        }
        out.push(site);
    }
    out
}

/// Every call site under `dir`, but this file (its examples are not call sites).
fn sites(dir: &Path, problems: &mut Vec<String>) -> Vec<Site> {
    let mut out = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            out.extend(sites(&path, problems));
        } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("error/tests.rs") {
            let source = std::fs::read_to_string(&path).unwrap();
            out.extend(sites_in(&path.display().to_string(), &source, problems));
        }
    }
    out
}

fn names(text: &str) -> BTreeSet<String> {
    placeholders(text).into_iter().map(str::to_string).collect()
}

/// What is wrong between the call sites and the dictionaries, one line each.
fn disagreements(sites: &[Site], dicts: &BTreeMap<&str, &Dict>) -> Vec<String> {
    let mut problems = Vec::new();
    // Each key a call site can render, with the names every site that renders it gives.
    let mut wanted: BTreeMap<String, Vec<&Site>> = BTreeMap::new();
    for site in sites {
        wanted.entry(key(&site.code, None)).or_default();
        let variants = match &site.variant {
            None => vec![None],
            Some(Some(v)) => vec![Some(v.clone())],
            // A variant from a value (a `validate::Field`'s key): every variant the files have
            // for the code is the site's; `validate`'s tests check each field has its own.
            Some(None) => {
                let stem = format!("{}.", key(&site.code, None));
                let found: BTreeSet<&str> =
                    dicts.values().flat_map(|d| d.keys()).filter_map(|k| k.strip_prefix(&stem)).collect();
                if found.is_empty() {
                    problems.push(format!("{}: {} takes a variant, but has none", site.at, site.code));
                    continue;
                }
                found.into_iter().map(|v| Some(v.to_string())).collect()
            }
        };
        for v in variants {
            wanted.entry(key(&site.code, v.as_deref())).or_default().push(site);
        }
    }
    for (lang, dict) in dicts {
        for (k, users) in &wanted {
            let Some(text) = dict.get(k) else {
                problems.push(format!("{lang}.json lacks {k:?}"));
                continue;
            };
            let shown = names(text);
            for site in users {
                if shown != site.names {
                    problems.push(format!(
                        "{}: {lang}.json {k:?} shows {shown:?}, the call site gives {:?}",
                        site.at, site.names
                    ));
                }
            }
            // A code's own sentence, shown when its variant's is missing and read by the pages,
            // may use only what every call site of the code gives.
            if users.is_empty() {
                let code = &k[PREFIX.len()..];
                for site in sites.iter().filter(|s| s.code == code) {
                    let missing: Vec<_> = shown.difference(&site.names).collect();
                    if !missing.is_empty() {
                        problems.push(format!("{}: {lang}.json {k:?} shows {missing:?}, not given", site.at));
                    }
                }
            }
        }
        for k in dict.keys().filter(|k| !wanted.contains_key(*k)) {
            problems.push(format!("{lang}.json has {k:?}, which no call site builds"));
        }
    }
    problems.sort();
    problems.dedup();
    problems
}

fn dicts() -> BTreeMap<&'static str, &'static Dict> {
    BTreeMap::from([("sv", &*texts::SV), ("en", &*texts::EN)])
}

#[test]
fn every_error_has_its_words_in_every_language_and_no_more() {
    let mut problems = Vec::new();
    let sites = sites(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut problems);
    assert!(sites.len() > 50, "found only {} call sites", sites.len());
    problems.extend(disagreements(&sites, &dicts()));
    assert!(problems.is_empty(), "error texts and call sites disagree:\n{}", problems.join("\n"));
}

/// The checks above can fail: a key left out, a placeholder nobody fills, a sentence nothing
/// builds, a variant they cannot see and a code that is not a literal are all reported.
#[test]
fn the_check_reports_what_is_wrong() {
    let mut problems = Vec::new();
    let source = r#"
        let a = Problem::of("text_too_long").with("n", n).with("max", MAX);
        let b = Problem::of("bad_max").with("limit", 3);
        let c = Problem::of("question_closed").variant(kind.key());
        let d = Problem::of(code);
    "#;
    let sites = sites_in("x.rs", source, &mut problems);
    assert_eq!(problems, ["x.rs:5: Problem::of takes the code as a literal"]);
    assert_eq!(sites.len(), 3);
    assert_eq!(sites[0].names, BTreeSet::from(["max".to_string(), "n".to_string()]));

    let mut sv: Dict = texts::SV.clone();
    sv.remove("problem.text_too_long");
    let found = disagreements(&sites, &BTreeMap::from([("sv", &sv)]));
    let has = |part: &str| found.iter().any(|p| p.contains(part));
    assert!(has(r#"sv.json lacks "problem.text_too_long""#), "{found:#?}");
    assert!(
        has(r#"x.rs:3: sv.json "problem.bad_max" shows {"max"}, the call site gives {"limit"}"#),
        "{found:#?}"
    );
    assert!(has("x.rs:4: question_closed takes a variant, but has none"), "{found:#?}");
    assert!(has(r#"sv.json has "problem.unauthorized", which no call site builds"#), "{found:#?}");
}

#[test]
fn a_problem_is_told_in_both_languages_with_its_values() {
    let p = super::Problem::of("text_too_long").with("n", 3000).with("max", 2000);
    assert_eq!(p.en(), "The text is 3000 characters; at most 2000 are allowed.");
    assert_eq!(p.sv(), "Texten har 3000 tecken; högst 2000 får plats.");
    // A variant the dictionary lacks falls back to the code's own sentence, a code it lacks
    // to the code itself.
    let p = super::Problem::of("field_empty").variant("nonesuch");
    assert_eq!(p.sv(), "Fältet är tomt.");
    assert_eq!(super::Problem::of("nonesuch").en(), "nonesuch");
}

#[test]
fn placeholders_are_filled_once_and_braces_in_values_stay() {
    let args = [("name", "{max}".to_string()), ("max", "3".to_string())];
    assert_eq!(texts::fill("\"{name}\" {max} {other} {", &args), "\"{max}\" 3 {other} {");
}
