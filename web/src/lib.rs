//! The Depyler Lambda playground: a Leptos CSR app around `depyler-core`, which runs
//! in the same wasm, so analysis and conversion need no server.
//!
//! Layout follows Leptos's hackernews example: this file wires the app together,
//! `api` talks to the core and the build backend, `state` holds what the components
//! share, `components/` has one folder per component. `share`, `zip`, `annotations` and
//! `highlight` are plain Rust with native unit tests.

pub mod annotations;
pub mod api;
pub mod components;
pub mod examples;
pub mod highlight;
pub mod share;
pub mod state;
pub mod zip;

use std::sync::Arc;

use gloo_timers::callback::Timeout;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

use crate::components::{
    build::BuildPanel, diagnostics::Diagnostics, editor::Editor, event_card::EventCard, notice::NoticeBanner,
    options::OptionsPanel, output::Output, status_bar::StatusBar, toolbar::Toolbar,
};
use crate::state::{clear_share_fragment, Playground, Theme};

/// Quiet time after the last keystroke before converting. Conversion takes a few ms, so
/// this is about not re-rendering the outputs on every key, not about the cost.
const DEBOUNCE_MS: u32 = 120;

#[component]
pub fn App() -> impl IntoView {
    let pg = Playground::load();
    provide_context(pg);

    // Convert on every change of source or handler override: at once the first time
    // (results on first load), debounced after that. Replacing the pending timeout
    // drops, and so cancels, the previous one.
    let pending = StoredValue::new_local(None::<Timeout>);
    Effect::new(move |ran_before: Option<()>| {
        let source = pg.source.get();
        let handler = pg.handler.get();
        let run = move || run_conversion(pg, &source, &handler);
        if ran_before.is_none() {
            run();
        } else {
            clear_share_fragment();
            pending.set_value(Some(Timeout::new(DEBOUNCE_MS, run)));
        }
    });

    // The open tab is part of the session too.
    Effect::new(move |_| {
        pg.tab.track();
        pg.save();
    });

    // Theme: an explicit choice sets data-theme on <html>; none follows the system (CSS).
    Effect::new(move |_| {
        let theme = pg.theme.get();
        if let Some(root) = document().document_element() {
            let _ = match theme {
                Some(Theme::Dark) => root.set_attribute("data-theme", "dark"),
                Some(Theme::Light) => root.set_attribute("data-theme", "light"),
                None => root.remove_attribute("data-theme"),
            };
        }
    });

    view! {
        <div class="app">
            <Toolbar/>
            <NoticeBanner/>
            <main class="layout">
                <div class="col col-left">
                    <Editor/>
                    <Diagnostics/>
                    <OptionsPanel/>
                </div>
                <div class="col col-right">
                    <EventCard/>
                    <Output/>
                    <BuildPanel/>
                </div>
            </main>
            <StatusBar/>
        </div>
    }
}

fn run_conversion(pg: Playground, source: &str, handler: &str) {
    let handler = (!handler.trim().is_empty()).then_some(handler);
    let mut conversion = api::convert(source, handler);
    let first = TIMINGS.with(|t| t.borrow().is_empty());
    conversion.seq = TIMINGS.with(|t| {
        t.borrow_mut().push(conversion.millis);
        t.borrow().len()
    });
    if let Ok(project) = &conversion.project {
        pg.last_good.set(Some(Arc::clone(project)));
    }
    pg.conversion.set(Some(Arc::new(conversion)));
    pg.save();
    if first {
        // For the benchmark's "time to first rendered conversion" (tests/browser/bench.mjs):
        // the views update in microtasks after the signals are set, so by the next
        // animation frame the results are in the DOM, about to be painted.
        request_animation_frame(|| {
            if let Some(perf) = window().performance() {
                let _ = perf.mark("depyler:first-conversion");
            }
        });
    }
}

/// Benchmark hook: every conversion time (ms) since the page loaded, oldest first.
/// Exposed as `window.wasmBindings.playground_timings()`.
#[wasm_bindgen]
pub fn playground_timings() -> Vec<f64> {
    TIMINGS.with(|t| t.borrow().clone())
}

thread_local! {
    /// Plain, not reactive: nothing renders from it, and JS reads it without an owner.
    static TIMINGS: std::cell::RefCell<Vec<f64>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Entry point (called from `main`).
pub fn start() {
    console_error_panic_hook::set_once();
    mount_to_body(App);
}
