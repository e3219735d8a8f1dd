//! Every word a report or export file says, once per language. A file speaks one language:
//! the session's or the page's, never "sv / en" side by side.

use serde::Deserialize;
use utoipa::ToSchema;

/// The language of a report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, ToSchema, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    #[default]
    Sv,
    En,
}

impl Lang {
    pub fn words(self) -> &'static Words {
        match self {
            Lang::Sv => &SV,
            Lang::En => &EN,
        }
    }

    /// The BCP 47 tag, for `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }
}

/// The words of one language.
#[derive(Debug)]
pub struct Words {
    pub months: [&'static str; 12],
    pub report: &'static str,
    pub date: &'static str,
    pub place: &'static str,
    pub series: &'static str,
    pub meeting: &'static str,
    pub meetings: &'static str,
    pub time: &'static str,
    pub code: &'static str,
    pub phones: &'static str,
    pub contributions: &'static str,
    pub summary: &'static str,
    pub per_question: &'static str,
    pub per_table: &'static str,
    pub per_perspective: &'static str,
    pub question: &'static str,
    pub table: &'static str,
    pub perspective: &'static str,
    pub theme: &'static str,
    pub text: &'static str,
    pub dots: &'static str,
    pub status: &'static str,
    pub number: &'static str,
    pub duplicate_of: &'static str,
    pub id: &'static str,
    pub question_id: &'static str,
    pub duplicate_of_id: &'static str,
    pub no_table: &'static str,
    pub no_perspective: &'static str,
    pub no_theme: &'static str,
    pub no_contributions: &'static str,
    pub vote_results: &'static str,
    pub vote_on_cards: &'static str,
    pub vote_on_themes: &'static str,
    pub vote_open: &'static str,
    pub rank: &'static str,
    pub item: &'static str,
    pub word_cloud: &'static str,
    pub no_words: &'static str,
    pub top_words: &'static str,
    pub word: &'static str,
    pub mentions: &'static str,
    pub appendix: &'static str,
    pub appendix_hint: &'static str,
    pub status_visible: &'static str,
    pub status_hidden: &'static str,
    pub status_pending: &'static str,
    pub status_duplicate: &'static str,
    pub question_open: &'static str,
    pub question_closed: &'static str,
    pub grouped_by_theme: &'static str,
    pub grouped_by_table: &'static str,
    pub with_hidden: &'static str,
    pub made_with: &'static str,
    pub votes_sheet: &'static str,
    pub summary_sheet: &'static str,
    pub question_sheet: &'static str,
    pub all_sheet: &'static str,
    pub first_contribution: &'static str,
    pub last_contribution: &'static str,
    pub exported: &'static str,
    /// "(3 liknande)": the duplicates merged into a card.
    similar: (&'static str, &'static str),
    /// "4 inspel".
    count: (&'static str, &'static str),
}

impl Words {
    /// "3 liknande" / "3 similar".
    pub fn similar(&self, n: usize) -> String {
        format!("{n} {}", if n == 1 { self.similar.0 } else { self.similar.1 })
    }

    /// "1 inspel" / "4 contributions".
    pub fn count(&self, n: usize) -> String {
        format!("{n} {}", if n == 1 { self.count.0 } else { self.count.1 })
    }

    pub fn status(&self, status: super::Status) -> &'static str {
        use super::Status;
        match status {
            Status::Visible => self.status_visible,
            Status::Hidden => self.status_hidden,
            Status::Pending => self.status_pending,
            Status::Duplicate => self.status_duplicate,
        }
    }
}

