package io.cairn.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.connectors.channel.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

class KafkaConfigurationTest {

  private static KafkaCluster sasl(String password) {
    return new KafkaCluster(
        "events", "k1:9092,k2:9092", "sasl_ssl", "scram-sha-512", "cairn", password, null);
  }

  @Test
  void shouldWriteIdempotentlyToAllReplicasWithOrderKeepingResendsOnly() {
    Map<String, Object> config = ProducerSettings.of(sasl("pw"));

    assertThat(config)
        .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
        .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
        .containsEntry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5)
        .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000)
        .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000)
        .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "k1:9092,k2:9092")
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512");
    assertThat(
            (int) config.get(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG) + ProducerSettings.LINGER_MS)
        .as("delivery.timeout.ms >= linger.ms + request.timeout.ms, or the producer refuses")
        .isLessThanOrEqualTo(30_000);
  }

  @Test
  void shouldEscapeTheCredentialsInTheJaasConfig() {
    String jaas = (String) ProducerSettings.of(sasl("p\"w\\d")).get(SaslConfigs.SASL_JAAS_CONFIG);

    assertThat(jaas)
        .isEqualTo(
            "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"cairn\" password=\"p\\\"w\\\\d\";");
  }

  @Test
  void shouldLeaveSaslOutForPlaintext() {
    Map<String, Object> config =
        ProducerSettings.of(new KafkaCluster("c", "h:1", null, null, null, null, null));

    assertThat(config).containsEntry("security.protocol", "PLAINTEXT");
    assertThat(config).doesNotContainKey(SaslConfigs.SASL_JAAS_CONFIG);
  }

  @Test
  void shouldNeverShowThePassword() {
    assertThat(sasl("s3cret").toString()).doesNotContain("s3cret").contains("password=***");
  }

  @Test
  void shouldRefuseAnInvalidCluster() {
    assertThatThrownBy(() -> new KafkaCluster(" ", "h:1", null, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new KafkaCluster("c", "h", null, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new KafkaCluster("c", "h:1", "TLS", null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new KafkaCluster("c", "h:1", "SASL_SSL", "GSSAPI", "u", "", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new KafkaCluster("c", "h:1", "SASL_SSL", null, " ", "p", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new KafkaCluster("c", "h:1", null, null, null, null, Duration.ofMillis(100)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldRefuseTwoClustersOfOneName() {
    KafkaCluster a = new KafkaCluster("c", "localhost:1", null, null, null, null, null);

    assertThatThrownBy(() -> new KafkaConnector(List.of(a, a)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("c");
  }

  @Test
  void shouldApplyNodeDefaults() {
    KafkaSettings settings = new KafkaSettings(null, " t ", null, null);

    assertThat(settings)
        .isEqualTo(new KafkaSettings("", "t", io.cairn.connectors.channel.IdType.MOBILE, ""));
  }

  @Test
  void shouldRetryOnlyWhatNeverLeftTheClient() {
    assertThat(SendFailures.outcome(new TimeoutException("metadata"), false))
        .isInstanceOf(Outcome.Retryable.class);
    assertThat(SendFailures.outcome(new TimeoutException("expired"), true))
        .isInstanceOf(Outcome.Ambiguous.class);
    assertThat(SendFailures.outcome(new NetworkException("reset"), true))
        .isInstanceOf(Outcome.Ambiguous.class);
    assertThat(SendFailures.outcome(new NotEnoughReplicasException("isr"), true))
        .isInstanceOf(Outcome.Ambiguous.class);
    assertThat(SendFailures.outcome(new OutOfOrderSequenceException("gap"), true))
        .isInstanceOf(Outcome.Ambiguous.class);
  }

  @Test
  void shouldRejectWhatABrokerRefusesWithoutWriting() {
    assertThat(SendFailures.outcome(new RecordTooLargeException("big"), true))
        .isEqualTo(new Outcome.Rejected("MESSAGE_TOO_LARGE", "RecordTooLargeException: big"));
    assertThat(SendFailures.outcome(new RecordTooLargeException("big"), false))
        .isInstanceOf(Outcome.Rejected.class);
    assertThat(SendFailures.outcome(new TopicAuthorizationException("t"), true))
        .isInstanceOfSatisfying(
            Outcome.Rejected.class,
            r -> assertThat(r.code()).isEqualTo("TOPIC_AUTHORIZATION_FAILED"));
    assertThat(SendFailures.outcome(new SaslAuthenticationException("bad password"), true))
        .isInstanceOfSatisfying(
            Outcome.Rejected.class,
            r -> assertThat(r.code()).isEqualTo("SASL_AUTHENTICATION_FAILED"));
  }
}
