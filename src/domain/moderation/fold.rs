//! The form the abuse filter compares in, so that hidden characters, compatibility letters and
//! look-alikes from other scripts do not get a blocked word past it.

use unicode_normalization::UnicodeNormalization;
use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

use crate::validate::shows_nothing;

/// The form the filter compares in: NFKC (fullwidth and other compatibility letters, ligatures
/// and styled letters such as 𝐟 become plain ones), without format characters (zero-width
/// space and joiners, soft hyphen, bidi controls, tags) or the blank fillers, without the
/// combining marks NFKC could not compose onto a letter (a strike-through U+0336 over each
/// letter), with Cyrillic and Greek [look-alikes](look_alike) as Latin letters, lower case.
pub(super) fn fold(s: &str) -> String {
    s.nfkc()
        .filter(|c| !shows_nothing(*c) && c.general_category() != GeneralCategory::NonspacingMark)
        .map(look_alike)
        .flat_map(char::to_lowercase)
        .collect()
}

/// The Latin letter a Cyrillic or Greek one is drawn like in common fonts, or `c` itself.
/// Only letters that pass for Latin ones at a glance: the point is to catch "іdіоt" written
/// with Cyrillic і and о, not to transliterate. Upper-case forms map by their own shape
/// (Greek Η looks like H, its small η like n). Matched before lower-casing, so the result may
/// be either case.
fn look_alike(c: char) -> char {
    match c {
        // Cyrillic
        'А' | 'а' => 'a',
        'В' | 'в' | 'Ь' | 'ь' => 'b',
        'С' | 'с' => 'c',
        'Ԁ' | 'ԁ' => 'd',
        'Е' | 'е' => 'e',
        'Н' | 'н' | 'Һ' | 'һ' => 'h',
        'І' | 'і' => 'i',
        'Ј' | 'ј' => 'j',
        'К' | 'к' => 'k',
        'Ӏ' | 'ӏ' => 'l',
        'М' | 'м' => 'm',
        'О' | 'о' => 'o',
        'Р' | 'р' => 'p',
        'Ԛ' | 'ԛ' => 'q',
        'Ѕ' | 'ѕ' => 's',
        'Т' | 'т' => 't',
        'Ԝ' | 'ԝ' => 'w',
        'Х' | 'х' => 'x',
        'У' | 'у' | 'Ү' | 'ү' => 'y',
        'Ӓ' | 'ӓ' => 'ä',
        'Ӧ' | 'ӧ' => 'ö',
        // Greek
        'Α' | 'α' => 'a',
        'Β' | 'β' => 'b',
        'Ϲ' | 'ϲ' => 'c',
        'Ε' | 'ε' => 'e',
        'Η' => 'h',
        'Ι' | 'ι' => 'i',
        'ϳ' => 'j',
        'Κ' | 'κ' => 'k',
        'Μ' => 'm',
        'Ν' | 'η' => 'n',
        'Ο' | 'ο' => 'o',
        'Ρ' | 'ρ' => 'p',
        'Τ' | 'τ' => 't',
        'υ' => 'u',
        'ν' => 'v',
        'Χ' | 'χ' => 'x',
        'Υ' => 'y',
        'Ζ' => 'z',
        other => other,
    }
}
