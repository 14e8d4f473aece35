//! A day's QPay payments held against the shop's own record (issue #22): QPay's `payment/list` for the day
//! (SPEC.md §4.4) and the orders and payments the shop knows, matched by invoice id and payment id. Pure: the
//! payment service gathers both sides and acts on what comes out.
//!
//! - a payment QPay lists and the shop recorded, for the same whole tögrög: matched;
//! - recorded for another amount: a mismatch, for the owner;
//! - a payment QPay calls paid, for an invoice the shop made, that the shop never recorded (its callback and every
//!   check were lost): to settle, through the one settlement path, which confirms it with `payment/check` first;
//! - a paid payment for an invoice the shop never made: unknown, for the owner, never settled;
//! - a payment the shop recorded in the day that QPay does not list: missing, for the owner.
//!
//! Amounts follow settling's rule (`payment/settle.rs`): a payment is worth its whole tögrög, rounded down, and
//! only PAID and PARTIAL rows in tögrög count (SPEC.md §4.1, §10.10).

use serde::{Deserialize, Serialize};

use super::Mnt;

/// One row of QPay's list, as the matcher needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedPayment {
    pub payment_id: String,
    /// The row's `object_id`: the invoice the payment is for.
    pub invoice_id: Option<String>,
    /// PAID or PARTIAL, in tögrög: money the shop received.
    pub counts: bool,
    /// QPay's amount exactly, in hundredths of a tögrög (QPay writes two decimals, SPEC.md §4.1).
    pub amount_cents: i64,
}

/// A QPay invoice the shop made, by its id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownInvoice {
    pub invoice_id: String,
    pub order_no: String,
}

/// A QPay payment the shop recorded (`payments`), with whether it was recorded within the day checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedPayment {
    pub payment_id: String,
    pub order_no: String,
    pub amount: Mnt,
    pub in_day: bool,
}

/// What a finding says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FindingKind {
    /// Paid at QPay for an order of the shop, not recorded here: sent through settling.
    Recovered,
    /// Paid at QPay for an invoice the shop never made.
    Unknown,
    /// Recorded here within the day, not in QPay's list.
    Missing,
    /// QPay's amount is not the one recorded here.
    Mismatch,
}

impl FindingKind {
    pub const ALL: [FindingKind; 4] = [
        FindingKind::Recovered,
        FindingKind::Unknown,
        FindingKind::Missing,
        FindingKind::Mismatch,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::Recovered => "recovered",
            FindingKind::Unknown => "unknown",
            FindingKind::Missing => "missing",
            FindingKind::Mismatch => "mismatch",
        }
    }

    pub fn parse(text: &str) -> Option<FindingKind> {
        FindingKind::ALL.into_iter().find(|kind| kind.as_str() == text)
    }
}

/// One thing the day's check found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub kind: FindingKind,
    pub payment_id: String,
    /// The shop's order, when the payment belongs to one.
    pub order_no: Option<String>,
    pub invoice_id: Option<String>,
    /// QPay's amount in hundredths of a tögrög; none when QPay does not list the payment.
    pub qpay_cents: Option<i64>,
    /// What the shop recorded; none when it recorded nothing.
    pub shop_amount: Option<Mnt>,
    /// What became of it: for a recovered payment, the order's state after settling, or why it could not be.
    pub outcome: String,
}

impl Finding {
    /// QPay's amount as the owner reads amounts: whole tögrög, rounded down as settling counts them.
    pub fn qpay_amount(&self) -> Option<Mnt> {
        self.qpay_cents.and_then(|cents| Mnt::new(cents.div_euclid(100)).ok())
    }
}

/// The day matched: how many agreed, and everything else.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DayMatch {
    pub matched: usize,
    /// Kind [`FindingKind::Recovered`], each with its order: to go through settling.
    pub to_settle: Vec<Finding>,
    /// Unknown, missing and mismatched payments, for the owner.
    pub flagged: Vec<Finding>,
}

