//! The links of one session, as the API hands them to its creator and its facilitator.

use serde::Serialize;
use utoipa::ToSchema;

use crate::model::Session;
use crate::state::AppState;

/// The links of one session.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Links {
    pub join_url: String,
    pub wall_url: String,
    pub facilitator_url: String,
    pub secretary_url: String,
}

impl Links {
    /// Each page's link, its token in the fragment (browsers never send it to a server).
    pub fn new(state: &AppState, s: &Session) -> Self {
        let page = |path: &str, token: &str| format!("{}/{path}/{}#token={token}", state.base_url, s.id);
        Self {
            join_url: state.join_url(&s.code),
            wall_url: page("wall", &s.tokens.wall),
            facilitator_url: page("facilitator", &s.tokens.facilitator),
            secretary_url: page("secretary", &s.tokens.secretary),
        }
    }
}
