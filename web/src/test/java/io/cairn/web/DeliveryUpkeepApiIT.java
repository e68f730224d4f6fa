package io.cairn.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.connectors.channel.Channel;
import io.cairn.engine.delivery.ActionRequest;
import io.cairn.engine.delivery.DeliveryLedger;
import io.cairn.engine.profile.ProfileImporter;
import io.cairn.engine.profile.ProfileReader;
import io.cairn.engine.segment.SegmentService;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code GET /api/channels/providers} (connectors and their health from the ledger, never a secret)
 * and {@code POST /api/deliveries/segments} (static segments of outcomes), over HTTP. The SMS
 * gateway first answers 503 (one attempt only: every recipient fails transiently), then accepts.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "cairn.security.admin-password=it-secret",
      "cairn.demo.enabled=false",
      "cairn.dispatch.poll-interval=50ms",
      "cairn.dispatch.max-attempts=1",
      "cairn.channels.sms.connector=http",
      "cairn.channels.sms.http.api-key=sk-live-TOPSECRET-4711"
    })
class DeliveryUpkeepApiIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MockWebServer GATEWAY = new MockWebServer();
  private static final AtomicBoolean DOWN = new AtomicBoolean(true);

  static {
    GATEWAY.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            if (DOWN.get()) {
              return new MockResponse().setResponseCode(503);
            }
            try {
              JsonNode body = JSON.readTree(request.getBody().readUtf8());
              ObjectNode answer = JSON.createObjectNode();
              ArrayNode results = answer.putArray("results");
              for (JsonNode m : body.get("messages")) {
                String id = m.get("id").asText();
                results.addObject().put("id", id).put("status", "accepted")
                    .put("providerMessageId", "p-" + id);
              }
              return new MockResponse().setBody(answer.toString());
            } catch (IOException e) {
              return new MockResponse().setResponseCode(400);
            }
          }
        });
  }

  /** The URL carries a token too, as some gateways want: it must not show either. */
  @DynamicPropertySource
  static void gateway(DynamicPropertyRegistry registry) {
    registry.add(
        "cairn.channels.sms.http.url", () -> GATEWAY.url("/sms?token=URLSECRET-0815").toString());
  }

  @AfterAll
  static void stop() throws IOException {
    GATEWAY.shutdown();
  }

  @Autowired TestRestTemplate rest;
  @Autowired DeliveryLedger ledger;
  @Autowired ProfileImporter importer;
  @Autowired ProfileReader profiles;
  @Autowired SegmentService segments;
  @Autowired TransactionTemplate tx;
  @Autowired JdbcTemplate jdbc;

  @Test
  void shouldListProvidersWithLedgerHealthAndMakeSegmentsOfOutcomesWithoutShowingSecrets()
      throws Exception {
    CairnApi admin = new CairnApi(rest.withBasicAuth("admin", "it-secret"));
    assertThat(
            admin.postJson(
                    "/api/users",
                    Map.of(
                        "username", "mo.marketer",
                        "password", "correct-horse-battery",
                        "roles", List.of("MARKETER")))
                .getStatusCode()
                .value())
        .isEqualTo(201);
    CairnApi marketer = new CairnApi(rest.withBasicAuth("mo.marketer", "correct-horse-battery"));
    RoaringBitmap first = importUsers("pa", 10);
    RoaringBitmap second = importUsers("pb", 30);

    JsonNode idle = providers(marketer);
    JsonNode sms = channel(idle, "SMS");
    assertThat(sms.get("id").asText()).isEqualTo("sms.http");
    assertThat(sms.get("acceptedIds")).extracting(JsonNode::asText).containsExactly("mobile");
    assertThat(sms.get("maxBatchSize").asInt()).isEqualTo(500);
    assertThat(sms.get("sandbox").asBoolean()).isFalse();
    assertThat(sms.at("/health/state").asText()).isEqualTo("UNKNOWN");
    assertThat(channel(idle, "EMAIL").get("sandbox").asBoolean()).isTrue();
    assertThat(channel(idle, "ADS")).as("no connector configured").isNull();

    long failed = send(first, "fail-1");
    JsonNode down = channel(providers(admin), "SMS").get("health");
    assertThat(down.get("state").asText()).isEqualTo("DOWN");
    assertThat(down.get("sampled").asLong()).isEqualTo(10);
    assertThat(down.get("retryable").asLong()).isEqualTo(10);
    assertThat(absent(down, "lastSuccessAt")).isTrue();

    DOWN.set(false);
    send(second, "ok-1");
    JsonNode degraded = channel(providers(admin), "SMS").get("health");
    assertThat(degraded.get("state").asText()).as("10 of 40 failed").isEqualTo("DEGRADED");
    assertThat(degraded.get("accepted").asLong()).isEqualTo(30);
    assertThat(degraded.get("troubleShare").asDouble()).isEqualTo(0.25);
    assertThat(absent(degraded, "lastSuccessAt")).isFalse();

    String all = admin.get("/api/channels/providers").getBody().toString();
    assertThat(all).doesNotContain("TOPSECRET").doesNotContain("URLSECRET").doesNotContain("/sms");
    assertThat(rest.getForEntity("/api/channels/providers", String.class).getStatusCode().value())
        .isEqualTo(401);

    ResponseEntity<JsonNode> created =
        marketer.postJson(
            "/api/deliveries/segments",
            Map.of("name", "sms failed", "actionId", failed, "statuses", List.of("FAILED")));
    assertThat(created.getStatusCode().value()).as(String.valueOf(created.getBody())).isEqualTo(201);
    assertThat(created.getBody().get("size").asLong()).isEqualTo(10);
    assertThat(created.getBody().at("/segment/kind").asText()).isEqualTo("STATIC");
    assertThat(created.getBody().get("purgedActionIds")).isEmpty();
    assertThat(segments.members(created.getBody().at("/segment/id").asLong())).isEqualTo(first);

    ResponseEntity<JsonNode> empty =
        admin.postJson(
            "/api/deliveries/segments",
            Map.of("name", "nobody", "journeyId", 42, "statuses", List.of("NO_FEEDBACK")));
    assertThat(empty.getStatusCode().value()).isEqualTo(201);
    assertThat(empty.getBody().get("size").asLong()).isZero();

    assertField(
        admin.postJson(
            "/api/deliveries/segments",
            Map.of("name", "x", "actionId", failed, "statuses", List.of("FAILED", "LOST"))),
        "statuses[1]");
    assertField(
        admin.postJson(
            "/api/deliveries/segments",
            Map.of("name", "x", "actionId", 999_999, "statuses", List.of("FAILED"))),
        "actionId");
    assertField(
        admin.postJson(
            "/api/deliveries/segments",
            Map.of("name", "x", "journeyId", 999_999, "statuses", List.of("FAILED"))),
        "journeyId");
    assertField(
        admin.postJson("/api/deliveries/segments", Map.of("name", "x", "actionId", failed)),
        "statuses");
  }

  private static void assertField(ResponseEntity<JsonNode> r, String field) {
    assertThat(r.getStatusCode().value()).as(String.valueOf(r.getBody())).isEqualTo(400);
    assertThat(r.getBody().get("violations").findValuesAsText("field")).contains(field);
  }

  /** Null values are left out of the API's JSON. */
  private static boolean absent(JsonNode node, String field) {
    return node.path(field).isNull() || node.path(field).isMissingNode();
  }

  private static JsonNode providers(CairnApi api) {
    ResponseEntity<JsonNode> r = api.get("/api/channels/providers");
    assertThat(r.getStatusCode().value()).isEqualTo(200);
    return r.getBody();
  }

  /** The connector of a channel in the providers list, null when it has none. */
  private static JsonNode channel(JsonNode providers, String channel) {
    for (JsonNode p : providers) {
      if (p.get("channel").asText().equals(channel)) {
        return absent(p, "connector") ? null : p.get("connector");
      }
    }
    throw new AssertionError("no entry for " + channel + " in " + providers);
  }

  private RoaringBitmap importUsers(String prefix, int n) {
    StringBuilder csv = new StringBuilder("id,mobile\n");
    List<String> external = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = prefix + i;
      csv.append(id).append(",+86135").append(prefix.equals("pa") ? 10000000 + i : 20000000 + i)
          .append('\n');
      external.add(id);
    }
    importer.importCsv(
        "user", new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), null);
    RoaringBitmap b = new RoaringBitmap();
    profiles.entityIds("user", external).values().forEach(b::add);
    return b;
  }

  private long send(RoaringBitmap to, String activity) throws InterruptedException {
    long action =
        tx.execute(
            s ->
                ledger.enqueue(
                    new ActionRequest(
                        42, 4200, "sms", activity, Channel.SMS, "user",
                        Map.of("template", "Hello"), to)));
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (!"DONE".equals(
        jdbc.queryForObject(
            "SELECT status FROM cairn_action_execution WHERE id = ?", String.class, action))) {
      assertThat(Instant.now()).as("action " + action + " done").isBefore(deadline);
      Thread.sleep(50);
    }
    return action;
  }
}
