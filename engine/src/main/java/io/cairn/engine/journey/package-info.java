/**
 * Journeys: deploy, validate and run BPMN journeys on Camunda 7 in cohort mode; runs and per-node
 * statistics; versions of a started journey with a policy for users in flight ({@link
 * io.cairn.engine.journey.JourneyVersions}); per-run statistics, paths and incidents kept in
 * Cairn's tables so they outlive Camunda's history cleanup ({@link
 * io.cairn.engine.journey.JourneyHistory}). The internal package is the only Camunda-facing code.
 * Depends on segment (also its behaviour windows), delivery (also action results), event (event
 * types in use), problem.
 */
package io.cairn.engine.journey;
