//! The going-live checklist (issue #35): what a shop does before its first real customer, each step ticked from
//! what the shop is, never from a box the owner ticks. Where the owner may knowingly leave a step (messages kept
//! local, e-barimt off, a database backed up by other means), the owner's word is one of the facts, stored as a mark
//! (`db::launch`). Pure: the facts are gathered by `db::launch::state`, shown on `/admin` and by `check-config`.

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

/// Which QPay the shop talks to, as the checklist needs it (`QPAY_MODE`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum QpayStage {
    /// The built-in emulator: it takes no money, so the QPay step can never be done in it.
    #[default]
    Local,
    Sandbox,
    Live,
}

/// The facts the steps are ticked from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LaunchState {
    pub named: bool,
    pub logo: bool,
    pub phone: bool,
    pub email_or_address: bool,
    /// Products on sale with a picture of the owner's own and a variant in stock.
    pub products_ready: i64,
    /// An active delivery zone or pickup point.
    pub delivery: bool,
    pub qpay: QpayStage,
    /// The last token QPay issued was for the QPay the shop is set to now (mode, base URL, client id).
    pub qpay_checked: bool,
    /// An order paid through QPay, the emulator's included: the whole way from invoice to callback works.
    pub paid_through_qpay: bool,
    /// SMS and e-mail both leave the shop (neither `local`).
    pub messages_real: bool,
    pub messages_left_local: bool,
    pub ebarimt_on: bool,
    pub ebarimt_off: bool,
    /// When `delguur backup` last finished (Unix ms).
    pub backup_at: Option<i64>,
    pub backup_elsewhere: bool,
}

/// One step of the checklist, in the order the owner is asked to take them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StepKind {
    Name,
    Logo,
    Contacts,
    Products,
    Delivery,
    Qpay,
    TestPayment,
    Messages,
    Ebarimt,
    Backup,
}

impl StepKind {
    pub const ALL: [StepKind; 10] = [
        StepKind::Name,
        StepKind::Logo,
        StepKind::Contacts,
        StepKind::Products,
        StepKind::Delivery,
        StepKind::Qpay,
        StepKind::TestPayment,
        StepKind::Messages,
        StepKind::Ebarimt,
        StepKind::Backup,
    ];

    /// Its name in the page's hooks and anchors.
    pub fn as_str(self) -> &'static str {
        match self {
            StepKind::Name => "name",
            StepKind::Logo => "logo",
            StepKind::Contacts => "contacts",
            StepKind::Products => "products",
            StepKind::Delivery => "delivery",
            StepKind::Qpay => "qpay",
            StepKind::TestPayment => "test-payment",
            StepKind::Messages => "messages",
            StepKind::Ebarimt => "ebarimt",
            StepKind::Backup => "backup",
        }
    }

    /// Where the owner takes the step. QPay, e-barimt and backups are set outside the admin (the environment, the
    /// server), so theirs is their line on `/admin`, where the check or the owner's word is given.
    pub fn link(self) -> &'static str {
        match self {
            StepKind::Name | StepKind::Logo | StepKind::Contacts => "/admin/settings",
            StepKind::Products => "/admin/products",
            StepKind::Delivery => "/admin/delivery",
            StepKind::Qpay => "/admin#launch-qpay",
            // Paid as a shopper pays: from the shop's own pages.
            StepKind::TestPayment => "/",
            StepKind::Messages => "/admin/messages",
            StepKind::Ebarimt => "/admin#launch-ebarimt",
            StepKind::Backup => "/admin#launch-backup",
        }
    }

    /// What the step asks, in `lang`.
    pub fn title(self, lang: Lang) -> &'static str {
        let t = lang.launch();
        match self {
            StepKind::Name => t.step_name,
            StepKind::Logo => t.step_logo,
            StepKind::Contacts => t.step_contacts,
            StepKind::Products => t.step_products,
            StepKind::Delivery => t.step_delivery,
            StepKind::Qpay => t.step_qpay,
            StepKind::TestPayment => t.step_test_payment,
            StepKind::Messages => t.step_messages,
            StepKind::Ebarimt => t.step_ebarimt,
            StepKind::Backup => t.step_backup,
        }
    }

    fn done(self, s: &LaunchState) -> bool {
        match self {
            StepKind::Name => s.named,
            StepKind::Logo => s.logo,
            StepKind::Contacts => s.phone && s.email_or_address,
            StepKind::Products => s.products_ready > 0,
            StepKind::Delivery => s.delivery,
            // A token from the emulator proves nothing about the merchant's real credentials.
            StepKind::Qpay => s.qpay != QpayStage::Local && s.qpay_checked,
            StepKind::TestPayment => s.paid_through_qpay,
            StepKind::Messages => s.messages_real || s.messages_left_local,
            StepKind::Ebarimt => s.ebarimt_on || s.ebarimt_off,
            StepKind::Backup => s.backup_at.is_some() || s.backup_elsewhere,
        }
    }
}

