-- Content templates (SMS, email, push) and short links with per-recipient click tracking.

-- content: the channel's content as JSON (SmsContent, EmailContent or PushContent); variables: the
-- declared variable bindings as JSON. version grows with every change, so a snapshot can say which
-- version it copied.
CREATE TABLE cairn_template (
  id          BIGINT AUTO_INCREMENT PRIMARY KEY,
  name        VARCHAR(128) NOT NULL,
  channel     VARCHAR(16)  NOT NULL,
  entity_type VARCHAR(32)  NOT NULL,
  content     LONGTEXT     NOT NULL,
  variables   LONGTEXT     NOT NULL,
  version     INT          NOT NULL,
  created_at  DATETIME     NOT NULL,
  updated_at  DATETIME     NOT NULL,
  CONSTRAINT cairn_template_name UNIQUE (name)
);
CREATE INDEX cairn_template_channel ON cairn_template (channel, id);

-- Which action execution copied which template, written in the enqueueing transaction, with the
-- per-variable replacements of that moment (tag code -> text, JSON): the snapshot the dispatcher
-- renders with, and what keeps a template in use from being deleted.
CREATE TABLE cairn_template_use (
  action_id    BIGINT   NOT NULL PRIMARY KEY,
  template_id  BIGINT   NOT NULL,
  version      INT      NOT NULL,
  replacements LONGTEXT NOT NULL
);
CREATE INDEX cairn_template_use_template ON cairn_template_use (template_id, action_id);

-- Short links: /s/<code>/<token> redirects to target_url while enabled.
CREATE TABLE cairn_short_link (
  id         BIGINT AUTO_INCREMENT PRIMARY KEY,
  code       VARCHAR(16)   NOT NULL,
  name       VARCHAR(128)  NOT NULL,
  target_url VARCHAR(2048) NOT NULL,
  enabled    BOOLEAN       NOT NULL,
  created_at DATETIME      NOT NULL,
  CONSTRAINT cairn_short_link_code UNIQUE (code)
);

-- One row per verified click (the click is also stored as a link_click event); counts come from
-- here so that a link's statistics never scan the event store.
CREATE TABLE cairn_short_link_click (
  id          BIGINT AUTO_INCREMENT PRIMARY KEY,
  link_id     BIGINT      NOT NULL,
  action_id   BIGINT      NOT NULL,
  entity_type VARCHAR(32) NOT NULL,
  entity_id   INT         NOT NULL,
  clicked_at  DATETIME    NOT NULL
);
CREATE INDEX cairn_short_link_click_link ON cairn_short_link_click (link_id, entity_type, entity_id);
