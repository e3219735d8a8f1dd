//! Making sense of a question's contributions: the word cloud (SVG) and suggested themes.
//! Both are computed on a blocking thread from the visible contributions; nothing is stored
//! until the facilitator accepts suggestions (`/themes/accept`). A cloud is kept until the
//! session changes ([`Clouds`]): every wall asks for it every few seconds, and a 50,000-card
//! question takes most of a second to count.

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::auth::{Role, bearer, session_for};
use crate::error::{AppError, AppJson, AppPath, AppQuery, ErrorBody, Problem};
use crate::model::{Contribution, Session};
use crate::state::AppState;
use crate::text::kept::Cloud;

/// Words in a cloud unless asked otherwise, and at most.
const CLOUD_WORDS: usize = 60;
const CLOUD_WORDS_MAX: usize = 200;

async fn visible(state: &AppState, s: &Session, question_id: &str) -> Result<Vec<Contribution>, AppError> {
    if s.question(question_id).is_none() {
        return Err(AppError::question_not_found());
    }
    let (sid, qid) = (s.id.clone(), question_id.to_string());
    let all = state.store.read(move |t| crate::store::contributions(t, &sid)).await?;
    Ok(all.into_iter().filter(|c| c.visible() && c.question_id == qid).collect())
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CloudQuery {
    /// How many words at most: 1 to 200, 60 when absent.
    #[param(minimum = 1, maximum = 200)]
    pub max: Option<usize>,
}
// The attribute above takes literals only.
const _: () = assert!(CLOUD_WORDS_MAX == 200);

/// The question's word cloud as SVG: Swedish and English stop words removed, inflected forms
/// merged under their stem and shown in their most common form (facilitator, secretary, wall).
#[utoipa::path(get, path = "/api/sessions/{id}/questions/{question_id}/wordcloud.svg", tag = "facilitation",
    security(("bearer" = [])), params(("id" = String, Path), ("question_id" = String, Path), CloudQuery),
    responses((status = 200, content_type = "image/svg+xml", body = String), (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody, description = "`max` out of range")))]
pub async fn word_cloud(
    State(state): State<AppState>,
    AppPath((id, question_id)): AppPath<(String, String)>,
    AppQuery(q): AppQuery<CloudQuery>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let roles = [Role::Facilitator, Role::Secretary, Role::Wall];
    let (s, _) = session_for(&state, &id, bearer(&headers), &roles).await?;
    let max = q.max.unwrap_or(CLOUD_WORDS);
    if !(1..=CLOUD_WORDS_MAX).contains(&max) {
        return Err(AppError::Invalid(Problem::of("bad_max").with("max", CLOUD_WORDS_MAX)));
    }
    if s.question(&question_id).is_none() {
        return Err(AppError::question_not_found());
    }
    let sid = s.id.clone();
    let seq_now = state.store.read_now(move |t| crate::store::session_seq(t, &sid)).await?;
    let slot = state.clouds.slot((s.id.clone(), question_id.clone(), max));
    // Held while the cloud is made, so requests for the same cloud wait for it.
    let mut kept = slot.lock().await;
    let svg = match &*kept {
        // Made at the seq this request saw, or later: as fresh as this request needs.
        Some(cloud) if cloud.seq >= seq_now => cloud.svg.clone(),
        _ => {
            let (sid, qid) = (s.id.clone(), question_id.clone());
            // The seq, the title and the cards from one read, so the cloud kept is the one of
            // that seq.
            let (seq, title, all) = state
                .store
                .read(move |t| {
                    let seq = crate::store::session_seq(t, &sid)?;
                    let session = crate::store::session(t, &sid)?;
                    let title = session.and_then(|s| s.question(&qid).map(|q| q.text.clone()));
                    Ok((seq, title.unwrap_or_default(), crate::store::contributions(t, &sid)?))
                })
                .await?;
            let qid = question_id.as_str();
            let texts: Vec<String> =
                all.into_iter().filter(|c| c.visible() && c.question_id == qid).map(|c| c.text).collect();
            let svg = tokio::task::spawn_blocking(move || {
                let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
                crate::text::svg(&crate::text::word_counts(&refs, max), 1200, 675, &title)
            })
            .await
            .map_err(AppError::storage)?;
            let svg = axum::body::Bytes::from(svg);
            *kept = Some(Cloud { seq, svg: svg.clone() });
            svg
        }
    };
    drop(kept);
    let mut resp = svg.into_response();
    resp.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("image/svg+xml"));
    resp.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(resp)
}

/// A proposed theme: a name, the contributions in it and the words they share.
#[derive(Debug, Serialize, ToSchema)]
pub struct ThemeSuggestion {
    pub name: String,
    pub ids: Vec<String>,
    pub keywords: Vec<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SuggestQuery {
    /// Also cards already in a theme (by default only those in none).
    #[serde(default)]
    pub all: bool,
}

/// Suggest themes for a question's cards by shared content (Swedish stemming and stop words).
/// Nothing is stored: accept, edit or reject, then send the accepted ones to `/themes/accept`
/// (facilitator).
#[utoipa::path(post, path = "/api/sessions/{id}/questions/{question_id}/suggest-themes", tag = "facilitation",
    security(("bearer" = [])), params(("id" = String, Path), ("question_id" = String, Path), SuggestQuery),
    responses((status = 200, body = Vec<ThemeSuggestion>), (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn suggest(
    State(state): State<AppState>,
    AppPath((id, question_id)): AppPath<(String, String)>,
    AppQuery(q): AppQuery<SuggestQuery>,
    headers: HeaderMap,
) -> Result<AppJson<Vec<ThemeSuggestion>>, AppError> {
    let (s, _) = session_for(&state, &id, bearer(&headers), &[Role::Facilitator]).await?;
    let items: Vec<(String, String)> = visible(&state, &s, &question_id)
        .await?
        .into_iter()
        .filter(|c| q.all || c.theme_id.is_none())
        .map(|c| (c.id, c.text))
        .collect();
    let found = tokio::task::spawn_blocking(move || crate::text::suggest(&items, Default::default()))
        .await
        .map_err(AppError::storage)?;
    Ok(AppJson(
        found
            .into_iter()
            .map(|t| ThemeSuggestion { name: t.name, ids: t.ids, keywords: t.keywords })
            .collect(),
    ))
}
