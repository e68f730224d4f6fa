package io.cairn.connectors.email;

import java.time.Duration;

/**
 * An SMTP submission server the {@link SmtpEmailConnector} sends through.
 *
 * @param host host name or address
 * @param port port (25, 587 …), 1 to 65535
 * @param username login; {@code null} or blank for a server without authentication
 * @param password password (from the environment); never logged: {@link #toString()} masks it
 * @param startTls whether to require STARTTLS (and check the server's certificate and name)
 * @param timeout limit for connecting and for each read and write; {@code null} means 10 seconds
 * @throws IllegalArgumentException if the host is blank, the port out of range or the timeout not
 *     positive
 */
public record SmtpServer(
    String host, int port, String username, String password, boolean startTls, Duration timeout) {

  /** Timeout used when none is configured. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  public SmtpServer {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("SMTP host is blank");
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("SMTP port out of range: " + port);
    }
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("SMTP timeout must be positive: " + timeout);
    }
  }

  /** Whether the server needs a login (a username is configured). */
  boolean authenticates() {
    return username != null && !username.isBlank();
  }

  @Override
  public String toString() {
    return "SmtpServer["
        + host
        + ":"
        + port
        + ", user="
        + username
        + ", password=***, startTls="
        + startTls
        + ", timeout="
        + timeout
        + "]";
  }
}
