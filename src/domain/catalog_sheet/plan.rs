//! What importing a sheet would do to the catalog as stored, field by field, before anything is written; and the
//! catalog written as a sheet's rows.

use std::collections::{HashMap, HashSet};

use super::{COLUMNS, Column, Count, Problem, ProblemKind, Problems, Sheet, SheetProduct, SheetVariant};

/// Between a product's picture names in the export: the reading takes `;` and `,` alike.
const PICTURE_SEPARATOR: &str = "; ";

/// A product as the database holds it now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurrentProduct {
    pub id: i64,
    pub handle: String,
    pub name_mn: String,
    pub name_en: String,
    pub description_mn: String,
    pub description_en: String,
    /// The category's slug.
    pub category: String,
    /// On sale; `false`: archived.
    pub active: bool,
    /// The names the export writes for its pictures: plain file names (see the `pictures` column), or a round trip
    /// would not read them back the same.
    pub pictures: Vec<String>,
    pub variants: Vec<CurrentVariant>,
}

/// A variant as the database holds it now; its option is its name (`name_mn`, `name_en` as stored).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurrentVariant {
    pub id: i64,
    pub sku: String,
    pub option_mn: String,
    pub option_en: String,
    pub price: i64,
    /// On the shelf: what is for sale and what orders hold.
    pub stock: i64,
    /// Of `stock`, the units promised to orders and still in the shop (unpaid orders' reserved units, paid orders
    /// not yet sent): a new count may not go below them, as they are not the sheet's to take back.
    pub held: i64,
    pub low_stock: Option<i64>,
}

/// One field that importing changes, as the sheet writes it (a price in plain digits, `active` as "1" or "0", an
/// empty low-stock level for the shop's default), for the preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    pub field: Column,
    pub old: String,
    pub new: String,
}

/// What a change changes, with its values as the sheet gives them (for the applying step).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A stored product's own fields; its `variants` are left empty (each changed variant is a change of its own).
    Product { id: i64, new: SheetProduct },
    /// A stored variant.
    Variant { id: i64, new: SheetVariant },
    /// A stored variant's stock, from a stocktake.
    Count { id: i64, new: Count },
}

/// A stored product or variant that importing changes, the row that changes it, and each field old → new.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub row: usize,
    pub target: Target,
    pub fields: Vec<FieldChange>,
}

/// A variant the sheet adds to a stored product.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewVariant {
    pub product_id: i64,
    pub variant: SheetVariant,
}

/// The preview's numbers. A product counts as changed when its own fields, or any of its variants, change or it
/// gains a variant. A stocktake counts variants only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub products_created: usize,
    pub products_changed: usize,
    /// In the sheet, with nothing to change.
    pub products_unchanged: usize,
    /// Stored products the sheet does not mention: left alone too, never deleted.
    pub products_not_in_sheet: usize,
    /// With the products created, and added to stored ones.
    pub variants_created: usize,
    pub variants_changed: usize,
    pub variants_unchanged: usize,
}

/// What importing a sheet would do. Stock is recorded as the count on the shelf, old → new: stock that unpaid orders
/// hold stays held, which is the applying step's to keep.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Plan {
    /// New products, with their variants.
    pub creates: Vec<SheetProduct>,
    pub new_variants: Vec<NewVariant>,
    /// By row.
    pub changes: Vec<Change>,
    pub counts: Counts,
}

impl Plan {
    /// Whether importing would change nothing.
    pub fn is_empty(&self) -> bool {
        self.creates.is_empty() && self.new_variants.is_empty() && self.changes.is_empty()
    }
}

/// A product's cells as the sheet writes them, for a stored product and a sheet's alike (their fields share names):
/// the export writes these and the plan compares them, so a product read back from its own export is unchanged.
macro_rules! product_cells {
    ($product:expr) => {
        [
            (Column::Handle, $product.handle.trim().to_owned()),
            (Column::NameMn, $product.name_mn.trim().to_owned()),
            (Column::NameEn, $product.name_en.trim().to_owned()),
            (Column::DescriptionMn, $product.description_mn.trim().to_owned()),
            (Column::DescriptionEn, $product.description_en.trim().to_owned()),
            (Column::Category, $product.category.trim().to_owned()),
            (Column::Active, flag($product.active)),
            (Column::Pictures, $product.pictures.join(PICTURE_SEPARATOR)),
        ]
    };
}

