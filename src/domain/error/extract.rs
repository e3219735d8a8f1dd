//! Axum's extractors with their rejections as [`AppError`]s, so a malformed request gets the
//! same JSON error body as every other refusal.

use axum::Json;
use axum::extract::FromRequest;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::{AppError, Problem};

impl From<axum::extract::rejection::JsonRejection> for AppError {
    fn from(r: axum::extract::rejection::JsonRejection) -> Self {
        use axum::extract::rejection::JsonRejection as J;
        if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
            return Self::TooLarge;
        }
        match r {
            J::MissingJsonContentType(_) => Self::Malformed(Problem::of("not_json")),
            J::JsonSyntaxError(e) => {
                Self::Malformed(Problem::of("malformed_json").with("detail", e.body_text()))
            }
            other => wrong_fields(&other.body_text()),
        }
    }
}

impl From<axum::extract::rejection::QueryRejection> for AppError {
    fn from(r: axum::extract::rejection::QueryRejection) -> Self {
        Self::Malformed(Problem::of("bad_query").with("detail", r.body_text()))
    }
}

impl From<axum::extract::rejection::PathRejection> for AppError {
    fn from(r: axum::extract::rejection::PathRejection) -> Self {
        Self::Malformed(Problem::of("bad_path").with("detail", r.body_text()))
    }
}

/// Query parameters, with rejections turned into [`AppError`]s with a JSON body (axum's own
/// answer is plain text).
#[derive(Debug, Clone, Copy, Default, axum::extract::FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(AppError))]
pub struct AppQuery<T>(pub T);

/// Path parameters, with rejections (e.g. bytes that are not UTF-8) as JSON [`AppError`]s.
#[derive(Debug, Clone, Copy, Default, axum::extract::FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(AppError))]
pub struct AppPath<T>(pub T);

/// JSON in and out, with rejections turned into [`AppError`]s with a JSON body. A request body
/// must be a JSON object (serde would also take an array for a struct, which no client means
/// and the description does not allow), and a number with a zero fraction counts as the
/// integer it equals, as JSON Schema says (`3.0` is a valid `integer`).
#[derive(Debug, Clone, Copy, Default)]
pub struct AppJson<T>(pub T);

impl<T, S> FromRequest<S> for AppJson<T>
where
    T: serde::de::DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, AppError> {
        let Json(mut value) = Json::<serde_json::Value>::from_request(req, state).await?;
        if !value.is_object() {
            return Err(wrong_fields("the body must be a JSON object"));
        }
        integral_floats_as_integers(&mut value);
        serde_json::from_value(value).map(AppJson).map_err(|e| wrong_fields(&e.to_string()))
    }
}

fn wrong_fields(detail: &str) -> AppError {
    AppError::Malformed(Problem::of("wrong_fields").with("detail", detail))
}

/// Rewrites every number like `3.0` as `3`, so an integer field takes it.
fn integral_floats_as_integers(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Number(n) if n.is_f64() => {
            let Some(f) = n.as_f64().filter(|f| f.fract() == 0.0) else { return };
            // Only where the integer is exact; a larger float stays a float and is refused.
            const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53
            if f.abs() <= EXACT {
                *value = Value::from(f as i64);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(integral_floats_as_integers),
        Value::Object(fields) => fields.values_mut().for_each(integral_floats_as_integers),
        _ => {}
    }
}

impl<T: Serialize> IntoResponse for AppJson<T> {
    fn into_response(self) -> Response {
        Json(self.0).into_response()
    }
}
