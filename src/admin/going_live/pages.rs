//! The checklist above the owner's orders: a line per step, ticked or not, its words linked to where it is taken,
//! and for the steps set outside the admin what to do, with the QPay check and the owner's word as plain forms
//! (they work without JavaScript, and come back to `/admin` with what came of them).

use leptos::prelude::*;

use super::{AdminCheckQpay, AdminLaunchAcknowledge, LaunchView};
use crate::{
    admin::catalog::notice_line,
    domain::going_live::{Mark, Step, StepKind},
    i18n::Lang,
};

/// The notice of the last action on it, and the checklist until every step is done.
#[component]
pub fn LaunchChecklist(launch: LaunchView, lang: Lang) -> impl IntoView {
    let texts = lang.launch();
    let all_done = launch.all_done();
    let (qpay_local, backs_up_itself) = (launch.qpay_local, launch.backs_up_itself);
    let steps = launch.steps;
    view! {
        {notice_line(launch.notice)}
        {(!all_done).then(move || view! {
            <section class="launch-checklist" data-test="launch-checklist">
                <h2>{texts.title}</h2>
                <p class="hint">{texts.intro}</p>
                <ul>
                    {steps
                        .into_iter()
                        .map(|step| step_line(step, qpay_local, backs_up_itself, lang))
                        .collect_view()}
                </ul>
            </section>
        })}
    }
}

/// One step: its tick, its words linked to its page, and what to do while it is not done.
fn step_line(step: Step, qpay_local: bool, backs_up_itself: bool, lang: Lang) -> impl IntoView + use<> {
    let texts = lang.launch();
    let kind = step.kind;
    let (tick, state, done) = if step.done {
        ("✓", texts.done, "yes")
    } else {
        ("☐", texts.to_do, "no")
    };
    view! {
        <li
            id=format!("launch-{}", kind.as_str())
            class="launch-step"
            class:done=step.done
            data-test="launch-step"
            data-step=kind.as_str()
            data-done=done
        >
            <span class="launch-tick" role="img" aria-label=state>{tick}</span>
            " "
            <a href=kind.link()>{kind.title(lang)}</a>
            {(!step.done).then(|| what_to_do(kind, qpay_local, backs_up_itself, lang))}
        </li>
    }
}

/// The hint of a step set outside the admin, and its form: the QPay check, or the owner's word.
fn what_to_do(kind: StepKind, qpay_local: bool, backs_up_itself: bool, lang: Lang) -> impl IntoView + use<> {
    let t = lang.launch();
    let hint = match kind {
        StepKind::Qpay if qpay_local => Some(t.hint_qpay_local),
        StepKind::Qpay => Some(t.hint_qpay),
        StepKind::TestPayment => Some(t.hint_test_payment),
        StepKind::Messages => Some(t.hint_messages),
        StepKind::Ebarimt => Some(t.hint_ebarimt),
        StepKind::Backup if backs_up_itself => Some(t.hint_backup_sqlite),
        StepKind::Backup => Some(t.hint_backup_postgres),
        _ => None,
    };
    let word = match kind {
        StepKind::Messages => Some((Mark::MessagesLeftLocal, t.leave_messages_local)),
        StepKind::Ebarimt => Some((Mark::EbarimtOff, t.ebarimt_stays_off)),
        // `delguur backup` ticks SQLite's step itself.
        StepKind::Backup if !backs_up_itself => Some((Mark::BackupElsewhere, t.backed_up_elsewhere)),
        _ => None,
    };
    let check = <AdminCheckQpay as leptos::server_fn::ServerFn>::PATH;
    let acknowledge = <AdminLaunchAcknowledge as leptos::server_fn::ServerFn>::PATH;
    view! {
        {hint.map(|hint| view! { <p class="hint">{hint}</p> })}
        {(kind == StepKind::Qpay).then(|| view! {
            <form method="post" action=check class="launch-action">
                <button type="submit" class="button" data-test="check-qpay">{t.check_qpay}</button>
            </form>
        })}
        {word.map(|(mark, label)| view! {
            <form method="post" action=acknowledge class="launch-action">
                <input type="hidden" name="mark" value=mark.as_str()/>
                <button type="submit" class="button" data-test=format!("acknowledge-{}", mark.as_str())>
                    {label}
                </button>
            </form>
        })}
    }
}
