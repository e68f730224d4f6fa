/**
 * REST API of segments, in the request's workspace (folders are shared by all workspaces). Depends on engine.segment, engine.workspace and web.security (the request's workspace).
 */
package io.cairn.web.segment;
