//! The owner's page of one order: its items, payments, refunds and timeline, and a button for each action the
//! order allows now.

use leptos::{either::EitherOf4, prelude::*};
use leptos_meta::{Meta, Title};

use super::{
    AdminOrderAction, AdminOrderView, AdminRefund, RefundView, RefundableView, get_admin_order,
    pages::{AdminNav, fulfilment_text, to_sign_in},
};
use crate::{
    domain::{Fulfilment, Mnt, OwnerAction, staff::Duty},
    error::AppError,
    i18n::{Lang, use_lang},
    payment::state_text,
    ui::{ErrorNotice, NotFound, PriceSummary},
};

#[component]
pub fn AdminOrderPage() -> impl IntoView {
    let lang = use_lang();
    let params = leptos_router::hooks::use_params_map();
    let order_no = params.with_untracked(|p| p.get("order_no").unwrap_or_default());
    let data = Resource::new(move || order_no.clone(), get_admin_order);
    view! {
        <Meta name="robots" content="noindex"/>
        <Suspense fallback=move || view! { <p>{lang.shop().loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => EitherOf4::A(view! { <OrderDetail view lang/> }),
                    Err(AppError::Unauthorized) => EitherOf4::B(to_sign_in(lang)),
                    Err(AppError::NotFound) => EitherOf4::C(view! { <NotFound/> }),
                    Err(_) => EitherOf4::D(view! { <ErrorNotice/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn OrderDetail(view: AdminOrderView, lang: Lang) -> impl IntoView {
    let order = view.order;
    let act = <AdminOrderAction as leptos::server_fn::ServerFn>::PATH;
    let action_label = move |action: OwnerAction| match action {
        OwnerAction::Recheck => lang.admin().recheck,
        OwnerAction::Cancel => lang.admin().cancel_order,
        OwnerAction::EbarimtRetry => lang.admin().ebarimt_retry,
        OwnerAction::EbarimtCancel => lang.admin().ebarimt_cancel,
        OwnerAction::Fulfil(step) => fulfilment_text(step, lang),
    };
    view! {
        <Title text=format!("{} {} — {}", lang.payment().order_title, order.order_no, crate::shop_identity::use_identity().name(lang))/>
        <AdminNav who=view.who.clone() lang/>
        <p><a href="/admin">"← " {lang.admin().orders}</a></p>
        <h1>{lang.payment().order_title} " " <span data-test="order-no">{order.order_no.clone()}</span></h1>
        <p data-test="admin-status">
            <span data-test="payment-state" data-value=order.state.as_str()>{state_text(order.state, lang)}</span>
            " · "
            <span data-test="fulfilment" data-value=view.fulfilment.as_str()>
                {fulfilment_text(view.fulfilment, lang)}
            </span>
            " · " {view.placed}
            " · " <span data-test="pay-method">{view.pay_method}</span>
        </p>
        {view.notice.map(|notice| view! {
            <p class="notice-line" role="status" data-test="action-notice">{notice}</p>
        })}
        {view.attention.map(|why| view! {
            <p class="notice-line error" data-test="attention">{lang.admin().needs_attention} ": " {why}</p>
        })}
        <div class="admin-actions">
            {view.actions.into_iter().map(|action| {
                let label = action_label(action);
                let test = format!("action-{}", action.as_str());
                view! {
                    <form method="post" action=act>
                        <input type="hidden" name="order_no" value=order.order_no.clone()/>
                        <input type="hidden" name="action" value=action.as_str()/>
                        {(action == OwnerAction::Fulfil(Fulfilment::Shipped)).then(|| view! {
                            <label for="courier-note">{lang.admin().courier_about}</label>
                            <input id="courier-note" name="note" maxlength="200" data-test="courier-note"/>
                        })}
                        <button type="submit" class="button" data-test=test>{label}</button>
                    </form>
                }
            }).collect_view()}
            <a href=format!("/admin/orders/{}/slip", order.order_no) class="button" data-test="slip-link">{lang.slips().slip}</a>
        </div>
        {view.to_collect.map(|left| view! { <ReceiveForm order_no=order.order_no.clone() left lang/> })}
        {view.pay_link.map(|pay_link| view! {
            <super::draft::PayLinkBox order_no=order.order_no.clone() pay_link lang/>
        })}
        <section class="order-summary">
            <p>{lang.shop().total} ": " <strong>{order.total.to_string()}</strong> " · "
               {lang.payment().paid_so_far} ": " <strong data-test="paid">{order.paid.to_string()}</strong>
               {(view.refunded > Mnt::ZERO).then(|| view! {
                   " · " {lang.admin().refunded} ": " <strong data-test="refunded">{view.refunded.to_string()}</strong>
               })}
            </p>
            <ul class="order-items">
                {order.items.into_iter().map(|item| view! {
                    <li>
                        <span>{item.product_name} " (" {item.variant_name} ") × " {item.quantity}</span>
                        <strong>{item.line_total.to_string()}</strong>
                    </li>
                }).collect_view()}
            </ul>
            <PriceSummary price=order.price.clone() lang/>
            <p>{order.customer_name} " · " {order.phone} {view.email.map(|e| view! { " · " {e} })}</p>
            <p>{order.delivery}</p>
            {order.note.map(|note| view! { <p class="order-note">{note}</p> })}
        </section>
        <h2>{lang.admin().payments}</h2>
        <ul class="admin-payments">
            {order.payments.into_iter().map(|p| view! {
                <li data-test="payment">
                    <code>{p.payment_id}</code> " · " {p.method} {p.wallet.map(|w| view! { " · " {w} })}
                    " · " <strong>{p.amount.to_string()}</strong> " · " {p.time}
                </li>
            }).collect_view()}
        </ul>
        {(!order.receipts.is_empty()).then(|| view! {
            <crate::payment::Receipts receipts=order.receipts.clone() coming=false lang/>
        })}
        <RefundForms order_no=order.order_no.clone() payments=view.refundable lang/>
        {(!view.refunds.is_empty()).then(|| view! { <RefundList refunds=view.refunds lang/> })}
        <h2>{lang.admin().timeline}</h2>
        <ol class="admin-timeline" data-test="timeline">
            {view.timeline.into_iter().map(|entry| view! {
                <li data-kind=entry.kind data-test="timeline-entry">
                    <time>{entry.time}</time> " " <span data-test="timeline-text">{entry.text}</span>
                    {entry.actor.map(|who| view! { " — " <em data-test="actor">{who}</em> })}
                    {entry.detail.map(|detail| view! { <small class="timeline-detail">{detail}</small> })}
                </li>
            }).collect_view()}
        </ol>
        <Messages messages=view.messages order_no=order.order_no.clone() resends=view.who.may(Duty::Money) lang/>
    }
}

/// The order's SMS (and later e-mail), each with what became of it and "send again".
#[component]
fn Messages(
    messages: Vec<super::messages::MessageView>,
    order_no: String,
    /// Whether this account may send a message again (the owner).
    resends: bool,
    lang: Lang,
) -> impl IntoView {
    let resend = <super::messages::AdminResendMessage as leptos::server_fn::ServerFn>::PATH;
    let state_text = move |state: &str| match state {
        "sent" => lang.admin().message_sent,
        "refused" => lang.admin().message_refused,
        "skipped" => lang.admin().message_skipped,
        "retrying" => lang.admin().message_retrying,
        "given-up" => lang.admin().message_given_up,
        "held" => lang.admin().message_held,
        _ => lang.admin().message_waiting,
    };
    view! {
        <h2>{lang.admin().messages}</h2>
        <ul class="admin-messages" data-test="messages">
            {messages.into_iter().map(|message| {
                let (kind, state) = (message.kind.clone(), message.state.clone());
                let shown = state_text(&message.state);
                view! {
                <li data-test="message" data-kind=kind data-state=state>
                    <strong>{message.label}</strong> " · " {shown}
                    {message.error.map(|error| view! { " · " <span class="muted">{error}</span> })}
                    {resends.then(|| view! {
                        <form method="post" action=resend>
                            <input type="hidden" name="order_no" value=order_no.clone()/>
                            <input type="hidden" name="kind" value=message.kind/>
                            <button type="submit" class="button" data-test="resend">{lang.admin().message_resend}</button>
                        </form>
                    })}
                </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// Money the shop took itself: the amount (all that is left, to start with) and a note.
#[component]
fn ReceiveForm(order_no: String, left: Mnt, lang: Lang) -> impl IntoView {
    let receive = <super::cash::AdminReceivePayment as leptos::server_fn::ServerFn>::PATH;
    view! {
        <form method="post" action=receive class="checkout-form receive" data-test="receive-form">
            <h2>{lang.admin().money_received}</h2>
            <p data-test="to-collect" data-value=left.amount()>{lang.admin().to_collect} <strong>{left.to_string()}</strong></p>
            <input type="hidden" name="order_no" value=order_no/>
            <div class="field">
                <label for="receive-amount">{lang.admin().receive_amount}</label>
                <input id="receive-amount" name="amount" inputmode="numeric" value=left.amount().to_string() data-test="receive-amount"/>
            </div>
            <div class="field">
                <label for="receive-note">{lang.admin().receive_note}</label>
                <input id="receive-note" name="note" maxlength="200" data-test="receive-note"/>
            </div>
            <button type="submit" class="button primary" data-test="receive-submit">{lang.admin().record_received}</button>
        </form>
    }
}

/// One form per payment with money left: the amount (all that is left, to start with) and the note.
#[component]
fn RefundForms(order_no: String, payments: Vec<RefundableView>, lang: Lang) -> impl IntoView {
    let refund = <AdminRefund as leptos::server_fn::ServerFn>::PATH;
    payments
        .into_iter()
        .map(|payment| {
            let hint = if payment.through_qpay {
                lang.admin().refund_card_hint
            } else {
                lang.admin().refund_manual_hint
            };
            let amount_id = format!("refund-amount-{}", payment.payment_id);
            let note_id = format!("refund-note-{}", payment.payment_id);
            view! {
                <details class="refund" data-test="refund" data-payment=payment.payment_id.clone()>
                    <summary>
                        {lang.admin().refund} " · " <code>{payment.payment_id.clone()}</code> " · "
                        {payment.left.to_string()} " " {lang.admin().refund_left}
                    </summary>
                    <form method="post" action=refund class="checkout-form">
                        <p class="hint">{hint}</p>
                        <input type="hidden" name="order_no" value=order_no.clone()/>
                        <input type="hidden" name="payment_id" value=payment.payment_id.clone()/>
                        <div class="field">
                            <label for=amount_id.clone()>{lang.admin().refund_amount}</label>
                            <input id=amount_id name="amount" inputmode="numeric" required
                                value=payment.left.amount().to_string() data-test="refund-amount"/>
                        </div>
                        <div class="field">
                            <label for=note_id.clone()>{lang.admin().refund_note}</label>
                            <textarea id=note_id name="note" maxlength="500" data-test="refund-note"></textarea>
                        </div>
                        <button type="submit" class="button" data-test="refund-submit">{lang.admin().refund}</button>
                    </form>
                </details>
            }
        })
        .collect_view()
}

#[component]
fn RefundList(refunds: Vec<RefundView>, lang: Lang) -> impl IntoView {
    view! {
        <h2>{lang.admin().refunds}</h2>
        <ul class="admin-payments" data-test="refunds">
            {refunds.into_iter().map(|refund| {
                let state = match refund.state.as_str() {
                    "pending" => lang.admin().refund_pending,
                    "failed" => lang.admin().refund_failed,
                    _ => lang.admin().refunded,
                };
                let way = if refund.way == "qpay" { "QPay" } else { lang.admin().refund_manual };
                view! {
                    <li data-test="refund-row" data-state=refund.state.clone() data-way=refund.way.clone()>
                        <code>{refund.payment_id}</code> " · " <strong>{refund.amount.to_string()}</strong>
                        " · " {way} " · " {state} " · " {refund.time} " — " <em>{refund.actor}</em>
                        {(!refund.note.is_empty()).then(|| view! { <br/> {refund.note} })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
