//! Calling the merchant back after a payment, as QPay does: `GET callback_url` with `qpay_payment_id` appended,
//! no body, no signature, expecting 200 and the text `SUCCESS` (SPEC.md §6). The settings decide whether the
//! call is dropped, delayed, duplicated or retried.

use rand::Rng;
use std::time::Duration;

use super::{SharedSandbox, state::CallbackAttempt};

/// Starts delivering in the background and returns at once, as a bank app does not wait for the merchant.
pub fn deliver(sandbox: &SharedSandbox, payment_id: String, url: String) {
    let policy = {
        let mut state = sandbox.lock();
        let policy = state.settings.callback.clone();
        let lost = policy.drop || (policy.drop_rate > 0.0 && state.rng.random_bool(policy.drop_rate.min(1.0)));
        if lost {
            state.counters.callbacks_dropped += 1;
            return;
        }
        policy
    };
    for _ in 0..policy.copies.max(1) {
        let (sandbox, payment_id, url, policy) = (sandbox.clone(), payment_id.clone(), url.clone(), policy.clone());
        tokio::spawn(async move {
            if policy.delay_ms > 0 {
                tokio::time::sleep(Duration::from_millis(policy.delay_ms)).await;
            }
            let attempts = if policy.retry_until_success {
                policy.max_attempts.max(1)
            } else {
                1
            };
            for attempt in 1..=attempts {
                if call_once(&sandbox, &payment_id, &url).await {
                    return;
                }
                if attempt < attempts {
                    tokio::time::sleep(Duration::from_millis(policy.retry_interval_ms)).await;
                }
            }
        });
    }
}

/// One GET; true when the merchant answered 200 `SUCCESS`.
async fn call_once(sandbox: &SharedSandbox, payment_id: &str, url: &str) -> bool {
    let (status, body) = match sandbox.http.get(url).send().await {
        Ok(response) => {
            let status = response.status().as_u16();
            (Some(status), response.text().await.unwrap_or_default())
        }
        Err(error) => (None, error.to_string()),
    };
    let succeeded = status == Some(200) && body.trim() == "SUCCESS";
    let body: String = body.chars().take(200).collect();
    sandbox.lock().record_callback(CallbackAttempt {
        payment_id: payment_id.to_owned(),
        url: url.to_owned(),
        status,
        body,
        succeeded,
    });
    succeeded
}
