package io.cairn.connectors.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The shared contract every connector test extends: an outcome for every message, never an
 * exception on provider failure, never SENT on a transient failure, and one provider request per
 * batch even when it fails (no silent retry).
 */
public abstract class ConnectorContract<S extends Record> {

  /** The connector under test, pointed at the test's provider. */
  protected abstract ChannelConnector<S> connector();

  protected abstract S settings();

  /** An address of the connector's id type; {@code i} makes it unique. */
  protected abstract String address(int i);

  /** Makes the provider accept everything. */
  protected abstract void providerAccepts() throws Exception;

  /** Makes the provider fail transiently (5xx, server down …). */
  protected abstract void providerFailsTransiently() throws Exception;

  /** How many requests (or SMTP messages) the provider has seen so far. */
  protected abstract int providerRequests() throws Exception;

  protected DeliveryBatch<S> batch(int size) {
    List<OutboundMessage> messages =
        java.util.stream.IntStream.range(0, size)
            .mapToObj(i -> new OutboundMessage("k-" + i, address(i), "Subject " + i, "Body " + i))
            .toList();
    return new DeliveryBatch<>(settings(), messages);
  }

  @Test
  void shouldDescribeItself() {
    assertThat(connector().id()).isNotBlank();
    assertThat(connector().acceptedIds()).isNotEmpty();
    assertThat(connector().settingsType().isRecord()).isTrue();
    assertThat(connector().maxBatchSize()).isPositive();
  }

  @Test
  void shouldReportEveryMessageWhenTheProviderAccepts() throws Exception {
    providerAccepts();
    DeliveryBatch<S> batch = batch(3);
    BatchOutcome outcome = connector().deliver(batch);
    Set<String> keys =
        batch.messages().stream().map(OutboundMessage::idempotencyKey).collect(Collectors.toSet());
    assertThat(outcome.byKey().keySet()).isEqualTo(keys);
    assertThat(outcome.byKey().values()).allMatch(o -> o instanceof Outcome.Sent);
  }

  @Test
  void shouldNeverClaimSentNorRetryWhenTheProviderFails() throws Exception {
    providerFailsTransiently();
    int before = providerRequests();
    BatchOutcome outcome = connector().deliver(batch(2));
    assertThat(outcome.byKey()).hasSize(2);
    assertThat(outcome.byKey().values())
        .allMatch(o -> o instanceof Outcome.Retryable || o instanceof Outcome.Ambiguous);
    assertThat(providerRequests() - before).isLessThanOrEqualTo(1);
  }
}
