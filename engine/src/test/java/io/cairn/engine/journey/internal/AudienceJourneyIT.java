package io.cairn.engine.journey.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.connectors.kafka.KafkaCluster;
import io.cairn.connectors.kafka.KafkaTestCluster;
import io.cairn.engine.delivery.ActionStats;
import io.cairn.engine.delivery.UploadStats;
import io.cairn.engine.journey.Journey;
import io.cairn.engine.journey.JourneyService;
import io.cairn.engine.journey.JourneyStatus;
import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.problem.Violation;
import io.cairn.engine.profile.ProfileImporter;
import io.cairn.engine.segment.SegmentService;
import io.cairn.engine.testing.EngineTestApplication;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An audience journey with a "Push to Kafka" node and an "Upload to ad audience (Meta)" node, on
 * the real engine: Kafka records land on a real broker started in this JVM ({@link
 * KafkaTestCluster}, SASL and ACLs included), one per member keyed by the chosen id type; the Meta
 * audience gets normalised, SHA-256 hashed mobiles in batches from a scripted platform
 * (MockWebServer), and the platform's counts appear in the action's statistics. Google Ads is left
 * unconfigured here, so a journey using it is refused at validation.
 */
@SpringBootTest(
    classes = EngineTestApplication.class,
    properties = {
      "cairn.dispatch.poll-interval=50ms",
      "cairn.journeys.monitor-interval=100ms",
      "cairn.channels.kafka.clusters.events.security-protocol=SASL_PLAINTEXT",
      "cairn.channels.kafka.clusters.events.sasl-mechanism=PLAIN",
      "cairn.channels.kafka.clusters.events.timeout=10s",
      "cairn.channels.kafka.clusters.events.topics=" + AudienceJourneyIT.TOPIC,
      "cairn.channels.kafka.clusters.events.id-types=EMAIL,MOBILE",
      "cairn.channels.ads.meta.access-token=meta-secret-token",
      "cairn.channels.ads.meta.api-version=v21.0",
      "cairn.channels.ads.meta.max-batch-size=10",
      "cairn.channels.ads.meta.ids-per-request=4",
      "cairn.channels.ads.meta.default-calling-code=86",
      "cairn.channels.ads.meta.timeout=5s"
    })
class AudienceJourneyIT {

  static final String TOPIC = "cairn.audience-members";
  private static final int USERS = 25;
  private static final ObjectMapper JSON = new ObjectMapper();

  private static KafkaTestCluster kafka;
  private static KafkaCluster kafkaConfig;
  private static final List<JsonNode> metaRequests = new CopyOnWriteArrayList<>();
  private static final MockWebServer META = new MockWebServer();

  @Autowired JourneyService journeys;
  @Autowired SegmentService segments;
  @Autowired ProfileImporter importer;
  @Autowired JdbcTemplate jdbc;

