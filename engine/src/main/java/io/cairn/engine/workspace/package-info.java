/**
 * Workspaces: they separate journeys, segments and credentials (webhooks with their secrets,
 * templates). Owns {@code cairn_workspace}, {@code cairn_workspace_member} and the meaning of the
 * {@code workspace_id} column of the tables {@link io.cairn.engine.workspace.Owned} lists (the
 * features write it when they create a row).
 *
 * <p>How a workspace travels: the web layer resolves the request's workspace once (header {@code
 * X-Cairn-Workspace}, absent = {@link io.cairn.engine.workspace.Workspaces#DEFAULT}) and passes
 * its id explicitly: to {@code create}/{@code list} methods of the features as a parameter, and to
 * {@link io.cairn.engine.workspace.Workspaces#require} before any operation on an id, which
 * answers "not found" for a row of another workspace so that ids do not leak. Engine-internal
 * callers (schedulers, journeys reading their segment) work on ids without a workspace. A journey
 * may only use segments, webhooks and templates of its own workspace (checked when it is saved).
 *
 * <p>Users are the web layer's: memberships are kept here by username. Depends on engine.problem.
 */
package io.cairn.engine.workspace;
