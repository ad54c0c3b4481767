//! The playground's shared state (one `Playground` in context) and what outlives a tab:
//! the session in localStorage and the share link in the URL fragment.

use std::sync::Arc;

use depyler_core::package::Project;
use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::api::Conversion;
use crate::examples;
use crate::share::{self, Shared};

const SESSION_KEY: &str = "depyler.session";
/// The session a share link replaced, so opening a link never costs the user their work.
const PREVIOUS_KEY: &str = "depyler.session.previous";
pub const THEME_KEY: &str = "depyler.theme";

pub const MAIN_TAB: &str = "src/main.rs";

/// Where the editor should move its caret (diagnostics, evidence, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Jump {
    pub line: u32,
    pub column: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    Info,
    Error,
}

/// A banner above the editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub text: String,
    /// Offer to bring back the session a share link replaced.
    pub offer_previous: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    Light,
    Dark,
}

/// All UI state; `Copy`, so components capture it freely.
#[derive(Clone, Copy)]
pub struct Playground {
    pub source: RwSignal<String>,
    /// Handler function override (empty: detected).
    pub handler: RwSignal<String>,
    /// Open output tab (a project file path).
    pub tab: RwSignal<String>,
    /// The latest conversion (`None` until the first one ran).
    pub conversion: RwSignal<Option<Arc<Conversion>>>,
    /// The last project that converted, kept on screen (greyed) while the source is broken.
    pub last_good: RwSignal<Option<Arc<Project>>>,
    pub jump: RwSignal<Option<Jump>>,
    pub notice: RwSignal<Option<Notice>>,
    /// `None`: follow the system's colour scheme.
    pub theme: RwSignal<Option<Theme>>,
}

/// What localStorage keeps between visits: the same fields a link shares.
pub type Session = Shared;

impl Playground {
    /// Builds the state from, in order: a share link in the URL, the stored session, the
    /// default example. A broken link falls back to the stored session and says why.
    pub fn load() -> Self {
        let stored: Option<Session> = LocalStorage::get(SESSION_KEY).ok();
        let fragment = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
        let mut notice = None;
        let session = match share::decode(&fragment) {
            Ok(Some(shared)) => {
                if let Some(prev) = stored.filter(|s| s.source != shared.source) {
                    let _ = LocalStorage::set(PREVIOUS_KEY, &prev);
                    notice = Some(Notice {
                        kind: NoticeKind::Info,
                        text: "Opened a shared handler. Your own last session is kept.".into(),
                        offer_previous: true,
                    });
                }
                shared
            }
            Ok(None) => stored.unwrap_or_else(default_session),
            Err(e) => {
                let restored = stored.is_some();
                notice = Some(Notice {
                    kind: NoticeKind::Error,
                    text: format!(
                        "This share link could not be opened: {e}. {}",
                        if restored { "Your last session was restored instead; nothing was lost." } else { "An example was loaded instead." }
                    ),
                    offer_previous: false,
                });
                stored.unwrap_or_else(default_session)
            }
        };
        let theme = LocalStorage::get::<Theme>(THEME_KEY).ok();
        Playground {
            source: RwSignal::new(session.source),
            handler: RwSignal::new(session.handler.unwrap_or_default()),
            tab: RwSignal::new(session.tab.unwrap_or_else(|| MAIN_TAB.into())),
            conversion: RwSignal::new(None),
            last_good: RwSignal::new(None),
            jump: RwSignal::new(None),
            notice: RwSignal::new(notice),
            theme: RwSignal::new(theme),
        }
    }

    pub fn session(&self) -> Session {
        let handler = self.handler.get_untracked();
        Shared {
            source: self.source.get_untracked(),
            handler: (!handler.trim().is_empty()).then_some(handler),
            tab: Some(self.tab.get_untracked()),
        }
    }

    pub fn save(&self) {
        // Full storage or private mode: the playground still works, it just forgets.
        let _ = LocalStorage::set(SESSION_KEY, self.session());
    }

    pub fn restore_previous(&self) {
        if let Ok(prev) = LocalStorage::get::<Session>(PREVIOUS_KEY) {
            self.apply(prev);
            LocalStorage::delete(PREVIOUS_KEY);
        }
        self.notice.set(None);
    }

    pub fn apply(&self, s: Session) {
        self.source.set(s.source);
        self.handler.set(s.handler.unwrap_or_default());
        self.tab.set(s.tab.unwrap_or_else(|| MAIN_TAB.into()));
    }

    /// The share URL for the current state (this page's address with a new fragment).
    pub fn share_url(&self) -> String {
        let base = web_sys::window()
            .and_then(|w| w.location().href().ok())
            .map(|href| href.split('#').next().unwrap_or_default().to_owned())
            .unwrap_or_default();
        format!("{base}#{}", share::encode(&self.session()))
    }

    /// The theme actually shown: the user's choice, else the system's.
    pub fn effective_theme(&self) -> Theme {
        self.theme.get().unwrap_or_else(system_theme)
    }
}

pub fn default_session() -> Session {
    Shared { source: examples::default_example().source.to_owned(), handler: None, tab: None }
}

pub fn system_theme() -> Theme {
    let dark = web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches());
    if dark {
        Theme::Dark
    } else {
        Theme::Light
    }
}

/// Drops a share fragment from the address bar once the user edits, so a reload shows
/// their edits (from localStorage) rather than the link's original state.
pub fn clear_share_fragment() {
    let Some(w) = web_sys::window() else { return };
    let hash = w.location().hash().unwrap_or_default();
    if !matches!(share::decode(&hash), Ok(None)) || hash.starts_with("#v") {
        let path = format!(
            "{}{}",
            w.location().pathname().unwrap_or_default(),
            w.location().search().unwrap_or_default()
        );
        if let Ok(h) = w.history() {
            let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
        }
    }
}