  @BeforeAll
  static void startPlatforms() throws Exception {
    try {
      kafka = KafkaTestCluster.start();
    } catch (Exception e) {
      Assumptions.abort("a Kafka broker could not start in the test JVM: " + e);
    }
    kafka.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1)));
    kafkaConfig = kafka.config("events", Duration.ofSeconds(10));
    META.setDispatcher(meta());
    META.start();
  }

  @DynamicPropertySource
  static void platforms(DynamicPropertyRegistry registry) {
    registry.add(
        "cairn.channels.kafka.clusters.events.bootstrap-servers", kafkaConfig::bootstrapServers);
    registry.add("cairn.channels.kafka.clusters.events.username", kafkaConfig::username);
    registry.add("cairn.channels.kafka.clusters.events.password", kafkaConfig::password);
    registry.add("cairn.channels.ads.meta.base-url", () -> META.url("/").toString());
  }

  @AfterAll
  static void stopPlatforms() throws Exception {
    META.shutdown();
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void shouldPushEveryMemberToKafkaOnceAndUploadHashedMobilesToMetaWithCounts() throws Exception {
    importUsers();
    long segmentId =
        segments
            .createStatic("everyone", "user", RoaringBitmap.bitmapOfRange(0, USERS), "test")
            .id();
    Journey journey = journeys.deploy("audiences", bpmn(segmentId, TOPIC));
    journeys.start(journey.id());
    awaitStatus(journey.id(), JourneyStatus.COMPLETED);

    // Kafka: exactly one record per member, keyed by the member's email (the node's id type).
    List<ConsumerRecord<byte[], byte[]>> records =
        kafka.readAll(TOPIC, USERS, Duration.ofSeconds(20));
    assertThat(records).hasSize(USERS);
    Set<String> keys =
        records.stream().map(r -> new String(r.key(), UTF_8)).collect(Collectors.toSet());
    assertThat(keys).hasSize(USERS).containsAll(emails());
    for (ConsumerRecord<byte[], byte[]> r : records) {
      JsonNode value = JSON.readTree(r.value());
      assertThat(value.get("idType").asText()).isEqualTo("email");
      assertThat(value.get("id").asText()).isEqualTo(new String(r.key(), UTF_8));
      assertThat(value.get("action").asText()).isEqualTo("spring-audience");
    }
    ActionStats pushed = action(journey.id(), "kafka");
    assertThat(pushed.channel()).isEqualTo("KAFKA");
    assertThat(pushed.connectorId()).isEqualTo("kafka");
    assertThat(pushed.recipients()).isEqualTo(USERS);
    assertThat(pushed.sent()).isEqualTo(USERS);
    assertThat(pushed.upload()).isNull();
    assertThat(
            jdbc.queryForList(
                "SELECT status FROM cairn_delivery WHERE action_id = ?",
                String.class,
                pushed.actionId()))
        .hasSize(USERS)
        .allSatisfy(s -> assertThat(s).isEqualTo("SENT"));

    // Meta: batches of at most 10 members (one upload session each), 4 ids per request, every
    // mobile normalised to E.164 without "+" and SHA-256 hashed; the bearer token from config.
    assertThat(metaRequests).hasSize(3 + 3 + 2);
    List<String> uploaded = new ArrayList<>();
    for (JsonNode body : metaRequests) {
      assertThat(body.at("/payload/schema/0").asText()).isEqualTo("PHONE_SHA256");
      assertThat(body.at("/payload/data").size()).isBetween(1, 4);
      body.at("/payload/data").forEach(row -> uploaded.add(row.get(0).asText()));
    }
    assertThat(uploaded)
        .containsExactlyInAnyOrderElementsOf(
            mobiles().stream().map(m -> sha256("86" + m)).toList());
    RecordedRequest first = META.takeRequest();
    assertThat(first.getPath()).isEqualTo("/v21.0/23851/users");
    assertThat(first.getHeader("Authorization")).isEqualTo("Bearer meta-secret-token");

    ActionStats audience = action(journey.id(), "meta");
    assertThat(audience.channel()).isEqualTo("ADS");
    assertThat(audience.connectorId()).isEqualTo("ads.meta");
    assertThat(audience.recipients()).isEqualTo(USERS);
    // The scripted platform reports the first member of every session invalid.
    assertThat(audience.failed()).isEqualTo(3);
    assertThat(audience.sent()).isEqualTo(USERS - 3);
    UploadStats upload = audience.upload();
    assertThat(upload).isNotNull();
    assertThat(upload.audiences()).containsExactly("23851");
    assertThat(upload.uploads()).isEqualTo(3);
    assertThat(upload.sent()).isEqualTo(USERS);
    assertThat(upload.accepted()).isEqualTo(USERS);
    assertThat(upload.invalid()).isEqualTo(3);
    assertThat(upload.matched()).as("Meta reports no match count at upload time").isNull();
    JsonNode json = JSON.valueToTree(journeys.stats(journey.id()).actions());
    assertThat(json).hasSize(2);
    assertThat(json.get(0).get("elementId").asText()).isEqualTo("kafka");
    assertThat(json.get(0).has("upload")).as("no upload part for Kafka").isFalse();
    assertThat(json.get(1).at("/upload/invalid").asLong()).isEqualTo(3);
    assertThat(json.get(1).at("/upload/audiences/0").asText()).isEqualTo("23851");
    assertThat(json.toString()).doesNotContain("meta-secret-token");
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM cairn_audience_upload WHERE action_id = ?",
                Long.class,
                audience.actionId()))
        .as("durable: one row per upload")
        .isEqualTo(3);
  }

  @Test
  void shouldRefuseAnUnconfiguredPlatformAndKafkaNodesOutsideWhatTheOperatorAllows()
      throws Exception {
    importUsers();
    long segmentId =
        segments.createStatic("some", "user", RoaringBitmap.bitmapOfRange(0, 3), "test").id();
    String valid = new String(bpmn(segmentId, TOPIC), UTF_8);
    String google =
        valid
            .replace("io.cairn.pushMetaAudience", "io.cairn.pushGoogleAdsAudience")
            .replace("${cairnPushMetaAudience}", "${cairnPushGoogleAdsAudience}")
            .replace(
                "<camunda:property name=\"audienceId\" value=\"23851\" />",
                "<camunda:property name=\"customerId\" value=\"123-456-7890\" />"
                    + "<camunda:property name=\"userListId\" value=\"9001\" />");

    assertThat(refusal(google))
        .containsExactly(
            new Violation(
                "meta",
                "\"Retargeting audience\": connector ads.google is not configured"
                    + " (cairn.channels.ads.google.*)"));

    assertThat(refusal(valid.replace(TOPIC, "cairn.other")))
        .containsExactly(
            new Violation(
                "kafka",
                "\"Members to the data lake\": topic cairn.other is not allowed on Kafka cluster"
                    + " events; allowed: "
                    + TOPIC));
    assertThat(refusal(valid.replace("value=\"events\"", "value=\"billing\"")))
        .containsExactly(
            new Violation(
                "kafka",
                "\"Members to the data lake\": Kafka cluster \"billing\" is not configured;"
                    + " configured: events"));

    // Kafka pushes the entering audience: right after the entry, not after another action.
    String afterMeta =
        valid
            .replace(flow("entry", "kafka"), flow("entry", "meta"))
            .replace(flow("kafka", "meta"), flow("meta", "kafka"))
            .replace(flow("meta", "end"), flow("kafka", "end"));
    assertThat(refusal(afterMeta))
        .containsExactly(
            new Violation(
                "kafka",
                "\"Members to the data lake\": Push to Kafka must follow the audience entry"
                    + " directly"));
  }

  private static String flow(String source, String target) {
    return "sourceRef=\"" + source + "\" targetRef=\"" + target + "\"";
  }

  private List<Violation> refusal(String bpmn) {
    InvalidInputException refused =
        (InvalidInputException)
            catchRefusal(() -> journeys.deploy("refused", bpmn.getBytes(UTF_8)));
    return refused.violations();
  }

  private static Throwable catchRefusal(Runnable deploy) {
    try {
      deploy.run();
    } catch (InvalidInputException e) {
      return e;
    }
    throw new AssertionError("expected the journey to be refused");
  }

  private byte[] bpmn(long segmentId, String topic) throws IOException {
    return new String(
            getClass().getResourceAsStream("/journeys/audience-kafka-meta.bpmn").readAllBytes(),
            UTF_8)
        .replace("SEGMENT_ID", String.valueOf(segmentId))
        .replace("TOPIC", topic)
        .getBytes(UTF_8);
  }

  private static List<String> emails() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < USERS; i++) {
      out.add("User" + i + "@example.com");
    }
    return out;
  }

  /** As stored: digits without a calling code (Meta needs 86 in front). */
  private static List<String> mobiles() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < USERS; i++) {
      out.add("1371000" + String.format("%04d", i));
    }
    return out;
  }

  private void importUsers() {
    if (jdbc.queryForObject("SELECT COUNT(*) FROM cairn_entity", Integer.class) > 0) {
      return;
    }
    StringBuilder csv = new StringBuilder("id,mobile,email\n");
    for (int i = 0; i < USERS; i++) {
      csv.append("u")
          .append(i)
          .append(",137 1000 ")
          .append(String.format("%04d", i))
          .append(",User")
          .append(i)
          .append("@Example.COM\n");
    }
    importer.importCsv("user", new ByteArrayInputStream(csv.toString().getBytes(UTF_8)), null);
  }

  private ActionStats action(long journeyId, String elementId) {
    return journeys.stats(journeyId).actions().stream()
        .filter(a -> a.elementId().equals(elementId))
        .findFirst()
        .orElseThrow();
  }

  private void awaitStatus(long journeyId, JourneyStatus status) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (journeys.get(journeyId).status() != status) {
      assertThat(Instant.now()).as("journey reached " + status).isBefore(deadline);
      Thread.sleep(100);
    }
  }

  private static String sha256(String value) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Meta's custom-audience endpoint: every row received, and the first row of each upload session
   * (batch_seq 1) reported invalid, so that the counts and the per-member outcomes can be told
   * apart.
   */
  private static Dispatcher meta() {
    return new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        try {
          JsonNode body = JSON.readTree(request.getBody().clone().readUtf8());
          metaRequests.add(body);
          JsonNode rows = body.at("/payload/data");
          boolean first = body.at("/session/batch_seq").asInt() == 1;
          String invalid = first ? rows.get(0).get(0).asText() : null;
          return new MockResponse()
              .setHeader("Content-Type", "application/json")
              .setBody(
                  JSON.writeValueAsString(
                      Map.of(
                          "audience_id", "23851",
                          "session_id", body.at("/session/session_id").asText(),
                          "num_received", rows.size(),
                          "num_invalid_entries", first ? 1 : 0,
                          "invalid_entry_samples",
                              first ? Map.of(invalid, "invalid") : Map.of())));
        } catch (IOException e) {
          return new MockResponse().setResponseCode(500);
        }
      }
    };
  }
}
