/**
 * Authentication (HTTP Basic, users in the database, admin bootstrap), authorisation by role, and hostile-JSON limits.
 */
package io.cairn.web.security;
