package io.cairn.web.security;

import io.cairn.engine.problem.ConflictException;
import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.workspace.Workspaces;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * API users in the {@code cairn_user} table, passwords as delegating-encoder hashes ({@code
 * {bcrypt}…}); a new user is a member of the default workspace. Thread-safe; a concurrent second create of the same name fails on the primary key.
 */
@Component
class UserAccounts implements UserDetailsService {

  /** A user as the API shows it: never the hash. */
  record Account(String username, List<String> roles, Instant createdAt) {}

  private final JdbcTemplate jdbc;
  private final PasswordEncoder encoder;
  private final Workspaces workspaces;
  private final Clock clock;

  UserAccounts(JdbcTemplate jdbc, PasswordEncoder encoder, Workspaces workspaces, Clock clock) {
    this.jdbc = jdbc;
    this.encoder = encoder;
    this.workspaces = workspaces;
    this.clock = clock;
  }

  @Override
  public UserDetails loadUserByUsername(String username) {
    List<UserDetails> found =
        jdbc.query(
            "SELECT username, password_hash, roles FROM cairn_user WHERE username = ?",
            (rs, i) ->
                User.withUsername(rs.getString(1))
                    .password(rs.getString(2))
                    .authorities(
                        Arrays.stream(rs.getString(3).split(","))
                            .map(r -> new SimpleGrantedAuthority("ROLE_" + r))
                            .toList())
                    .build(),
            username);
    if (found.isEmpty()) {
      throw new UsernameNotFoundException("no such user");
    }
    return found.get(0);
  }

  boolean exists(String username) {
    return jdbc.queryForObject(
            "SELECT COUNT(*) FROM cairn_user WHERE username = ?", Integer.class, username)
        > 0;
  }

  Account create(String username, String password, List<String> roles) {
    if (username == null || !username.matches("[A-Za-z0-9_.@-]{1,64}")) {
      throw new InvalidInputException(
          "invalid-user", "username", "1–64 letters, digits or _ . @ -");
    }
    if (password == null || password.length() < 12) {
      throw new InvalidInputException(
          "invalid-user", "password", "a password has at least 12 characters");
    }
    if (roles == null || roles.isEmpty() || !Roles.ALL.containsAll(roles)) {
      throw new InvalidInputException("invalid-user", "roles", "roles are ADMIN and/or MARKETER");
    }
    if (exists(username)) {
      throw new ConflictException("user-exists", "user " + username + " already exists");
    }
    List<String> distinct = roles.stream().distinct().sorted().toList();
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    try {
      jdbc.update(
          "INSERT INTO cairn_user (username, password_hash, roles, created_at) VALUES (?,?,?,?)",
          username,
          encoder.encode(password),
          String.join(",", distinct),
          Timestamp.from(now));
    } catch (DuplicateKeyException e) {
      throw new ConflictException("user-exists", "user " + username + " already exists");
    }
    workspaces.addMember(Workspaces.DEFAULT, username);
    return new Account(username, distinct, now);
  }

  void setPassword(String username, String password, List<String> rolesIfNew) {
    if (exists(username)) {
      jdbc.update(
          "UPDATE cairn_user SET password_hash = ? WHERE username = ?",
          encoder.encode(password),
          username);
    } else {
      jdbc.update(
          "INSERT INTO cairn_user (username, password_hash, roles, created_at) VALUES (?,?,?,?)",
          username,
          encoder.encode(password),
          String.join(",", rolesIfNew),
          Timestamp.from(clock.instant().truncatedTo(ChronoUnit.SECONDS)));
      workspaces.addMember(Workspaces.DEFAULT, username);
    }
  }

  List<Account> list() {
    return jdbc.query(
        "SELECT username, roles, created_at FROM cairn_user ORDER BY username",
        (rs, i) ->
            new Account(
                rs.getString(1),
                List.of(rs.getString(2).split(",")),
                rs.getTimestamp(3).toInstant()));
  }
}
