//! Defects issue, items 7 and 8: text that looks empty or lies (invisible-only cards,
//! direction overrides, filter evasion), and the Markdown export as a channel for live links
//! and block markup. Everything over real HTTP against the real server.

mod common;

use common::*;
use serde_json::{Value, json};

const RLO: char = '\u{202E}';

/// Texts that show nothing on a phone or a wall.
const INVISIBLE: &[&str] = &[
    "\u{200B}",
    "\u{2060}\u{2060}",
    "\u{FEFF}",
    "\u{3164}",
    "\u{115F}\u{1160}\u{FFA0}",
    "\u{2800}",
    "\u{00AD}",
    "\u{202E}\u{2066}",
    " \u{200B} \u{3000}\n\u{200D}\u{FE0F}",
];

#[tokio::test]
async fn invisible_only_texts_are_refused_as_empty_and_nothing_is_stored() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let code = session["code"].as_str().unwrap();
    for text in INVISIBLE {
        let (status, body) =
            server.contribute(code, json!({"id": uuid(), "question_id": "q1", "text": text})).await;
        assert_eq!(status, 422, "{text:?}: {body}");
        assert_error(&body, "text_empty");
    }
    // Over the phone websocket too.
    let mut phone = server.phone(&session, "blank-phone").await;
    next_of(&mut phone, "hello").await;
    send_json(&mut phone, &submit_msg(&uuid(), "q1", "\u{200B}\u{3164}")).await;
    let answer = next_of(&mut phone, "error").await;
    assert_eq!(answer["code"], "text_empty", "{answer}");

    let (status, export) = server.facilitate(&session, "GET", "/export.json?include_hidden=true", None).await;
    assert_eq!(status, 200);
    assert_eq!(export["contributions"], json!([]), "nothing stored, not even hidden: {export}");

    // Titles, questions and theme names are refused the same way.
    let before = server.sessions().await.len();
    for body in [
        json!({"title": "\u{200B}\u{FEFF}", "questions": ["Q"]}),
        json!({"title": "T", "questions": ["\u{3164}"]}),
    ] {
        let (status, err) = server.call("POST", "/api/sessions", Some(ADMIN), Some(&body)).await;
        assert_eq!(status, 422, "{body}: {err}");
        assert_error(&err, "field_empty");
    }
    assert_eq!(server.sessions().await.len(), before, "no session created");
    let (status, err) =
        server.facilitate(&session, "POST", "/themes", Some(json!({"name": "\u{2060}\u{00AD}"}))).await;
    assert_eq!(status, 422, "{err}");
    assert_error(&err, "field_empty");
}

#[tokio::test]
async fn direction_overrides_are_stripped_and_emoji_survive() {
    let server = TestServer::start().await;
    let session = server
        .create_session(json!({
            "title": format!("Möte {RLO}gol\u{202C} i \u{2067}Malmö\u{2069}"),
            "questions": [format!("Vad tycker du{RLO}?"), "Andra"],
            "tables": [format!("Bord {RLO}1")],
            "perspectives": [format!("\u{202B}Unga\u{202C}")]
        }))
        .await;
    assert_eq!(session["title"], "Möte gol i Malmö", "{session}");
    let family = "Familjen 👨\u{200D}👩\u{200D}👧 och Skottland 🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}";
    let rtl = "שלום och مرحبا";
    let code = session["code"].as_str().unwrap();
    let mut stored = Vec::new();
    for (text, table) in [
        (format!("Bra {RLO}gnirts\u{202D} förslag\u{200B}"), Some("Bord 1")),
        (family.to_string(), None),
        (rtl.to_string(), None),
    ] {
        let body =
            json!({"id": uuid(), "question_id": "q1", "text": text, "table": table, "perspective": "Unga"});
        let (status, c) = server.contribute(code, body).await;
        assert_eq!(status, 201, "{c}");
        stored.push(c);
    }
    assert_eq!(stored[0]["text"], "Bra gnirts förslag");
    assert_eq!(stored[1]["text"], family, "ZWJ sequences and flag tags are kept");
    assert_eq!(stored[2]["text"], rtl, "right-to-left letters are text, not controls");
    let (status, theme) = server
        .facilitate(
            &session,
            "POST",
            "/themes",
            Some(json!({"name": format!("{RLO}Tid\u{2066}"), "question_id": "q1"})),
        )
        .await;
    assert_eq!(status, 201, "{theme}");
    assert_eq!(theme["name"], "Tid");

    let export = server.export(&session).await;
    assert_eq!(export["title"], "Möte gol i Malmö");
    assert_eq!(export["questions"][0]["text"], "Vad tycker du?");
    let rows = export["contributions"].as_array().unwrap();
    assert_eq!(rows[0]["text"], "Bra gnirts förslag");
    assert_eq!(rows[0]["table"], "Bord 1");
    assert_eq!(rows[0]["perspective"], "Unga");
    assert_eq!(rows[1]["text"], family);
    let all = export.to_string();
    for c in ['\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2069}']
    {
        assert!(!all.contains(c), "U+{:04X} left in the export: {all}", c as u32);
    }
}