/// Matches QPay's rows for the day with what the shop knows: the invoices the rows name and the payments the
/// shop recorded (those the rows name, and those recorded within the day). A payment id listed twice (a row that
/// moved between pages while they were read) counts once.
pub fn match_day(listed: &[ListedPayment], invoices: &[KnownInvoice], recorded: &[RecordedPayment]) -> DayMatch {
    let mut day = DayMatch::default();
    let mut seen: Vec<&str> = Vec::new();
    for row in listed {
        if seen.contains(&row.payment_id.as_str()) {
            continue;
        }
        seen.push(&row.payment_id);
        let finding = |kind, order_no: Option<&String>, shop_amount| Finding {
            kind,
            payment_id: row.payment_id.clone(),
            order_no: order_no.cloned(),
            invoice_id: row.invoice_id.clone(),
            qpay_cents: Some(row.amount_cents),
            shop_amount,
            outcome: String::new(),
        };
        if let Some(known) = recorded.iter().find(|r| r.payment_id == row.payment_id) {
            // Money QPay no longer counts (refunded, say) was recorded when it did: the refund is the shop's own
            // record, so only a counted row's amount is compared.
            if !row.counts || row.amount_cents.div_euclid(100) == known.amount.amount() {
                day.matched += 1;
            } else {
                day.flagged.push(finding(
                    FindingKind::Mismatch,
                    Some(&known.order_no),
                    Some(known.amount),
                ));
            }
            continue;
        }
        if !row.counts {
            // Not money received, and not the shop's: nothing to settle or report.
            continue;
        }
        let invoice = row
            .invoice_id
            .as_deref()
            .and_then(|id| invoices.iter().find(|i| i.invoice_id == id));
        match invoice {
            Some(invoice) => day
                .to_settle
                .push(finding(FindingKind::Recovered, Some(&invoice.order_no), None)),
            None => day.flagged.push(finding(FindingKind::Unknown, None, None)),
        }
    }
    for payment in recorded.iter().filter(|r| r.in_day) {
        if !seen.contains(&payment.payment_id.as_str()) {
            day.flagged.push(Finding {
                kind: FindingKind::Missing,
                payment_id: payment.payment_id.clone(),
                order_no: Some(payment.order_no.clone()),
                invoice_id: None,
                qpay_cents: None,
                shop_amount: Some(payment.amount),
                outcome: String::new(),
            });
        }
    }
    day
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(payment_id: &str, invoice_id: &str, counts: bool, cents: i64) -> ListedPayment {
        ListedPayment {
            payment_id: payment_id.into(),
            invoice_id: Some(invoice_id.into()),
            counts,
            amount_cents: cents,
        }
    }

    fn invoice(invoice_id: &str, order_no: &str) -> KnownInvoice {
        KnownInvoice {
            invoice_id: invoice_id.into(),
            order_no: order_no.into(),
        }
    }

    fn recorded(payment_id: &str, order_no: &str, amount: i64, in_day: bool) -> RecordedPayment {
        RecordedPayment {
            payment_id: payment_id.into(),
            order_no: order_no.into(),
            amount: Mnt::new(amount).unwrap(),
            in_day,
        }
    }

    /// (matched, payment ids to settle with their order, flagged as (kind, payment id)).
    type Outcome = (
        usize,
        Vec<(&'static str, &'static str)>,
        Vec<(FindingKind, &'static str)>,
    );
    /// What the case is, QPay's rows, the shop's record, what comes out.
    type Case = (&'static str, Vec<ListedPayment>, Vec<RecordedPayment>, Outcome);

    /// [`Outcome`] as read off a match: matched count, (payment, order) to settle, (kind, payment) found.
    type Found = (usize, Vec<(String, String)>, Vec<(FindingKind, String)>);

    fn outcome(day: &DayMatch) -> Found {
        let settle = day
            .to_settle
            .iter()
            .map(|f| (f.payment_id.clone(), f.order_no.clone().unwrap_or_default()))
            .collect();
        let flagged = day.flagged.iter().map(|f| (f.kind, f.payment_id.clone())).collect();
        (day.matched, settle, flagged)
    }

    #[test]
    fn each_payment_is_matched_settled_or_flagged() {
        use FindingKind::*;
        let invoices = [invoice("inv-a", "A1"), invoice("inv-b", "B2")];
        let cases: Vec<Case> = vec![
            (
                "recorded for the same amount",
                vec![row("p1", "inv-a", true, 2_500_000)],
                vec![recorded("p1", "A1", 25_000, true)],
                (1, vec![], vec![]),
            ),
            (
                "a fraction counts as settling counts it: rounded down",
                vec![row("p1", "inv-a", true, 2_500_050)],
                vec![recorded("p1", "A1", 25_000, true)],
                (1, vec![], vec![]),
            ),
            (
                "recorded for another amount",
                vec![row("p1", "inv-a", true, 2_600_000)],
                vec![recorded("p1", "A1", 25_000, true)],
                (0, vec![], vec![(Mismatch, "p1")]),
            ),
            (
                "paid for the shop's invoice, never recorded: callback and checks lost",
                vec![row("p1", "inv-b", true, 2_500_000)],
                vec![],
                (0, vec![("p1", "B2")], vec![]),
            ),
            (
                "paid for an invoice the shop never made",
                vec![row("p9", "inv-x", true, 1_000_000)],
                vec![],
                (0, vec![], vec![(Unknown, "p9")]),
            ),
            (
                "recorded in the day, not listed",
                vec![],
                vec![recorded("p1", "A1", 25_000, true)],
                (0, vec![], vec![(Missing, "p1")]),
            ),
            (
                "recorded on another day and not listed: not this day's",
                vec![],
                vec![recorded("p1", "A1", 25_000, false)],
                (0, vec![], vec![]),
            ),
            (
                "listed today, recorded yesterday (paid just before midnight): matched",
                vec![row("p1", "inv-a", true, 2_500_000)],
                vec![recorded("p1", "A1", 25_000, false)],
                (1, vec![], vec![]),
            ),
            (
                "a refunded payment recorded here matches whatever QPay now says of its amount",
                vec![row("p1", "inv-a", false, 0)],
                vec![recorded("p1", "A1", 25_000, true)],
                (1, vec![], vec![]),
            ),
            (
                "a row that is not money received is neither settled nor reported",
                vec![row("p1", "inv-a", false, 2_500_000), row("p2", "inv-x", false, 100)],
                vec![],
                (0, vec![], vec![]),
            ),
            (
                "a row on two pages counts once",
                vec![row("p1", "inv-b", true, 2_500_000), row("p1", "inv-b", true, 2_500_000)],
                vec![],
                (0, vec![("p1", "B2")], vec![]),
            ),
            (
                "two part payments of one order, one recorded",
                vec![row("p1", "inv-a", true, 1_000_000), row("p2", "inv-a", true, 1_500_000)],
                vec![recorded("p1", "A1", 10_000, true)],
                (1, vec![("p2", "A1")], vec![]),
            ),
        ];
        for (what, listed, shop, (matched, settle, flagged)) in cases {
            let day = match_day(&listed, &invoices, &shop);
            let settle: Vec<(String, String)> = settle.into_iter().map(|(p, o)| (p.to_owned(), o.to_owned())).collect();
            let flagged: Vec<(FindingKind, String)> = flagged.into_iter().map(|(k, p)| (k, p.to_owned())).collect();
            assert_eq!(outcome(&day), (matched, settle, flagged), "{what}");
        }
    }

    #[test]
    fn a_finding_keeps_both_amounts_and_the_kind_reads_back() {
        let day = match_day(
            &[row("p1", "inv-a", true, 2_600_099)],
            &[invoice("inv-a", "A1")],
            &[recorded("p1", "A1", 25_000, true)],
        );
        let finding = &day.flagged[0];
        assert_eq!(finding.qpay_amount(), Some(Mnt::new(26_000).unwrap()));
        assert_eq!(finding.shop_amount, Some(Mnt::new(25_000).unwrap()));
        assert_eq!(finding.order_no.as_deref(), Some("A1"));
        for kind in FindingKind::ALL {
            assert_eq!(FindingKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(FindingKind::parse("other"), None);
    }
}
