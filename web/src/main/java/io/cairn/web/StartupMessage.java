package io.cairn.web;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Tells whoever started Cairn where to find it. */
@Component
class StartupMessage {

  private final Environment env;

  StartupMessage(Environment env) {
    this.env = env;
  }

  @EventListener(ApplicationReadyEvent.class)
  void announce() {
    String port = env.getProperty("local.server.port", env.getProperty("server.port", "8080"));
    String url = env.getProperty("spring.datasource.url", "");
    String db = url.startsWith("jdbc:h2:file:") ? "H2 file " + url.substring(13).split(";")[0]
        : url.replaceAll("//[^@/]*@", "//").split("\\?")[0];
    String base = "http://localhost:" + port;
    System.out.println(
        "\nCairn is running.\n"
            + "  API:          " + base + "/api   (HTTP Basic, user admin)\n"
            + "  OpenAPI docs: " + base + "/swagger-ui/index.html   (" + base + "/v3/api-docs)\n"
            + "  Database:     " + db + "\n");
  }
}
