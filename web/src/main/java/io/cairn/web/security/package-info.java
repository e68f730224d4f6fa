/**
 * Authentication (HTTP Basic against users in {@code cairn_user}, admin bootstrap), authorisation
 * by role (ADMIN, MARKETER), the users API ({@code /api/users}) and the limits on request JSON.
 * Owns the {@code cairn_user} table. Depends on engine.problem (to refuse bad input).
 */
package io.cairn.web.security;
