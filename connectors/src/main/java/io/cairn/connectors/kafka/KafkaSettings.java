package io.cairn.connectors.kafka;

import io.cairn.connectors.channel.IdType;

/**
 * Configuration of a "Push to Kafka" journey node (the inputs of the {@code io.cairn.pushKafka}
 * element template).
 *
 * @param cluster the {@link KafkaCluster#name() name} of a configured cluster (the "Kafka
 *     interface" an administrator set up)
 * @param topic the topic every record of the node goes to
 * @param idType the identity type pushed: the record key is the member's id of this type; {@code
 *     null} means {@link IdType#MOBILE}
 * @param action a label written into every record so that consumers can tell the journey actions
 *     apart (typically the node's name); {@code null} means empty
 */
public record KafkaSettings(String cluster, String topic, IdType idType, String action) {

  public KafkaSettings {
    cluster = cluster == null ? "" : cluster.strip();
    topic = topic == null ? "" : topic.strip();
    idType = idType == null ? IdType.MOBILE : idType;
    action = action == null ? "" : action;
  }
}
