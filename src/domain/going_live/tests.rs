use super::*;

/// A shop that has taken every step in sandbox mode, each by the shop's own state (no owner's word).
fn ready() -> LaunchState {
    LaunchState {
        named: true,
        logo: true,
        phone: true,
        email_or_address: true,
        products_ready: 1,
        delivery: true,
        qpay: QpayStage::Sandbox,
        qpay_checked: true,
        paid_through_qpay: true,
        messages_real: true,
        messages_left_local: false,
        ebarimt_on: true,
        ebarimt_off: false,
        backup_at: Some(1),
        backup_elsewhere: false,
    }
}

fn done(state: &LaunchState, kind: StepKind) -> bool {
    steps(state).into_iter().find(|step| step.kind == kind).unwrap().done
}

#[test]
fn a_new_shop_has_every_step_to_do_and_a_ready_one_none() {
    let fresh = steps(&LaunchState::default());
    assert_eq!(fresh.len(), StepKind::ALL.len());
    assert!(fresh.iter().all(|step| !step.done), "{fresh:?}");
    assert!(!all_done(&fresh));
    assert!(all_done(&steps(&ready())));
}

#[test]
fn the_steps_come_in_one_order() {
    let kinds: Vec<StepKind> = steps(&ready()).into_iter().map(|step| step.kind).collect();
    assert_eq!(kinds, StepKind::ALL);
}

#[test]
fn each_step_is_ticked_by_its_own_facts() {
    type Change = fn(&mut LaunchState);
    let cases: [(StepKind, Change, bool); 22] = [
        (StepKind::Name, |s| s.named = false, false),
        (StepKind::Logo, |s| s.logo = false, false),
        // Contacts: a phone, and an e-mail or an address.
        (StepKind::Contacts, |s| s.phone = false, false),
        (StepKind::Contacts, |s| s.email_or_address = false, false),
        (StepKind::Products, |s| s.products_ready = 0, false),
        (StepKind::Products, |s| s.products_ready = 24, true),
        (StepKind::Delivery, |s| s.delivery = false, false),
        // The emulator takes no money: never done in it, even with a token.
        (StepKind::Qpay, |s| s.qpay = QpayStage::Local, false),
        (StepKind::Qpay, |s| s.qpay = QpayStage::Live, true),
        // A token for another QPay (the mode, address or merchant changed since) does not count.
        (StepKind::Qpay, |s| s.qpay_checked = false, false),
        // The emulator's payment counts: it proves the way from invoice to callback.
        (StepKind::TestPayment, |s| s.qpay = QpayStage::Local, true),
        (StepKind::TestPayment, |s| s.paid_through_qpay = false, false),
        (StepKind::Messages, |s| s.messages_real = false, false),
        (
            StepKind::Messages,
            |s| {
                s.messages_real = false;
                s.messages_left_local = true;
            },
            true,
        ),
        (StepKind::Ebarimt, |s| s.ebarimt_on = false, false),
        (
            StepKind::Ebarimt,
            |s| {
                s.ebarimt_on = false;
                s.ebarimt_off = true;
            },
            true,
        ),
        (StepKind::Backup, |s| s.backup_at = None, false),
        (
            StepKind::Backup,
            |s| {
                s.backup_at = None;
                s.backup_elsewhere = true;
            },
            true,
        ),
        // Facts of other steps leave a step as it was.
        (StepKind::Name, |s| s.logo = false, true),
        (StepKind::Delivery, |s| s.products_ready = 0, true),
        (StepKind::Backup, |s| s.qpay = QpayStage::Local, true),
        (StepKind::Messages, |s| s.ebarimt_on = false, true),
    ];
    for (kind, change, expected) in cases {
        let mut state = ready();
        change(&mut state);
        assert_eq!(done(&state, kind), expected, "{kind:?} after {state:?}");
    }
}

#[test]
fn one_step_left_keeps_the_checklist() {
    for kind in StepKind::ALL {
        let mut state = ready();
        match kind {
            StepKind::Name => state.named = false,
            StepKind::Logo => state.logo = false,
            StepKind::Contacts => state.phone = false,
            StepKind::Products => state.products_ready = 0,
            StepKind::Delivery => state.delivery = false,
            StepKind::Qpay => state.qpay_checked = false,
            StepKind::TestPayment => state.paid_through_qpay = false,
            StepKind::Messages => state.messages_real = false,
            StepKind::Ebarimt => state.ebarimt_on = false,
            StepKind::Backup => state.backup_at = None,
        }
        let steps = steps(&state);
        assert!(!all_done(&steps), "{kind:?} left");
        let left: Vec<StepKind> = steps.iter().filter(|s| !s.done).map(|s| s.kind).collect();
        assert_eq!(left, [kind]);
    }
}

#[test]
fn marks_are_read_back_by_their_names() {
    for mark in Mark::ALL {
        assert_eq!(Mark::parse(mark.as_str()), Some(mark));
    }
    assert_eq!(Mark::parse("qpay"), None);
    assert_eq!(Mark::parse(""), None);
    let owners: Vec<Mark> = Mark::ALL.into_iter().filter(|m| m.is_owners_word()).collect();
    assert_eq!(
        owners,
        [Mark::MessagesLeftLocal, Mark::EbarimtOff, Mark::BackupElsewhere]
    );
    let mut marks = Marks::default();
    marks.add(Mark::Backup, 5, String::new());
    marks.add(Mark::QpayToken, 6, "sandbox https://q/v2 M".into());
    assert_eq!(marks.backup_at, Some(5));
    assert_eq!(marks.qpay_token.as_deref(), Some("sandbox https://q/v2 M"));
    assert!(!marks.ebarimt_off);
}

#[test]
fn a_fingerprint_names_the_qpay_without_its_secret() {
    let sandbox = qpay_fingerprint("sandbox", "https://merchant-sandbox.qpay.mn/v2", "SHOP");
    assert_eq!(sandbox, "sandbox https://merchant-sandbox.qpay.mn/v2 SHOP");
    assert_eq!(
        qpay_fingerprint("sandbox", "https://merchant-sandbox.qpay.mn/v2/", "SHOP"),
        sandbox,
        "a trailing slash is the same address"
    );
    assert_ne!(qpay_fingerprint("live", "https://merchant.qpay.mn/v2", "SHOP"), sandbox);
    assert_ne!(
        qpay_fingerprint("sandbox", "https://merchant-sandbox.qpay.mn/v2", "OTHER"),
        sandbox
    );
}

#[test]
fn every_step_has_a_page_and_words_in_both_languages() {
    for kind in StepKind::ALL {
        assert!(kind.link().starts_with('/'), "{kind:?}");
        assert_ne!(kind.title(Lang::Mn), kind.title(Lang::En), "{kind:?}");
    }
}
