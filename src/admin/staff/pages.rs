//! The staff page (accounts, invitations, the invitation form) and the invited person's page, where a password is
//! set. Plain forms: they work without JavaScript.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use super::{
    AcceptInvite, AccountView, AdminDisableStaff, AdminInviteStaff, AdminRevokeInvite, InviteView, StaffData,
    get_admin_staff, get_invite,
};
use crate::{
    admin::{
        catalog::{field, notice_line},
        layout::AdminPlainBar,
        pages::{AdminNav, owner_page},
    },
    i18n::{Lang, use_lang},
};

#[component]
pub fn StaffPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_admin_staff());
    owner_page(use_lang().settings().staff_title, data, |data, lang| {
        view! { <Staff data lang/> }
    })
}

#[component]
fn Staff(data: StaffData, lang: Lang) -> impl IntoView {
    let invite = <AdminInviteStaff as leptos::server_fn::ServerFn>::PATH;
    let texts = lang.settings();
    let (input, errors) = (data.form.input, data.form.errors);
    let new_link = data.new_link.map(|link| {
        view! {
            <div class="notice-line" role="status" data-test="invite-link">
                <p>{texts.staff_invite_sent}</p>
                <input readonly value=link aria-label=texts.staff_invite_link/>
            </div>
        }
    });
    view! {
        <AdminNav title=texts.staff_title who=data.who lang/>
        {notice_line(data.notice)}
        {new_link}
        <h2>{texts.staff_accounts}</h2>
        <ul class="admin-staff" data-test="accounts">
            {data.accounts.into_iter().map(|account| view! { <Account account lang/> }).collect_view()}
        </ul>
        {(!data.invites.is_empty()).then(|| view! {
            <h2>{texts.staff_open_invites}</h2>
            <ul class="admin-staff" data-test="invites">
                {data.invites.into_iter().map(|invite| view! { <Invite invite lang/> }).collect_view()}
            </ul>
        })}
        <form method="post" action=invite class="admin-form" data-test="invite-form">
            <h2>{texts.staff_invite}</h2>
            <p class="hint">{texts.staff_invite_hint}</p>
            {field("invite", "email", texts.staff_email, input.email, &errors, lang, false)}
            {field("invite", "phone", texts.staff_phone, input.phone, &errors, lang, false)}
            <button type="submit" class="button primary" data-test="send-invite">{texts.staff_send_invite}</button>
        </form>
    }
}

#[component]
fn Account(account: AccountView, lang: Lang) -> impl IntoView {
    let switch = <AdminDisableStaff as leptos::server_fn::ServerFn>::PATH;
    let texts = lang.settings();
    let role = if account.role == "owner" {
        texts.staff_owner
    } else {
        texts.staff_member
    };
    let state = account.disabled.then_some(texts.staff_disabled);
    let staff = account.role == "staff";
    let (label, disable) = if account.disabled {
        (texts.staff_enable, None)
    } else {
        (texts.staff_disable, Some("true"))
    };
    let email = account.email.clone();
    view! {
        <li data-test="account" data-email=email data-disabled=account.disabled.to_string()>
            <strong>{account.email}</strong> " · " {role}
            {account.phone.map(|phone| view! { " · " {phone} })}
            " · " <span class="muted">{account.since}</span>
            {state.map(|state| view! { " · " <span class="attention-flag">{state}</span> })}
            {staff.then(|| view! {
                <form method="post" action=switch>
                    <input type="hidden" name="id" value=account.id/>
                    {disable.map(|value| view! { <input type="hidden" name="disabled" value=value/> })}
                    <button type="submit" class="button" data-test="switch-account">{label}</button>
                </form>
            })}
        </li>
    }
}

#[component]
fn Invite(invite: InviteView, lang: Lang) -> impl IntoView {
    let revoke = <AdminRevokeInvite as leptos::server_fn::ServerFn>::PATH;
    let texts = lang.settings();
    let email = invite.email.clone();
    view! {
        <li data-test="invite" data-email=email data-open=invite.open.to_string()>
            <strong>{invite.email}</strong>
            {invite.phone.map(|phone| view! { " · " {phone} })}
            " · " {texts.staff_invited_by} " " {invite.invited_by}
            " · " {if invite.open { texts.staff_open_until } else { texts.staff_ran_out }}
            {invite.until}
            {invite.open.then(|| view! {
                <form method="post" action=revoke>
                    <input type="hidden" name="id" value=invite.id/>
                    <button type="submit" class="button" data-test="revoke-invite">{texts.staff_revoke}</button>
                </form>
            })}
        </li>
    }
}

/// `/admin/invite/{token}`: the invited person sets a password; a link that no longer works says so.
#[component]
pub fn InvitePage() -> impl IntoView {
    let lang = use_lang();
    let texts = lang.settings();
    let token = use_params_map().with_untracked(|p| p.get("token")).unwrap_or_default();
    let data = Resource::new(
        {
            let token = token.clone();
            move || token.clone()
        },
        get_invite,
    );
    let accept = <AcceptInvite as leptos::server_fn::ServerFn>::PATH;
    view! {
        <Title text=texts.invite_title/>
        <Meta name="robots" content="noindex"/>
        <AdminPlainBar lang/>
        <section class="admin-sign-in">
            <h1>{texts.invite_title}</h1>
            <Suspense fallback=|| ()>
                {move || {
                    let token = token.clone();
                    Suspend::new(async move {
                        let data = data.await.ok()?;
                        let notice = data.notice.map(|notice| view! {
                            <p class="notice-line error" role="alert" data-test="invite-notice">{notice}</p>
                        });
                        let form = match data.email {
                            None => leptos::either::Either::Left(view! {
                                <p data-test="invite-gone">{texts.invite_gone}</p>
                            }),
                            Some(email) => leptos::either::Either::Right(view! {
                                <form method="post" action=accept class="checkout-form" data-test="invite-accept">
                                    <input type="hidden" name="token" value=token/>
                                    <div class="field">
                                        <label for="invite-email">{texts.email}</label>
                                        <input id="invite-email" type="email" value=email readonly autocomplete="username"/>
                                    </div>
                                    <div class="field">
                                        <label for="invite-password">{texts.invite_password}</label>
                                        <input id="invite-password" name="password" type="password" minlength="10"
                                            autocomplete="new-password" required/>
                                    </div>
                                    <button type="submit" class="button primary" data-test="accept-invite">
                                        {texts.invite_accept}
                                    </button>
                                </form>
                            }),
                        };
                        Some(view! { {notice} {form} })
                    })
                }}
            </Suspense>
        </section>
    }
}