pub static SV: Words = Words {
    months: [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ],
    report: "Dokumentation",
    date: "Datum",
    place: "Plats",
    series: "Serie",
    meeting: "Möte",
    meetings: "Möten",
    time: "Tid",
    code: "Kod",
    phones: "Telefoner som skickat inspel",
    contributions: "Inspel",
    summary: "Översikt",
    per_question: "Inspel per fråga",
    per_table: "Inspel per bord",
    per_perspective: "Inspel per perspektiv",
    question: "Fråga",
    table: "Bord",
    perspective: "Perspektiv",
    theme: "Tema",
    text: "Inspel",
    dots: "Prickar",
    status: "Status",
    number: "Nr",
    duplicate_of: "Dubblett av nr",
    id: "Id",
    question_id: "Fråge-id",
    duplicate_of_id: "Dubblett av id",
    no_table: "Inget bord",
    no_perspective: "Inget perspektiv",
    no_theme: "Utan tema",
    no_contributions: "Inga inspel.",
    vote_results: "Prickröstning",
    vote_on_cards: "röstning på inspel",
    vote_on_themes: "röstning på teman",
    vote_open: "pågår fortfarande",
    rank: "Plats",
    item: "Förslag",
    word_cloud: "Ordmoln",
    no_words: "Inga ord ännu.",
    top_words: "Vanligaste orden",
    word: "Ord",
    mentions: "Antal inspel",
    appendix: "Bilaga: alla inspel",
    appendix_hint: "Alla inspel i den ordning de kom in.",
    status_visible: "synlig",
    status_hidden: "dold",
    status_pending: "väntar",
    status_duplicate: "dubblett",
    question_open: "öppen",
    question_closed: "stängd",
    grouped_by_theme: "Grupperat efter tema",
    grouped_by_table: "Grupperat efter bord",
    with_hidden: "Dolda och väntande inspel är med och märkta.",
    made_with: "Skapad med inspel",
    votes_sheet: "Röstning",
    summary_sheet: "Översikt",
    question_sheet: "Fråga",
    all_sheet: "Alla inspel",
    first_contribution: "Första inspel",
    last_contribution: "Sista inspel",
    exported: "Exporterad",
    similar: ("liknande", "liknande"),
    count: ("inspel", "inspel"),
};

pub static EN: Words = Words {
    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    report: "Meeting notes",
    date: "Date",
    place: "Place",
    series: "Series",
    meeting: "Meeting",
    meetings: "Meetings",
    time: "Time",
    code: "Code",
    phones: "Phones that sent contributions",
    contributions: "Contributions",
    summary: "Summary",
    per_question: "Contributions per question",
    per_table: "Contributions per table",
    per_perspective: "Contributions per perspective",
    question: "Question",
    table: "Table",
    perspective: "Perspective",
    theme: "Theme",
    text: "Contribution",
    dots: "Dots",
    status: "Status",
    number: "No.",
    duplicate_of: "Duplicate of no.",
    id: "Id",
    question_id: "Question id",
    duplicate_of_id: "Duplicate of id",
    no_table: "No table",
    no_perspective: "No perspective",
    no_theme: "No theme",
    no_contributions: "No contributions.",
    vote_results: "Dot vote",
    vote_on_cards: "vote on contributions",
    vote_on_themes: "vote on themes",
    vote_open: "still open",
    rank: "Rank",
    item: "Item",
    word_cloud: "Word cloud",
    no_words: "No words yet.",
    top_words: "Most used words",
    word: "Word",
    mentions: "Contributions using it",
    appendix: "Appendix: every contribution",
    appendix_hint: "Every contribution in the order it arrived.",
    status_visible: "visible",
    status_hidden: "hidden",
    status_pending: "waiting",
    status_duplicate: "duplicate",
    question_open: "open",
    question_closed: "closed",
    grouped_by_theme: "Grouped by theme",
    grouped_by_table: "Grouped by table",
    with_hidden: "Hidden and waiting contributions are included and marked.",
    made_with: "Made with inspel",
    votes_sheet: "Votes",
    summary_sheet: "Summary",
    question_sheet: "Question",
    all_sheet: "All contributions",
    first_contribution: "First contribution",
    last_contribution: "Last contribution",
    exported: "Exported",
    similar: ("similar", "similar"),
    count: ("contribution", "contributions"),
};
