//! What the OpenAPI description gets beyond the handlers' annotations, in one place:
//!
//! - the answers every endpoint of a kind can give, so no annotation forgets them: a body that
//!   is not understood (400) or too large (413), a parameter that is not understood (400), a
//!   missing or wrong token (401), no such session (404). Handlers document only the answers
//!   of their own logic;
//! - the limits of request fields, from the constants the server enforces (utoipa's attributes
//!   take literals only), so clients and property tests know them.

use utoipa::Number;
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::schema::{Schema, SchemaFormat};
use utoipa::openapi::{ContentBuilder, OpenApi, Ref, RefOr, ResponseBuilder};

use crate::limits::{MAX_DOTS, MAX_TIMER_SECS};

/// One answer every operation of a kind can give.
struct Common {
    status: &'static str,
    description: &'static str,
    applies: fn(&str, &Operation) -> bool,
}

const COMMON: [Common; 4] = [
    Common {
        status: "400",
        description: "Not understood: not JSON, wrong fields or types, or a bad parameter",
        applies: |_, op| op.request_body.is_some() || has_parameters(op),
    },
    Common {
        status: "413",
        description: "The request body is too large",
        applies: |_, op| op.request_body.is_some(),
    },
    Common {
        status: "401",
        description: "A token is needed and this one is missing or wrong",
        applies: |_, op| op.security.as_ref().is_some_and(|s| !s.is_empty()),
    },
    Common {
        status: "404",
        description: "No such session",
        applies: |path, _| path.contains("{id}") || path.contains("{code}"),
    },
];

/// Whether the operation takes path or query parameters (which may fail to parse).
fn has_parameters(op: &Operation) -> bool {
    op.parameters.iter().flatten().any(|p| match p {
        RefOr::T(p) => matches!(p.parameter_in, ParameterIn::Path | ParameterIn::Query),
        RefOr::Ref(_) => true,
    })
}

/// Adds the common answers to every operation that can give them and does not list them yet.
pub fn add_common_answers(doc: &mut OpenApi) {
    for (path, item) in doc.paths.paths.iter_mut() {
        let ops = [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
            &mut item.head,
            &mut item.options,
            &mut item.trace,
        ];
        for op in ops.into_iter().flatten() {
            let applying: Vec<&Common> = COMMON.iter().filter(|c| (c.applies)(path, op)).collect();
            for common in applying {
                op.responses.responses.entry(common.status.to_string()).or_insert_with(|| {
                    let body = ContentBuilder::new().schema(Some(Ref::from_schema_name("ErrorBody"))).build();
                    RefOr::T(
                        ResponseBuilder::new()
                            .description(common.description)
                            .content("application/json", body)
                            .build(),
                    )
                });
            }
        }
    }
}

/// A limit of one request field.
enum Limit {
    /// A string that must not be empty (the server also trims and checks its length).
    NonEmpty,
    /// A UUID string.
    Uuid,
    /// An integer in this range.
    Range(u32, u32),
    /// An array with at least this many items.
    MinItems(usize),
}

/// (schema, property, limit) for every field whose limit the description states.
const LIMITS: [(&str, &str, Limit); 11] = [
    ("CreateSession", "title", Limit::NonEmpty),
    ("CreateSession", "questions", Limit::MinItems(1)),
    ("ContributionInput", "id", Limit::Uuid),
    ("ContributionInput", "text", Limit::NonEmpty),
    ("TimerRequest", "duration_secs", Limit::Range(1, MAX_TIMER_SECS)),
    ("TimerRequest", "seconds", Limit::Range(1, MAX_TIMER_SECS)),
    ("NewTheme", "name", Limit::NonEmpty),
    ("Rename", "name", Limit::NonEmpty),
    ("AcceptedTheme", "name", Limit::NonEmpty),
    ("NewVote", "dots", Limit::Range(1, MAX_DOTS)),
    ("VoteInput", "dots", Limit::Range(0, MAX_DOTS)),
];

/// States the [`LIMITS`] in the component schemas. Returns the fields it did not find, so a
/// renamed field fails a test instead of silently losing its limit.
pub fn add_limits(doc: &mut OpenApi) -> Vec<String> {
    let mut missing = Vec::new();
    let schemas = doc.components.as_mut().map(|c| &mut c.schemas);
    let Some(schemas) = schemas else {
        return LIMITS.iter().map(|(s, p, _)| format!("{s}.{p}")).collect();
    };
    for (schema, property, limit) in &LIMITS {
        let field = match schemas.get_mut(*schema) {
            Some(RefOr::T(Schema::Object(object))) => object.properties.get_mut(*property),
            _ => None,
        };
        let applied = match (field, limit) {
            (Some(RefOr::T(Schema::Object(o))), Limit::NonEmpty) => {
                o.min_length = Some(1);
                true
            }
            (Some(RefOr::T(Schema::Object(o))), Limit::Uuid) => {
                o.format = Some(SchemaFormat::Custom("uuid".to_string()));
                true
            }
            (Some(RefOr::T(Schema::Object(o))), Limit::Range(min, max)) => {
                o.minimum = Some(Number::UInt(*min as usize));
                o.maximum = Some(Number::UInt(*max as usize));
                true
            }
            (Some(RefOr::T(Schema::Array(a))), Limit::MinItems(n)) => {
                a.min_items = Some(*n);
                true
            }
            _ => false,
        };
        if !applied {
            missing.push(format!("{schema}.{property}"));
        }
    }
    missing
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_limit_finds_its_field() {
        let mut doc = super::super::openapi();
        assert_eq!(super::add_limits(&mut doc), Vec::<String>::new());
    }
}
