//! Staff accounts (`/admin/staff`, the owner only): the accounts, the invitations not yet used, a form to invite
//! someone by e-mail (and phone), and disabling an account at once. The invited person sets a password at
//! `/admin/invite/{token}`, which makes a staff account and signs them in.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::catalog::Returned;
use crate::error::AppError;
use form::InviteForm;

pub mod form;
mod pages;
#[cfg(feature = "ssr")]
pub mod service;

pub use pages::{InvitePage, StaffPage};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountView {
    pub id: i64,
    pub email: String,
    /// `owner` or `staff`.
    pub role: String,
    pub phone: Option<String>,
    pub disabled: bool,
    /// Ulaanbaatar time the account was made.
    pub since: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InviteView {
    pub id: i64,
    pub email: String,
    pub phone: Option<String>,
    pub invited_by: String,
    /// Whether its link still works (not revoked, not run out).
    pub open: bool,
    /// Ulaanbaatar time it runs out.
    pub until: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StaffData {
    pub who: super::Account,
    pub accounts: Vec<AccountView>,
    pub invites: Vec<InviteView>,
    pub form: Returned<InviteForm>,
    /// The link of the invitation just made, shown once for the owner to pass on.
    pub new_link: Option<String>,
    pub notice: Option<String>,
}

#[cfg(feature = "ssr")]
const RETURNED_INVITE: crate::web::OneTime<Returned<InviteForm>> = crate::web::OneTime::new("admin_invite_form");
#[cfg(feature = "ssr")]
const NEW_LINK: crate::web::OneTime<String> = crate::web::OneTime::new("admin_invite_link");
/// Why the last password sent with an invitation was refused, shown once on its page.
#[cfg(feature = "ssr")]
const INVITE_NOTICE: crate::web::OneTime<String> = crate::web::OneTime::new("invite_notice");

#[server]
pub async fn get_admin_staff() -> Result<StaffData, AppError> {
    let account = super::signed_in(crate::domain::staff::Duty::ManageStaff).await?;
    let session = crate::web::VisitorSession::current().await?;
    let staff = expect_context::<service::StaffService>();
    Ok(StaffData {
        who: account,
        accounts: staff.accounts().await?,
        invites: staff.invites().await?,
        form: session.take(&RETURNED_INVITE).await?.unwrap_or_default(),
        new_link: session.take(&NEW_LINK).await?,
        notice: session.take(&super::ACTION_NOTICE).await?,
    })
}

/// Invites someone to the staff, then back to the list (with the link, or the form and its mistakes).
#[server]
pub async fn admin_invite_staff(#[server(flatten)] form: InviteForm) -> Result<(), AppError> {
    let account = super::signed_in(crate::domain::staff::Duty::ManageStaff).await?;
    let staff = expect_context::<service::StaffService>();
    let session = crate::web::VisitorSession::current().await?;
    match staff.invite(&account.email, form, crate::i18n::use_lang()).await? {
        service::Invited::Sent(link) => session.keep(&NEW_LINK, &link).await?,
        service::Invited::Returned(returned) => session.keep(&RETURNED_INVITE, &returned).await?,
    }
    leptos_axum::redirect("/admin/staff");
    Ok(())
}

/// Disables a staff account (its sessions are refused from their next request, and stay refused when it is
/// enabled again: it signs in anew) or enables it again.
#[server]
pub async fn admin_disable_staff(
    #[server(default)] id: i64,
    #[server(default)] disabled: bool,
) -> Result<(), AppError> {
    let account = super::signed_in(crate::domain::staff::Duty::ManageStaff).await?;
    let staff = expect_context::<service::StaffService>();
    if !staff.set_disabled(&account.email, id, disabled).await? {
        return Err(AppError::NotFound);
    }
    leptos_axum::redirect("/admin/staff");
    Ok(())
}

/// Revokes an invitation: its link stops working at once.
#[server]
pub async fn admin_revoke_invite(#[server(default)] id: i64) -> Result<(), AppError> {
    let account = super::signed_in(crate::domain::staff::Duty::ManageStaff).await?;
    let staff = expect_context::<service::StaffService>();
    staff.revoke(&account.email, id).await?;
    leptos_axum::redirect("/admin/staff");
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InviteData {
    /// The address the invitation is for; `None` when its link no longer works.
    pub email: Option<String>,
    pub notice: Option<String>,
}

/// The invitation page's data: open to anyone with the link (the token is the credential).
#[server]
pub async fn get_invite(token: String) -> Result<InviteData, AppError> {
    let staff = expect_context::<service::StaffService>();
    let session = crate::web::VisitorSession::current().await?;
    Ok(InviteData {
        email: staff.invited_email(&token).await?,
        notice: session.take(&INVITE_NOTICE).await?,
    })
}

/// Sets the password of an invitation's account: makes it, signs it in (a new session id) and opens the orders;
/// or back to the invitation with why not.
#[server]
pub async fn accept_invite(
    #[server(default)] token: String,
    #[server(default)] password: String,
) -> Result<(), AppError> {
    let staff = expect_context::<service::StaffService>();
    let session = crate::web::VisitorSession::current().await?;
    match staff.accept(&token, &password, crate::i18n::use_lang()).await? {
        service::Accepted::Account { id, sessions_ended } => {
            session.sign_in_account(id, sessions_ended).await?;
            leptos_axum::redirect("/admin");
        }
        service::Accepted::Refused(why) => {
            session.keep(&INVITE_NOTICE, &why.to_owned()).await?;
            // The token is letters and digits only (`random::token`); anything else goes back to a page that says so.
            let token: String = token.chars().filter(char::is_ascii_alphanumeric).take(64).collect();
            leptos_axum::redirect(&format!("/admin/invite/{token}"));
        }
    }
    Ok(())
}
