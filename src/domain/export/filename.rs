//! File names for exports: the meeting's date and title as a person would name the file
//! (`2026-11-08 Regionrådet barns och ungas hälsa.docx`), and the `Content-Disposition`
//! header that carries it with å, ä and ö intact (RFC 6266 `filename*`, RFC 8187 encoding)
//! beside a plain-ASCII `filename` for the rare client that reads only that.

/// Longest title part of a file name, in characters: room for the date and extension within
/// the 255 bytes most file systems allow, even in multi-byte scripts.
const MAX_TITLE_CHARS: usize = 80;

/// `2026-11-08 Title.ext`: characters that file systems or shells refuse (`/ \ : * ? " < > |`,
/// control characters) become spaces, runs of white space one space, and a name of nothing
/// but those becomes "inspel".
pub fn file_name(iso_date: &str, title: &str, ext: &str) -> String {
    let cleaned: String = title
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                ' '
            } else {
                c
            }
        })
        .collect();
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    let mut title: String = words.join(" ").chars().take(MAX_TITLE_CHARS).collect();
    // Windows drops trailing dots and spaces; a leading dot hides the file on Unix.
    title = title.trim_matches(|c: char| c == '.' || c.is_whitespace()).to_string();
    if title.is_empty() {
        title = "inspel".to_string();
    }
    format!("{iso_date} {title}.{ext}")
}

/// `attachment; filename="2026-11-08 Regionradet.docx"; filename*=UTF-8''2026-11-08%20Regionr%C3%A5det.docx`
pub fn content_disposition(name: &str) -> String {
    format!("attachment; filename=\"{}\"; filename*=UTF-8''{}", ascii_fallback(name), rfc8187(name))
}

/// The name in printable ASCII for the quoted `filename`: Swedish letters lose their marks,
/// anything else non-ASCII becomes `_`, and quotes and backslashes go.
fn ascii_fallback(name: &str) -> String {
    name.chars()
        .filter_map(|c| match c {
            'å' | 'ä' | 'á' | 'à' | 'â' => Some('a'),
            'Å' | 'Ä' | 'Á' | 'À' | 'Â' => Some('A'),
            'ö' | 'ø' | 'ó' | 'ò' | 'ô' => Some('o'),
            'Ö' | 'Ø' | 'Ó' | 'Ò' | 'Ô' => Some('O'),
            'é' | 'è' | 'ê' | 'ë' => Some('e'),
            'É' | 'È' | 'Ê' | 'Ë' => Some('E'),
            'ü' => Some('u'),
            'Ü' => Some('U'),
            '"' | '\\' => None,
            c if c.is_ascii_graphic() || c == ' ' => Some(c),
            _ => Some('_'),
        })
        .collect()
}

/// Percent-encodes everything but RFC 8187's `attr-char`s.
fn rfc8187(name: &str) -> String {
    let mut out = String::with_capacity(name.len() * 2);
    for b in name.bytes() {
        let keep = b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b);
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_keep_swedish_letters_and_carry_the_date() {
        assert_eq!(
            file_name("2026-11-08", "Regionrådet: barns och ungas hälsa", "docx"),
            "2026-11-08 Regionrådet barns och ungas hälsa.docx"
        );
        assert_eq!(file_name("2026-11-08", " ../../etc/passwd ", "csv"), "2026-11-08 etc passwd.csv");
        assert_eq!(file_name("2026-11-08", "?*", "md"), "2026-11-08 inspel.md");
        assert_eq!(file_name("2026-11-08", "Rad\nett\ttvå", "md"), "2026-11-08 Rad ett två.md");
        let long = "å".repeat(300);
        assert_eq!(file_name("2026-11-08", &long, "xlsx").chars().count(), 11 + MAX_TITLE_CHARS + 5);
    }

    #[test]
    fn the_header_carries_both_forms() {
        assert_eq!(
            content_disposition("2026-11-08 Hälsa \"citat\" 🙂.docx"),
            "attachment; filename=\"2026-11-08 Halsa citat _.docx\"; \
             filename*=UTF-8''2026-11-08%20H%C3%A4lsa%20%22citat%22%20%F0%9F%99%82.docx"
        );
    }
}
