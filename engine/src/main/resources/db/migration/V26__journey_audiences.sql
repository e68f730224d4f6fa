-- "Save as audience" nodes: the segment each node made in each run. The key makes the node
-- idempotent per run: running it again (a retry, a restart before the node, a second token
-- reaching it) adds to the same segment instead of creating another.
CREATE TABLE cairn_journey_audience (
  run_id      BIGINT       NOT NULL,
  element_id  VARCHAR(255) NOT NULL,
  segment_id  BIGINT       NOT NULL,
  created_at  DATETIME     NOT NULL,
  PRIMARY KEY (run_id, element_id)
);
