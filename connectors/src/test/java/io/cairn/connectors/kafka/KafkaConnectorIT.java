package io.cairn.connectors.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.connectors.channel.BatchOutcome;
import io.cairn.connectors.channel.ChannelConnector;
import io.cairn.connectors.channel.ConnectorContract;
import io.cairn.connectors.channel.DeliveryBatch;
import io.cairn.connectors.channel.IdType;
import io.cairn.connectors.channel.OutboundMessage;
import io.cairn.connectors.channel.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Kafka connector against a real Kafka 4 broker started in this JVM ({@link KafkaTestCluster}).
 *
 * <p>How the shared contract's faults map to Kafka: the idempotent producer resends a numbered
 * batch on its own after a broken connection, inside one {@code deliver} call, and the broker keeps
 * one copy. A fault that cleared after the first attempt would therefore end in a correct {@link
 * Outcome.Sent} with one record written ({@link #shouldWriteEachRecordOnceWhenAnAnswerIsLostOnce}
 * shows it). So here the faults last for the whole call, until the producer's delivery time-out,
 * and a "provider request" is a distinct produce request: the producer's resends of the same bytes
 * count once, a connector that sent the records again would count twice.
 */
class KafkaConnectorIT extends ConnectorContract<KafkaSettings> {

  private static final String CLUSTER = "events";
  private static final String TOPIC = "cairn.journey-members-";
  private static final int TOPIC_POOL = 20;
  private static final String SMALL_TOPIC = "cairn.small-records";
  private static final String PARTITIONED_TOPIC = "cairn.four-partitions";
  private static final String FORBIDDEN_TOPIC = "audit.members";

  /** Generous, so that a loaded machine does not turn a test's normal sends into time-outs. */
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** What the fault tests wait for before the producer gives up. */
  private static final Duration FAULT_TIMEOUT = Duration.ofSeconds(1);

  private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger TOPICS = new AtomicInteger();

  private static KafkaTestCluster kafka;

  private String topic;
  private KafkaConnector connector;

  @BeforeAll
  static void startBroker() throws Exception {
    try {
      kafka = KafkaTestCluster.start();
    } catch (Exception e) {
      Assumptions.abort("a Kafka broker could not start in the test JVM: " + e);
    }
    // One fresh single-partition topic per test, created up front: a creation per test costs more
    // than most tests.
    List<NewTopic> topics = new ArrayList<>();
    for (int i = 1; i <= TOPIC_POOL; i++) {
      topics.add(new NewTopic(TOPIC + i, 1, (short) 1));
    }
    topics.add(
        new NewTopic(SMALL_TOPIC, 1, (short) 1).configs(Map.of("max.message.bytes", "2048")));
    topics.add(new NewTopic(PARTITIONED_TOPIC, 4, (short) 1));
    topics.add(new NewTopic(FORBIDDEN_TOPIC, 1, (short) 1));
    kafka.createTopics(topics);
  }

  @AfterAll
  static void stopBroker() throws Exception {
    if (kafka != null) {
      kafka.close();
    }
  }

  @BeforeEach
  void newTopicAndConnector() {
    kafka.proxy().fault(KafkaProxy.Fault.NONE);
    int next = TOPICS.incrementAndGet();
    assertThat(next).as("tests in this class (raise TOPIC_POOL)").isLessThanOrEqualTo(TOPIC_POOL);
    topic = TOPIC + next;
    connector = connector(kafka.config(CLUSTER, TIMEOUT));
  }

  @AfterEach
  void closeConnector() {
    kafka.proxy().fault(KafkaProxy.Fault.NONE);
    connector.close();
  }

  private static KafkaConnector connector(KafkaCluster cluster) {
    return new KafkaConnector(
        List.of(cluster),
        Clock.fixed(NOW, ZoneOffset.UTC),
        c -> new KafkaProducer<>(ProducerSettings.of(c)));
  }

  @Override
  protected ChannelConnector<KafkaSettings> connector() {
    return connector;
  }

  @Override
  protected KafkaSettings settings() {
    return new KafkaSettings(CLUSTER, topic, IdType.MOBILE, "vip-push");
  }

  @Override
  protected String address(int i) {
    return "+86138000000" + String.format("%02d", i);
  }

  @Override
  protected void providerAccepts() {
    kafka.proxy().fault(KafkaProxy.Fault.NONE);
  }

  @Override
  protected void providerFailsTransiently() {
    useShortTimeout();
    kafka.proxy().fault(KafkaProxy.Fault.SWALLOW_PRODUCE);
  }

  @Override
  protected void providerResetsConnection() {
    useShortTimeout();
    kafka.proxy().fault(KafkaProxy.Fault.DROP_PRODUCE_ANSWER);
  }

  /** A fault lasts until the producer's time-out: keep it short for those tests. */
  private void useShortTimeout() {
    connector.close();
    connector = connector(kafka.config(CLUSTER, FAULT_TIMEOUT));
  }

  @Override
  protected int providerRequests() {
    return kafka.proxy().distinctProduceRequests();
  }

  @Test
  void shouldWriteOneRecordPerMemberKeyedByItsIdWithAJsonValue() throws Exception {
    DeliveryBatch<KafkaSettings> batch = batch(3);

    BatchOutcome outcome = connector.deliver(batch);

    assertThat(outcome.byKey()).hasSize(3);
    for (int i = 0; i < 3; i++) {
      assertThat(outcome.outcomeFor("k-" + i)).isEqualTo(new Outcome.Sent(topic + "-0@" + i));
    }
    List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll(topic, 3, Duration.ofSeconds(10));
    assertThat(records).hasSize(3);
    for (int i = 0; i < 3; i++) {
      ConsumerRecord<byte[], byte[]> record = records.get(i);
      assertThat(new String(record.key(), UTF_8)).isEqualTo(address(i));
      assertThat(record.timestamp()).isEqualTo(NOW.toEpochMilli());
      assertThat(new String(record.headers().lastHeader("idempotency-key").value(), UTF_8))
          .isEqualTo("k-" + i);
      assertThat(JSON.readTree(record.value()))
          .isEqualTo(
              JSON.readTree(
                  """
                  {"idType":"mobile","id":"%s","body":"Body %d","idempotencyKey":"k-%d",
                   "action":"vip-push","time":"2026-03-01T08:00:00Z"}\
                  """
                      .formatted(address(i), i, i)));
    }
  }

  @Test
  void shouldKeyByTheIdTypeTheNodeChose() throws Exception {
    KafkaSettings byEmail = new KafkaSettings(CLUSTER, topic, IdType.EMAIL, null);
    assertThat(connector.idTypeFor(byEmail)).isEqualTo(IdType.EMAIL);

    connector.deliver(
        new DeliveryBatch<>(
            byEmail, List.of(new OutboundMessage("e-1", "ann@example.com", null, "hi"))));

    ConsumerRecord<byte[], byte[]> record = kafka.readAll(topic, 1, Duration.ofSeconds(10)).get(0);
    assertThat(new String(record.key(), UTF_8)).isEqualTo("ann@example.com");
    JsonNode value = JSON.readTree(record.value());
    assertThat(value.get("idType").asText()).isEqualTo("email");
    assertThat(value.get("action").asText()).isEmpty();
  }

  @Test
  void shouldSpreadMembersOverPartitionsByKeyAndAcknowledgeEveryRecord() throws Exception {
    String partitioned = PARTITIONED_TOPIC;
    KafkaSettings settings = new KafkaSettings(CLUSTER, partitioned, IdType.MOBILE, "a");
    List<OutboundMessage> messages =
        java.util.stream.IntStream.range(0, 200)
            .mapToObj(i -> new OutboundMessage("k-" + i, "+8613900" + (10000 + i), null, "b" + i))
            .toList();

    BatchOutcome outcome = connector.deliver(new DeliveryBatch<>(settings, messages));

    assertThat(outcome.byKey().values()).hasSize(200).allMatch(o -> o instanceof Outcome.Sent);
    List<ConsumerRecord<byte[], byte[]>> records =
        kafka.readAll(partitioned, 200, Duration.ofSeconds(10));
    assertThat(records).hasSize(200);
    assertThat(records.stream().map(ConsumerRecord::partition).distinct()).hasSizeGreaterThan(1);
  }

  @Test
  void shouldRejectARecordTheTopicFindsTooLargeAndSendTheOthers() throws Exception {
    String small = SMALL_TOPIC;
    KafkaSettings settings = new KafkaSettings(CLUSTER, small, IdType.MOBILE, "a");
    List<OutboundMessage> messages =
        List.of(
            new OutboundMessage("ok-1", address(1), null, "short"),
            new OutboundMessage("big", address(2), null, "x".repeat(10_000)),
            new OutboundMessage("ok-2", address(3), null, "short"));

    BatchOutcome outcome = connector.deliver(new DeliveryBatch<>(settings, messages));

    assertThat(outcome.outcomeFor("big"))
        .isInstanceOfSatisfying(
            Outcome.Rejected.class, r -> assertThat(r.code()).isEqualTo("MESSAGE_TOO_LARGE"));
    assertThat(outcome.outcomeFor("ok-1")).isInstanceOf(Outcome.Sent.class);
    assertThat(outcome.outcomeFor("ok-2")).isInstanceOf(Outcome.Sent.class);
    assertThat(kafka.readAll(small, 2, Duration.ofSeconds(10)))
        .extracting(r -> new String(r.headers().lastHeader("idempotency-key").value(), UTF_8))
        .containsExactly("ok-1", "ok-2");
  }

  @Test
  void shouldRejectARecordAboveTheProducersRequestLimitWithoutSendingIt() {
    int before = kafka.proxy().distinctProduceRequests();

    BatchOutcome outcome =
        connector.deliver(
            new DeliveryBatch<>(
                settings(),
                List.of(new OutboundMessage("huge", address(0), null, "x".repeat(1_100_000)))));

    assertThat(outcome.outcomeFor("huge"))
        .isInstanceOfSatisfying(
            Outcome.Rejected.class, r -> assertThat(r.code()).isEqualTo("MESSAGE_TOO_LARGE"));
    assertThat(kafka.proxy().distinctProduceRequests()).isEqualTo(before);
  }

  @Test
  void shouldRejectEveryRecordForATopicTheUserMayNotWrite() throws Exception {
    String forbidden = FORBIDDEN_TOPIC;

    BatchOutcome outcome =
        connector.deliver(
            new DeliveryBatch<>(
                new KafkaSettings(CLUSTER, forbidden, IdType.MOBILE, "a"), batch(2).messages()));

    assertThat(outcome.byKey().values())
        .hasSize(2)
        .allSatisfy(
            o ->
                assertThat(o)
                    .isInstanceOfSatisfying(
                        Outcome.Rejected.class,
                        r -> assertThat(r.code()).isEqualTo("TOPIC_AUTHORIZATION_FAILED")));
    assertThat(kafka.readAll(forbidden, 0, Duration.ZERO)).isEmpty();
  }

  @Test
  void shouldWriteEachRecordOnceWhenAnAnswerIsLostOnce() throws Exception {
    int dropped = kafka.proxy().droppedAnswers();
    int before = kafka.proxy().distinctProduceRequests();
    kafka.proxy().fault(KafkaProxy.Fault.DROP_ONE_PRODUCE_ANSWER);

    BatchOutcome outcome = connector.deliver(batch(2));

    assertThat(kafka.proxy().droppedAnswers()).isEqualTo(dropped + 1);
    assertThat(kafka.proxy().distinctProduceRequests())
        .as("the producer resent the same numbered batch, it did not send the records anew")
        .isEqualTo(before + 1);
    assertThat(outcome.byKey().values()).hasSize(2).allMatch(o -> o instanceof Outcome.Sent);
    assertThat(kafka.readAll(topic, 2, Duration.ofSeconds(10)))
        .as("the broker kept one copy of each record")
        .hasSize(2);
  }

  @Test
  void shouldReportAmbiguousAndKeepOneCopyWhenEveryAnswerIsLost() throws Exception {
    providerResetsConnection();

    BatchOutcome outcome = connector.deliver(batch(2));

    assertThat(outcome.byKey().values()).hasSize(2).allMatch(o -> o instanceof Outcome.Ambiguous);
    kafka.proxy().fault(KafkaProxy.Fault.NONE);
    assertThat(kafka.readAll(topic, 2, Duration.ofSeconds(10)))
        .as("the broker wrote each record once despite the producer's resends")
        .hasSize(2);
  }

  @Test
  void shouldReportRetryableWithoutSendingWhenNoBrokerAnswers() throws Exception {
    int port;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try (KafkaConnector unreachable =
        connector(
            new KafkaCluster(
                CLUSTER, "127.0.0.1:" + port, null, null, null, null, Duration.ofMillis(800)))) {

      BatchOutcome outcome = unreachable.deliver(batch(2));

      assertThat(outcome.byKey().values()).hasSize(2).allMatch(o -> o instanceof Outcome.Retryable);
    }
  }

  @Test
  void shouldRejectTheBatchForAnUnknownClusterOrNoTopic() {
    BatchOutcome unknown =
        connector.deliver(
            new DeliveryBatch<>(new KafkaSettings("nope", topic, null, null), batch(2).messages()));
    BatchOutcome noTopic =
        connector.deliver(
            new DeliveryBatch<>(new KafkaSettings(CLUSTER, " ", null, null), batch(2).messages()));

    assertThat(unknown.byKey().values())
        .hasSize(2)
        .allMatch(o -> o instanceof Outcome.Rejected r && r.code().equals("unknown-cluster"));
    assertThat(noTopic.byKey().values())
        .hasSize(2)
        .allMatch(o -> o instanceof Outcome.Rejected r && r.code().equals("no-topic"));
  }

  @Test
  void shouldRejectAMemberWithoutAnIdAndSendTheOthers() {
    BatchOutcome outcome =
        connector.deliver(
            new DeliveryBatch<>(
                settings(),
                List.of(
                    new OutboundMessage("none", " ", null, "b"),
                    new OutboundMessage("some", address(1), null, "b"))));

    assertThat(outcome.outcomeFor("none"))
        .isEqualTo(new Outcome.Rejected("no-id", "the member has no mobile"));
    assertThat(outcome.outcomeFor("some")).isInstanceOf(Outcome.Sent.class);
  }
}
