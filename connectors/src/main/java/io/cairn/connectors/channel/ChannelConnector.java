package io.cairn.connectors.channel;

import java.util.Set;

/**
 * Delivers messages of one channel through one provider.
 *
 * <p>Implementations are stateless and thread-safe: the dispatcher calls {@link #deliver} from
 * several threads at once. They never retry on their own (the delivery ledger decides retries) and
 * never throw for a provider failure: every message gets an {@link Outcome}. An exception from
 * {@link #deliver} is treated as {@link Outcome.Ambiguous} for the whole batch.
 *
 * @param <S> the action node's settings record, bound from the journey's BPMN; its components are
 *     the inputs of the component's element template
 */
public interface ChannelConnector<S extends Record> {

  /** Stable id, e.g. {@code sms.http}, {@code email.smtp}, {@code sms.sandbox}. */
  String id();

  /** The channel this connector delivers to. */
  Channel channel();

  /** The identity types it can address. */
  Set<IdType> acceptedIds();

  /**
   * The identity type whose values a node with these settings is sent to: the {@link
   * OutboundMessage#address()} of every message in its batches is a value of this type. A connector
   * that accepts one type need not override this; one whose node chooses among several (Kafka, ad
   * platforms) returns the node's choice, which is one of {@link #acceptedIds()}.
   *
   * @param settings the node's settings; may be {@code null} when the node has none
   */
  default IdType idTypeFor(S settings) {
    return acceptedIds().iterator().next();
  }

  /** The settings record type bound from the action node. */
  Class<S> settingsType();

  /** The largest batch this provider takes in one call. */
  default int maxBatchSize() {
    return 500;
  }

  /** Delivers a batch; returns one outcome per message, keyed by idempotency key. */
  BatchOutcome deliver(DeliveryBatch<S> batch);
}
