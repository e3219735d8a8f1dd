use super::*;

#[test]
fn text_is_trimmed_and_nfc() {
    // "e" + combining acute accent becomes the single character "é".
    assert_eq!(contribution_text("  cafe\u{301}  ").unwrap(), "caf\u{e9}");
}

#[test]
fn empty_and_whitespace_text_is_refused() {
    assert!(contribution_text("   \n\t ").is_err());
}

#[test]
fn limit_counts_characters_not_bytes() {
    let at_limit = "å".repeat(MAX_CONTRIBUTION_CHARS);
    assert!(contribution_text(&at_limit).is_ok());
    assert!(contribution_text(&format!("{at_limit}å")).is_err());
}

#[test]
fn control_characters_are_removed() {
    assert_eq!(contribution_text("a\u{0}b\u{7}c\r\nd").unwrap(), "abc\nd");
}

#[test]
fn uuid_is_canonicalised() {
    let id = contribution_id("6F9619FF-8B86-D011-B42D-00C04FC964FF").unwrap();
    assert_eq!(id, "6f9619ff-8b86-d011-b42d-00c04fc964ff");
    assert!(contribution_id("not-a-uuid").is_err());
}

#[test]
fn lists_refuse_duplicates() {
    let v = vec!["Bord 1".to_string(), " Bord 1 ".to_string()];
    assert!(list(&v, Field::Table, 10, 60).is_err());
}

#[test]
fn invisible_only_text_is_refused_as_empty() {
    let blanks = [
        "\u{200B}",
        "\u{2060}\u{2060}",
        "\u{FEFF}",
        "\u{3164}",
        "\u{115F}\u{1160}\u{FFA0}",
        "\u{2800}\u{2800}",
        "\u{00AD}",
        "\u{200D}",
        "\u{202E}",
        " \u{200B}\n\u{FE0F}\u{3000}\u{180E}",
    ];
    for raw in blanks {
        let err = contribution_text(raw).expect_err(raw);
        assert!(matches!(&err, AppError::Invalid(p) if p.code == "text_empty"), "{raw:?}: {err:?}");
        let err = line(raw, Field::Title, 100).expect_err(raw);
        assert!(matches!(&err, AppError::Invalid(p) if p.code == "field_empty"), "{raw:?}: {err:?}");
    }
    // A visible character among them is a text.
    assert_eq!(contribution_text("\u{200B}a\u{2800}").unwrap(), "a\u{2800}");
}

#[test]
fn direction_controls_and_hidden_characters_are_stripped() {
    let rlo = "Bra \u{202E}gol\u{202C} förslag \u{2066}x\u{2069} \u{202A}\u{202B}\u{202D}\u{2067}\u{2068}\u{200E}\u{200F}";
    assert_eq!(contribution_text(rlo).unwrap(), "Bra gol förslag x");
    assert_eq!(line(rlo, Field::Title, 100).unwrap(), "Bra gol förslag x");
    assert_eq!(contribution_text("fi\u{200B}t\u{00AD}t\u{2060}a\u{FEFF}").unwrap(), "fitta");
    assert_eq!(contribution_text("\u{FEFF}  hej  \u{200B}").unwrap(), "hej", "trimmed after stripping");
}

#[test]
fn legitimate_text_is_kept_intact() {
    for keep in [
        "Familj: 👨\u{200D}👩\u{200D}👧",
        "Skottland 🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}",
        "Hjärta ❤\u{FE0F} och 👍🏽",
        "Blåbär, äpple och smör",
        "مرحبا بالجميع",
        "שלום לכולם",
        "می\u{200C}خواهم",
        "\u{0600}١٢",
    ] {
        assert_eq!(contribution_text(keep).unwrap(), keep);
    }
}

#[test]
fn swedish_errors_agree_with_the_noun() {
    let sv = |r: Result<String, AppError>| {
        serde_json::to_value(r.unwrap_err().body()).unwrap()["error_sv"].clone()
    };
    assert_eq!(sv(line(" ", Field::Name, 10)), "Namnet är tomt.");
    assert_eq!(sv(line(" ", Field::Question, 10)), "Frågan är tom.");
    assert_eq!(sv(line("abcdef", Field::Name, 3)), "Namnet är för långt (högst 3 tecken).");
    assert_eq!(sv(line("abcdef", Field::Title, 3)), "Titeln är för lång (högst 3 tecken).");
}

/// Each field has its own sentences in every language (`error::tests` checks the rest of the
/// error texts; it cannot see which fields there are).
#[test]
fn every_field_has_its_sentences() {
    use crate::error::texts::{EN, SV, key};
    let mut missing = Vec::new();
    for (lang, dict) in [("sv", &*SV), ("en", &*EN)] {
        let wanted = Field::ALL.iter().flat_map(|f| [("field_empty", f), ("field_too_long", f)]);
        for (code, field) in wanted.chain(Field::LISTS.iter().map(|f| ("too_many", f))) {
            let k = key(code, Some(field.key()));
            if !dict.contains_key(&k) {
                missing.push(format!("{lang}.json lacks {k:?}"));
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}