#[tokio::test]
async fn evasions_of_the_abuse_filter_are_held_like_the_plain_word() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let words = json!({"blocked_words": ["bluffmakare"]});
    assert_eq!(server.facilitate(&session, "PUT", "/moderation", Some(words)).await.0, 200);
    let cases = [
        ("Din fitta", "fitt"),
        ("Din fi\u{200B}tta", "fitt"),
        ("Din fi\u{00AD}tta", "fitt"),
        ("Din ｆｉｔｔａ", "fitt"),
        // Cyrillic і and о.
        ("Vilka іdіоter", "idiot"),
        // Greek capitals.
        ("ΙDΙΟΤ", "idiot"),
        ("Politikerna är BLUFFMAKARE", "bluffmakare"),
        ("Politikerna är blu\u{2060}ffmaka\u{200B}re", "bluffmakare"),
        ("Politikerna är ｂｌｕｆｆｍａｋａｒｅ", "bluffmakare"),
        ("Politikerna är вluffmаkаre", "bluffmakare"),
    ];
    let mut held = Vec::new();
    for (text, word) in cases {
        let c = server.add(&session, "q1", text).await;
        assert_eq!((&c["pending"], &c["flagged"]), (&json!(true), &json!(word)), "{text:?}: {c}");
        held.push(c["id"].clone());
    }
    let ok = server.add(&session, "q1", "Fantastiskt förslag").await;
    assert_eq!((&ok["pending"], &ok["flagged"]), (&json!(false), &Value::Null));

    let (status, queue) = server.facilitate(&session, "GET", "/contributions?status=pending", None).await;
    assert_eq!(status, 200);
    let queued: Vec<Value> = queue.as_array().unwrap().iter().map(|c| c["id"].clone()).collect();
    assert_eq!(queued, held, "every evasion waits in the facilitator's queue");
    assert_eq!(server.stored_ids(&session).await, vec![ok["id"].as_str().unwrap().to_string()]);
}

// ---- Item 8: the Markdown export. ----

