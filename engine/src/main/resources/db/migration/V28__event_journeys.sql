-- Event journeys (individual mode): one process instance per entry.

-- The entry outbox: an accepted event that a RUNNING event journey enters on or waits for, written
-- in the ingesting transaction (so it is as durable as the event) and drained by the entry worker,
-- which deletes the row in the transaction that starts the instance or files the event in the
-- inbox: a committed row is handled exactly once, a crash leaves it to be handled after restart.
-- shard = entity_id mod the worker count, so one user's events are handled in order by one thread.
CREATE TABLE cairn_journey_outbox (
  event_id    BIGINT      NOT NULL,
  journey_id  BIGINT      NOT NULL,
  shard       INT         NOT NULL,
  entity_id   INT         NOT NULL,
  source_code VARCHAR(64) NOT NULL,
  event_code  VARCHAR(64) NOT NULL,
  event_time  BIGINT      NOT NULL,
  received_at BIGINT      NOT NULL,
  attrs       LONGTEXT,
  attempts    INT         NOT NULL,
  error       VARCHAR(512),
  PRIMARY KEY (event_id, journey_id)
);
CREATE INDEX cairn_journey_outbox_shard ON cairn_journey_outbox (shard, attempts, event_id);

-- One row per user who ever entered (or counted towards entering) an event journey; the entry
-- worker locks it, so re-entry limits and "at least N times" are checked and recorded race-free.
-- recent: entry times (epoch ms) inside the re-entry window; pending: times of matching events
-- counted towards "at least N times" since the user's last entry.
CREATE TABLE cairn_journey_entrant (
  journey_id BIGINT        NOT NULL,
  entity_id  INT           NOT NULL,
  entries    INT           NOT NULL,
  recent     VARCHAR(255),
  pending    VARCHAR(2048),
  PRIMARY KEY (journey_id, entity_id)
);

-- The event inbox: events that a behaviour branch (event mode) of a journey waits for, kept for
-- cairn.journeys.inbox-retention so that an event arriving before the user's instance reaches the
-- branch still counts when it does. Keyed by event: a duplicate is kept once.
CREATE TABLE cairn_event_inbox (
  journey_id  BIGINT       NOT NULL,
  element_id  VARCHAR(255) NOT NULL,
  event_id    BIGINT       NOT NULL,
  entity_id   INT          NOT NULL,
  received_at BIGINT       NOT NULL,
  PRIMARY KEY (journey_id, element_id, event_id)
);
CREATE INDEX cairn_event_inbox_entity ON cairn_event_inbox (journey_id, entity_id, received_at);
CREATE INDEX cairn_event_inbox_received ON cairn_event_inbox (received_at);

-- Node statistics of event journeys: thousands of instances per second would make one
-- (run, element) row a hot lock, so each transaction adds its summed counts to the shard of its
-- thread; a node's figure is the sum of its shards (and of cairn_node_stat, cohort mode).
CREATE TABLE cairn_node_stat_shard (
  run_id     BIGINT       NOT NULL,
  element_id VARCHAR(255) NOT NULL,
  shard      INT          NOT NULL,
  entered    BIGINT       NOT NULL,
  left_count BIGINT       NOT NULL,
  PRIMARY KEY (run_id, element_id, shard)
);
