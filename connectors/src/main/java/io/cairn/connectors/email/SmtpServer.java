package io.cairn.connectors.email;

import java.time.Duration;

/**
 * An SMTP submission server.
 *
 * @param host host name
 * @param port port (25, 587 …)
 * @param username login, or empty for none
 * @param password password (from the environment; never logged)
 * @param startTls whether to require STARTTLS
 * @param timeout connect and read timeout
 */
public record SmtpServer(
    String host, int port, String username, String password, boolean startTls, Duration timeout) {

  public SmtpServer {
    timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
  }

  boolean authenticates() {
    return username != null && !username.isBlank();
  }

  @Override
  public String toString() {
    return "SmtpServer[" + host + ":" + port + ", user=" + username + ", password=***]";
  }
}
