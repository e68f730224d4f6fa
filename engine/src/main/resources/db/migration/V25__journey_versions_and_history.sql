-- Versions of a journey, users in flight moved between them, per-branch counts and engine
-- incidents: Cairn's own record of what a journey did, which outlives Camunda's history cleanup.

-- Every published BPMN of a journey, numbered 1, 2, ... The journey row points at the current
-- one (cairn_journey.definition_id); runs record the one they run on. policy: how users in flight
-- were to be treated when the version was published (NULL for version 1).
CREATE TABLE cairn_journey_version (
  journey_id    BIGINT       NOT NULL,
  version       INT          NOT NULL,
  definition_id VARCHAR(64)  NOT NULL,
  bpmn          LONGTEXT     NOT NULL,
  policy        VARCHAR(16),
  published_at  DATETIME     NOT NULL,
  PRIMARY KEY (journey_id, version),
  CONSTRAINT cairn_journey_version_definition UNIQUE (definition_id)
);
INSERT INTO cairn_journey_version (journey_id, version, definition_id, bpmn, policy, published_at)
  SELECT id, 1, definition_id, bpmn, NULL, created_at FROM cairn_journey;

-- The process definition (hence the version) a run runs on; a migration moves it.
ALTER TABLE cairn_journey_run ADD COLUMN definition_id VARCHAR(64);
UPDATE cairn_journey_run
  SET definition_id = (SELECT j.definition_id FROM cairn_journey j WHERE j.id = cairn_journey_run.journey_id);

-- One application of a MIGRATE version, and where its users went (target_element_id NULL: the
-- users stayed on from_version, for the reason given).
CREATE TABLE cairn_journey_migration (
  id                BIGINT AUTO_INCREMENT PRIMARY KEY,
  journey_id        BIGINT   NOT NULL,
  version           INT      NOT NULL,
  applied_at        DATETIME NOT NULL,
  moved_instances   BIGINT   NOT NULL,
  moved_users       BIGINT   NOT NULL,
  stayed_instances  BIGINT   NOT NULL,
  stayed_users      BIGINT   NOT NULL
);
CREATE INDEX cairn_journey_migration_journey ON cairn_journey_migration (journey_id, version);

CREATE TABLE cairn_journey_migration_move (
  migration_id      BIGINT       NOT NULL,
  from_version      INT          NOT NULL,
  element_id        VARCHAR(255) NOT NULL,
  target_element_id VARCHAR(255),
  instances         BIGINT       NOT NULL,
  users             BIGINT       NOT NULL,
  reason            VARCHAR(255)
);
CREATE INDEX cairn_journey_migration_move_migration ON cairn_journey_migration_move (migration_id);

-- Users who took each sequence flow (branch) in a run; first_at: when a token first took it.
CREATE TABLE cairn_flow_stat (
  run_id    BIGINT       NOT NULL,
  flow_id   VARCHAR(255) NOT NULL,
  taken     BIGINT       NOT NULL,
  first_at  DATETIME     NOT NULL,
  PRIMARY KEY (run_id, flow_id)
);

-- Engine incidents (a node's job failed and ran out of retries), copied when Camunda raises them.
-- resolution: RETRIED (an operator reset the retries), DELETED (the job went away otherwise);
-- outcome of a retry: SUCCEEDED (the job ran) or FAILED_AGAIN (it raised a new incident).
CREATE TABLE cairn_journey_incident (
  id                   BIGINT AUTO_INCREMENT PRIMARY KEY,
  journey_id           BIGINT        NOT NULL,
  run_id               BIGINT,
  process_instance_id  VARCHAR(64)   NOT NULL,
  camunda_incident_id  VARCHAR(64)   NOT NULL,
  job_id               VARCHAR(64),
  element_id           VARCHAR(255),
  element_name         VARCHAR(255),
  cause                VARCHAR(1024),
  created_at           DATETIME      NOT NULL,
  resolved_at          DATETIME,
  resolution           VARCHAR(16),
  outcome              VARCHAR(16)
);
CREATE INDEX cairn_journey_incident_journey ON cairn_journey_incident (journey_id, id);
CREATE INDEX cairn_journey_incident_job ON cairn_journey_incident (job_id);
