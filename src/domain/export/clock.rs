//! Local time for reports: what the clock on the meeting room's wall said, to the second.
//! Stored instants are UTC; a secretary reads "09:14", not "08:14:03.123456789Z".

use jiff::Timestamp;
use jiff::civil::DateTime;
use jiff::tz::TimeZone;

use super::words::Words;

/// Where reports are read unless told otherwise (a session has no time-zone field yet).
pub const DEFAULT_TIME_ZONE: &str = "Europe/Stockholm";

/// A time zone for a report, by IANA name. The database travels in the binary (jiff's
/// bundled tzdb), so this works in a container without /usr/share/zoneinfo.
#[derive(Debug, Clone)]
pub struct Clock {
    tz: TimeZone,
}

impl Default for Clock {
    fn default() -> Self {
        Self::named(DEFAULT_TIME_ZONE).unwrap_or_else(|| Self { tz: TimeZone::UTC })
    }
}

impl Clock {
    /// The named zone, or `None` if the name is unknown.
    pub fn named(name: &str) -> Option<Self> {
        TimeZone::get(name).ok().map(|tz| Self { tz })
    }

    pub fn civil(&self, at: Timestamp) -> DateTime {
        at.to_zoned(self.tz.clone()).datetime()
    }

    /// `2026-11-08 09:14:03`: for spreadsheets and lists, sortable as text.
    pub fn date_time(&self, at: Timestamp) -> String {
        self.civil(at).strftime("%Y-%m-%d %H:%M:%S").to_string()
    }

    /// `2026-11-08`: for file names.
    pub fn iso_date(&self, at: Timestamp) -> String {
        self.civil(at).strftime("%Y-%m-%d").to_string()
    }

    /// `09:14`.
    pub fn hour_minute(&self, at: Timestamp) -> String {
        self.civil(at).strftime("%H:%M").to_string()
    }

    /// `8 november 2026` / `8 November 2026`: for a report's heading.
    pub fn long_date(&self, at: Timestamp, words: &Words) -> String {
        let d = self.civil(at);
        let month = words.months.get(usize::try_from(d.month() - 1).unwrap_or(0)).copied().unwrap_or("");
        format!("{} {month} {}", d.day(), d.year())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stockholm_summer_and_winter_time() {
        let clock = Clock::default();
        // 08:14 UTC in November is 09:14 in Stockholm (CET); in July it is 10:14 (CEST).
        let winter: Timestamp = "2026-11-08T08:14:03.123456789Z".parse().unwrap();
        let summer: Timestamp = "2026-07-08T08:14:03Z".parse().unwrap();
        assert_eq!(clock.date_time(winter), "2026-11-08 09:14:03");
        assert_eq!(clock.date_time(summer), "2026-07-08 10:14:03");
        assert_eq!(clock.long_date(winter, &super::super::words::SV), "8 november 2026");
        assert_eq!(clock.long_date(winter, &super::super::words::EN), "8 November 2026");
        // Just before midnight UTC is the next day in Stockholm.
        let late: Timestamp = "2026-11-08T23:30:00Z".parse().unwrap();
        assert_eq!(clock.iso_date(late), "2026-11-09");
    }

    #[test]
    fn unknown_zones_are_refused() {
        assert!(Clock::named("Europe/Nowhere").is_none());
        assert_eq!(
            Clock::named("UTC").unwrap().hour_minute("2026-11-08T08:14:03Z".parse().unwrap()),
            "08:14"
        );
    }
}
