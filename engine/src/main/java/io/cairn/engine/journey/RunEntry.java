package io.cairn.engine.journey;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * A run in a list of runs: the execution record and the version it runs on.
 *
 * @param run the execution record (its fields appear at the top level in JSON)
 * @param version the journey version it runs on
 */
public record RunEntry(@JsonUnwrapped JourneyRun run, int version) {}
