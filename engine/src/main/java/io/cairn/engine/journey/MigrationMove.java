package io.cairn.engine.journey;

/**
 * Where the users at one node of an older version go (or went) when a version is applied.
 *
 * @param fromVersion the version they are on
 * @param elementId the node they are at
 * @param name the node's name in that version
 * @param targetElementId the node they continue at in the new version; null when they stay
 * @param staysOnVersion the version they stay on; null when they move
 * @param instances process instances with a token there (cohort mode: runs; event mode: users)
 * @param users users at the node: the sizes of the cohorts the tokens carry (cohort mode), one per
 *     token (event mode)
 * @param reason why they stay; null when they move
 */
public record MigrationMove(
    int fromVersion,
    String elementId,
    String name,
    String targetElementId,
    Integer staysOnVersion,
    long instances,
    long users,
    String reason) {}
