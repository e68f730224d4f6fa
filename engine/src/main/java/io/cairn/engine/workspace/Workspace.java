package io.cairn.engine.workspace;

import java.time.Instant;

/**
 * A workspace: a brand's or department's own journeys, segments and credentials.
 *
 * @param id workspace id; {@link Workspaces#DEFAULT} is the one every installation has
 * @param name 1–64 characters, unique
 * @param createdAt when it was created
 */
public record Workspace(long id, String name, Instant createdAt) {}
