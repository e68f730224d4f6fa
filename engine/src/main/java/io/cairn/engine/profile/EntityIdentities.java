package io.cairn.engine.profile;

import java.util.List;

/**
 * An entity and all its identities.
 *
 * @param entityType {@code user}, {@code merchant} or {@code store}
 * @param externalId the entity's external id
 * @param identities every stored identity, ordered by type then form
 */
public record EntityIdentities(String entityType, String externalId, List<Identity> identities) {}
