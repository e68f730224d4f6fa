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
 * Makes sure the {@code admin} user exists: with the password from {@code CAIRN_ADMIN_PASSWORD}
 * when it is set (re-applied on every start), otherwise with a generated one that is printed once,
 * on the start that creates it, to the console only.
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
      accounts.setPassword(ADMIN, configuredPassword, List.of("ADMIN"));
      return;
    }
    if (accounts.exists(ADMIN)) {
      return;
    }
    byte[] random = new byte[18];
    new SecureRandom().nextBytes(random);
    String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    accounts.setPassword(ADMIN, password, List.of("ADMIN"));
    // Deliberately System.out, not the logger: shown once, never written to log files.
    System.out.println(
        "\n+--------------------------------------------------------------+\n"
            + "| Cairn generated the admin password (shown only this once):   |\n"
            + "|   user: admin   password: "
            + password
            + "          |\n"
            + "| Set CAIRN_ADMIN_PASSWORD to choose your own.                 |\n"
            + "+--------------------------------------------------------------+\n");
  }
}
