//! The shop's services, built once at start-up from the configuration and the database, and provided to every
//! request one by one (Leptos context), so a server function asks for the one service it calls. This module and
//! the server import the features; no feature imports them.

use leptos::prelude::provide_context;

use crate::{
    admin::{
        catalog::service::AdminCatalogService, codes::service::CodesService,
        delivery::service::DeliverySettingsService, draft::service::DraftService, service::AdminService,
        staff::service::StaffService,
    },
    cart::service::CartService,
    catalog::service::CatalogService,
    checkout::service::CheckoutService,
    config::Config,
    db::Db,
    email::Mailer,
    find_order::service::FindOrderService,
    payment::{orders::OrderService, service::PaymentService},
    qpay::{ClientOptions, QpayClient, QpayError},
    sms::{SmsCapture, SmsGateway},
};

#[derive(Debug, Clone)]
pub struct Services {
    pub catalog: CatalogService,
    pub cart: CartService,
    pub checkout: CheckoutService,
    pub orders: OrderService,
    pub payments: PaymentService,
    pub admin: AdminService,
    pub admin_catalog: AdminCatalogService,
    pub admin_codes: CodesService,
    pub admin_delivery: DeliverySettingsService,
    pub admin_staff: StaffService,
    pub admin_drafts: DraftService,
    pub find_order: FindOrderService,
    /// Where `SMS_MODE=local` keeps the shop's text messages (shown at `/sms-sandbox/`).
    pub sms_capture: SmsCapture,
    /// Where `EMAIL_MODE=local` keeps the shop's e-mails (shown there too).
    pub email_capture: SmsCapture,
}

/// A client that the settings cannot make.
#[derive(Debug, thiserror::Error)]
pub enum ServicesError {
    #[error("QPay client: {0}")]
    Qpay(#[from] QpayError),
    #[error("e-mail: {0}")]
    Email(String),
}

impl Services {
    /// Every service over `db`, as `config` says; fails only when the QPay client or the mailer cannot be made
    /// from it.
    pub fn new(db: &Db, config: &Config) -> Result<Services, ServicesError> {
        let options = ClientOptions {
            timeout: config.payments.qpay_timeout,
            ..ClientOptions::default()
        };
        let qpay = QpayClient::new(&config.qpay, options)?;
        let public_url = config.public_link("");
        let sms_capture = SmsCapture::new();
        // The captures are served only beside the QPay emulator: elsewhere a local mode sends nothing (see `Off`).
        let served = config.qpay.mode == crate::config::QpayMode::Local;
        let sms = match &config.payments.sms.mode {
            crate::config::SmsMode::Local if !served => SmsGateway::Off,
            mode => SmsGateway::new(mode, sms_capture.clone()),
        };
        let email_capture = SmsCapture::new();
        let mailer = match &config.payments.email {
            crate::config::EmailMode::Local if !served => Mailer::Off,
            mode => Mailer::new(mode, email_capture.clone()).map_err(ServicesError::Email)?,
        };
        let messengers = crate::payment::service::Messengers { sms, mailer };
        let payments = PaymentService::new(
            db.clone(),
            qpay,
            public_url.clone(),
            config.payments.clone(),
            messengers,
        );
        let catalog = CatalogService::new(db.clone());
        let cart = CartService::new(db.clone());
        let orders = OrderService::new(db.clone(), public_url.clone());
        let checkout = CheckoutService::new(db.clone(), cart.clone(), payments.clone(), config.holds);
        Ok(Services {
            admin_drafts: DraftService::new(db.clone(), cart.clone(), checkout.clone(), payments.clone()),
            checkout,
            admin: AdminService::new(db.clone(), orders.clone(), payments.clone()),
            admin_catalog: AdminCatalogService::new(db.clone(), catalog.cache(), config.media.clone()),
            admin_codes: CodesService::new(db.clone()),
            admin_delivery: DeliverySettingsService::new(db.clone()),
            admin_staff: StaffService::new(db.clone(), public_url),
            find_order: FindOrderService::new(db.clone()),
            sms_capture,
            email_capture,
            catalog,
            cart,
            orders,
            payments,
        })
    }

    /// Puts each service into the context of the request being rendered.
    pub fn provide(&self) {
        provide_context(self.catalog.clone());
        provide_context(self.cart.clone());
        provide_context(self.checkout.clone());
        provide_context(self.orders.clone());
        provide_context(self.payments.clone());
        provide_context(self.admin.clone());
        provide_context(self.admin_catalog.clone());
        provide_context(self.admin_codes.clone());
        provide_context(self.admin_delivery.clone());
        provide_context(self.admin_staff.clone());
        provide_context(self.admin_drafts.clone());
        provide_context(self.find_order.clone());
    }
}