/// `line` with its code spans taken out, read by the CommonMark rules (a backslash escapes the
/// next character; a run of n backticks opens a span closed by the next run of exactly n),
/// written here independently of src/.
fn outside_code_spans(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let run = |at: usize| chars[at..].iter().take_while(|c| **c == '`').count();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '\\' if i + 1 < chars.len() => {
                out.push(chars[i + 1]);
                i += 2;
            }
            '`' => {
                let n = run(i);
                let mut j = i + n;
                let mut close = None;
                while j < chars.len() {
                    if chars[j] == '`' {
                        let m = run(j);
                        if m == n {
                            close = Some(j + m);
                            break;
                        }
                        j += m;
                    } else {
                        j += 1;
                    }
                }
                match close {
                    Some(end) => i = end,
                    None => {
                        out.extend(&chars[i..i + n]);
                        i += n;
                    }
                }
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// Whether text outside code spans still holds something the GFM autolink extension links.
fn autolinkable(text: &str) -> bool {
    text.split_whitespace().any(|w| {
        let w = w.to_ascii_lowercase();
        w.contains("://") || w.contains("www.") || w.find('@').is_some_and(|at| w[at..].contains('.'))
    })
}

/// Whether a line (inside a list item, its two-space indent removed) would open a block.
fn opens_block(rest: &str) -> bool {
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    let marker =
        |m: &str| rest.starts_with(&format!("{m} ")) || rest.starts_with(&format!("{m}\t")) || rest == m;
    ["-", "+", "*", ">", "#"].iter().any(|m| marker(m))
        || (digits > 0 && rest[digits..].starts_with(['.', ')']))
        || rest.starts_with("```")
        || rest.starts_with("~~~")
        || rest.starts_with("    ")
        || rest.starts_with('\t')
        || rest.starts_with('<')
        || (!rest.is_empty() && rest.chars().all(|c| matches!(c, '-' | '=' | '*' | '_' | ' ' | '\t')))
}

const LINKS: &str = "Läs https://evil.example/login?x=1 och www.evil.example eller mejla chef@evil.example";
const BLOCKS: &str = "Rad ett\n- falsk punkt\n---\n```\nkod\n```\n> citat\n    indraget\n1.\tnumrerad\n-\ttab\n+\ttab\n*\ttab\n===";
const SNEAKY: &str =
    "Kort www.evil.example/`x` och HTTP://EVIL.EXAMPLE och https&#58;//evil.example &#119;ww.evil.example";

#[tokio::test]
async fn markdown_export_has_no_live_links_and_one_line_per_card_and_result() {
    let server = TestServer::start().await;
    let session = server
        .create_session(json!({
            "title": "Möte om https://evil.example",
            "questions": ["Vad tycker du om www.evil.example?", "Andra"],
            "tables": ["Bord 1"]
        }))
        .await;
    for text in [LINKS, BLOCKS, SNEAKY, "-\tEn vanlig kommentar"] {
        server.add(&session, "q1", text).await;
    }
    for name in ["Se www.evil.example", "Mejl: a@evil.example\n- lista"] {
        let (status, t) = server
            .facilitate(&session, "POST", "/themes", Some(json!({"name": name, "question_id": "q1"})))
            .await;
        assert_eq!(status, 201, "{t}");
    }
    let mut votes = Vec::new();
    for target in ["contributions", "themes"] {
        let (status, vote) = server
            .facilitate(&session, "POST", "/votes", Some(json!({"question_id": "q1", "target": target})))
            .await;
        assert_eq!(status, 201, "{vote}");
        votes.push(vote);
    }
    // One dot on the card with the block markup, so the results are not all zero.
    let (code, vote_id, item) = (
        session["code"].as_str().unwrap(),
        votes[0]["id"].as_str().unwrap(),
        votes[0]["items"][1]["id"].clone(),
    );
    let (status, body) = server
        .call(
            "POST",
            &format!("/api/join/{code}/votes/{vote_id}"),
            None,
            Some(&json!({"item_id": item, "dots": 1, "participant_id": "dot-phone"})),
        )
        .await;
    assert_eq!(status, 200, "{body}");

    let id = session["id"].as_str().unwrap();
    let resp = server
        .http
        .get(server.url(&format!("/api/sessions/{id}/export.md")))
        .bearer_auth(session["secretary_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let md = resp.text().await.unwrap();

    for (n, line) in md.lines().enumerate() {
        let plain = outside_code_spans(line);
        assert!(!autolinkable(&plain), "line {n} links itself outside code spans: {line:?}\n{md}");
    }
    let lines: Vec<&str> = md.lines().collect();
    let heading = |prefix: &str| {
        lines.iter().position(|l| l.starts_with(prefix)).unwrap_or_else(|| panic!("no {prefix:?} in\n{md}"))
    };
    // Each card is one bullet; its further lines are continuation lines that open nothing.
    let (q1, q2) = (heading("## Vad tycker du om"), heading("## Andra"));
    let section = &lines[q1 + 1..q2];
    let bullets = section.iter().filter(|l| l.starts_with("- ")).count();
    assert_eq!(bullets, 4, "one bullet per card:\n{md}");
    for l in section.iter().filter(|l| !l.is_empty() && !l.starts_with("- ")) {
        let rest = l.strip_prefix("  ").unwrap_or_else(|| panic!("not a continuation line: {l:?}\n{md}"));
        assert!(!opens_block(rest), "{l:?} opens a block\n{md}");
    }
    for l in section.iter().filter_map(|l| l.strip_prefix("- ")) {
        assert!(!opens_block(l), "a bullet's text opens a block: {l:?}\n{md}");
    }
    // Each vote section: exactly one line per result item, each a plain "- n ● label".
    let mut at = 0;
    for vote in &votes {
        let start =
            at + lines[at..].iter().position(|l| l.starts_with("## Prickröstning")).expect("vote heading");
        let body: Vec<&str> = lines[start + 2..].iter().take_while(|l| !l.is_empty()).copied().collect();
        let items = vote["items"].as_array().unwrap().len();
        assert_eq!(body.len(), items, "one line per result item:\n{md}");
        for l in &body {
            let (dots, label) =
                l.strip_prefix("- ").and_then(|r| r.split_once(" ● ")).unwrap_or_else(|| panic!("{l:?}"));
            assert!(dots.parse::<u32>().is_ok(), "{l:?}");
            assert!(!opens_block(label), "{l:?}");
        }
        at = start + 1;
    }
    assert!(
        md.contains("- 1 ● Rad ett - falsk punkt --- \\`\\`\\` kod"),
        "the multi-line label is folded:\n{md}"
    );

    render_with_cmark_gfm(&md, 4 + 4 + 2).await;
}

/// When `cmark-gfm` is installed, renders `md` with every GFM extension and checks the HTML has
/// no link, rule, code block, quote, sub-heading or nested list, and exactly `items` list items.
/// Skipped with a message otherwise (the checks above do not depend on it).
async fn render_with_cmark_gfm(md: &str, items: usize) {
    use tokio::io::AsyncWriteExt;
    let child = tokio::process::Command::new("cmark-gfm")
        .args(["-e", "autolink", "-e", "table", "-e", "strikethrough", "-e", "tasklist", "-e", "tagfilter"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn();
    let Ok(mut child) = child else {
        eprintln!("cmark-gfm not installed: skipping the check with a real GFM renderer");
        return;
    };
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(md.as_bytes()).await.expect("write to cmark-gfm");
    drop(stdin);
    let out =
        tokio::time::timeout(WAIT, child.wait_with_output()).await.expect("cmark-gfm in time").expect("run");
    assert!(out.status.success(), "cmark-gfm failed");
    let html = String::from_utf8(out.stdout).expect("utf-8");
    for tag in ["<a ", "<hr", "<pre", "<code class", "<blockquote", "<h3", "<ol", "<table", "<del", "<input"]
    {
        assert!(!html.contains(tag), "{tag} in the rendered export:\n{html}");
    }
    assert_eq!(html.matches("<li>").count(), items, "list items in:\n{html}");
    assert_eq!(html.matches("<ul>").count(), 3, "one list per section, none nested:\n{html}");
    assert!(html.contains("<code>https://evil.example/login?x=1</code>"), "{html}");
}
