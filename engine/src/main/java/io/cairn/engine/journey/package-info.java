/**
 * Journeys: deploy, validate and run BPMN journeys on Camunda 7 in both execution modes; runs and
 * per-node statistics. Cohort mode (audience entry): one process instance per run, tokens carry
 * stored cohorts. Event mode (event entry): events a RUNNING event journey reacts to go into an
 * entry outbox in the ingesting transaction ({@link io.cairn.engine.event.StoredEventsListener});
 * a worker starts one instance per entry (business key {@code user:<entityId>}) under race-free
 * re-entry limits, and a keyed event inbox feeds the event-mode behaviour branch. The internal
 * package is the only Camunda-facing code. Owns cairn_journey*, cairn_cohort, cairn_node_stat*,
 * cairn_event_inbox. Depends on segment, event, delivery, problem.
 */
package io.cairn.engine.journey;
