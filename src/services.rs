//! The shop's services, built once at start-up from the configuration and the database, and provided to every
//! request one by one (Leptos context), so a server function asks for the one service it calls. This module and
//! the server import the features; no feature imports them.

use leptos::prelude::provide_context;

use crate::{
    admin::{
        catalog::service::AdminCatalogService, catalog_sheet::service::CatalogSheetService,
        codes::service::CodesService, delivery::service::DeliverySettingsService, draft::service::DraftService,
        going_live::service::LaunchService, service::AdminService, staff::service::StaffService,
    },
    cart::service::CartService,
    catalog::service::CatalogService,
    checkout::service::CheckoutService,
    config::Config,
    db::Db,
    find_order::service::FindOrderService,
    messaging::{Messenger, capture::Captures, email::Mailer, sms::SmsGateway},
    payment::{orders::OrderService, service::PaymentService},
    qpay::{ClientOptions, QpayClient, QpayError},
    shop_identity::IdentityCache,
    shop_pages::service::ShopPagesService,
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
    /// The catalog as a spreadsheet (`/admin/products/import`).
    pub admin_sheets: CatalogSheetService,
    pub admin_codes: CodesService,
    pub admin_delivery: DeliverySettingsService,
    pub admin_staff: StaffService,
    pub admin_drafts: DraftService,
    /// The going-live checklist on `/admin`.
    pub admin_launch: LaunchService,
    pub find_order: FindOrderService,
    pub shop_pages: ShopPagesService,
    /// Sends the shop's messages (SMS, e-mail); the outbox worker calls it.
    pub messenger: Messenger,
    /// The shop's name, contacts and colour, cached (`shop_identity.rs`).
    pub identity: IdentityCache,
    /// Where `SMS_MODE=local` and `EMAIL_MODE=local` keep the shop's text messages and e-mails (shown at
    /// `/sms-sandbox/`).
    pub captures: Captures,
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
        let captures = Captures::default();
        // The captures are served only beside the QPay emulator: elsewhere a local mode sends nothing (see `Off`).
        let served = config.qpay.mode == crate::config::QpayMode::Local;
        let sms = match &config.payments.sms.mode {
            crate::config::SmsMode::Local if !served => SmsGateway::Off,
            mode => SmsGateway::new(mode, captures.sms.clone()),
        };
        let mailer = match &config.payments.email {
            crate::config::EmailMode::Local if !served => Mailer::Off,
            mode => Mailer::new(mode, captures.email.clone()).map_err(ServicesError::Email)?,
        };
        let owner_phone = config.payments.sms.owner_phone.as_ref().map(|p| p.as_str().to_owned());
        let identity = IdentityCache::new(db.clone());
        let messenger = Messenger::new(
            db.clone(),
            sms,
            mailer,
            public_url.clone(),
            owner_phone,
            identity.clone(),
        );
        let payments = PaymentService::new(
            db.clone(),
            qpay,
            public_url.clone(),
            config.payments.clone(),
            identity.clone(),
        );
        let catalog = CatalogService::new(db.clone());
        let cart = CartService::new(db.clone());
        let orders = OrderService::new(db.clone(), public_url.clone());
        let checkout = CheckoutService::new(db.clone(), cart.clone(), payments.clone(), config.holds);
        Ok(Services {
            admin_drafts: DraftService::new(db.clone(), cart.clone(), checkout.clone(), messenger.clone()),
            checkout,
            admin: AdminService::new(
                db.clone(),
                orders.clone(),
                payments.clone(),
                messenger.clone(),
                identity.clone(),
            ),
            admin_catalog: AdminCatalogService::new(db.clone(), catalog.cache(), config.media.clone()),
            admin_sheets: CatalogSheetService::new(db.clone(), catalog.cache(), &config.media),
            admin_codes: CodesService::new(db.clone()),
            admin_delivery: DeliverySettingsService::new(db.clone()),
            admin_staff: StaffService::new(db.clone(), public_url),
            admin_launch: LaunchService::new(db.clone(), config, payments.qpay().clone(), identity.clone()),
            find_order: FindOrderService::new(db.clone()),
            shop_pages: ShopPagesService::new(db.clone()),
            messenger,
            identity,
            captures,
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
        provide_context(self.admin_sheets.clone());
        provide_context(self.admin_codes.clone());
        provide_context(self.admin_delivery.clone());
        provide_context(self.admin_staff.clone());
        provide_context(self.admin_drafts.clone());
        provide_context(self.admin_launch.clone());
        provide_context(self.find_order.clone());
        provide_context(self.identity.clone());
        provide_context(self.shop_pages.clone());
    }
}