/// A variant's cells, as `product_cells!` a product's: amounts in plain digits, so a spreadsheet sees numbers.
macro_rules! variant_cells {
    ($variant:expr) => {
        [
            (Column::OptionMn, $variant.option_mn.trim().to_owned()),
            (Column::OptionEn, $variant.option_en.trim().to_owned()),
            (Column::Sku, $variant.sku.trim().to_owned()),
            (Column::Price, $variant.price.to_string()),
            (Column::Stock, $variant.stock.to_string()),
            (
                Column::LowStock,
                $variant.low_stock.map(|level| level.to_string()).unwrap_or_default(),
            ),
        ]
    };
}

/// What importing `sheet` would do to the catalog as stored (`current`), or every problem that stops it.
///
/// Matching is by SKU, then handle. A sheet variant whose SKU is stored updates that variant, and a product's handle
/// names the stored product it updates; a variant never moves between products, so a SKU stored under another
/// product than the sheet's is a problem (`SkuOfAnotherProduct`). The one exception, a rename: a sheet product
/// whose handle no stored product has, but whose SKUs are stored, updates the product they belong to and changes
/// its handle, unless another sheet product already updates that product by its handle. Anything else is created.
/// Nothing stored that the sheet leaves out is changed or deleted. For a stocktake, every SKU must be stored
/// (`UnknownSku`), and the plan lists the counts that change.
pub fn plan(sheet: &Sheet, current: &[CurrentProduct]) -> Result<Plan, Vec<Problem>> {
    let mut planner = Planner {
        current,
        by_sku: skus(current),
        plan: Plan::default(),
        problems: Problems::default(),
    };
    match sheet {
        Sheet::Catalog(products) => {
            let targets = planner.targets(products);
            let updated = targets.iter().flatten().count();
            planner.plan.counts.products_not_in_sheet = current.len().saturating_sub(updated);
            for (product, target) in products.iter().zip(targets) {
                match target {
                    Some(at) => planner.update(product, at),
                    None => planner.create(product),
                }
            }
        }
        Sheet::Stocktake(counts) => {
            for count in counts {
                planner.count(count);
            }
        }
    }
    planner.problems.done(planner.plan)
}

/// The catalog as a sheet: the header, then one row per variant with its product's columns written on every row
/// (so that sorting or filtering in a spreadsheet keeps each row whole). A product without a variant has no row.
pub fn rows(current: &[CurrentProduct]) -> Vec<Vec<String>> {
    let header: Vec<String> = COLUMNS.iter().map(|column| column.header().to_owned()).collect();
    let mut rows = vec![header];
    for product in current {
        let product_cells = product_cells!(product);
        for variant in &product.variants {
            let mut row = vec![String::new(); COLUMNS.len()];
            for (column, text) in product_cells.iter().cloned().chain(variant_cells!(variant)) {
                row[column as usize] = text;
            }
            rows.push(row);
        }
    }
    rows
}

/// The plan as it is made.
struct Planner<'a> {
    current: &'a [CurrentProduct],
    /// Each stored SKU's product, and its variant within it.
    by_sku: HashMap<&'a str, (usize, usize)>,
    plan: Plan,
    problems: Problems,
}

