-- Coupons and their imported code pools. Codes are secrets: they leave the database only to the
-- support desk's lookup of one user's code (GET /api/coupons/{id}/issued/...), never into logs.

-- codes_total and codes_issued are kept in step with the pool under this row's lock (import and
-- issuing both take it), so that showing a coupon never counts 100,000 codes.
CREATE TABLE cairn_coupon (
  id            BIGINT AUTO_INCREMENT PRIMARY KEY,
  name          VARCHAR(128) NOT NULL,
  description   VARCHAR(512),
  enabled       BOOLEAN      NOT NULL,
  codes_total   BIGINT       NOT NULL,
  codes_issued  BIGINT       NOT NULL,
  created_at    DATETIME     NOT NULL,
  updated_at    DATETIME     NOT NULL,
  CONSTRAINT cairn_coupon_name UNIQUE (name)
);

-- One row per imported code; a code is stored once per coupon. issued flips once, never back.
CREATE TABLE cairn_coupon_code (
  id         BIGINT AUTO_INCREMENT PRIMARY KEY,
  coupon_id  BIGINT      NOT NULL,
  code       VARCHAR(64) NOT NULL,
  issued     BOOLEAN     NOT NULL,
  CONSTRAINT cairn_coupon_code_code UNIQUE (coupon_id, code)
);
-- Free codes of a coupon in import order: the claim reads the first N of them.
CREATE INDEX cairn_coupon_code_free ON cairn_coupon_code (coupon_id, issued, id);

-- Who holds which code. The primary key is the guarantee of "at most one code per user per
-- coupon", whatever the number of journeys, nodes or threads issuing; code_id's key is the
-- guarantee that no code is issued twice.
CREATE TABLE cairn_coupon_issue (
  coupon_id    BIGINT      NOT NULL,
  entity_type  VARCHAR(32) NOT NULL,
  entity_id    INT         NOT NULL,
  code_id      BIGINT      NOT NULL,
  issued_at    DATETIME    NOT NULL,
  PRIMARY KEY (coupon_id, entity_type, entity_id),
  CONSTRAINT cairn_coupon_issue_code UNIQUE (code_id)
);
