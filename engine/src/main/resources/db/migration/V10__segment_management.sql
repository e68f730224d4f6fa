-- Segment management: folders, refresh schedule and validity, and an audit list of deletions.
CREATE TABLE cairn_segment_group (
  id          BIGINT AUTO_INCREMENT PRIMARY KEY,
  name        VARCHAR(128) NOT NULL,
  created_at  DATETIME     NOT NULL,
  CONSTRAINT cairn_segment_group_name UNIQUE (name)
);

ALTER TABLE cairn_segment ADD COLUMN group_id BIGINT;
ALTER TABLE cairn_segment ADD COLUMN refresh VARCHAR(8) DEFAULT 'ONCE' NOT NULL;
ALTER TABLE cairn_segment ADD COLUMN refresh_at VARCHAR(5) DEFAULT '03:00' NOT NULL;
ALTER TABLE cairn_segment ADD COLUMN time_zone VARCHAR(64) DEFAULT 'UTC' NOT NULL;
ALTER TABLE cairn_segment ADD COLUMN scenario VARCHAR(256);
ALTER TABLE cairn_segment ADD COLUMN expires_at DATETIME;
ALTER TABLE cairn_segment ADD COLUMN time_sensitive BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE cairn_segment ADD COLUMN notify_email VARCHAR(320);
-- when the scheduler refreshes it next (daily segments); claimed by compare-and-set on this value
ALTER TABLE cairn_segment ADD COLUMN next_refresh_at DATETIME;
-- what the last computation reported (list import counts, lookalike lift …), JSON
ALTER TABLE cairn_segment ADD COLUMN report LONGTEXT;
CREATE INDEX cairn_segment_next_refresh ON cairn_segment (next_refresh_at);

CREATE TABLE cairn_segment_deletion (
  id          BIGINT AUTO_INCREMENT PRIMARY KEY,
  segment_id  BIGINT       NOT NULL,
  name        VARCHAR(128) NOT NULL,
  kind        VARCHAR(16)  NOT NULL,
  definition  LONGTEXT     NOT NULL,
  deleted_by  VARCHAR(128),
  deleted_at  DATETIME     NOT NULL
);
