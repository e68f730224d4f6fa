-- The segment engine's tag index, serialised (TagColumn bytes) per entity type, tag and snapshot
-- date, so a restart loads bitmaps instead of re-reading cairn_tag_value. A column is split in
-- parts of at most 4 MiB to stay under MySQL's max_allowed_packet.
CREATE TABLE cairn_tag_column (
  entity_type   VARCHAR(32) NOT NULL,
  tag_code      VARCHAR(64) NOT NULL,
  snapshot_date DATE        NOT NULL,
  part          INT         NOT NULL,
  bytes         LONGBLOB    NOT NULL,
  PRIMARY KEY (entity_type, tag_code, snapshot_date, part)
);

-- Every entity id of a type below covers_below, as a serialised RoaringBitmap (parts as above);
-- newer ids are read from cairn_entity.
CREATE TABLE cairn_entity_universe (
  entity_type  VARCHAR(32) NOT NULL,
  part         INT         NOT NULL,
  covers_below INT         NOT NULL,
  bytes        LONGBLOB    NOT NULL,
  PRIMARY KEY (entity_type, part)
);

-- Profile imports in progress: one whose row is still here when Cairn starts did not finish
-- telling its readers, so they are told again (ProfilesImported is delivered at least once).
CREATE TABLE cairn_profile_import (
  id            BIGINT AUTO_INCREMENT PRIMARY KEY,
  entity_type   VARCHAR(32)   NOT NULL,
  snapshot_date DATE          NOT NULL,
  tags          LONGTEXT      NOT NULL,
  started_at    DATETIME      NOT NULL
);
