//! The emulator against QPay's own examples: for every response fixture (`tests/fixtures/qpay/*_response*.json`,
//! listed when the test runs) the emulator is asked the same call, and both answers must have the same keys and the
//! same JSON types, at every level.
//!
//! The rules, strict by default:
//! - Objects: the same key set at every level. A key on one side only is a difference.
//! - Arrays: the elements present on both sides are compared, by position. A fixture's non-empty array against an
//!   empty one from the emulator is a difference too, since nothing of its elements' shape would be checked.
//! - Types: null, bool, number, string, array, object. Integer and decimal are one type, "number", as in JSON
//!   (SPEC.md §4.1: `paid_amount` is `100` or `150.5`).
//! - `null` against a value is a difference. SPEC.md names the few fields that are "X or null"; where a fixture has
//!   one side and the emulator the other, that is an exception of the fixture.
//! - An exception is named per fixture and per path (`[]` standing for any element), says what it allows and why
//!   (SPEC.md's section). One that no longer excuses anything is reported too, so the list cannot go stale.
//! - A fixture without a contract here fails the test (a new fixture is never skipped), and so does a contract whose
//!   fixture is gone. Every difference of every fixture is collected and printed at once.

use crate::qpay_sandbox::Sandbox;
use serde_json::{Value, json};
use std::collections::HashSet;

/// What a difference is; an exception allows one kind at one path.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    /// The fixture has the key, the emulator's answer does not.
    OnlyInFixture,
    /// The emulator's answer has the key, the fixture does not.
    OnlyInEmulator,
    /// Two types, neither of them null.
    OtherType,
    /// `null` on one side, a value on the other.
    NullOrValue,
    /// The fixture's array has elements, the emulator's is empty.
    EmptyInEmulator,
}

/// What an exception allows at its path.
#[derive(Clone, Copy)]
enum Allow {
    /// This one kind of difference at exactly this path.
    Only(Kind),
    /// Any key of the emulator's answer that the fixture lacks, directly under this path: the fixture is a subset.
    KeysOnlyInEmulator,
}

struct Exception {
    path: &'static str,
    allow: Allow,
    why: &'static str,
}

