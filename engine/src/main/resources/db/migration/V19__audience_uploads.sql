-- What an ad platform said about each upload of an audience action (one row per connector
-- delivery, i.e. per batch): the action's statistics sum them. matched stays NULL until a platform
-- reports it (Google and Meta report match rates only hours later).
CREATE TABLE cairn_audience_upload (
  id           BIGINT AUTO_INCREMENT PRIMARY KEY,
  action_id    BIGINT       NOT NULL,
  connector_id VARCHAR(64)  NOT NULL,
  audience     VARCHAR(255) NOT NULL,
  upload_ref   VARCHAR(255) NOT NULL,
  uploaded     BIGINT       NOT NULL,
  received     BIGINT       NOT NULL,
  invalid      BIGINT       NOT NULL,
  matched      BIGINT,
  created_at   DATETIME     NOT NULL
);
CREATE INDEX cairn_audience_upload_action ON cairn_audience_upload (action_id);
