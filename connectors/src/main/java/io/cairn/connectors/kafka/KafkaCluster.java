package io.cairn.connectors.kafka;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * A Kafka cluster journeys can push to (an administrator's "Kafka interface"). Invalid values fail
 * here, when the application starts, rather than on the first delivery.
 *
 * @param name the name nodes refer to in {@link KafkaSettings#cluster()}
 * @param bootstrapServers {@code host:port[,host:port…]}
 * @param securityProtocol {@code PLAINTEXT}, {@code SSL}, {@code SASL_PLAINTEXT} or {@code
 *     SASL_SSL}; {@code null} or blank means {@code PLAINTEXT}
 * @param saslMechanism {@code PLAIN}, {@code SCRAM-SHA-256} or {@code SCRAM-SHA-512}, used with the
 *     SASL protocols; {@code null} or blank means {@code PLAIN}
 * @param username the SASL user; required with the SASL protocols, ignored otherwise
 * @param password the SASL password. Never logged: {@link #toString()} masks it
 * @param timeout how long one record may take from being handed to the producer to its
 *     acknowledgement by all in-sync replicas ({@code delivery.timeout.ms}), and also how long the
 *     producer may wait for the topic's metadata ({@code max.block.ms}); {@code null} means 30
 *     seconds. A delivery waits at most about twice this
 * @throws IllegalArgumentException if a value is missing or unknown, or the timeout is shorter than
 *     {@link #MIN_TIMEOUT}
 */
public record KafkaCluster(
    String name,
    String bootstrapServers,
    String securityProtocol,
    String saslMechanism,
    String username,
    String password,
    Duration timeout) {

  /** Timeout used when none is configured. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /** The shortest timeout accepted: it must leave room for the producer's linger and a request. */
  public static final Duration MIN_TIMEOUT = Duration.ofMillis(500);

  private static final Set<String> PROTOCOLS =
      Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
  private static final Set<String> MECHANISMS = Set.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");

  public KafkaCluster {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("Kafka cluster name is missing");
    }
    name = name.strip();
    if (bootstrapServers == null
        || !bootstrapServers.strip().matches("[^\\s,]+:\\d+(,[^\\s,]+:\\d+)*")) {
      throw new IllegalArgumentException(
          "Kafka cluster " + name + ": bootstrapServers is not host:port[,host:port…]");
    }
    bootstrapServers = bootstrapServers.strip();
    securityProtocol = upper(securityProtocol, "PLAINTEXT");
    if (!PROTOCOLS.contains(securityProtocol)) {
      throw new IllegalArgumentException(
          "Kafka cluster " + name + ": unknown securityProtocol " + securityProtocol);
    }
    saslMechanism = upper(saslMechanism, "PLAIN");
    if (!MECHANISMS.contains(saslMechanism)) {
      throw new IllegalArgumentException(
          "Kafka cluster " + name + ": unknown saslMechanism " + saslMechanism);
    }
    username = username == null ? "" : username;
    password = password == null ? "" : password;
    if (securityProtocol.startsWith("SASL_") && username.isBlank()) {
      throw new IllegalArgumentException(
          "Kafka cluster " + name + ": " + securityProtocol + " needs a username");
    }
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    if (timeout.compareTo(MIN_TIMEOUT) < 0) {
      throw new IllegalArgumentException(
          "Kafka cluster " + name + ": timeout must be at least " + MIN_TIMEOUT + ": " + timeout);
    }
  }

  /** True when the cluster authenticates with SASL. */
  public boolean usesSasl() {
    return securityProtocol.startsWith("SASL_");
  }

  private static String upper(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value.strip().toUpperCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return "KafkaCluster[name="
        + name
        + ", bootstrapServers="
        + bootstrapServers
        + ", securityProtocol="
        + securityProtocol
        + (usesSasl() ? ", saslMechanism=" + saslMechanism + ", username=" + username : "")
        + ", password=***, timeout="
        + timeout
        + "]";
  }
}
