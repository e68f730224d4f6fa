package io.cairn.web;

import java.nio.file.Path;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Tells whoever started Cairn where to find it: API, OpenAPI docs, the admin user, the data
 * directory and the database (never a password). Printed once, to the console.
 */
@Component
class StartupMessage {

  private final Environment env;

  StartupMessage(Environment env) {
    this.env = env;
  }

  @EventListener(ApplicationReadyEvent.class)
  void announce() {
    String port = env.getProperty("local.server.port", env.getProperty("server.port", "8080"));
    String base = "http://localhost:" + port;
    String url = env.getProperty("spring.datasource.url", "");
    String dataDir =
        url.startsWith("jdbc:h2:file:")
            ? Path.of(env.getProperty("cairn.data-dir", "./data")).toAbsolutePath().normalize().toString()
            : "not used (the database is external)";
    System.out.println(
        "\nCairn is running.\n"
            + "  API:          " + base + "/api   (HTTP Basic)\n"
            + "  OpenAPI docs: " + base + "/swagger-ui/index.html   (" + base + "/v3/api-docs)\n"
            + "  Admin user:   admin   (password: CAIRN_ADMIN_PASSWORD, or the one shown at the"
            + " first start)\n"
            + "  Data dir:     " + dataDir + "\n"
            + "  Database:     " + describeDatabase(url)
            + "\n");
  }

  /** The H2 file or the MySQL host/schema of a JDBC URL, without credentials or options. */
  static String describeDatabase(String url) {
    if (url.startsWith("jdbc:h2:file:")) {
      String file = url.substring("jdbc:h2:file:".length()).split(";")[0];
      return "H2 file " + Path.of(file).toAbsolutePath().normalize() + ".mv.db";
    }
    if (url.startsWith("jdbc:h2:mem:")) {
      return "H2 in memory";
    }
    String withoutOptions = url.split("\\?")[0].split(";")[0];
    return withoutOptions.replaceAll("//[^@/]*@", "//");
  }
}
