package io.cairn.connectors.http;

import java.net.UnknownHostException;

/**
 * An outbound request to a user-given URL was refused by the {@link SsrfGuard} before any
 * connection was made. The message names the URL's host and the reason, never the rest of the URL
 * (its path or query may hold a token) nor the address a name resolved to.
 *
 * <p>It is an {@link UnknownHostException} because OkHttp's {@code Dns} may throw only that; a
 * caller tells it from a genuine resolution failure by its type. A refusal is permanent for the
 * URL: sending again does not help, changing the URL or the operator's allow-list does.
 */
public final class ForbiddenTargetException extends UnknownHostException {

  private static final long serialVersionUID = 1L;

  private final String host;
  private final String reason;

  /**
   * @param host the URL's host as given (may be empty when the URL has none)
   * @param reason why, completing "host … ", e.g. {@code "is a loopback address"}
   */
  public ForbiddenTargetException(String host, String reason) {
    super("outbound request refused: host '" + host + "' " + reason);
    this.host = host;
    this.reason = reason;
  }

  /** The URL's host. */
  public String host() {
    return host;
  }

  /** Why the host is refused, e.g. {@code "resolves to a private address"}. */
  public String reason() {
    return reason;
  }
}
