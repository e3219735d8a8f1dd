//! The HTTP side: the /api routes (described by OpenAPI from the handlers themselves), the
//! websockets, the web pages, and the layers every response passes through.

pub mod auth;
pub mod export;
pub mod join;
pub mod leader;
pub mod links;
pub mod moderation;
pub mod notes;
mod openapi;
pub mod plan;
pub mod qr;
pub mod rounds;
pub mod sense;
pub mod series;
pub mod series_export;
pub mod sessions;
pub mod themes;
pub mod timer;
pub mod votes;
pub mod web;

use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, HeaderValue, Request, StatusCode, header};
use axum::routing::{any, get};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{AppError, AppJson, Problem};
use crate::limits::MAX_BODY_BYTES;
use crate::state::AppState;
use crate::writer::WriterState;

/// Strict: only this server's own scripts, styles and sockets; nothing third-party, nothing inline.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
    img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; \
    form-action 'self'; frame-ancestors 'none'";

#[derive(OpenApi)]
#[openapi(
    info(title = "inspel", description = "Collect contributions from phones at dialogue meetings and show them live. \
        Websocket messages are described in docs/protocol.md."),
    modifiers(&BearerAuth),
    // Path parameters that name these by reference; nothing else pulls them in.
    components(schemas(crate::model::ModerationAction, crate::model::QuestionAction)),
    tags((name = "sessions", description = "Sessions, questions and QR codes"),
        (name = "participants", description = "What phones use: the join code only"),
        (name = "exports", description = "Notes for the secretary"),
        (name = "facilitation", description = "Moderation, themes, dot votes and timers"),
        (name = "service", description = "Health and this description"))
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// Answers 200 `ok` while the server can both read and write its database; 503 with the
/// reason while the writer is failing (a full disk: it recovers by itself once there is room)
/// or has stopped, or a read fails. `inspel --healthcheck` exits 1 then.
#[utoipa::path(get, path = "/healthz", tag = "service",
    responses((status = 200, body = String), (status = 503, body = crate::error::ErrorBody)))]
async fn healthz(
    axum::extract::State(state): axum::extract::State<AppState>,
) -> Result<&'static str, AppError> {
    match state.writer.health() {
        WriterState::Ok => {}
        WriterState::Failing(detail) => {
            tracing::warn!(%detail, "health check: the database cannot be written");
            return Err(AppError::StorageUnavailable);
        }
        WriterState::Stopped => return Err(AppError::Unavailable),
    }
    state.store.read(crate::store::ping).await.map_err(|e| {
        tracing::warn!(error = %e, "health check: the database cannot be read");
        AppError::StorageUnavailable
    })?;
    Ok("ok")
}

/// The routes of /api and /healthz, and their OpenAPI description built from the same list.
fn api() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    let (router, mut doc) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(healthz))
        .merge(
            // The largest session the limits allow does not fit in an ordinary body.
            OpenApiRouter::new()
                .routes(routes!(sessions::create, sessions::list))
                .layer(DefaultBodyLimit::max(crate::limits::MAX_SESSION_BODY_BYTES)),
        )
        .routes(routes!(sessions::get, rounds::edit_session))
        .routes(routes!(sessions::question))
        .routes(routes!(rounds::start))
        .routes(routes!(rounds::next))
        .routes(routes!(rounds::timer))
        .routes(routes!(plan::plan))
        .routes(routes!(rounds::add_question))
        .routes(routes!(rounds::edit_question))
        .routes(routes!(rounds::rename))
        .routes(routes!(series::duplicate))
        .routes(routes!(series::view))
        .routes(routes!(series_export::docx))
        .routes(routes!(series_export::xlsx))
        .routes(routes!(series_export::csv))
        .routes(routes!(qr::svg))
        .routes(routes!(qr::png))
        .routes(routes!(export::json))
        .routes(routes!(export::csv))
        .routes(routes!(export::markdown))
        .routes(routes!(export::docx))
        .routes(routes!(export::xlsx))
        .routes(routes!(export::report))
        .routes(routes!(notes::list, notes::write))
        .routes(routes!(leader::get))
        .routes(routes!(leader::write))
        .routes(routes!(leader::links))
        .routes(routes!(join::info))
        .routes(routes!(join::contribute))
        .routes(routes!(moderation::moderate))
        .routes(routes!(moderation::list))
        .routes(routes!(moderation::get_settings, moderation::put_settings))
        .routes(routes!(themes::create))
        .routes(routes!(themes::rename))
        .routes(routes!(themes::merge))
        .routes(routes!(themes::assign))
        .routes(routes!(themes::merge_contribution))
        .routes(routes!(themes::accept))
        .routes(routes!(votes::start))
        .routes(routes!(votes::close))
        .routes(routes!(votes::reveal))
        .routes(routes!(votes::hide))
        .routes(routes!(votes::cast))
        .routes(routes!(timer::control))
        .routes(routes!(sense::word_cloud))
        .routes(routes!(sense::suggest))
        .split_for_parts();
    openapi::add_common_answers(&mut doc);
    for field in openapi::add_limits(&mut doc) {
        tracing::warn!(%field, "OpenAPI: no such field to state a limit of");
    }
    (router, doc)
}

/// The OpenAPI description of every /api endpoint.
pub fn openapi() -> utoipa::openapi::OpenApi {
    api().1
}

/// Unknown /api paths answer JSON like every other API error (the pages answer plain text).
async fn api_not_found() -> AppError {
    AppError::NotFound(Problem::of("no_such_endpoint"))
}

async fn method_not_allowed() -> AppError {
    AppError::MethodNotAllowed
}

/// The whole application.
pub fn router(state: AppState) -> Router {
    let (api, doc) = api();
    let doc_json = serde_json::to_value(&doc).unwrap_or_default();
    let header = |name: HeaderName, value: &'static str| {
        SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
    };
    let api = api
        .route("/api/openapi.json", get(move || async move { AppJson(doc_json) }))
        .route("/api", any(api_not_found))
        .route("/api/", any(api_not_found))
        .route("/api/{*rest}", any(api_not_found))
        .method_not_allowed_fallback(method_not_allowed)
        // Answers carry tokens (session links, exports): never keep them in a browser or
        // proxy cache. Handlers that may be cached (QR codes) say so themselves.
        .layer(header(header::CACHE_CONTROL, "no-store"));
    api.merge(crate::ws::routes())
        .merge(web::routes())
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, Duration::from_secs(30)))
        .layer(header(header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY))
        .layer(header(header::REFERRER_POLICY, "no-referrer"))
        .layer(header(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(header(header::X_FRAME_OPTIONS, "DENY"))
        .layer(
            // Log the path only: tokens never travel in paths, but queries and headers could.
            TraceLayer::new_for_http().make_span_with(|req: &Request<_>| {
                tracing::info_span!("http", method = %req.method(), path = %req.uri().path())
            }),
        )
        .with_state(state)
}

/// A path segment naming an action, read by the action enum's own `Deserialize` (its
/// snake_case names), so the names live in one place; `unknown` says what else is refused.
fn path_action<T: serde::de::DeserializeOwned>(
    segment: &str,
    unknown: impl FnOnce() -> AppError,
) -> Result<T, AppError> {
    use serde::de::IntoDeserializer;
    let de: serde::de::value::StrDeserializer<'_, serde::de::value::Error> = segment.into_deserializer();
    T::deserialize(de).map_err(|_| unknown())
}
