package io.cairn.connectors.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The producer configuration of one {@link KafkaCluster}: the one place that decides how Cairn
 * writes to Kafka.
 *
 * <p>Durability: {@code acks=all} and {@code enable.idempotence=true}. An idempotent producer
 * numbers every batch per partition, and the broker drops a batch it already has; the producer's
 * own resends after a lost answer or a broken connection therefore never write a record twice, and
 * they are what keeps the records of a partition in order (Kafka refuses idempotence with {@code
 * retries=0}). These resends are bounded by {@code delivery.timeout.ms} (the cluster's timeout),
 * happen only inside one {@link KafkaConnector#deliver} call, and only for the same numbered batch.
 * The connector itself never sends a record again after its send failed: that is the delivery
 * ledger's decision, made with the outcome the connector reports.
 *
 * <p>Batching: the connector flushes after handing over a delivery's records, so the linger only
 * lets the records of one delivery go out in as few requests as possible.
 */
final class ProducerSettings {

  /** How long the producer waits for more records before sending a batch. */
  static final int LINGER_MS = 50;

  /** The most unacknowledged requests per connection that still keep idempotent order. */
  static final int MAX_IN_FLIGHT = 5;

  private ProducerSettings() {}

  static Map<String, Object> of(KafkaCluster cluster) {
    int timeout = (int) Math.min(Integer.MAX_VALUE, cluster.timeout().toMillis());
    Map<String, Object> config = new HashMap<>();
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    config.put(CommonClientConfigs.CLIENT_ID_CONFIG, "cairn-" + cluster.name());
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
    config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, MAX_IN_FLIGHT);
    config.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout - LINGER_MS);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, cluster.securityProtocol());
    if (cluster.usesSasl()) {
      config.put(SaslConfigs.SASL_MECHANISM, cluster.saslMechanism());
      config.put(SaslConfigs.SASL_JAAS_CONFIG, jaas(cluster));
    }
    return config;
  }

  private static String jaas(KafkaCluster cluster) {
    String module =
        cluster.saslMechanism().equals("PLAIN")
            ? "org.apache.kafka.common.security.plain.PlainLoginModule"
            : "org.apache.kafka.common.security.scram.ScramLoginModule";
    return module
        + " required username=\""
        + quoted(cluster.username())
        + "\" password=\""
        + quoted(cluster.password())
        + "\";";
  }

  private static String quoted(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
