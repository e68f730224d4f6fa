package io.cairn.engine.journey;

/**
 * Users who took one sequence flow (a branch) in a run.
 *
 * @param flowId BPMN sequence flow id
 * @param name the branch's name in the diagram (its id when unnamed)
 * @param sourceId the node it leaves
 * @param targetId the node it leads to
 * @param users users who took it (cohort mode: the sizes of the cohorts taken along it; event
 *     mode: one per token)
 */
public record BranchStats(String flowId, String name, String sourceId, String targetId, long users) {}
