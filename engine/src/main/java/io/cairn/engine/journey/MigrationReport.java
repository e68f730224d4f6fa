package io.cairn.engine.journey;

import java.time.Instant;
import java.util.List;

/**
 * Users in flight against a version: what applying it would do (a preview, {@code migrationId}
 * null) or what it did.
 *
 * @param journeyId the journey
 * @param version the version users would move (or moved) to
 * @param policy the policy the version was published with
 * @param moves per older version and node, where its users go
 * @param movingInstances process instances that move
 * @param movingUsers users that move
 * @param stayingInstances process instances that stay on their version
 * @param stayingUsers users that stay on their version
 * @param migrationId the recorded migration; null for a preview
 * @param appliedAt when it was applied; null for a preview
 */
public record MigrationReport(
    long journeyId,
    int version,
    MigrationPolicy policy,
    List<MigrationMove> moves,
    long movingInstances,
    long movingUsers,
    long stayingInstances,
    long stayingUsers,
    Long migrationId,
    Instant appliedAt) {}
