package io.cairn.connectors.platform;

/**
 * A platform query (template, signature, reports) got no usable answer: not reachable, an HTTP
 * error, an unreadable body, or a {@code code} other than {@code OK}. The message names the
 * operation and what came back; it never holds the API key or personal data.
 */
public class PlatformException extends RuntimeException {

  private final boolean transientFailure;

  public PlatformException(String message, boolean transientFailure) {
    super(message);
    this.transientFailure = transientFailure;
  }

  /** True when asking again later may succeed (not reached, no answer, 429 or 5xx). */
  public boolean isTransient() {
    return transientFailure;
  }
}
