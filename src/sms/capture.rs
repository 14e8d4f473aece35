//! The built-in SMS capture (`SMS_MODE=local`, the default, like the QPay emulator): messages are kept in memory,
//! newest last, for `/sms-sandbox/` and its control API; faults set there make it refuse or time out, so the
//! outbox's retries can be seen at work.

use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

use super::{Sms, SmsError};

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

#[derive(Debug, Clone, Default)]
pub struct SmsCapture(Arc<Mutex<State>>);

impl SmsCapture {
    pub fn new() -> SmsCapture {
        SmsCapture::default()
    }

    /// Takes the message, unless a fault says otherwise.
    pub async fn accept(&self, sms: &Sms<'_>) -> Result<(), SmsError> {
        let mut state = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if state.faults.refuse > 0 {
            state.faults.refuse -= 1;
            return Err(SmsError::Refused(format!("the capture refuses {}", sms.to)));
        }
        if state.faults.unavailable > 0 {
            state.faults.unavailable -= 1;
            return Err(SmsError::Unavailable("the capture is down (a fault)".into()));
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
