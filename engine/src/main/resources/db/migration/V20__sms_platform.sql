-- The third-party SMS platform's delivery reports: how far each platform's reports have been read.
-- platform: the configured platform name (or its URL when it has none). reported_until: the end of
-- the last report window read completely; the next poll starts a little before it.
CREATE TABLE cairn_sms_platform_cursor (
  platform        VARCHAR(191) NOT NULL,
  reported_until  DATETIME     NOT NULL,
  updated_at      DATETIME     NOT NULL,
  PRIMARY KEY (platform)
);
