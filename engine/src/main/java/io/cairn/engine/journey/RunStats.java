package io.cairn.engine.journey;

import io.cairn.engine.delivery.ActionStats;
import java.util.List;

/**
 * What happened in one run of a journey, from Cairn's own tables (it answers after Camunda's
 * history cleanup).
 *
 * @param journeyId the journey
 * @param run the run; null when the journey never ran
 * @param version the journey version the run is on (moved by an applied migration)
 * @param nodes per node of that version, in diagram order, then nodes only older versions had
 * @param branches per sequence flow, the users who took it
 * @param actions per action execution, straight from the delivery ledger
 * @param path what the run has reached so far
 */
public record RunStats(
    long journeyId,
    JourneyRun run,
    int version,
    List<NodeStats> nodes,
    List<BranchStats> branches,
    List<ActionStats> actions,
    RunPath path) {}
