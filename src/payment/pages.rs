//! The order page: pay with QPay (bank-app links, QR, short link), watch it turn to paid, then the confirmation.

use leptos::{
    either::{Either, EitherOf3, EitherOf5},
    prelude::*,
};
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

use super::{
    BankLinkView, CheckPaymentNow, InvoiceView, OrderView, ReceiptView, RetryInvoice, bank_logo, get_order,
    status::PayStatus,
};
use crate::{
    domain::PaymentState,
    error::AppError,
    i18n::{Lang, use_lang},
    ui::{ErrorNotice, IslandScripts, NotFound, PriceSummary},
};

#[component]
pub fn OrderPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let query = use_query_map();
    let order = Resource::new(
        move || {
            (
                params.read().get("order_no").unwrap_or_default(),
                query.read().get("key"),
                lang,
            )
        },
        |(order_no, key, lang)| get_order(order_no, key, lang),
    );
    view! {
        // The order page is private to its shopper: keep it out of search engines.
        <Meta name="robots" content="noindex"/>
        <Suspense fallback=move || view! { <p>{lang.shop().loading}</p> }>
            {move || Suspend::new(async move {
                match order.await {
                    Ok(order) => EitherOf3::A(view! { <OrderDetails order lang/> }),
                    Err(AppError::NotFound) => EitherOf3::B(view! { <NotFound/> }),
                    Err(_) => EitherOf3::C(view! { <ErrorNotice/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn OrderDetails(order: OrderView, lang: Lang) -> impl IntoView {
    let payable = order.state.is_payable();
    let key_field = order.key.clone().unwrap_or_default();
    let check_url = <CheckPaymentNow as leptos::server_fn::ServerFn>::PATH;
    let check_now = view! {
        <form method="post" action=check_url class="check-now">
            <input type="hidden" name="order_no" value=order.order_no.clone()/>
            <input type="hidden" name="key" value=key_field.clone()/>
            <button type="submit" class="button">{lang.payment().check_now}</button>
        </form>
    };
    let payment_part = match (&order.invoice, order.state, &order.offline) {
        (_, PaymentState::Paid, _) => EitherOf5::A(view! { <Confirmation order=order.clone() lang/> }),
        (_, _, Some(offline)) if payable => {
            EitherOf5::E(view! { <PayOffline offline=offline.clone() order_no=order.order_no.clone() lang/> })
        }
        (Some(invoice), _, _) if payable && !invoice.expired => {
            EitherOf5::B(view! { <PayOptions invoice=invoice.clone() order=order.clone() lang/> {check_now} })
        }
        _ if order.invoice_failed || order.invoice_pending => {
            let retry_url = <RetryInvoice as leptos::server_fn::ServerFn>::PATH;
            EitherOf5::C(view! {
                <section class="notice-line error" role="alert">
                    <p>{if order.invoice_pending { lang.payment().preparing_invoice } else { lang.payment().invoice_failed }}</p>
                    <form method="post" action=retry_url>
                        <input type="hidden" name="order_no" value=order.order_no.clone()/>
                        <input type="hidden" name="key" value=key_field.clone()/>
                        <button type="submit" class="button primary" data-test="retry-invoice">{lang.payment().try_again}</button>
                    </form>
                </section>
            })
        }
        // The invoice's time is over (or the order was cancelled): say the money did not come, and that a payment
        // made anyway is still confirmed.
        _ => EitherOf5::D(view! { <p class="notice-line">{lang.payment().not_received}</p> {check_now} }),
    };
    view! {
        <Title text=format!("{} {} — {}", lang.payment().order_title, order.order_no, crate::shop_identity::use_identity().name(lang))/>
        // An order paid to the shop waits hours, not minutes: no refresh every 5 s for it.
        {(payable && order.offline.is_none()).then(|| view! { <noscript><meta http-equiv="refresh" content="5"/></noscript> })}
        <h1>{lang.payment().order_title} " " <span data-test="order-no">{order.order_no.clone()}</span></h1>
        <PayStatus order_no=order.order_no.clone() key=order.key.clone() state=order.state lang/>
        <PriceSummary price=order.price.clone() lang/>
        {(order.state == PaymentState::PartiallyPaid).then(|| view! {
            <p class="order-total">{lang.payment().paid_so_far} ": " <strong>{order.paid.to_string()}</strong></p>
        })}
        {order.last_check_failed.then(|| view! {
            <p class="notice-line error" role="status" data-test="check-failed">{lang.payment().check_failed}</p>
        })}
        {payment_part}
        <section class="order-summary">
            <ul class="order-items">
                {order.items.into_iter().map(|item| view! {
                    <li>
                        <span>{item.product_name} " (" {item.variant_name} ") × " {item.quantity}</span>
                        <strong>{item.line_total.to_string()}</strong>
                    </li>
                }).collect_view()}
            </ul>
            <p>{order.customer_name} " · " {order.phone}</p>
            <p>{order.delivery}</p>
            {order.note.map(|note| view! { <p class="order-note">{note}</p> })}
            <p class="order-link">{lang.payment().order_link} ": " <a href=order.view_link.clone()>{order.view_link.clone()}</a></p>
        </section>
        <IslandScripts/>
    }
}

/// How to pay an order whose money the shop takes itself: the amount, the shop's account with the order number as
/// the reference for a transfer, and until when.
#[component]
fn PayOffline(offline: super::OfflinePay, order_no: String, lang: Lang) -> impl IntoView {
    let texts = lang.payment();
    let how = match offline.method.as_str() {
        "cash-on-delivery" => texts.offline_cash,
        "pay-at-pickup" => texts.offline_at_pickup,
        _ => texts.offline_transfer,
    };
    view! {
        <section class="pay-offline" data-test="pay-offline" data-method=offline.method.clone()>
            <h2>{offline.label}</h2>
            <p>{how}</p>
            <p>{texts.offline_to_pay} <strong data-test="to-pay">{offline.left.to_string()}</strong></p>
            {offline.bank.map(|bank| view! {
                <dl class="bank-account" data-test="bank-account">
                    <dt>{texts.offline_bank}</dt><dd>{bank.bank}</dd>
                    <dt>{texts.offline_account}</dt><dd data-test="account-number">{bank.number}</dd>
                    <dt>{texts.offline_holder}</dt><dd>{bank.holder}</dd>
                    <dt>{texts.offline_reference}</dt><dd data-test="reference">{order_no}</dd>
                </dl>
            })}
            {offline.pay_by.map(|by| view! {
                <p class="muted">{texts.offline_pay_by} {by}</p>
            })}
        </section>
    }
}

/// Bank-app links first on a phone (where the bank app is), the QR first on a wide screen (scanned with a phone).
#[component]
fn PayOptions(invoice: InvoiceView, order: OrderView, lang: Lang) -> impl IntoView {
    let qr_fallback = (invoice.qr_svg.is_empty() && !invoice.qr_image.is_empty())
        .then(|| format!("data:image/png;base64,{}", invoice.qr_image));
    view! {
        <section class="pay" aria-labelledby="pay-title">
            <h2 id="pay-title">{lang.payment().pay_title} " · " {order.total.to_string()}</h2>
            <p class="pay-until" data-test="time-left">
                {lang.payment().pay_until.replace("{time}", &invoice.expires_at).replace("{minutes}", &invoice.minutes_left.to_string())}
            </p>
            <div class="pay-options">
                <div class="bank-links">
                    <h3>{lang.payment().pay_with_bank}</h3>
                    <ul>
                        {invoice.banks.into_iter().map(|bank| view! { <BankLink bank/> }).collect_view()}
                    </ul>
                </div>
                <div class="qr-box">
                    <h3>{lang.payment().scan_qr}</h3>
                    {match qr_fallback {
                        Some(src) => Either::Left(view! { <img class="qr" data-test="qr" src=src alt=lang.payment().scan_qr width="240" height="240"/> }),
                        None => Either::Right(view! { <div class="qr" data-test="qr" role="img" aria-label=lang.payment().scan_qr inner_html=invoice.qr_svg></div> }),
                    }}
                    {invoice.short_url.map(|url| view! { <a class="short-url" href=url rel="noopener">{lang.payment().open_qpay}</a> })}
                </div>
            </div>
        </section>
    }
}

/// One bank app's button: its logo box, then its name. The box holds the bank's initial on a colour of its own, the
/// logo laid over it (style/main.css, `.bank-logo`): a logo that cannot load (offline, a moved file) draws nothing,
/// its alt being empty, so the initial shows through instead of a blank, with no script (an inline `onerror` would
/// also need the page's Content-Security-Policy to allow it). The box is hidden from screen readers: the name
/// beside it says it all. Bank names come from QPay, so they are data, not texts to translate.
#[component]
fn BankLink(bank: BankLinkView) -> impl IntoView {
    let initial = bank_logo::initial(&bank.name);
    let tone = bank_logo::tone(&bank.name).to_string();
    view! {
        <li>
            <a class="bank-link" data-test="bank-link" href=bank.link rel="noopener">
                <span class="bank-logo" aria-hidden="true" data-tone=tone>
                    <span data-test="bank-initial">{initial}</span>
                    {bank.logo.map(|logo| view! { <img src=logo alt="" width="32" height="32" loading="lazy"/> })}
                </span>
                <span class="bank-name">{bank.name}</span>
            </a>
        </li>
    }
}

#[component]
fn Confirmation(order: OrderView, lang: Lang) -> impl IntoView {
    view! {
        <section class="paid" data-test="paid-confirmation">
            <h2>{lang.payment().paid_title}</h2>
            <ul class="payments">
                {order.payments.into_iter().map(|payment| view! {
                    <li>
                        {lang.payment().payment_details} ": " {payment.wallet.unwrap_or(payment.method)} " · "
                        <span data-test="payment-id">{payment.payment_id}</span> " · " {payment.amount.to_string()}
                        " · " {payment.time}
                    </li>
                }).collect_view()}
            </ul>
            <Receipts receipts=order.receipts coming=order.receipt_coming lang/>
        </section>
    }
}

/// The order's e-barimt receipts: the lottery number and the QR the tax office's app reads. While one is being
/// asked for, the page reloads every few seconds, with or without JavaScript.
#[component]
pub fn Receipts(receipts: Vec<ReceiptView>, coming: bool, lang: Lang) -> impl IntoView {
    let waiting = coming && receipts.iter().all(|r| r.state != "issued");
    view! {
        {waiting.then(|| view! {
            // Without JavaScript the page reloads until the receipt is there; with it, the status island redraws the
            // page in place (status.rs), and a `<noscript>` put in by script is only text, so it never reloads.
            <noscript><meta http-equiv="refresh" content="5"/></noscript>
            <p class="notice-line" role="status" data-test="ebarimt-waiting">{lang.payment().ebarimt_waiting}</p>
        })}
        {receipts.into_iter().map(|receipt| {
            let state = receipt.state.clone();
            view! {
                <section class="ebarimt" data-test="ebarimt" data-state=state.clone()>
                    <h3>{lang.payment().ebarimt_title}</h3>
                    {match state.as_str() {
                        "issued" => EitherOf3::A(view! {
                            {receipt.company.map(|company| view! { <p>{lang.checkout().receipt_company} ": " {company}</p> })}
                            <p>
                                {lang.payment().ebarimt_lottery} ": "
                                <strong data-test="ebarimt-lottery">{receipt.lottery.unwrap_or_default()}</strong>
                            </p>
                            <div class="qr" data-test="ebarimt-qr" data-qr=receipt.qr_data role="img" aria-label=lang.payment().ebarimt_title inner_html=receipt.qr_svg></div>
                            {receipt.vat.map(|vat| view! { <p>{lang.payment().ebarimt_vat} ": " {vat}</p> })}
                            {receipt.city_tax.filter(|tax| tax != "0.00₮" && tax != "0₮").map(|tax| view! {
                                <p>{lang.payment().ebarimt_city_tax} ": " {tax}</p>
                            })}
                        }),
                        "cancelled" => EitherOf3::B(view! { <p>{lang.payment().ebarimt_cancelled}</p> }),
                        "failed" => EitherOf3::C(view! { <p class="notice-line">{lang.payment().ebarimt_failed}</p> }),
                        _ => EitherOf3::C(view! { <p class="notice-line">{lang.payment().ebarimt_waiting}</p> }),
                    }}
                </section>
            }
        }).collect_view()}
    }
}