/// A step and whether it is done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub kind: StepKind,
    pub done: bool,
}

/// Every step, in [`StepKind::ALL`]'s order.
pub fn steps(state: &LaunchState) -> Vec<Step> {
    StepKind::ALL
        .into_iter()
        .map(|kind| Step {
            kind,
            done: kind.done(state),
        })
        .collect()
}

/// Whether the checklist has nothing left: `/admin` then no longer shows it.
pub fn all_done(steps: &[Step]) -> bool {
    steps.iter().all(|step| step.done)
}

/// What the shop records of the going-live steps: a check that passed, a backup taken, or the owner's word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// QPay issued a token; its detail is [`qpay_fingerprint`] of the QPay it was for.
    QpayToken,
    /// `delguur backup` finished.
    Backup,
    MessagesLeftLocal,
    EbarimtOff,
    /// PostgreSQL, which `delguur backup` does not copy: the owner says `pg_dump` (or the host) keeps copies.
    BackupElsewhere,
}

impl Mark {
    pub const ALL: [Mark; 5] = [
        Mark::QpayToken,
        Mark::Backup,
        Mark::MessagesLeftLocal,
        Mark::EbarimtOff,
        Mark::BackupElsewhere,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Mark::QpayToken => "qpay_token",
            Mark::Backup => "backup",
            Mark::MessagesLeftLocal => "messages_left_local",
            Mark::EbarimtOff => "ebarimt_off",
            Mark::BackupElsewhere => "backup_elsewhere",
        }
    }

    pub fn parse(text: &str) -> Option<Mark> {
        Mark::ALL.into_iter().find(|mark| mark.as_str() == text)
    }

    /// The marks the owner gives by a button on `/admin` (the others the shop records itself).
    pub fn is_owners_word(self) -> bool {
        matches!(self, Mark::MessagesLeftLocal | Mark::EbarimtOff | Mark::BackupElsewhere)
    }
}

/// The marks as stored, each once.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Marks {
    /// The fingerprint of the QPay the last token was issued by.
    pub qpay_token: Option<String>,
    pub backup_at: Option<i64>,
    pub messages_left_local: bool,
    pub ebarimt_off: bool,
    pub backup_elsewhere: bool,
}

impl Marks {
    /// Adds a stored mark (`at`: when, `detail`: what it was for).
    pub fn add(&mut self, mark: Mark, at: i64, detail: String) {
        match mark {
            Mark::QpayToken => self.qpay_token = Some(detail),
            Mark::Backup => self.backup_at = Some(at),
            Mark::MessagesLeftLocal => self.messages_left_local = true,
            Mark::EbarimtOff => self.ebarimt_off = true,
            Mark::BackupElsewhere => self.backup_elsewhere = true,
        }
    }
}

/// Which QPay a token was issued by: the mode, the base URL and the client id, never the secret. A change to any
/// of them (sandbox to live, another merchant) makes the last check stale, so the step is unticked until QPay is
/// asked again.
pub fn qpay_fingerprint(mode: &str, base_url: &str, client_id: &str) -> String {
    format!("{mode} {} {client_id}", base_url.trim_end_matches('/'))
}

#[cfg(test)]
mod tests;