impl Planner<'_> {
    /// The stored product (its index) each sheet product updates, `None` for one to create (see [`plan()`]).
    fn targets(&self, products: &[SheetProduct]) -> Vec<Option<usize>> {
        let by_handle: HashMap<&str, usize> = self
            .current
            .iter()
            .enumerate()
            .map(|(at, product)| (product.handle.as_str(), at))
            .collect();
        let mut targets: Vec<Option<usize>> = products
            .iter()
            .map(|product| by_handle.get(product.handle.as_str()).copied())
            .collect();
        // Those named by their handle first, so that a rename never takes a product the sheet names.
        let mut taken: HashSet<usize> = targets.iter().flatten().copied().collect();
        for (product, target) in products.iter().zip(&mut targets) {
            if target.is_some() {
                continue;
            }
            let owner = product
                .variants
                .iter()
                .filter_map(|variant| self.by_sku.get(variant.sku.as_str()))
                .map(|&(owner, _)| owner)
                .find(|owner| !taken.contains(owner));
            if let Some(owner) = owner {
                taken.insert(owner);
                *target = Some(owner);
            }
        }
        targets
    }

    /// A sheet product that updates the stored product `at`: its own fields, then each variant's.
    fn update(&mut self, product: &SheetProduct, at: usize) {
        let current = self.current;
        let stored = &current[at];
        let fields = field_changes(product_cells!(stored), product_cells!(product));
        let mut changed = !fields.is_empty();
        if changed {
            let new = SheetProduct {
                variants: Vec::new(),
                ..product.clone()
            };
            self.plan.changes.push(Change {
                row: product.row,
                target: Target::Product { id: stored.id, new },
                fields,
            });
        }
        for variant in &product.variants {
            match self.by_sku.get(variant.sku.as_str()).copied() {
                Some((owner, index)) if owner == at => match variant_change(&stored.variants[index], variant) {
                    Some(change) => {
                        self.below_held(&stored.variants[index], variant.row, variant.stock);
                        self.plan.changes.push(change);
                        self.plan.counts.variants_changed += 1;
                        changed = true;
                    }
                    None => self.plan.counts.variants_unchanged += 1,
                },
                Some((owner, _)) => self.sku_of_another(variant, owner),
                None => {
                    self.plan.new_variants.push(NewVariant {
                        product_id: stored.id,
                        variant: variant.clone(),
                    });
                    self.plan.counts.variants_created += 1;
                    changed = true;
                }
            }
        }
        if changed {
            self.plan.counts.products_changed += 1;
        } else {
            self.plan.counts.products_unchanged += 1;
        }
    }

    /// A sheet product to create, with its variants, none of whose SKUs may be stored.
    fn create(&mut self, product: &SheetProduct) {
        for variant in &product.variants {
            let owner = self.by_sku.get(variant.sku.as_str()).map(|&(owner, _)| owner);
            if let Some(owner) = owner {
                self.sku_of_another(variant, owner);
            }
        }
        self.plan.creates.push(product.clone());
        self.plan.counts.products_created += 1;
        self.plan.counts.variants_created += product.variants.len();
    }

    /// A new count below what orders hold of the variant is a problem: those units stay held (see
    /// [`CurrentVariant::held`]). An unchanged count is never one, even when more is held than counted.
    fn below_held(&mut self, stored: &CurrentVariant, row: usize, stock: i64) {
        if stock != stored.stock && stock < stored.held {
            let held = stored.held;
            self.problems.at(row, Column::Stock, ProblemKind::BelowHeld { held });
        }
    }

    fn sku_of_another(&mut self, variant: &SheetVariant, owner: usize) {
        let handle = self.current[owner].handle.clone();
        self.problems
            .at(variant.row, Column::Sku, ProblemKind::SkuOfAnotherProduct { handle });
    }

    /// A stocktake's count: the stored variant of its SKU, and its stock old → new.
    fn count(&mut self, count: &Count) {
        let current = self.current;
        let Some((owner, index)) = self.by_sku.get(count.sku.as_str()).copied() else {
            self.problems.at(count.row, Column::Sku, ProblemKind::UnknownSku);
            return;
        };
        let stored = &current[owner].variants[index];
        if stored.stock == count.stock {
            self.plan.counts.variants_unchanged += 1;
            return;
        }
        self.below_held(stored, count.row, count.stock);
        self.plan.counts.variants_changed += 1;
        self.plan.changes.push(Change {
            row: count.row,
            target: Target::Count {
                id: stored.id,
                new: count.clone(),
            },
            fields: vec![FieldChange {
                field: Column::Stock,
                old: stored.stock.to_string(),
                new: count.stock.to_string(),
            }],
        });
    }
}

/// A stored variant's change from its sheet row, `None` when the row changes nothing.
fn variant_change(stored: &CurrentVariant, variant: &SheetVariant) -> Option<Change> {
    let fields = field_changes(variant_cells!(stored), variant_cells!(variant));
    (!fields.is_empty()).then(|| Change {
        row: variant.row,
        target: Target::Variant {
            id: stored.id,
            new: variant.clone(),
        },
        fields,
    })
}

/// The cells that differ, old → new.
fn field_changes<const N: usize>(old: [(Column, String); N], new: [(Column, String); N]) -> Vec<FieldChange> {
    old.into_iter()
        .zip(new)
        .filter(|((_, old), (_, new))| old != new)
        .map(|((field, old), (_, new))| FieldChange { field, old, new })
        .collect()
}

/// Each stored SKU's product and variant, by index.
fn skus(current: &[CurrentProduct]) -> HashMap<&str, (usize, usize)> {
    let mut skus = HashMap::new();
    for (at, product) in current.iter().enumerate() {
        for (index, variant) in product.variants.iter().enumerate() {
            skus.insert(variant.sku.as_str(), (at, index));
        }
    }
    skus
}

/// `active` as the export writes it.
fn flag(on: bool) -> String {
    String::from(if on { "1" } else { "0" })
}
