-- Webhooks (the custom channel) registered by administrators, their test-send logs, the replay
-- store of their signed receipts, and receipt outcomes on ledger rows.

-- secret_sealed: the signing secret sealed with AES-256-GCM under CAIRN_SECRETS_KEY (SecretBox);
-- secret_hint is what people may see of it. id_types: comma-separated identity codes.
-- parameters and receipt_statuses: JSON lists.
CREATE TABLE cairn_webhook (
  id                BIGINT AUTO_INCREMENT PRIMARY KEY,
  name              VARCHAR(128)  NOT NULL,
  url               VARCHAR(2048) NOT NULL,
  signing           VARCHAR(32)   NOT NULL,
  secret_sealed     VARCHAR(1024) NOT NULL,
  secret_hint       VARCHAR(32)   NOT NULL,
  id_types          VARCHAR(255)  NOT NULL,
  parameters        LONGTEXT      NOT NULL,
  receipts_enabled  BOOLEAN       NOT NULL,
  receipt_window_h  INT           NOT NULL,
  receipt_statuses  LONGTEXT      NOT NULL,
  timeout_s         INT           NOT NULL,
  enabled           BOOLEAN       NOT NULL,
  created_at        DATETIME      NOT NULL,
  updated_at        DATETIME      NOT NULL,
  CONSTRAINT cairn_webhook_name UNIQUE (name)
);

-- The last test sends of each webhook, as downloadable text (request without its signature).
CREATE TABLE cairn_webhook_test_log (
  id          BIGINT AUTO_INCREMENT PRIMARY KEY,
  webhook_id  BIGINT      NOT NULL,
  created_at  DATETIME    NOT NULL,
  outcome     VARCHAR(16) NOT NULL,
  log         LONGTEXT    NOT NULL
);
CREATE INDEX cairn_webhook_test_log_webhook ON cairn_webhook_test_log (webhook_id, id);

-- Ids and nonces of accepted receipt reports (SHA-256 of the id), each kept until a report
-- carrying it would be refused as stale anyway; the primary key makes acceptance atomic.
CREATE TABLE cairn_webhook_seen (
  webhook_id  BIGINT   NOT NULL,
  id_hash     CHAR(64) NOT NULL,
  expires_at  DATETIME NOT NULL,
  PRIMARY KEY (webhook_id, id_hash)
);
CREATE INDEX cairn_webhook_seen_expiry ON cairn_webhook_seen (expires_at);

-- A receipt's status code and arrival on the ledger row it settled (DELIVERED or FAILED).
ALTER TABLE cairn_delivery ADD COLUMN receipt_status VARCHAR(64);
ALTER TABLE cairn_delivery ADD COLUMN receipt_at DATETIME;
