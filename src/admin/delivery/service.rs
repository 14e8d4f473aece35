//! The owner's delivery settings read into their forms, and each form checked (`form.rs`) and saved.
//! Each change is logged with the account that made it.

use super::{
    DeliveryData, Edit, Returned, Sent,
    form::{CountrysideForm, PickupForm, ZoneForm},
};
use crate::{
    admin::form::{FieldError, Problem, ticked},
    db::{
        Db, DbError,
        delivery::{self, ZoneSaveError},
    },
    domain::{Mnt, delivery::WHOLE_DISTRICT},
    i18n::Lang,
};

#[derive(Debug, Clone)]
pub struct DeliverySettingsService {
    db: Db,
}

fn fresh<T>(input: T) -> Returned<T> {
    Returned {
        input,
        errors: Vec::new(),
    }
}

fn shown(amount: Option<Mnt>) -> String {
    amount.map(|a| a.amount().to_string()).unwrap_or_default()
}

impl DeliverySettingsService {
    pub fn new(db: Db) -> Self {
        DeliverySettingsService { db }
    }

    /// Every form of the page as stored, with the one sent back (if any) in place of its stored copy.
    pub async fn page(
        &self,
        who: crate::admin::Account,
        notice: Option<String>,
        sent: Option<Sent>,
    ) -> Result<DeliveryData, DbError> {
        let mut zones: Vec<Edit<ZoneForm>> = delivery::all_zones(&self.db)
            .await?
            .into_iter()
            .map(|settings| Edit {
                id: Some(settings.zone.id),
                form: fresh(ZoneForm {
                    areas: settings
                        .areas
                        .iter()
                        .map(|(district, khoroo)| match *khoroo {
                            WHOLE_DISTRICT => district.clone(),
                            khoroo => format!("{district}:{khoroo}"),
                        })
                        .collect::<Vec<_>>()
                        .join(", "),
                    name_mn: settings.zone.name_mn,
                    name_en: settings.zone.name_en,
                    fee: settings.zone.rate.fee.amount().to_string(),
                    free_from: shown(settings.zone.rate.free_from),
                    promise_mn: settings.zone.promise_mn,
                    promise_en: settings.zone.promise_en,
                    active: ticked(settings.active),
                }),
            })
            .collect();
        zones.push(Edit {
            id: None,
            form: fresh(ZoneForm {
                active: ticked(true),
                ..ZoneForm::default()
            }),
        });
        let mut pickup_points: Vec<Edit<PickupForm>> = delivery::all_pickup_points(&self.db)
            .await?
            .into_iter()
            .map(|(point, active)| Edit {
                id: Some(point.id),
                form: fresh(PickupForm {
                    name_mn: point.name_mn,
                    name_en: point.name_en,
                    address_mn: point.address_mn,
                    address_en: point.address_en,
                    hours_mn: point.hours_mn,
                    hours_en: point.hours_en,
                    active: ticked(active),
                }),
            })
            .collect();
        pickup_points.push(Edit {
            id: None,
            form: fresh(PickupForm {
                active: ticked(true),
                ..PickupForm::default()
            }),
        });
        let mut countryside = fresh(match delivery::countryside_settings(&self.db).await? {
            Some((row, active, fees)) => CountrysideForm {
                fee: row.rate.fee.amount().to_string(),
                free_from: shown(row.rate.free_from),
                method_mn: row.method_mn,
                method_en: row.method_en,
                promise_mn: row.promise_mn,
                promise_en: row.promise_en,
                fees: fees
                    .iter()
                    .map(|(aimag, fee)| format!("{aimag}={}", fee.amount()))
                    .collect::<Vec<_>>()
                    .join(", "),
                active: ticked(active),
            },
            None => CountrysideForm::default(),
        });
        match sent {
            Some(Sent::Zone(edit)) => replace(&mut zones, edit),
            Some(Sent::Pickup(edit)) => replace(&mut pickup_points, edit),
            Some(Sent::Countryside(form)) => countryside = form,
            None => {}
        }
        Ok(DeliveryData {
            who,
            zones,
            pickup_points,
            countryside,
            notice,
        })
    }

    pub async fn save_zone(
        &self,
        actor: &str,
        id: Option<i64>,
        input: ZoneForm,
        lang: Lang,
    ) -> Result<Result<&'static str, Sent>, DbError> {
        let back = |input, errors| {
            Ok(Err(Sent::Zone(Edit {
                id,
                form: Returned { input, errors },
            })))
        };
        let zone = match input.parse() {
            Ok(zone) => zone,
            Err(errors) => return back(input, errors),
        };
        match delivery::save_zone(&self.db, id, &zone).await {
            Ok(id) => {
                tracing::info!(%actor, zone_id = id, fee = %zone.fee, "delivery zone saved");
                Ok(Ok(lang.settings().delivery_saved))
            }
            Err(ZoneSaveError::AreaTaken) => back(input, vec![FieldError::new("areas", Problem::AreaTaken)]),
            Err(ZoneSaveError::NotFound) => back(input, vec![FieldError::new("name_mn", Problem::Required)]),
            Err(ZoneSaveError::Db(error)) => Err(error),
        }
    }

    pub async fn save_pickup(
        &self,
        actor: &str,
        id: Option<i64>,
        input: PickupForm,
        lang: Lang,
    ) -> Result<Result<&'static str, Sent>, DbError> {
        let point = match input.parse() {
            Ok(point) => point,
            Err(errors) => {
                return Ok(Err(Sent::Pickup(Edit {
                    id,
                    form: Returned { input, errors },
                })));
            }
        };
        if delivery::save_pickup_point(&self.db, id, &point).await? {
            tracing::info!(%actor, ?id, "pickup point saved");
        }
        Ok(Ok(lang.settings().delivery_saved))
    }

    pub async fn save_countryside(
        &self,
        actor: &str,
        input: CountrysideForm,
        lang: Lang,
    ) -> Result<Result<&'static str, Sent>, DbError> {
        let settings = match input.parse() {
            Ok(settings) => settings,
            Err(errors) => return Ok(Err(Sent::Countryside(Returned { input, errors }))),
        };
        delivery::save_countryside(&self.db, &settings).await?;
        tracing::info!(%actor, fee = %settings.fee, active = settings.active, "countryside delivery saved");
        Ok(Ok(lang.settings().delivery_saved))
    }
}

/// Puts the sent-back form where its stored copy (or the empty "new" form) was.
fn replace<T>(edits: &mut [Edit<T>], sent: Edit<T>) {
    if let Some(edit) = edits.iter_mut().find(|edit| edit.id == sent.id) {
        *edit = sent;
    }
}
