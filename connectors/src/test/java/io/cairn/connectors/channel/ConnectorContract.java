package io.cairn.connectors.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The contract every connector's test extends (published in this module's test jar): an outcome
 * for every idempotency key of a batch, no exception on a provider failure, never {@link
 * Outcome.Sent} after a transient failure or a reset connection, and exactly one provider request
 * per batch even when it fails, because retrying is the ledger's decision, not the connector's.
 *
 * <p>A subclass points {@link #connector()} at a real transport (MockWebServer, GreenMail, a
 * scripted server, an in-memory outbox) and makes that provider behave as each hook asks. A hook
 * arranges the provider's behaviour for the <em>next</em> request only; later requests would
 * succeed, so a connector that retried on its own would show up as a second request or a SENT.
 *
 * <p>A connector that sends one request per message (webhooks, push) overrides {@link
 * #sendsOneRequestPerMessage()}; its failure hooks then arrange the behaviour for the next {@link
 * #FAILING_BATCH_SIZE} requests, one per message of the failing batch, and the contract expects
 * exactly that many requests.
 *
 * @param <S> the connector's settings record
 */
public abstract class ConnectorContract<S extends Record> {

  /** Messages in the batch the failure tests deliver. */
  protected static final int FAILING_BATCH_SIZE = 2;

  /** The connector under test, pointed at the provider the hooks control. */
  protected abstract ChannelConnector<S> connector();

  /** Settings for the connector's node, as the engine would bind them. */
  protected abstract S settings();

  /** A valid address of the connector's identity type; {@code i} makes it unique. */
  protected abstract String address(int i);

  /** The provider accepts every message of the next request. */
  protected abstract void providerAccepts() throws Exception;

  /**
   * The next request fails transiently before the provider took anything (HTTP 503, an SMTP 421
   * greeting, an unavailable store); requests after it would succeed.
   */
  protected abstract void providerFailsTransiently() throws Exception;

  /**
   * The provider reads the next request and then drops the connection without answering; requests
   * after it would succeed.
   */
  protected abstract void providerResetsConnection() throws Exception;

  /** How many requests (HTTP requests, SMTP connections, outbox calls) the provider has seen. */
  protected abstract int providerRequests() throws Exception;

  /**
   * True when the connector sends one provider request per message rather than one per batch;
   * false by default.
   */
  protected boolean sendsOneRequestPerMessage() {
    return false;
  }

  /** A batch of {@code size} messages keyed {@code k-0 … k-(size-1)}. */
  protected DeliveryBatch<S> batch(int size) {
    List<OutboundMessage> messages =
        IntStream.range(0, size)
            .mapToObj(i -> new OutboundMessage("k-" + i, address(i), "Subject " + i, "Body " + i))
            .toList();
    return new DeliveryBatch<>(settings(), messages);
  }

  @Test
  void shouldDescribeItself() {
    ChannelConnector<S> connector = connector();
    assertThat(connector.id()).isNotBlank();
    assertThat(connector.channel()).isNotNull();
    assertThat(connector.acceptedIds()).isNotEmpty();
    assertThat(connector.settingsType().isRecord()).isTrue();
    assertThat(connector.settingsType()).isEqualTo(settings().getClass());
    assertThat(connector.maxBatchSize()).isPositive();
  }

  @Test
  void shouldReportSentForEveryMessageWhenTheProviderAccepts() throws Exception {
    providerAccepts();
    DeliveryBatch<S> batch = batch(3);

    BatchOutcome outcome = connector().deliver(batch);

    assertThat(outcome.byKey().keySet()).isEqualTo(keys(batch));
    assertThat(outcome.byKey().values()).allMatch(o -> o instanceof Outcome.Sent);
  }

  @Test
  void shouldReportEveryMessageRetryableOrAmbiguousWhenTheProviderFailsTransiently()
      throws Exception {
    providerFailsTransiently();
    assertFailureReportedOnceWithoutSent();
  }

  @Test
  void shouldReportEveryMessageRetryableOrAmbiguousWhenTheConnectionResets() throws Exception {
    providerResetsConnection();
    assertFailureReportedOnceWithoutSent();
  }

  private void assertFailureReportedOnceWithoutSent() throws Exception {
    DeliveryBatch<S> batch = batch(FAILING_BATCH_SIZE);
    int expectedRequests = sendsOneRequestPerMessage() ? FAILING_BATCH_SIZE : 1;
    int before = providerRequests();

    BatchOutcome[] outcome = new BatchOutcome[1];
    assertThatCode(() -> outcome[0] = connector().deliver(batch)).doesNotThrowAnyException();

    assertThat(outcome[0].byKey().keySet()).isEqualTo(keys(batch));
    assertThat(outcome[0].byKey().values())
        .allMatch(o -> o instanceof Outcome.Retryable || o instanceof Outcome.Ambiguous);
    assertThat(providerRequests() - before)
        .as("provider requests for one failed batch (one more is a silent retry)")
        .isEqualTo(expectedRequests);
  }

  private static Set<String> keys(DeliveryBatch<?> batch) {
    return batch.messages().stream()
        .map(OutboundMessage::idempotencyKey)
        .collect(Collectors.toSet());
  }
}
