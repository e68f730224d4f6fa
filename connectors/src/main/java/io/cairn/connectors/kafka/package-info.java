/**
 * Kafka: the "Push to Kafka" node's settings ({@link io.cairn.connectors.kafka.KafkaSettings}), the
 * clusters it can push to ({@link io.cairn.connectors.kafka.KafkaCluster}) and the connector that
 * writes one record per member ({@link io.cairn.connectors.kafka.KafkaConnector}) through one
 * idempotent producer per cluster.
 *
 * <p>Depends on {@code channel}, the Kafka client and Jackson only.
 */
package io.cairn.connectors.kafka;
