//! The pages' text fields stop typing where the server's limits stop accepting: a field that
//! allows more than the limit lets a facilitator type a name the server then refuses.
//! Regression: the console's new table and perspective fields allowed 100 characters while a
//! name may have 60 (`MAX_NAME_CHARS`).

use inspel::limits::{
    MAX_CLOSING_TEXT_CHARS, MAX_NAME_CHARS, MAX_PLACE_CHARS, MAX_QUESTION_CHARS, MAX_SERIES_NAME_CHARS,
    MAX_TITLE_CHARS,
};

/// The `maxlength` of the element with `id` in `page` (web/…), or a failure naming it.
fn maxlength(page: &str, id: &str) -> usize {
    let html = std::fs::read_to_string(format!("{}/web/{page}", env!("CARGO_MANIFEST_DIR")))
        .unwrap_or_else(|e| panic!("web/{page}: {e}"));
    let at = html.find(&format!("id=\"{id}\"")).unwrap_or_else(|| panic!("web/{page} has no #{id}"));
    let start = html[..at].rfind('<').expect("a tag opens before the id");
    let tag = &html[start..start + html[start..].find('>').expect("the tag closes")];
    let value = tag
        .split("maxlength=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("#{id} in web/{page} has no maxlength"));
    value.parse().unwrap_or_else(|_| panic!("#{id} in web/{page}: maxlength {value:?}"))
}

#[test]
fn text_fields_allow_what_the_server_takes_and_no_more() {
    let fields = [
        ("facilitator.html", "new-table", MAX_NAME_CHARS),
        ("facilitator.html", "new-perspective", MAX_NAME_CHARS),
        ("facilitator.html", "new-question", MAX_QUESTION_CHARS),
        ("facilitator.html", "closing-text", MAX_CLOSING_TEXT_CHARS),
        ("admin.html", "title", MAX_TITLE_CHARS),
        ("admin.html", "new-series", MAX_SERIES_NAME_CHARS),
        ("admin.html", "new-place", MAX_PLACE_CHARS),
        ("admin.html", "closing-text", MAX_CLOSING_TEXT_CHARS),
    ];
    let wrong: Vec<String> = fields
        .iter()
        .filter(|(page, id, limit)| maxlength(page, id) != *limit)
        .map(|(page, id, limit)| {
            format!("#{id} in web/{page}: maxlength {} but the limit is {limit}", maxlength(page, id))
        })
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
