package io.cairn.connectors.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.connectors.channel.BatchOutcome;
import io.cairn.connectors.channel.Channel;
import io.cairn.connectors.channel.ChannelConnector;
import io.cairn.connectors.channel.DeliveryBatch;
import io.cairn.connectors.channel.IdType;
import io.cairn.connectors.channel.OutboundMessage;
import io.cairn.connectors.channel.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Pushes the members of a journey action to a Kafka topic: one record per recipient, keyed by the
 * member's id of the node's identity type, so that all records of a member land in one partition in
 * order.
 *
 * <h2>Record</h2>
 *
 * <pre>{@code
 * key:     <member id, UTF-8>                       (the message's address)
 * headers: idempotency-key: <idempotency key>
 * value:   {"idType":"mobile","id":"<member id>","body":"<rendered text>",
 *           "idempotencyKey":"<key>","action":"<node label>","time":"2026-01-31T08:00:00Z"}
 * }</pre>
 *
 * <p>The idempotency key stays the same when the ledger sends a member again after a retryable
 * failure: consumers drop records whose key they have seen. {@code time} (also the record's
 * timestamp) is when the connector handed the batch to the producer.
 *
 * <h2>Outcomes</h2>
 *
 * <p>The connector hands every record of a batch to the cluster's producer, flushes, and waits for
 * every acknowledgement (from all in-sync replicas) before it returns. A record the broker
 * acknowledged is {@link Outcome.Sent} with {@code topic-partition@offset}; failures are mapped as
 * {@link SendFailures} describes (a time-out after the record may have been written is {@link
 * Outcome.Ambiguous}, a record too large or a topic the user may not write is {@link
 * Outcome.Rejected}). A node naming an unknown cluster or no topic is rejected whole. The producer
 * configuration, and why its internal resends are safe, is on {@link ProducerSettings}.
 *
 * <h2>Lifecycle</h2>
 *
 * <p>One producer per configured cluster, created with the connector and shared by all journeys and
 * threads; {@link #close()} closes them. Thread-safe. Never throws from {@link #deliver} and logs
 * nothing: member ids and texts are personal data.
 */
public final class KafkaConnector implements ChannelConnector<KafkaSettings>, AutoCloseable {

  /** The connector id. */
  public static final String ID = "kafka";

  /** Records handed to the producer in one call. */
  public static final int MAX_BATCH_SIZE = 1000;

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String KEY_HEADER = "idempotency-key";

  private final Map<String, Target> targets;
  private final Clock clock;

  /**
   * Creates one producer per cluster (no connection is opened before the first delivery).
   *
   * @param clusters the clusters nodes may push to; names must be unique
   * @throws IllegalArgumentException if two clusters share a name
   * @throws org.apache.kafka.common.KafkaException if the producer refuses a cluster's settings
   */
  public KafkaConnector(Collection<KafkaCluster> clusters) {
    this(clusters, Clock.systemUTC(), c -> new KafkaProducer<>(ProducerSettings.of(c)));
  }

  KafkaConnector(
      Collection<KafkaCluster> clusters,
      Clock clock,
      Function<KafkaCluster, Producer<byte[], byte[]>> producers) {
    this.clock = Objects.requireNonNull(clock, "clock");
    Map<String, Target> byName = new LinkedHashMap<>();
    try {
      for (KafkaCluster cluster : clusters) {
        if (byName.containsKey(cluster.name())) {
          throw new IllegalArgumentException("two Kafka clusters are named " + cluster.name());
        }
        byName.put(cluster.name(), new Target(cluster, producers.apply(cluster)));
      }
    } catch (RuntimeException e) {
      byName.values().forEach(t -> t.producer().close(Duration.ZERO));
      throw e;
    }
    this.targets = Map.copyOf(byName);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Channel channel() {
    return Channel.KAFKA;
  }

  @Override
  public Set<IdType> acceptedIds() {
    return EnumSet.allOf(IdType.class);
  }

  @Override
  public IdType idTypeFor(KafkaSettings settings) {
    return settings == null ? IdType.MOBILE : settings.idType();
  }

  @Override
  public Class<KafkaSettings> settingsType() {
    return KafkaSettings.class;
  }

  @Override
  public int maxBatchSize() {
    return MAX_BATCH_SIZE;
  }

  @Override
  public BatchOutcome deliver(DeliveryBatch<KafkaSettings> batch) {
    List<OutboundMessage> messages = batch.messages();
    KafkaSettings settings = batch.settings();
    Target target = settings == null ? null : targets.get(settings.cluster());
    if (target == null) {
      return BatchOutcome.all(
          messages, new Outcome.Rejected("unknown-cluster", "no Kafka cluster of that name"));
    }
    if (settings.topic().isEmpty()) {
      return BatchOutcome.all(messages, new Outcome.Rejected("no-topic", "the node has no topic"));
    }
    Instant now = clock.instant();
    Map<String, CompletableFuture<Outcome>> pending = new LinkedHashMap<>();
    for (OutboundMessage m : messages) {
      pending.put(m.idempotencyKey(), send(target.producer(), settings, m, now));
    }
    boolean interrupted = false;
    try {
      target.producer().flush();
    } catch (InterruptException e) {
      interrupted = true;
    }
    Map<String, Outcome> out = new LinkedHashMap<>();
    long deadline = System.nanoTime() + target.cluster().timeout().multipliedBy(2).toNanos();
    for (Map.Entry<String, CompletableFuture<Outcome>> e : pending.entrySet()) {
      out.put(e.getKey(), interrupted ? now(e.getValue()) : await(e.getValue(), deadline));
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return new BatchOutcome(out);
  }

  private CompletableFuture<Outcome> send(
      Producer<byte[], byte[]> producer, KafkaSettings settings, OutboundMessage m, Instant now) {
    CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    if (m.address() == null || m.address().isBlank()) {
      outcome.complete(
          new Outcome.Rejected("no-id", "the member has no " + settings.idType().code()));
      return outcome;
    }
    RecordHeaders headers = new RecordHeaders();
    headers.add(KEY_HEADER, m.idempotencyKey().getBytes(StandardCharsets.UTF_8));
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(
            settings.topic(),
            null,
            now.toEpochMilli(),
            m.address().getBytes(StandardCharsets.UTF_8),
            value(settings, m, now),
            headers);
    Completion completion = new Completion(outcome);
    try {
      producer.send(record, completion);
    } catch (RuntimeException e) {
      // A closed producer or an interrupted wait for metadata: the record was never queued.
      outcome.complete(SendFailures.outcome(e, false));
    }
    completion.handedOver();
    return outcome;
  }

  private static byte[] value(KafkaSettings settings, OutboundMessage m, Instant now) {
    ObjectNode value = MAPPER.createObjectNode();
    value.put("idType", settings.idType().code());
    value.put("id", m.address());
    value.put("body", m.body());
    value.put("idempotencyKey", m.idempotencyKey());
    value.put("action", settings.action());
    value.put("time", now.toString());
    return value.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static Outcome await(CompletableFuture<Outcome> outcome, long deadlineNanos) {
    long nanos = Math.max(0, deadlineNanos - System.nanoTime());
    try {
      return outcome.get(nanos, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome.Ambiguous("interrupted while waiting for the acknowledgement");
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      return new Outcome.Ambiguous("no acknowledgement from the cluster");
    }
  }

  private static Outcome now(CompletableFuture<Outcome> outcome) {
    return outcome.getNow(
        new Outcome.Ambiguous("interrupted while waiting for the acknowledgement"));
  }

  /** Closes every cluster's producer, waiting up to 5 seconds each for records in flight. */
  @Override
  public void close() {
    targets.values().forEach(t -> t.producer().close(Duration.ofSeconds(5)));
  }

  @Override
  public String toString() {
    return "KafkaConnector" + targets.keySet();
  }

  private record Target(KafkaCluster cluster, Producer<byte[], byte[]> producer) {}

  /**
   * Turns the producer's callback into an outcome. The producer calls back on the sending thread,
   * from inside {@code send}, when it fails a record before queueing it; every later completion
   * comes from its network thread. Which of the two it was tells whether the record may have
   * reached a broker.
   */
  private static final class Completion implements Callback {

    private final CompletableFuture<Outcome> outcome;
    private final Thread sender = Thread.currentThread();
    private volatile boolean handedOver;

    Completion(CompletableFuture<Outcome> outcome) {
      this.outcome = outcome;
    }

    void handedOver() {
      handedOver = true;
    }

    @Override
    public void onCompletion(RecordMetadata metadata, Exception failure) {
      if (failure == null) {
        outcome.complete(
            new Outcome.Sent(
                metadata.topic() + "-" + metadata.partition() + "@" + metadata.offset()));
      } else {
        boolean inside = !handedOver && Thread.currentThread() == sender;
        outcome.complete(SendFailures.outcome(failure, !inside));
      }
    }
  }
}
