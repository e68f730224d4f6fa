-- Entities: an external id mapped once to a dense 32-bit id per entity type, so that every set of
-- entities is a RoaringBitmap.
CREATE TABLE cairn_entity_seq (
  entity_type VARCHAR(32) NOT NULL PRIMARY KEY,
  next_id     INT         NOT NULL
);

CREATE TABLE cairn_entity (
  entity_type VARCHAR(32)  NOT NULL,
  id          INT          NOT NULL,
  external_id VARCHAR(128) NOT NULL,
  PRIMARY KEY (id, entity_type),
  -- external_id first: lookups are "external_id IN (…)", which H2 only serves from a leading column
  CONSTRAINT cairn_entity_external UNIQUE (external_id, entity_type)
);

CREATE TABLE cairn_tag (
  entity_type VARCHAR(32)   NOT NULL,
  code        VARCHAR(64)   NOT NULL,
  name        VARCHAR(128)  NOT NULL,
  type        VARCHAR(16)   NOT NULL,
  description VARCHAR(1024),
  created_at  DATETIME      NOT NULL,
  PRIMARY KEY (entity_type, code)
);

-- One row per entity, tag, snapshot date and value (multi-value tags: one row per element).
-- v_text holds the value as text (ISO-8601 for dates); v_num the number, or for dates the epoch
-- second (UTC) so that date comparisons are numeric.
CREATE TABLE cairn_tag_value (
  entity_type   VARCHAR(32)  NOT NULL,
  tag_code      VARCHAR(64)  NOT NULL,
  snapshot_date DATE         NOT NULL,
  entity_id     INT          NOT NULL,
  v_text        VARCHAR(512) NOT NULL,
  v_num         DOUBLE
);
-- Reads by entity go through this key as "prefix = … AND entity_id BETWEEN …" (H2 cannot combine an
-- IN list with leading columns; a range it can).
CREATE INDEX cairn_tag_value_key ON cairn_tag_value (entity_type, tag_code, snapshot_date, entity_id);

CREATE TABLE cairn_identity (
  entity_type VARCHAR(32)  NOT NULL,
  id_type     VARCHAR(16)  NOT NULL,
  entity_id   INT          NOT NULL,
  id_value    VARCHAR(320) NOT NULL,
  -- batch reads are "entity_type = … AND id_type = … AND entity_id BETWEEN …"
  PRIMARY KEY (entity_type, id_type, entity_id)
);
CREATE INDEX cairn_identity_value ON cairn_identity (entity_type, id_type, id_value);
