/**
 * Journeys: deploy, validate and run BPMN journeys on Camunda 7 in both execution modes. Cohort
 * mode (audience entry, once or on a schedule): one process instance per run, tokens carry stored
 * cohorts. Event mode (event entry): events a RUNNING event journey reacts to go into an entry
 * outbox in the ingesting transaction ({@link io.cairn.engine.event.StoredEventsListener}); a
 * worker starts one instance per entry (business key {@code user:<entityId>}) under race-free
 * re-entry limits, and a keyed event inbox feeds the event-mode behaviour branch. Versions of a
 * started journey with a policy for users in flight ({@link
 * io.cairn.engine.journey.JourneyVersions}); per-run statistics, paths and incidents kept in
 * Cairn's tables so they outlive Camunda's history cleanup ({@link
 * io.cairn.engine.journey.JourneyHistory}). The internal package is the only Camunda-facing code.
 * Owns cairn_journey*, cairn_cohort, cairn_node_stat*, cairn_flow_stat, cairn_event_inbox.
 * Depends on segment (also its behaviour windows), delivery (also action results), event, workspace,
 * problem.
 *
 * <p>Workspaces: a journey belongs to one and may only use its segments, webhooks and templates.
 * At most {@code cairn.journeys.max-running} (default 10) journeys of a workspace are RUNNING; more
 * starts queue as PENDING and are admitted in request order by {@code internal.JourneyAdmission},
 * whose {@code journeyLeftRunning}/{@code slotFreed} is the hook to call whenever a journey leaves
 * RUNNING. Deleted journeys stay as rows (runs, statistics and ledger rows refer to them) but are
 * gone from every lookup.
 */
package io.cairn.engine.journey;
