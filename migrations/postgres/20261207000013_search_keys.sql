-- The shop's search (domain/search.rs): each product's text folded into one key as Mongolians type it, kept with
-- the product so that no page folds 10,000 products' text. Written by db/search_keys.rs in the transaction of every
-- change to what it is made of; `search_version` is the folding rules' version it was made with, and a product
-- whose key is older (or was never made: 0) is folded again at start. Keep in step with the other engine's file.
ALTER TABLE products ADD COLUMN search_name TEXT NOT NULL DEFAULT '';
ALTER TABLE products ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
ALTER TABLE products ADD COLUMN search_version BIGINT NOT NULL DEFAULT 0;
CREATE INDEX products_search_version ON products (search_version);
