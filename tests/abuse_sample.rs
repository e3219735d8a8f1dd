//! Evaluation of the abuse filter (`moderation::blocked_word`) against the hand-labelled samples
//! in tests/data/: abuse_sv.json (tuning), abuse_sv_holdout1.json and abuse_sv_holdout2.json
//! (earlier held-out samples, each measured once and tuned on since) and abuse_sv_holdout.json
//! (held out, never tuned on). Run `cargo test --test abuse_sample -- --nocapture` to see the
//! figures (docs/moderation.md).
//!
//! Three kinds of item: abuse (must be held), coarse (swearing aimed at no one: held by design,
//! counted apart) and ordinary (must pass). The false-positive rate is ordinary items held over
//! all ordinary items; the false-negative rate is abuse let through over all abuse.

mod common;

use std::time::Instant;

use common::TestServer;
use inspel::moderation::blocked_word;
use serde_json::{Value, json};

#[derive(serde::Deserialize)]
struct Sample {
    items: Vec<Item>,
}

#[derive(serde::Deserialize)]
struct Item {
    id: String,
    abuse: bool,
    #[serde(default)]
    coarse: bool,
    text: String,
}

/// The tuning sample: the built-in list and its rules were chosen on it.
const SAMPLE: &str = "abuse_sv.json";
/// The earlier held-out samples, each measured once on the rules as then fixed (2/103 and
/// 2/104 false positives, 8/22 and 9/24 false negatives), then tuned on. Kept apart so that
/// their record stays visible.
const HOLDOUT_1: &str = "abuse_sv_holdout1.json";
const HOLDOUT_2: &str = "abuse_sv_holdout2.json";
/// Written after the rules were fixed again and never used to tune them: an honest check.
const HOLDOUT: &str = "abuse_sv_holdout.json";

fn sample(file: &str) -> Vec<Item> {
    let path = format!("{}/tests/data/{file}", env!("CARGO_MANIFEST_DIR"));
    let json = std::fs::read_to_string(path).expect("read the labelled sample");
    serde_json::from_str::<Sample>(&json).expect("parse the labelled sample").items
}

#[derive(Default)]
struct Rates {
    ordinary: usize,
    false_positives: Vec<String>,
    abuse: usize,
    false_negatives: Vec<String>,
    coarse: usize,
    coarse_held: usize,
}

impl Rates {
    fn fp(&self) -> f64 {
        self.false_positives.len() as f64 / self.ordinary as f64
    }

    fn fn_(&self) -> f64 {
        self.false_negatives.len() as f64 / self.abuse as f64
    }
}

fn evaluate(name: &str, items: &[Item]) -> Rates {
    let mut r = Rates::default();
    for it in items {
        assert!(!(it.abuse && it.coarse), "{}: abuse or coarse, not both", it.id);
        let held = blocked_word(&it.text, &[]);
        let line = format!("{} {:?} -> {:?}", it.id, it.text, held);
        if it.abuse {
            r.abuse += 1;
            if held.is_none() {
                r.false_negatives.push(line);
            }
        } else if it.coarse {
            r.coarse += 1;
            r.coarse_held += usize::from(held.is_some());
        } else {
            r.ordinary += 1;
            if held.is_some() {
                r.false_positives.push(line);
            }
        }
    }
    println!(
        "{name}: {} items; false positives {}/{} = {:.1} %; false negatives {}/{} = {:.1} %; \
         coarse held {}/{}",
        items.len(),
        r.false_positives.len(),
        r.ordinary,
        100.0 * r.fp(),
        r.false_negatives.len(),
        r.abuse,
        100.0 * r.fn_(),
        r.coarse_held,
        r.coarse,
    );
    for l in &r.false_positives {
        println!("  held, but ordinary: {l}");
    }
    for l in &r.false_negatives {
        println!("  let through, but abuse: {l}");
    }
    r
}