/// The call a fixture answers, made against the emulator.
enum Call {
    /// `POST /v2/auth/token` with Basic credentials.
    Token,
    /// `POST /v2/invoice`.
    CreateInvoice,
    /// `GET /v2/invoice/{id}` of an unpaid invoice.
    GetInvoice,
    /// `DELETE /v2/invoice/{id}` of an open invoice.
    CancelInvoice,
    /// `POST /v2/payment/check` of an invoice paid by this method (`P2P` or `CARD`).
    CheckPayment(&'static str),
    /// `GET /v2/payment/{id}` of a payment made by this method.
    GetPayment(&'static str),
    /// `POST /v2/ebarimt_v3/create` for a paid P2P payment.
    CreateEbarimtV3,
    /// `DELETE /v2/ebarimt_v3/{payment_id}` of an issued receipt.
    CancelEbarimtV3,
}

struct Contract {
    fixture: &'static str,
    call: Call,
    exceptions: &'static [Exception],
}

const fn only(path: &'static str, kind: Kind, why: &'static str) -> Exception {
    Exception {
        path,
        allow: Allow::Only(kind),
        why,
    }
}

/// One contract per response fixture, exceptions and all.
const CONTRACTS: &[Contract] = &[
    Contract {
        fixture: "token_response__amraa1-qpay_client_openapi_sandbox.json",
        call: Call::Token,
        exceptions: &[],
    },
    Contract {
        fixture: "invoice_create_response__developer-qpay-mn_via_mnpay-doc.json",
        call: Call::CreateInvoice,
        exceptions: &[
            only(
                "$.qPay_shortUrl",
                Kind::OnlyInEmulator,
                "an older documented shape (fixtures README); SPEC.md §3.1: responses of 2022-2026 carry qPay_shortUrl",
            ),
            only(
                "$.urls[].logo",
                Kind::OnlyInEmulator,
                "an older documented shape (fixtures README); SPEC.md §3.1 and §8: every bank entry has a logo",
            ),
        ],
    },
    Contract {
        fixture: "invoice_create_response__techpartners-asia-qpay-go_excel_example.json",
        call: Call::CreateInvoice,
        exceptions: &[],
    },
    Contract {
        fixture: "invoice_get_response__techpartners-asia-qpay-go_smoke_partial.json",
        call: Call::GetInvoice,
        exceptions: &[
            Exception {
                path: "$",
                allow: Allow::KeysOnlyInEmulator,
                why: "the fixture is a subset of the fields (fixtures README); SPEC.md §3.2 lists the rest",
            },
            only(
                "$.gross_amount",
                Kind::OtherType,
                "SPEC.md §3.2 [obs]: gross_amount is a number; this smoke test has a string (clients take both, §10.4)",
            ),
            only(
                "$.tax_amount",
                Kind::OtherType,
                "SPEC.md §3.2 [obs]: tax_amount is a number; this smoke test has a string (clients take both, §10.4)",
            ),
            only(
                "$.surcharge_amount",
                Kind::OtherType,
                "SPEC.md §3.2 [obs]: surcharge_amount is a number; this smoke test has a string (§10.4)",
            ),
            only(
                "$.discount_amount",
                Kind::OtherType,
                "SPEC.md §3.2 [obs]: discount_amount is a number; this smoke test has a string (§10.4)",
            ),
            only(
                "$.minimum_amount",
                Kind::NullOrValue,
                "SPEC.md §3.2: minimum_amount is the string \"0.00\" or null",
            ),
            only(
                "$.maximum_amount",
                Kind::NullOrValue,
                "SPEC.md §3.2: maximum_amount is the string \"0.00\" or null",
            ),
        ],
    },
    Contract {
        fixture: "invoice_cancel_response__amraa1-qpay_client_openapi.json",
        call: Call::CancelInvoice,
        exceptions: &[],
    },
    Contract {
        fixture: "payment_check_response__techpartners-asia-qpay-go_excel_card.json",
        call: Call::CheckPayment("CARD"),
        exceptions: &[],
    },
    Contract {
        fixture: "payment_check_response_legacy_shape__developer-qpay-mn_via_mnpay-doc.json",
        call: Call::CheckPayment("P2P"),
        exceptions: &[
            only("$.rows[].payment_date", Kind::OnlyInFixture, LEGACY_ROWS),
            only("$.rows[].payment_fee", Kind::OnlyInFixture, LEGACY_ROWS),
            only("$.rows[].transaction_type", Kind::OnlyInFixture, LEGACY_ROWS),
            only("$.rows[].trx_fee", Kind::OnlyInEmulator, LEGACY_ROWS),
            only("$.rows[].payment_type", Kind::OnlyInEmulator, LEGACY_ROWS),
            only("$.rows[].next_payment_date", Kind::OnlyInEmulator, LEGACY_ROWS),
            only("$.rows[].next_payment_datetime", Kind::OnlyInEmulator, LEGACY_ROWS),
            only("$.rows[].card_transactions", Kind::OnlyInEmulator, LEGACY_ROWS),
            only("$.rows[].p2p_transactions", Kind::OnlyInEmulator, LEGACY_ROWS),
        ],
    },
    Contract {
        fixture: "payment_get_response__techpartners-asia-qpay-go_excel_p2p.json",
        call: Call::GetPayment("P2P"),
        exceptions: &[only(
            "$.p2p_transactions[].id",
            Kind::OnlyInEmulator,
            "SPEC.md §4.1: the realistic payloads carry the P2P transaction's id, the Excel example does not",
        )],
    },
    Contract {
        fixture: "ebarimt_v3_create_response__techpartners-asia-qpay-go.json",
        call: Call::CreateEbarimtV3,
        exceptions: &[],
    },
    Contract {
        fixture: "ebarimt_v3_cancel_response__techpartners-asia-qpay-go.json",
        call: Call::CancelEbarimtV3,
        exceptions: &[
            only("$.merchant_staff_code", Kind::OnlyInEmulator, OLDER_RECEIPT),
            only("$.merchant_tin", Kind::OnlyInEmulator, OLDER_RECEIPT),
            only("$.ebarimt_receipt_id", Kind::OnlyInEmulator, OLDER_RECEIPT),
        ],
    },
];

const LEGACY_ROWS: &str = "SPEC.md §4.1 and §9: the older documented rows (payment_date, payment_fee, transaction_type); \
     the emulator answers with today's rows (trx_fee, payment_type and the rest) of the Excel example and real captures";

const OLDER_RECEIPT: &str = "SPEC.md §5: a cancelled receipt is the issued receipt with barimt_status CANCELED, and the \
     emulator returns its own; this fixture is an older receipt (May 2024) without the fields of §5's (Nov 2024)";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_response_fixture_has_the_emulators_keys_and_types() {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/qpay");
    let mut fixtures: Vec<String> = std::fs::read_dir(&folder)
        .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("_response") && name.ends_with(".json"))
        .collect();
    fixtures.sort();

    let mut problems = Vec::new();
    for name in &fixtures {
        if !CONTRACTS.iter().any(|c| c.fixture == name) {
            problems.push(format!(
                "{name}: no contract: add the call it answers to CONTRACTS in tests/api/contract.rs"
            ));
        }
    }
    for contract in CONTRACTS {
        if !fixtures.iter().any(|name| name == contract.fixture) {
            problems.push(format!("{}: a contract without its fixture", contract.fixture));
        }
    }

    let sandbox = Sandbox::start().await;
    let mut excused = 0;
    for contract in CONTRACTS.iter().filter(|c| fixtures.iter().any(|n| n == c.fixture)) {
        let text = std::fs::read_to_string(folder.join(contract.fixture)).unwrap();
        let fixture: Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: not JSON: {e}", contract.fixture));
        let (status, answer) = answer(&sandbox, &contract.call).await;
        if status != 200 {
            problems.push(format!(
                "{}: the emulator answered {status}: {answer}",
                contract.fixture
            ));
            continue;
        }
        let mut differences = Vec::new();
        compare("$", &fixture, &answer, &mut differences);
        let mut used = HashSet::new();
        for difference in differences {
            match contract
                .exceptions
                .iter()
                .position(|exception| exception.excuses(&difference))
            {
                Some(index) => {
                    used.insert(index);
                    excused += 1;
                }
                None => problems.push(format!("{}: {}", contract.fixture, difference.message)),
            }
        }
        for (index, exception) in contract.exceptions.iter().enumerate() {
            if !used.contains(&index) {
                problems.push(format!(
                    "{}: the exception at {} excuses nothing any more ({}): remove it",
                    contract.fixture, exception.path, exception.why
                ));
            }
        }
    }

    assert!(
        problems.is_empty(),
        "{} difference(s) between the QPay fixtures and the emulator:\n  {}",
        problems.len(),
        problems.join("\n  ")
    );
    println!(
        "{} response fixtures match the emulator's keys and types ({excused} differences excused by named exceptions)",
        fixtures.len()
    );
}

/// The emulator's status and body for `call`, with whatever it needs made first (an invoice, a payment, a receipt).
async fn answer(sandbox: &Sandbox, call: &Call) -> (u16, Value) {
    match call {
        Call::Token => (200, sandbox.token_reply.clone()),
        Call::CreateInvoice => (200, new_invoice(sandbox).await),
        Call::GetInvoice => {
            let id = invoice_id(&new_invoice(sandbox).await);
            sandbox.get(&format!("/v2/invoice/{id}")).await
        }
        Call::CancelInvoice => {
            let id = invoice_id(&new_invoice(sandbox).await);
            sandbox.delete(&format!("/v2/invoice/{id}")).await
        }
        Call::CheckPayment(method) => {
            let (invoice, _) = paid_invoice(sandbox, method).await;
            sandbox.check(&invoice).await
        }
        Call::GetPayment(method) => {
            let (_, payment) = paid_invoice(sandbox, method).await;
            sandbox.get(&format!("/v2/payment/{payment}")).await
        }
        Call::CreateEbarimtV3 => {
            let (_, payment) = paid_invoice(sandbox, "P2P").await;
            new_receipt(sandbox, &payment).await
        }
        Call::CancelEbarimtV3 => {
            let (_, payment) = paid_invoice(sandbox, "P2P").await;
            let (status, receipt) = new_receipt(sandbox, &payment).await;
            assert_eq!(status, 200, "{receipt}");
            sandbox.delete(&format!("/v2/ebarimt_v3/{payment}")).await
        }
    }
}

async fn new_invoice(sandbox: &Sandbox) -> Value {
    // Port 9 refuses: the callback of a payment goes nowhere.
    sandbox.invoice(json!(100), "http://127.0.0.1:9/cb", json!({})).await
}

fn invoice_id(invoice: &Value) -> String {
    invoice["invoice_id"].as_str().unwrap().to_owned()
}

/// A new invoice paid in full by `method`: its id and the payment's.
async fn paid_invoice(sandbox: &Sandbox, method: &str) -> (String, String) {
    let invoice = invoice_id(&new_invoice(sandbox).await);
    let (status, paid) = sandbox
        .control("/pay", json!({"invoice_id": invoice, "method": method}))
        .await;
    assert_eq!(status, 200, "{paid}");
    (invoice, paid["payment_id"].as_str().unwrap().to_owned())
}

async fn new_receipt(sandbox: &Sandbox, payment: &str) -> (u16, Value) {
    sandbox
        .post(
            "/v2/ebarimt_v3/create",
            json!({"payment_id": payment, "ebarimt_receiver_type": "CITIZEN", "ebarimt_receiver": "88614450",
                   "district_code": "3505", "classification_code": "0000010"}),
        )
        .await
}

struct Difference {
    /// Where, with `[]` for any element: what exceptions name.
    path: String,
    kind: Kind,
    message: String,
}

impl Exception {
    fn excuses(&self, difference: &Difference) -> bool {
        match self.allow {
            Allow::Only(kind) => kind == difference.kind && self.path == difference.path,
            Allow::KeysOnlyInEmulator => {
                difference.kind == Kind::OnlyInEmulator
                    && difference
                        .path
                        .rsplit_once('.')
                        .is_some_and(|(parent, _)| parent == self.path)
            }
        }
    }
}

/// Every difference between `fixture` and `emulator` at `path` and below.
fn compare(path: &str, fixture: &Value, emulator: &Value, out: &mut Vec<Difference>) {
    let mut note = |kind: Kind, message: String| {
        out.push(Difference {
            path: any_element(path),
            kind,
            message,
        })
    };
    match (fixture, emulator) {
        (Value::Object(fixture), Value::Object(emulator)) => {
            for (key, value) in fixture {
                match emulator.get(key) {
                    Some(answer) => compare(&format!("{path}.{key}"), value, answer, out),
                    None => out.push(Difference {
                        path: any_element(&format!("{path}.{key}")),
                        kind: Kind::OnlyInFixture,
                        message: format!(
                            "{path}.{key}: in the fixture ({}), not in the emulator's answer",
                            type_of(value)
                        ),
                    }),
                }
            }
            for (key, value) in emulator.iter().filter(|(key, _)| !fixture.contains_key(*key)) {
                out.push(Difference {
                    path: any_element(&format!("{path}.{key}")),
                    kind: Kind::OnlyInEmulator,
                    message: format!(
                        "{path}.{key}: in the emulator's answer ({}), not in the fixture",
                        type_of(value)
                    ),
                });
            }
        }
        (Value::Array(fixture), Value::Array(emulator)) => {
            if !fixture.is_empty() && emulator.is_empty() {
                note(
                    Kind::EmptyInEmulator,
                    format!(
                        "{path}: {} element(s) in the fixture, none in the emulator's answer, so their shape is unchecked",
                        fixture.len()
                    ),
                );
            }
            for (index, (value, answer)) in fixture.iter().zip(emulator).enumerate() {
                compare(&format!("{path}[{index}]"), value, answer, out);
            }
        }
        (fixture, emulator) if type_of(fixture) != type_of(emulator) => {
            let kind = if fixture.is_null() || emulator.is_null() {
                Kind::NullOrValue
            } else {
                Kind::OtherType
            };
            note(
                kind,
                format!(
                    "{path}: {} in the fixture ({}), {} in the emulator's answer ({})",
                    type_of(fixture),
                    shortened(fixture),
                    type_of(emulator),
                    shortened(emulator)
                ),
            );
        }
        _ => {}
    }
}

fn type_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// `$.rows[0].payment_id` → `$.rows[].payment_id`.
fn any_element(path: &str) -> String {
    let mut general = String::with_capacity(path.len());
    let mut in_index = false;
    for c in path.chars() {
        match c {
            '[' => {
                in_index = true;
                general.push_str("[]");
            }
            ']' => in_index = false,
            _ if in_index => {}
            c => general.push(c),
        }
    }
    general
}

fn shortened(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(40) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}
