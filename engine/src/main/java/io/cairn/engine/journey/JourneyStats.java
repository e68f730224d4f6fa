package io.cairn.engine.journey;

import io.cairn.engine.delivery.ActionStats;
import java.util.List;

/**
 * What happened in a journey's latest run.
 *
 * @param journeyId the journey
 * @param run the latest run, or null when it never started
 * @param nodes per node, in diagram order
 * @param actions per action execution, straight from the delivery ledger
 */
public record JourneyStats(
    long journeyId, JourneyRun run, List<NodeStats> nodes, List<ActionStats> actions) {}
