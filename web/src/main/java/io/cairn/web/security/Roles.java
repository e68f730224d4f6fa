package io.cairn.web.security;

import java.util.Set;

/**
 * The API roles. ADMIN may do everything MARKETER may, and manage users; MARKETER works with
 * profiles, segments, journeys and the sandbox.
 */
final class Roles {

  static final String ADMIN = "ADMIN";
  static final String MARKETER = "MARKETER";
  static final Set<String> ALL = Set.of(ADMIN, MARKETER);

  private Roles() {}
}
