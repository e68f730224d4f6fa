/**
 * Journeys: deploy, validate and run BPMN journeys on Camunda 7 in cohort mode; runs and per-node statistics. The internal package is the only Camunda-facing code.
 *
 * <p>Workspaces: a journey belongs to one and may only use its segments, webhooks and templates. At most {@code cairn.journeys.max-running} (default 10) journeys of a workspace are RUNNING; more starts queue as PENDING and are admitted in request order by {@code internal.JourneyAdmission}, whose {@code journeyLeftRunning}/{@code slotFreed} is the hook to call whenever a journey leaves RUNNING. Deleted journeys stay as rows (runs, statistics and ledger rows refer to them) but are gone from every lookup.
 *
 * <p>Depends on segment, delivery, workspace, problem.
 */
package io.cairn.engine.journey;
