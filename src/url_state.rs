//! A demo's settings read from its link, so that a link reproduces a setup.
//!
//! Each page describes its settings as a [`Schema`]: a name and a [`Field`]
//! (whole number, number, choice among words, flag or free text) with its
//! bounds and default. [`read_state`] reads every setting of the schema from
//! a query string such as `?seed=7&measure=broja`. A setting that is missing
//! takes its default silently; one that is present but invalid takes its
//! default and adds a notice saying what was wrong and what would be
//! accepted. Nothing in a link can make reading fail.

use serde::{Deserialize, Serialize};

/// The longest part of a link value quoted back in a notice.
const QUOTED_CHARS: usize = 40;

/// What one setting may hold.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Field {
    /// A whole number from `min` to `max`, written in decimal digits.
    Integer { min: u64, max: u64, fallback: u64 },
    /// A finite decimal number from `min` to `max`.
    Number { min: f64, max: f64, fallback: f64 },
    /// One of `values`, spelt exactly.
    Choice {
        values: Vec<String>,
        fallback: String,
    },
    /// `1` for on, `0` for off.
    Flag { fallback: bool },
    /// Any text of at most `max_chars` characters.
    #[serde(rename_all = "camelCase")]
    Text { max_chars: usize, fallback: String },
}

/// A setting's value.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value {
    Integer(u64),
    Number(f64),
    Text(String),
    Flag(bool),
}

/// A page's settings in the order it lists them.
pub type Schema = Vec<(String, Field)>;

/// Every setting of a schema, and a notice for each one the link got wrong.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReadState {
    /// The value of every setting, in the schema's order.
    pub state: Vec<(String, Value)>,
    pub notices: Vec<String>,
}

impl Field {
    /// The value this field reads from `text`, or `None` if it is not valid.
    pub fn parse(&self, text: &str) -> Option<Value> {
        match self {
            Field::Integer { min, max, .. } => {
                let digits = text.trim();
                if digits.is_empty() || !digits.bytes().all(|byte| byte.is_ascii_digit()) {
                    return None;
                }
                let value: u64 = digits.parse().ok()?;
                (*min..=*max)
                    .contains(&value)
                    .then_some(Value::Integer(value))
            }
            Field::Number { min, max, .. } => {
                let value: f64 = text.trim().parse().ok()?;
                (value.is_finite() && *min <= value && value <= *max)
                    .then_some(Value::Number(value))
            }
            Field::Choice { values, .. } => values
                .iter()
                .any(|value| value == text)
                .then(|| Value::Text(text.to_owned())),
            Field::Flag { .. } => match text {
                "1" => Some(Value::Flag(true)),
                "0" => Some(Value::Flag(false)),
                _ => None,
            },
            Field::Text { max_chars, .. } => {
                (text.chars().count() <= *max_chars).then(|| Value::Text(text.to_owned()))
            }
        }
    }

    /// The default value.
    pub fn fallback(&self) -> Value {
        match self {
            Field::Integer { fallback, .. } => Value::Integer(*fallback),
            Field::Number { fallback, .. } => Value::Number(*fallback),
            Field::Choice { fallback, .. } | Field::Text { fallback, .. } => {
                Value::Text(fallback.clone())
            }
            Field::Flag { fallback } => Value::Flag(*fallback),
        }
    }

    /// What a valid value looks like, for a notice.
    fn expected(&self) -> String {
        match self {
            Field::Integer { min, max, .. } => format!("a whole number from {min} to {max}"),
            Field::Number { min, max, .. } => format!("a number from {min} to {max}"),
            Field::Choice { values, .. } => format!("one of {}", values.join(", ")),
            Field::Flag { .. } => "1 or 0".to_owned(),
            Field::Text { max_chars, .. } => format!("at most {max_chars} characters"),
        }
    }
}

impl std::fmt::Display for Value {
    /// The value as a link writes it.
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Integer(value) => write!(formatter, "{value}"),
            Value::Number(value) => write!(formatter, "{value}"),
            Value::Text(value) => write!(formatter, "{value}"),
            Value::Flag(value) => write!(formatter, "{}", if *value { "1" } else { "0" }),
        }
    }
}

/// Reads every setting of `schema` from `query` (URL query syntax, with or
/// without the leading `?`). A name given twice is read from its first
/// occurrence (with a notice if the values differ); names the schema does
/// not list are ignored.
pub fn read_state(schema: &Schema, query: &str) -> ReadState {
    let query = query.strip_prefix('?').unwrap_or(query);
    let given: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .map(|(name, value)| (name.into_owned(), value.into_owned()))
        .collect();
    let mut notices = Vec::new();
    let state = schema
        .iter()
        .map(|(name, field)| {
            let occurrences: Vec<&str> = given
                .iter()
                .filter(|(given_name, _)| given_name == name)
                .map(|(_, text)| text.as_str())
                .collect();
            let text = occurrences.first().copied();
            if occurrences.iter().any(|other| Some(*other) != text) {
                notices.push(format!(
                    "\"{name}\" is given {} times with different values; the first ({}) is read.",
                    occurrences.len(),
                    quoted(occurrences[0])
                ));
            }
            let value = match text.map(|text| (text, field.parse(text))) {
                None => field.fallback(),
                Some((_, Some(value))) => value,
                Some((text, None)) => {
                    notices.push(format!(
                        "\"{name}={}\" is not valid here ({} expected), so the default ({}) is used.",
                        quoted(text),
                        field.expected(),
                        field.fallback()
                    ));
                    field.fallback()
                }
            };
            (name.clone(), value)
        })
        .collect();
    ReadState { state, notices }
}

