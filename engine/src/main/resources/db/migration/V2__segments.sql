CREATE TABLE cairn_segment (
  id          BIGINT AUTO_INCREMENT PRIMARY KEY,
  name        VARCHAR(128) NOT NULL,
  entity_type VARCHAR(32)  NOT NULL,
  kind        VARCHAR(16)  NOT NULL,
  definition  LONGTEXT     NOT NULL,
  status      VARCHAR(16)  NOT NULL,
  size        BIGINT,
  error       VARCHAR(1024),
  created_at  DATETIME     NOT NULL,
  refreshed_at DATETIME
);

-- Materialised members per refresh: a serialised RoaringBitmap of dense entity ids.
CREATE TABLE cairn_segment_snapshot (
  id          BIGINT AUTO_INCREMENT PRIMARY KEY,
  segment_id  BIGINT   NOT NULL,
  size        BIGINT   NOT NULL,
  bitmap      LONGBLOB NOT NULL,
  created_at  DATETIME NOT NULL
);
CREATE INDEX cairn_segment_snapshot_segment ON cairn_segment_snapshot (segment_id);
