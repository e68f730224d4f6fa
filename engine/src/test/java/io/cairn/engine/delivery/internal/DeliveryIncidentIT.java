package io.cairn.engine.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.connectors.channel.Channel;
import io.cairn.engine.delivery.ActionRequest;
import io.cairn.engine.delivery.DeliveryIncident;
import io.cairn.engine.delivery.DeliveryIncidents;
import io.cairn.engine.delivery.DeliveryLedger;
import io.cairn.engine.problem.ConflictException;
import io.cairn.engine.profile.ProfileImporter;
import io.cairn.engine.profile.ProfileReader;
import io.cairn.engine.testing.EngineTestApplication;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A provider that keeps failing transiently: the ledger retries, gives up, opens an incident; once
 * the provider is back, replaying the incident delivers every recipient, each exactly once.
 */
@SpringBootTest(
    classes = EngineTestApplication.class,
    properties = {
      "cairn.dispatch.poll-interval=50ms",
      "cairn.dispatch.max-attempts=2",
      "cairn.dispatch.first-backoff=20ms",
      "cairn.channels.sms.connector=http"
    })
class DeliveryIncidentIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MockWebServer GATEWAY = new MockWebServer();
  private static final AtomicBoolean DOWN = new AtomicBoolean(true);
  private static final AtomicInteger ACCEPTED = new AtomicInteger();

  /** Attempts per message id while the gateway was down. */
  private static final Map<String, Integer> REFUSED = new java.util.concurrent.ConcurrentHashMap<>();

  static {
    GATEWAY.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            try {
              JsonNode body = JSON.readTree(request.getBody().readUtf8());
              if (DOWN.get()) {
                body.get("messages").forEach(m -> REFUSED.merge(m.get("id").asText(), 1, Integer::sum));
                return new MockResponse().setResponseCode(503);
              }
              ObjectNode answer = JSON.createObjectNode();
              ArrayNode results = answer.putArray("results");
              for (JsonNode m : body.get("messages")) {
                ACCEPTED.incrementAndGet();
                results.addObject().put("id", m.get("id").asText()).put("status", "accepted")
                    .put("providerMessageId", "p-" + m.get("id").asText());
              }
              return new MockResponse().setBody(answer.toString());
            } catch (IOException e) {
              return new MockResponse().setResponseCode(400);
            }
          }
        });
  }

  @DynamicPropertySource
  static void gateway(DynamicPropertyRegistry registry) {
    registry.add("cairn.channels.sms.http.url", () -> GATEWAY.url("/sms").toString());
  }

  @AfterAll
  static void stop() throws IOException {
    GATEWAY.shutdown();
  }

  @Autowired DeliveryLedger ledger;
  @Autowired DeliveryIncidents incidents;
  @Autowired ProfileImporter importer;
  @Autowired ProfileReader profiles;
  @Autowired TransactionTemplate tx;
  @Autowired JdbcTemplate jdbc;

  @Test
  void shouldOpenAnIncidentWhenRetriesRunOutAndDeliverEveryoneOnceWhenReplayed() throws Exception {
    StringBuilder csv = new StringBuilder("id,mobile\n");
    List<String> external = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      csv.append("inc").append(i).append(",+86137").append(10000000 + i).append('\n');
      external.add("inc" + i);
    }
    importer.importCsv(
        "user", new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), null);
    RoaringBitmap audience = new RoaringBitmap();
    profiles.entityIds("user", external).values().forEach(audience::add);

    long action =
        tx.execute(
            s ->
                ledger.enqueue(
                    new ActionRequest(
                        7, 70, "sms", "incident-1", Channel.SMS, "user",
                        Map.of("template", "Hello"), audience)));
    awaitDone(action);

    assertThat(statuses(action)).containsOnlyKeys("FAILED").containsEntry("FAILED", 30L);
    // Retries are jittered per recipient, so they may come back in more than one request; what
    // holds is that each recipient was tried exactly max-attempts times.
    assertThat(REFUSED).hasSize(30);
    assertThat(REFUSED.values()).as("first try and one retry each").containsOnly(2);
    List<DeliveryIncident> open = incidents.list(true, 7L);
    assertThat(open).singleElement().satisfies(i -> {
      assertThat(i.actionId()).isEqualTo(action);
      assertThat(i.recipients()).isEqualTo(30);
      assertThat(i.reason()).startsWith(LedgerRows.EXHAUSTED + "2 attempts");
      assertThat(i.replayedAt()).isNull();
    });

    DOWN.set(false);
    assertThat(incidents.replay(open.get(0).id())).isEqualTo(30);
    awaitDone(action);

    assertThat(statuses(action)).containsOnlyKeys("SENT").containsEntry("SENT", 30L);
    assertThat(ACCEPTED.get()).isEqualTo(30);
    assertThat(incidents.list(true, 7L)).isEmpty();
    assertThat(incidents.list(false, 7L)).singleElement()
        .satisfies(i -> assertThat(i.replayedAt()).isNotNull());
    assertThatThrownBy(() -> incidents.replay(open.get(0).id())).isInstanceOf(ConflictException.class);
  }

  private Map<String, Long> statuses(long action) {
    Map<String, Long> out = new java.util.TreeMap<>();
    jdbc.query(
        "SELECT status, COUNT(*) FROM cairn_delivery WHERE action_id = ? GROUP BY status",
        rs -> {
          out.put(rs.getString(1), rs.getLong(2));
        },
        action);
    return out;
  }

  private void awaitDone(long action) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    Thread.sleep(100);
    while (!"DONE".equals(
        jdbc.queryForObject(
            "SELECT status FROM cairn_action_execution WHERE id = ?", String.class, action))) {
      assertThat(Instant.now()).as("action " + action + " done").isBefore(deadline);
      Thread.sleep(50);
    }
  }
}
