/**
 * Journeys: deploy, validate and run BPMN journeys on Camunda 7 in cohort mode; runs and per-node statistics. The internal package is the only Camunda-facing code. Depends on segment (also its behaviour windows), delivery (also action results), event (event types in use), problem.
 */
package io.cairn.engine.journey;
