package io.cairn.engine.delivery.internal;

import io.cairn.connectors.channel.IdType;
import io.cairn.connectors.kafka.KafkaCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Kafka clusters journeys may push to ({@code cairn.channels.kafka.clusters.<name>.*}), and
 * what their nodes may choose: a "Push to Kafka" node names a cluster, a topic and an id type, and
 * the operator limits topics and id types per cluster. No cluster: no Kafka connector, and a
 * journey with a Push-to-Kafka node is refused.
 *
 * @param clusters by the name nodes use
 */
@ConfigurationProperties("cairn.channels.kafka")
record KafkaChannelProperties(Map<String, Cluster> clusters) {

  KafkaChannelProperties {
    clusters = clusters == null ? Map.of() : Map.copyOf(clusters);
  }

  /** The connector's view of every cluster (the producer settings derive from it). */
  List<KafkaCluster> toClusters() {
    return clusters.entrySet().stream()
        .map(
            e ->
                new KafkaCluster(
                    e.getKey(),
                    e.getValue().bootstrapServers(),
                    e.getValue().securityProtocol(),
                    e.getValue().saslMechanism(),
                    e.getValue().username(),
                    e.getValue().password(),
                    e.getValue().timeout()))
        .toList();
  }

  /**
   * One cluster (an administrator's "Kafka interface").
   *
   * @param bootstrapServers {@code host:port[,host:port…]}
   * @param securityProtocol {@code PLAINTEXT} (default), {@code SSL}, {@code SASL_PLAINTEXT},
   *     {@code SASL_SSL}
   * @param saslMechanism {@code PLAIN} (default), {@code SCRAM-SHA-256}, {@code SCRAM-SHA-512}
   * @param username the SASL user
   * @param password the SASL password, from the environment; never logged
   * @param timeout per record until acknowledged by all in-sync replicas; default 30 s
   * @param topics the topics nodes may push to; empty means any topic the user may write
   * @param idTypes the identity types nodes may push; empty means any
   */
  record Cluster(
      String bootstrapServers,
      String securityProtocol,
      String saslMechanism,
      String username,
      String password,
      Duration timeout,
      List<String> topics,
      Set<IdType> idTypes) {

    Cluster {
      topics = topics == null ? List.of() : topics.stream().map(String::strip).toList();
      idTypes = idTypes == null ? Set.of() : Set.copyOf(idTypes);
    }

    @Override
    public String toString() {
      return "Cluster[bootstrapServers="
          + bootstrapServers
          + ", username="
          + username
          + ", password=***, topics="
          + topics
          + ", idTypes="
          + idTypes
          + "]";
    }
  }
}
