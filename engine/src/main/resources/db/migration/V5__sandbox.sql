-- What the sandbox connectors "sent": one row per message, stored once per idempotency key.
CREATE TABLE cairn_sandbox_message (
  id              BIGINT AUTO_INCREMENT PRIMARY KEY,
  connector_id    VARCHAR(64)  NOT NULL,
  channel         VARCHAR(16)  NOT NULL,
  idempotency_key VARCHAR(128) NOT NULL,
  recipient       VARCHAR(320) NOT NULL,
  subject         VARCHAR(1024),
  body            VARCHAR(8000) NOT NULL,
  recorded_at     DATETIME     NOT NULL,
  CONSTRAINT cairn_sandbox_message_key UNIQUE (idempotency_key)
);
CREATE INDEX cairn_sandbox_message_channel ON cairn_sandbox_message (channel, id);
