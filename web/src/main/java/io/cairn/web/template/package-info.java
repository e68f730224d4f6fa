/**
 * REST API of content management: message templates ({@code /api/templates}: CRUD, list with
 * filters and paging, preview), short links ({@code /api/short-links}: create, list, get with
 * click counts, disable, enable) and the public redirect of per-recipient short-link URLs ({@code
 * GET /s/<code>/<token>}, no login: the signed token is the credential). Templates are the
 * request's workspace's; short links are shared. Depends on engine.workspace, web.security and
 * engine.template.
 */
package io.cairn.web.template;
