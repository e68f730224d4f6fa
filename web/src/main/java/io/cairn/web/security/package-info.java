/**
 * Authentication (HTTP Basic against users in {@code cairn_user}, admin bootstrap), authorisation
 * by role (ADMIN, MARKETER), the users API ({@code /api/users}), workspace members ({@code
 * /api/workspaces/{id}/members}) and the limits on request JSON. Owns the {@code cairn_user} table.
 *
 * <p>Workspaces: {@link io.cairn.web.security.CurrentWorkspace} is the one place that resolves a
 * request's workspace (header {@code X-Cairn-Workspace}, absent = the default workspace) and
 * checks that the user may use it (ADMIN: every workspace; others: where they are members).
 * Controllers pass its {@code id()} explicitly to the engine's create and list methods and call
 * its {@code require(kind, id)} before any operation on an id, so that another workspace's rows
 * answer 404.
 *
 * <p>Depends on engine.problem (to refuse bad input) and engine.workspace.
 */
package io.cairn.web.security;
