-- Identities in several forms: RAW (as imported, normalised lightly), SHA256 and MD5 (lower-case
-- hex). Sources that only hold hashes import them as such, and every RAW value is also stored as
-- the SHA-256 of its canonical form, so a hashed lookup finds raw-imported entities.
-- Existing rows are RAW; IdentityHashBackfill adds their SHA-256 form once at startup (hashing is
-- not portable SQL), then deletes its row from cairn_identity_backfill.
ALTER TABLE cairn_identity ADD COLUMN id_form VARCHAR(8) DEFAULT 'raw' NOT NULL;
ALTER TABLE cairn_identity DROP PRIMARY KEY;
-- batch reads stay "entity_type = … AND id_type = … AND id_form = … AND entity_id BETWEEN …"
ALTER TABLE cairn_identity ADD PRIMARY KEY (entity_type, id_type, id_form, entity_id);
DROP INDEX cairn_identity_value ON cairn_identity;
-- lookups by value: GET /api/identities?idType=…&value=…[&form=…]
CREATE INDEX cairn_identity_lookup ON cairn_identity (entity_type, id_type, id_form, id_value);

CREATE TABLE cairn_identity_backfill (
  name VARCHAR(64) NOT NULL PRIMARY KEY
);
INSERT INTO cairn_identity_backfill (name) VALUES ('sha256');
