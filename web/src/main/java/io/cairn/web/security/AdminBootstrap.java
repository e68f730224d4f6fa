package io.cairn.web.security;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Makes sure the {@code admin} user exists: with the password from {@code
 * cairn.security.admin-password} ({@code CAIRN_ADMIN_PASSWORD}) when it is set (re-applied on
 * every start), otherwise with a generated one that is printed once, on the start that creates
 * it, to the console only.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class AdminBootstrap implements ApplicationRunner {

  static final String ADMIN = "admin";

  private final UserAccounts accounts;
  private final String configuredPassword;

  AdminBootstrap(
      UserAccounts accounts, @Value("${cairn.security.admin-password:}") String configuredPassword) {
    this.accounts = accounts;
    this.configuredPassword = configuredPassword;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (!configuredPassword.isBlank()) {
      accounts.setPassword(ADMIN, configuredPassword, List.of(Roles.ADMIN));
      return;
    }
    if (accounts.exists(ADMIN)) {
      return;
    }
    String password = generatedPassword();
    accounts.setPassword(ADMIN, password, List.of(Roles.ADMIN));
    // Deliberately System.out, not the logger: shown once, never written to log files.
    System.out.println(
        box(
            "Cairn generated the admin password (shown only this once):",
            "",
            "  user:     " + ADMIN,
            "  password: " + password,
            "",
            "Set CAIRN_ADMIN_PASSWORD to choose your own."));
  }

  /** 144 random bits, URL-safe Base64 (24 characters). */
  static String generatedPassword() {
    byte[] random = new byte[18];
    new SecureRandom().nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  static String box(String... lines) {
    int width = 0;
    for (String l : lines) {
      width = Math.max(width, l.length());
    }
    String rule = "+" + "-".repeat(width + 2) + "+\n";
    StringBuilder out = new StringBuilder("\n").append(rule);
    for (String l : lines) {
      out.append("| ").append(l).append(" ".repeat(width - l.length())).append(" |\n");
    }
    return out.append(rule).toString();
  }
}
