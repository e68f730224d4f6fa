-- Workspaces separate journeys, segments and credentials (webhooks with their secrets, templates).
-- Every row that existed before belongs to workspace 1 "Default", which cannot be deleted.
CREATE TABLE cairn_workspace (
  id          BIGINT AUTO_INCREMENT PRIMARY KEY,
  name        VARCHAR(64) NOT NULL,
  created_at  DATETIME    NOT NULL,
  CONSTRAINT cairn_workspace_name UNIQUE (name)
);
INSERT INTO cairn_workspace (id, name, created_at) VALUES (1, 'Default', CURRENT_TIMESTAMP);

-- Which users (cairn_user.username) may work in which workspace; ADMIN users may use every
-- workspace without a row here. Every user starts as a member of the Default workspace.
CREATE TABLE cairn_workspace_member (
  workspace_id  BIGINT      NOT NULL,
  username      VARCHAR(64) NOT NULL,
  PRIMARY KEY (workspace_id, username)
);
INSERT INTO cairn_workspace_member (workspace_id, username) SELECT 1, username FROM cairn_user;

-- queue_seq: the journey's place in its workspace's PENDING queue (FIFO by start request), null
-- when it is not waiting. deleted_at: a deleted journey is gone from lists and lookups; its runs,
-- statistics and ledger rows stay. deployment_removed: its Camunda deployment is gone (removed
-- once no process instance of it remains).
ALTER TABLE cairn_journey ADD COLUMN workspace_id BIGINT NOT NULL DEFAULT 1;
ALTER TABLE cairn_journey ADD COLUMN queue_seq BIGINT;
ALTER TABLE cairn_journey ADD COLUMN deleted_at DATETIME;
ALTER TABLE cairn_journey ADD COLUMN deployment_removed BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX cairn_journey_workspace_status ON cairn_journey (workspace_id, status);

ALTER TABLE cairn_segment ADD COLUMN workspace_id BIGINT NOT NULL DEFAULT 1;
CREATE INDEX cairn_segment_workspace ON cairn_segment (workspace_id, id);

-- Names are unique within a workspace, no longer across all of them.
ALTER TABLE cairn_webhook ADD COLUMN workspace_id BIGINT NOT NULL DEFAULT 1;
ALTER TABLE cairn_webhook DROP CONSTRAINT cairn_webhook_name;
ALTER TABLE cairn_webhook ADD CONSTRAINT cairn_webhook_workspace_name UNIQUE (workspace_id, name);

ALTER TABLE cairn_template ADD COLUMN workspace_id BIGINT NOT NULL DEFAULT 1;
ALTER TABLE cairn_template DROP CONSTRAINT cairn_template_name;
ALTER TABLE cairn_template ADD CONSTRAINT cairn_template_workspace_name UNIQUE (workspace_id, name);
