//! The going-live checklist on `/admin` (issue #35), the owner's alone: each step ticked from the shop's real state
//! (`domain::going_live`), with a link to where it is taken; QPay's credentials checked from the page, and the
//! owner's word for a step knowingly left (messages kept local, e-barimt off, a database backed up elsewhere).
//! Staff's `/admin` is the orders alone: the page asks for the checklist only for an account that may change
//! settings.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{domain::going_live::Step, error::AppError};

mod pages;
#[cfg(feature = "ssr")]
pub mod service;

pub use pages::LaunchChecklist;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LaunchView {
    pub steps: Vec<Step>,
    /// The built-in emulator: the QPay step cannot be done in it, and says what to set instead.
    pub qpay_local: bool,
    /// SQLite, which `delguur backup` copies; on PostgreSQL the owner says instead that a backup is made elsewhere.
    pub backs_up_itself: bool,
    /// What came of the owner's last action on the checklist, in their language.
    pub notice: Option<String>,
}

impl LaunchView {
    pub fn all_done(&self) -> bool {
        crate::domain::going_live::all_done(&self.steps)
    }
}

/// The checklist as the shop stands now.
#[server]
pub async fn get_admin_launch() -> Result<LaunchView, AppError> {
    super::signed_in(crate::domain::staff::Duty::Settings).await?;
    let session = crate::web::VisitorSession::current().await?;
    let notice = session.take(&super::ACTION_NOTICE).await?;
    let launch = expect_context::<service::LaunchService>();
    Ok(LaunchView {
        steps: launch.steps().await?,
        qpay_local: launch.qpay_local(),
        backs_up_itself: launch.backs_up_itself(),
        notice,
    })
}

/// Asks QPay for a token with the shop's credentials, as `check-config` does; back to `/admin` with what came of it.
#[server]
pub async fn admin_check_qpay() -> Result<(), AppError> {
    let account = super::signed_in(crate::domain::staff::Duty::Settings).await?;
    let launch = expect_context::<service::LaunchService>();
    let notice = launch.check_qpay(&account.email, crate::i18n::use_lang()).await?;
    back_to_admin(notice).await
}

/// Records the owner's word for a step left knowingly (a [`Mark`](crate::domain::going_live::Mark) the owner
/// gives: `messages_left_local`, `ebarimt_off`, `backup_elsewhere`).
#[server]
pub async fn admin_launch_acknowledge(#[server(default)] mark: String) -> Result<(), AppError> {
    let account = super::signed_in(crate::domain::staff::Duty::Settings).await?;
    let mark = crate::domain::going_live::Mark::parse(&mark)
        .filter(|mark| mark.is_owners_word())
        .ok_or(AppError::NotFound)?;
    let launch = expect_context::<service::LaunchService>();
    launch.acknowledge(&account.email, mark).await?;
    back_to_admin(crate::i18n::use_lang().launch().noted.to_owned()).await
}

/// Back to the orders, where the checklist is, with `notice` shown there once.
#[cfg(feature = "ssr")]
async fn back_to_admin(notice: String) -> Result<(), AppError> {
    crate::web::VisitorSession::current()
        .await?
        .keep(&super::ACTION_NOTICE, &notice)
        .await?;
    leptos_axum::redirect("/admin");
    Ok(())
}
