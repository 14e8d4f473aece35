-- QPay's fee for each payment, as payment/check tells it (`trx_fee`, or `payment_fee` in the older shape:
-- SPEC.md §4.1), in hundredths of a tögrög: QPay writes two decimals ("1980.81"). NULL when QPay did not say,
-- and for the payments the shop records itself (cash, transfer), which have no QPay fee.
-- Keep in step with the other engine's file.
ALTER TABLE payments ADD COLUMN fee_cents BIGINT;
