/**
 * REST API of workspaces ({@code /api/workspaces}): list the ones the caller may use, get, and
 * (ADMIN) create, rename, delete. Members are managed in web.security, which also resolves the
 * request's workspace ({@code CurrentWorkspace}). Depends on engine.workspace and web.security.
 */
package io.cairn.web.workspace;
