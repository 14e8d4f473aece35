//! The checkout form's checks, field by field.

use super::*;

fn filled() -> CheckoutForm {
    CheckoutForm {
        name: " Болд ".into(),
        phone: "9911-2233".into(),
        email: "".into(),
        delivery: "delivery".into(),
        district: "bayangol".into(),
        khoroo: "3".into(),
        address: "10-р байр, 25 тоот".into(),
        note: "".into(),
        receipt: "".into(),
        register_no: "".into(),
        ..CheckoutForm::default()
    }
}

#[test]
fn a_receipt_is_a_persons_or_a_companys_with_its_register_number() {
    let with = |receipt: &str, register_no: &str| {
        CheckoutForm {
            receipt: receipt.into(),
            register_no: register_no.into(),
            ..filled()
        }
        .validate()
    };
    assert_eq!(with("", "").unwrap().receipt, None, "not asked: e-barimt is off");
    assert_eq!(with("citizen", "whatever").unwrap().receipt, Some(Receiver::Citizen));
    assert_eq!(
        with("company", "123 4567").unwrap().receipt,
        Some(Receiver::Company(RegisterNo::parse("1234567").unwrap()))
    );
    assert_eq!(
        with("company", "").unwrap_err(),
        [(Field::RegisterNo, FieldError::Required)]
    );
    assert_eq!(
        with("company", "123456").unwrap_err(),
        [(Field::RegisterNo, FieldError::RegisterNoLength)]
    );
    assert_eq!(
        with("company", "12345x7").unwrap_err(),
        [(Field::RegisterNo, FieldError::RegisterNoDigits)]
    );
    assert_eq!(with("shop", "").unwrap_err(), [(Field::Receipt, FieldError::Required)]);
    assert_eq!(
        FieldError::RegisterNoLength.message(Lang::Mn),
        "Байгууллагын регистрийн дугаар 7 оронтой байна."
    );
}

#[test]
fn a_complete_form_gives_the_details() {
    let details = filled().validate().unwrap();
    assert_eq!(details.name, "Болд");
    assert_eq!(details.phone.as_str(), "99112233");
    assert_eq!(details.email, None);
    assert_eq!(
        details.delivery,
        Delivery::Ulaanbaatar {
            district: "bayangol".into(),
            khoroo: "3".into(),
            address: "10-р байр, 25 тоот".into()
        }
    );
    let pickup = CheckoutForm {
        delivery: "pickup".into(),
        pickup_point: "2".into(),
        district: "".into(),
        khoroo: "".into(),
        address: "".into(),
        ..filled()
    };
    assert_eq!(pickup.validate().unwrap().delivery, Delivery::Pickup { point_id: 2 });
    let countryside = CheckoutForm {
        delivery: "countryside".into(),
        aimag: "darkhan-uul".into(),
        soum: " Дархан ".into(),
        ..filled()
    };
    assert_eq!(
        countryside.validate().unwrap().delivery,
        Delivery::Countryside {
            aimag: "darkhan-uul".into(),
            soum: "Дархан".into(),
            address: "10-р байр, 25 тоот".into()
        }
    );
}

#[test]
fn a_countryside_or_pickup_order_names_its_aimag_or_point() {
    let countryside = CheckoutForm {
        delivery: "countryside".into(),
        aimag: "gobi".into(),
        soum: "".into(),
        address: "".into(),
        ..filled()
    };
    assert_eq!(
        countryside.validate().unwrap_err(),
        [
            (Field::Aimag, FieldError::UnknownAimag),
            (Field::Soum, FieldError::Required),
            (Field::Address, FieldError::Required)
        ]
    );
    let pickup = CheckoutForm {
        delivery: "pickup".into(),
        pickup_point: "shop".into(),
        ..filled()
    };
    assert_eq!(
        pickup.validate().unwrap_err(),
        [(Field::PickupPoint, FieldError::UnknownPickupPoint)]
    );
    assert_eq!(
        FieldError::Code(CodeRefusal::Expired).message(Lang::Mn),
        "Энэ кодын хугацаа дууссан."
    );
}

#[test]
fn every_problem_is_reported_next_to_its_field() {
    let form = CheckoutForm {
        name: "  ".into(),
        phone: "7011 2233".into(),
        email: "bold@".into(),
        district: "darkhan".into(),
        khoroo: "99".into(),
        address: "".into(),
        ..filled()
    };
    assert_eq!(
        form.validate().unwrap_err(),
        vec![
            (Field::Name, FieldError::Required),
            (Field::Phone, FieldError::PhoneNotMobile),
            (Field::Email, FieldError::EmailInvalid),
            (Field::District, FieldError::UnknownDistrict),
            (Field::Khoroo, FieldError::KhorooInvalid),
            (Field::Address, FieldError::Required),
        ]
    );
    let form = CheckoutForm {
        phone: "".into(),
        delivery: "".into(),
        note: "x".repeat(1001),
        ..filled()
    };
    assert_eq!(
        form.validate().unwrap_err(),
        vec![
            (Field::Phone, FieldError::Required),
            (Field::Note, FieldError::TooLong(1000)),
            (Field::Delivery, FieldError::Required)
        ]
    );
}

#[test]
fn messages_exist_in_both_languages() {
    for error in [
        FieldError::Required,
        FieldError::PhoneLength,
        FieldError::KhorooInvalid,
        FieldError::TooLong(9),
    ] {
        assert_ne!(error.message(Lang::Mn), error.message(Lang::En));
    }
    assert_eq!(
        FieldError::PhoneLength.message(Lang::Mn),
        "Утасны дугаар 8 оронтой байна."
    );
}
