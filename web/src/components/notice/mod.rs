//! Banner for what happened at load time (a share link opened or refused).

use leptos::prelude::*;

use crate::state::{NoticeKind, Playground};

#[component]
pub fn NoticeBanner() -> impl IntoView {
    let pg = expect_context::<Playground>();
    move || {
        pg.notice.get().map(|n| {
            let class = match n.kind {
                NoticeKind::Info => "notice notice-info",
                NoticeKind::Error => "notice notice-error",
            };
            view! {
                <div class=class role="status" data-testid="notice">
                    <span>{n.text}</span>
                    {n.offer_previous.then(|| view! {
                        <button class="btn btn-small" on:click=move |_| pg.restore_previous()>
                            "Restore my session"
                        </button>
                    })}
                    <button class="btn btn-small btn-ghost" aria-label="Dismiss" on:click=move |_| pg.notice.set(None)>
                        "✕"
                    </button>
                </div>
            }
        })
    }
}