/// `text`, shortened with an ellipsis if it is long.
fn quoted(text: &str) -> String {
    if text.chars().count() <= QUOTED_CHARS {
        text.to_owned()
    } else {
        let start: String = text.chars().take(QUOTED_CHARS).collect();
        format!("{start}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema() -> Schema {
        vec![
            (
                "n1".into(),
                Field::Integer {
                    min: 2,
                    max: 8,
                    fallback: 3,
                },
            ),
            (
                "noise".into(),
                Field::Number {
                    min: 0.0,
                    max: 1.0,
                    fallback: 0.0,
                },
            ),
            (
                "measure".into(),
                Field::Choice {
                    values: vec!["broja".into(), "imin".into()],
                    fallback: "broja".into(),
                },
            ),
            ("compare".into(), Field::Flag { fallback: false }),
            (
                "cells".into(),
                Field::Text {
                    max_chars: 5,
                    fallback: String::new(),
                },
            ),
        ]
    }

    fn value(read: &ReadState, name: &str) -> Value {
        read.state
            .iter()
            .find(|(n, _)| n == name)
            .unwrap()
            .1
            .clone()
    }

    #[test]
    fn missing_settings_take_their_defaults_without_a_notice() {
        let read = read_state(&schema(), "");
        assert!(read.notices.is_empty());
        assert_eq!(value(&read, "n1"), Value::Integer(3));
        assert_eq!(value(&read, "noise"), Value::Number(0.0));
        assert_eq!(value(&read, "measure"), Value::Text("broja".into()));
        assert_eq!(value(&read, "compare"), Value::Flag(false));
        assert_eq!(read.state.len(), 5);
    }

    #[test]
    fn valid_settings_are_read_and_decoded() {
        let read = read_state(
            &schema(),
            "?n1=8&noise=0.25&measure=imin&compare=1&cells=1%3B2+3",
        );
        assert!(read.notices.is_empty(), "{:?}", read.notices);
        assert_eq!(value(&read, "n1"), Value::Integer(8));
        assert_eq!(value(&read, "noise"), Value::Number(0.25));
        assert_eq!(value(&read, "measure"), Value::Text("imin".into()));
        assert_eq!(value(&read, "compare"), Value::Flag(true));
        assert_eq!(value(&read, "cells"), Value::Text("1;2 3".into()));
    }

    #[test]
    fn each_invalid_setting_falls_back_with_a_notice_that_says_what_is_accepted() {
        let read = read_state(
            &schema(),
            "n1=9&noise=NaN&measure=BROJA&compare=yes&cells=toolong&unknown=1",
        );
        assert_eq!(read.state, read_state(&schema(), "").state);
        assert_eq!(
            read.notices,
            [
                "\"n1=9\" is not valid here (a whole number from 2 to 8 expected), so the default (3) is used.",
                "\"noise=NaN\" is not valid here (a number from 0 to 1 expected), so the default (0) is used.",
                "\"measure=BROJA\" is not valid here (one of broja, imin expected), so the default (broja) is used.",
                "\"compare=yes\" is not valid here (1 or 0 expected), so the default (0) is used.",
                "\"cells=toolong\" is not valid here (at most 5 characters expected), so the default () is used.",
            ]
        );
    }

    #[test]
    fn whole_numbers_take_digits_only() {
        let field = Field::Integer {
            min: 0,
            max: u64::from(u32::MAX),
            fallback: 1,
        };
        assert_eq!(field.parse(" 42 "), Some(Value::Integer(42)));
        assert_eq!(
            field.parse("4294967295"),
            Some(Value::Integer(4_294_967_295))
        );
        for text in [
            "",
            " ",
            "-1",
            "+1",
            "1.0",
            "1e3",
            "0x10",
            "4294967296",
            "99999999999999999999999",
        ] {
            assert_eq!(field.parse(text), None, "{text:?}");
        }
    }

    #[test]
    fn numbers_must_be_finite_and_in_range() {
        let field = Field::Number {
            min: 0.0,
            max: 0.5,
            fallback: 0.0,
        };
        assert_eq!(field.parse("0.5"), Some(Value::Number(0.5)));
        assert_eq!(field.parse("5e-1"), Some(Value::Number(0.5)));
        for text in ["", "inf", "-0.1", "0.50001", "nan", "1/2", "0,5"] {
            assert_eq!(field.parse(text), None, "{text:?}");
        }
    }

    #[test]
    fn the_first_of_repeated_names_counts_and_long_values_are_shortened_in_notices() {
        let read = read_state(&schema(), "n1=4&n1=5&n1=4&compare=1&compare=1");
        assert_eq!(value(&read, "n1"), Value::Integer(4));
        assert_eq!(
            read.notices,
            ["\"n1\" is given 3 times with different values; the first (4) is read."]
        );
        let long = "x".repeat(1000);
        let read = read_state(&schema(), &format!("measure={long}"));
        assert!(read.notices[0].contains(&format!("{}…", "x".repeat(QUOTED_CHARS))));
        assert!(read.notices[0].len() < 200);
    }

    #[test]
    fn malformed_percent_escapes_are_read_as_text() {
        let read = read_state(&schema(), "measure=%ZZ&n1=%");
        assert_eq!(read.notices.len(), 2);
        assert!(read.notices[0].contains("n1=%"));
    }
}