#[test]
fn samples_are_large_enough_and_well_formed() {
    let tuning = sample(SAMPLE);
    let first = sample(HOLDOUT_1);
    let second = sample(HOLDOUT_2);
    let holdout = sample(HOLDOUT);
    assert!(tuning.len() >= 200, "tuning sample: {}", tuning.len());
    // At least 100 ordinary items, so that one false positive is within 1 %.
    assert!(holdout.len() >= 120, "held-out sample: {}", holdout.len());
    let mut ids = std::collections::HashSet::new();
    for it in tuning.iter().chain(&first).chain(&second).chain(&holdout) {
        assert!(ids.insert(it.id.as_str()), "duplicate id {}", it.id);
        assert!(!it.text.trim().is_empty(), "{}", it.id);
    }
    // Most contributions are ordinary, as at a real meeting.
    for items in [&tuning, &first, &second, &holdout] {
        let ordinary = items.iter().filter(|i| !i.abuse && !i.coarse).count();
        assert!(ordinary * 3 >= items.len() * 2, "{ordinary} of {}", items.len());
    }
}

#[test]
fn false_positives_on_the_tuning_samples_are_at_most_one_percent() {
    let r = evaluate("tuning", &sample(SAMPLE));
    assert!(r.fp() <= 0.01, "false-positive rate {:.3}", r.fp());
    assert!(r.fn_() <= 0.10, "false-negative rate {:.3}", r.fn_());
    // Tuned on only for what they showed; most of their misses are hate said without a listed
    // word, which no list catches.
    for (name, file) in
        [("first held-out, since tuned on", HOLDOUT_1), ("second held-out, since tuned on", HOLDOUT_2)]
    {
        let r = evaluate(name, &sample(file));
        assert!(r.fp() <= 0.01, "{name}: false-positive rate {:.3}", r.fp());
        assert!(r.fn_() <= 0.30, "{name}: false-negative rate {:.3}", r.fn_());
    }
}

#[test]
fn false_positives_on_the_held_out_sample_are_at_most_one_percent() {
    let r = evaluate("held-out", &sample(HOLDOUT));
    assert!(r.fp() <= 0.01, "false-positive rate {:.3}", r.fp());
    // Reported, not tuned: 5/26 when first measured, hate said in ordinary words and threats
    // no list foresaw (docs/moderation.md). The bound only guards against a large regression.
    assert!(r.fn_() <= 0.25, "false-negative rate {:.3}", r.fn_());
}

/// Issue 10: a place name and a word a group uses of itself were held.
#[test]
fn the_issue_10_examples_pass() {
    for text in [
        "Vi i Fittja…",
        "Vi i Fittja vill ha en fritidsgård som har öppet efter tio",
        "Unga bögar och transpersoner mår sämre",
    ] {
        assert_eq!(blocked_word(text, &[]), None, "{text:?}");
    }
}

/// The same through a real server: the place name and the group's own word reach the wall at
/// once, while the same word aimed at someone waits for the facilitator.
#[tokio::test]
async fn the_issue_10_examples_reach_the_wall() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let mut passed = Vec::new();
    for text in ["Vi i Fittja…", "Unga bögar och transpersoner mår sämre"] {
        let c = server.add(&session, "q1", text).await;
        assert_eq!((&c["pending"], &c["flagged"]), (&json!(false), &Value::Null), "{text}: {c}");
        passed.push(c["id"].as_str().expect("id").to_string());
    }
    let held = server.add(&session, "q1", "Din jävla bög").await;
    assert_eq!((&held["pending"], &held["flagged"]), (&json!(true), &json!("jävla")), "{held}");
    assert_eq!(server.stored_ids(&session).await, passed, "the held one waits, the others show");
}

/// The filter runs on every submit. Printed, not asserted: the machine is shared.
#[test]
fn the_filter_is_fast() {
    let items = sample(SAMPLE);
    let words: Vec<String> = ["bluffmakare", "kommunalrådet x", "snus"].map(String::from).to_vec();
    let rounds = 200;
    let t0 = Instant::now();
    let mut held = 0;
    for _ in 0..rounds {
        for it in &items {
            held += usize::from(blocked_word(&it.text, &words).is_some());
        }
    }
    let calls = rounds * items.len();
    let per_call = t0.elapsed() / calls as u32;
    println!("{calls} calls, {held} held, {per_call:?} per call (with three session words)");
    // The longest contribution allowed, all ordinary words.
    let line = "Fler fritidsgårdar på landsbygden och i Fittja. ";
    let long = line.repeat(inspel::limits::MAX_CONTRIBUTION_CHARS / line.chars().count());
    let t0 = Instant::now();
    for _ in 0..100 {
        assert_eq!(blocked_word(&long, &words), None);
    }
    println!("{} characters: {:?} per call", long.chars().count(), t0.elapsed() / 100);
}
