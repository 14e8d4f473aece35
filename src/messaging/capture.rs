//! The built-in captures of local mode (`SMS_MODE=local` and `EMAIL_MODE=local`, the defaults, like the QPay
//! emulator): what a channel sent is kept in memory, newest last, for `/sms-sandbox/` and its control API; faults
//! set there make it refuse or time out, so the outbox's retries can be seen at work. One [`Capture`] per channel,
//! kept apart ([`Captures`]): the texts, and the e-mails (each its subject, a blank line and its body).

use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

use super::{SendError, sms::Sms};

/// How many messages the capture keeps, the latest.
const KEPT: usize = 1_000;

/// A message the capture took.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Captured {
    pub to: String,
    pub text: String,
    pub kind: String,
    pub order_no: String,
    /// Unix milliseconds.
    pub sent_at: i64,
}

/// The next messages' fate: each count is used up one message at a time.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Faults {
    /// Answer "try later" (a busy gateway).
    #[serde(default)]
    pub unavailable: u32,
    /// Refuse for good (a bad number).
    #[serde(default)]
    pub refuse: u32,
}

#[derive(Debug, Default)]
struct State {
    messages: Vec<Captured>,
    faults: Faults,
}

/// What one channel sent in local mode, with the faults set for its next messages.
#[derive(Debug, Clone, Default)]
pub struct Capture(Arc<Mutex<State>>);

/// The two captures: the texts `SMS_MODE=local` sent, and the e-mails `EMAIL_MODE=local` sent.
#[derive(Debug, Clone, Default)]
pub struct Captures {
    pub sms: Capture,
    pub email: Capture,
}

impl Capture {
    pub fn new() -> Capture {
        Capture::default()
    }

    /// Takes the message (an e-mail as its subject, a blank line and its body), unless a fault says otherwise.
    pub async fn accept(&self, sms: &Sms<'_>) -> Result<(), SendError> {
        let mut state = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if state.faults.refuse > 0 {
            state.faults.refuse -= 1;
            return Err(SendError::Refused(format!("the capture refuses {}", sms.to)));
        }
        if state.faults.unavailable > 0 {
            state.faults.unavailable -= 1;
            return Err(SendError::Unavailable("the capture is down (a fault)".into()));
        }
        // A demo shop left running for weeks keeps the latest only.
        if state.messages.len() >= KEPT {
            state.messages.remove(0);
        }
        state.messages.push(Captured {
            to: sms.to.to_owned(),
            text: sms.text.to_owned(),
            kind: sms.kind.to_owned(),
            order_no: sms.order_no.to_owned(),
            sent_at: crate::db::now_ms(),
        });
        Ok(())
    }

    /// Every message taken, newest first.
    pub fn messages(&self) -> Vec<Captured> {
        let state = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        state.messages.iter().rev().cloned().collect()
    }

    pub fn set_faults(&self, faults: Faults) {
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).faults = faults;
    }
}
