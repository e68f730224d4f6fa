-- Event sources: where events come from (a channel such as an app or a mini-program, with its app
-- key). A source's write key authenticates ingestion; only its SHA-256 is kept.
CREATE TABLE cairn_event_source (
  code           VARCHAR(64)  NOT NULL PRIMARY KEY,
  name           VARCHAR(128) NOT NULL,
  channel        VARCHAR(64)  NOT NULL,
  app_key        VARCHAR(128),
  write_key_hash CHAR(64)     NOT NULL,
  write_key_hint VARCHAR(16)  NOT NULL,
  created_at     DATETIME     NOT NULL,
  CONSTRAINT cairn_event_source_key UNIQUE (write_key_hash)
);

-- Event types and their typed attributes (attributes are added, never removed or retyped).
CREATE TABLE cairn_event_type (
  code        VARCHAR(64)   NOT NULL PRIMARY KEY,
  name        VARCHAR(128)  NOT NULL,
  description VARCHAR(1024),
  created_at  DATETIME      NOT NULL
);

CREATE TABLE cairn_event_attribute (
  event_code   VARCHAR(64)  NOT NULL,
  name         VARCHAR(64)  NOT NULL,
  display_name VARCHAR(128) NOT NULL,
  type         VARCHAR(16)  NOT NULL,
  position     INT          NOT NULL,
  PRIMARY KEY (event_code, name)
);

-- One row per accepted event; times in epoch milliseconds (the JDBC URL drops fractional seconds
-- for Camunda's sake, so DATETIME(3) would lose them). event_day is event_time's date in the events time zone (behaviour windows
-- are in days). client_id is the sender's optional id: unique per source, so a resent event is
-- stored once.
CREATE TABLE cairn_event (
  id          BIGINT       NOT NULL PRIMARY KEY,
  source_code VARCHAR(64)  NOT NULL,
  event_code  VARCHAR(64)  NOT NULL,
  entity_id   INT          NOT NULL,
  event_time  BIGINT       NOT NULL,
  event_day   DATE         NOT NULL,
  received_at BIGINT       NOT NULL,
  client_id   VARCHAR(128),
  -- client_id first: the duplicate check is "client_id IN (…)", which H2 only serves from a
  -- leading index column
  CONSTRAINT cairn_event_client UNIQUE (client_id, source_code)
);
CREATE INDEX cairn_event_by_code ON cairn_event (event_code, event_day, entity_id);
CREATE INDEX cairn_event_by_entity ON cairn_event (entity_id, event_time);

-- Event ids are handed out in blocks (EventIds): an AUTO_INCREMENT costs H2 a sequence write per
-- few rows, each a file write under WRITE_DELAY=0, and MySQL a table-level auto-increment lock.
CREATE TABLE cairn_event_seq (
  name    VARCHAR(16) NOT NULL PRIMARY KEY,
  next_id BIGINT      NOT NULL
);
INSERT INTO cairn_event_seq (name, next_id) VALUES ('event', 1);

-- Attribute values of an event: v_text always (ISO-8601 for datetimes, true/false for booleans),
-- v_num for numbers and datetimes (epoch milliseconds).
CREATE TABLE cairn_event_attr (
  event_id BIGINT       NOT NULL,
  name     VARCHAR(64)  NOT NULL,
  v_text   VARCHAR(512) NOT NULL,
  v_num    DOUBLE,
  PRIMARY KEY (event_id, name)
);

-- Daily per-user counts, maintained in the ingesting transaction: behaviour rules without
-- attribute filters read these instead of the raw events.
CREATE TABLE cairn_event_daily (
  event_code  VARCHAR(64) NOT NULL,
  event_day   DATE        NOT NULL,
  entity_id   INT         NOT NULL,
  source_code VARCHAR(64) NOT NULL,
  cnt         INT         NOT NULL,
  PRIMARY KEY (event_code, event_day, entity_id, source_code)
);
