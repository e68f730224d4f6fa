-- Journeys: a deployed BPMN plus Cairn's metadata, its runs, the cohorts its tokens carry and
-- per-node statistics.
CREATE TABLE cairn_journey (
  id                BIGINT AUTO_INCREMENT PRIMARY KEY,
  name              VARCHAR(64)  NOT NULL,
  process_key       VARCHAR(255) NOT NULL,
  definition_id     VARCHAR(64)  NOT NULL,
  entry_segment_id  BIGINT,
  status            VARCHAR(16)  NOT NULL,
  error             VARCHAR(1024),
  bpmn              LONGTEXT     NOT NULL,
  created_at        DATETIME     NOT NULL,
  started_at        DATETIME,
  finished_at       DATETIME
);

CREATE TABLE cairn_journey_run (
  id                  BIGINT AUTO_INCREMENT PRIMARY KEY,
  journey_id          BIGINT       NOT NULL,
  name                VARCHAR(128) NOT NULL,
  entity_type         VARCHAR(32)  NOT NULL,
  process_instance_id VARCHAR(64),
  status              VARCHAR(16)  NOT NULL,
  audience_size       BIGINT       NOT NULL,
  error               VARCHAR(1024),
  started_at          DATETIME     NOT NULL,
  finished_at         DATETIME
);
CREATE INDEX cairn_journey_run_journey ON cairn_journey_run (journey_id);
CREATE INDEX cairn_journey_run_status ON cairn_journey_run (status);

-- A cohort is an immutable set of entities travelling through a run, referenced from process
-- variables by id (never the ids themselves in Camunda's tables).
CREATE TABLE cairn_cohort (
  id          BIGINT AUTO_INCREMENT PRIMARY KEY,
  run_id      BIGINT   NOT NULL,
  size        BIGINT   NOT NULL,
  bitmap      LONGBLOB NOT NULL,
  created_at  DATETIME NOT NULL
);
CREATE INDEX cairn_cohort_run ON cairn_cohort (run_id);

CREATE TABLE cairn_node_stat (
  run_id      BIGINT       NOT NULL,
  element_id  VARCHAR(255) NOT NULL,
  entered     BIGINT       NOT NULL,
  left_count  BIGINT       NOT NULL,
  PRIMARY KEY (run_id, element_id)
);
