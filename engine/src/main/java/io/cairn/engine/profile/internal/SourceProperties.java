package io.cairn.engine.profile.internal;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The external databases profiles and segments may read from: {@code cairn.sources.<name>.url},
 * {@code .username}, {@code .password}. Only these can be read; a request names a source, never a
 * URL. Give each source an account that can only SELECT: it is the real boundary, the checks in
 * {@link SelectGuard} and the read-only, rolled-back transaction are defence in depth.
 */
@ConfigurationProperties("cairn")
record SourceProperties(Map<String, Source> sources) {

  SourceProperties {
    sources = sources == null ? Map.of() : Map.copyOf(sources);
  }

  /**
   * One source.
   *
   * @param url a JDBC URL; keep the password out of it (it would reach error messages)
   * @param username the login
   * @param password the password, from the environment; never shown
   */
  record Source(String url, String username, String password) {
    @Override
    public String toString() {
      return "Source[url=" + url + ", username=" + username + ", password=***]";
    }
  }
}
