package io.cairn.engine.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.connectors.channel.Channel;
import io.cairn.engine.delivery.ActionRequest;
import io.cairn.engine.delivery.DeliveryIncidents;
import io.cairn.engine.delivery.DeliveryLedger;
import io.cairn.engine.profile.ProfileImporter;
import io.cairn.engine.profile.ProfileReader;
import io.cairn.engine.testing.EngineTestApplication;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
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
 * Provider faults in the middle of one action's send (ten batches of 100 to a gateway that honours
 * idempotency keys): a 503 and a 429 (the gateway took nothing), a time-out (it took the batch and
 * answered too late) and a connection reset after the request (it took the batch, no answer).
 * Every recipient ends terminal; the refused batches are sent again and delivered once; the two
 * batches the gateway may have are AMBIGUOUS and never sent again; nothing is lost. Connector-level
 * mapping of these faults is in {@code HttpSmsConnectorIT}; retries running out in {@link
 * DeliveryIncidentIT}.
 */
@SpringBootTest(
    classes = EngineTestApplication.class,
    properties = {
      "cairn.dispatch.poll-interval=50ms",
      "cairn.dispatch.max-attempts=3",
      "cairn.dispatch.first-backoff=20ms",
      "cairn.channels.sms.connector=http",
      "cairn.channels.sms.http.batch-size=100",
      "cairn.channels.sms.http.timeout=1s"
    })
class MidBatchFaultsIT {

  private static final int RECIPIENTS = 1_000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MockWebServer GATEWAY = new MockWebServer();
  private static final AtomicInteger REQUESTS = new AtomicInteger();

  /** What the gateway did with the n-th request (1-based) when it is not a plain acceptance. */
  private enum Fault {
    UNAVAILABLE, // 503, takes nothing
    THROTTLED, // 429, takes nothing
    TIMEOUT, // takes the batch, answers after the client gave up
    RESET // takes the batch, closes the connection without an answer
  }

  private static final Map<Integer, Fault> SCRIPT =
      Map.of(2, Fault.UNAVAILABLE, 4, Fault.TIMEOUT, 6, Fault.RESET, 8, Fault.THROTTLED);

  /** Ids the gateway took (delivered), and ids it saw per fault. */
  private static final Set<String> TAKEN = ConcurrentHashMap.newKeySet();
  private static final Map<String, Integer> SEEN = new ConcurrentHashMap<>();
  private static final Map<Fault, Set<String>> FAULTED = new ConcurrentHashMap<>();

  static {
    GATEWAY.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            Fault fault = SCRIPT.get(REQUESTS.incrementAndGet());
            JsonNode body;
            try {
              body = JSON.readTree(request.getBody().readUtf8());
            } catch (IOException e) {
              return new MockResponse().setResponseCode(400);
            }
            ObjectNode answer = JSON.createObjectNode();
            ArrayNode results = answer.putArray("results");
            for (JsonNode m : body.get("messages")) {
              String id = m.get("id").asText();
              SEEN.merge(id, 1, Integer::sum);
              if (fault != null) {
                FAULTED.computeIfAbsent(fault, f -> ConcurrentHashMap.newKeySet()).add(id);
              }
              if (fault == Fault.UNAVAILABLE || fault == Fault.THROTTLED) {
                continue;
              }
              TAKEN.add(id); // a repeat would be answered the same and not delivered again
              results.addObject().put("id", id).put("status", "accepted")
                  .put("providerMessageId", "p-" + id);
            }
            if (fault == null) {
              return new MockResponse().setHeader("Content-Type", "application/json")
                  .setBody(answer.toString());
            }
            return switch (fault) {
              case UNAVAILABLE -> new MockResponse().setResponseCode(503);
              case THROTTLED -> new MockResponse().setResponseCode(429);
              case TIMEOUT -> new MockResponse().setHeadersDelay(3, TimeUnit.SECONDS)
                  .setBody(answer.toString());
              case RESET -> new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST);
            };
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
  void shouldRetryRefusedBatchesAndNeverResendOnesTheGatewayMayHave() throws Exception {
    StringBuilder csv = new StringBuilder("id,mobile\n");
    List<String> external = new ArrayList<>();
    for (int i = 0; i < RECIPIENTS; i++) {
      csv.append("mid").append(i).append(",+86136").append(10000000 + i).append('\n');
      external.add("mid" + i);
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
                        8, 80, "sms", "mid-batch-1", Channel.SMS, "user",
                        Map.of("template", "Hello"), audience)));
    awaitDone(action);

    // every scripted fault fired, each on a whole batch
    assertThat(FAULTED.keySet()).containsExactlyInAnyOrder(Fault.values());
    FAULTED.values().forEach(ids -> assertThat(ids).hasSize(100));
    Set<String> mayHave = new HashSet<>(FAULTED.get(Fault.TIMEOUT));
    mayHave.addAll(FAULTED.get(Fault.RESET));
    Set<String> refused = new HashSet<>(FAULTED.get(Fault.UNAVAILABLE));
    refused.addAll(FAULTED.get(Fault.THROTTLED));

    Map<String, String> rows = rows(action);
    assertThat(rows).hasSize(RECIPIENTS);
    Map<String, Long> counts = new HashMap<>();
    rows.values().forEach(s -> counts.merge(s, 1L, Long::sum));
    System.out.printf("[MidBatchFaultsIT] %d requests; ledger %s%n", REQUESTS.get(), counts);
    assertThat(counts).containsOnlyKeys("SENT", "AMBIGUOUS")
        .containsEntry("AMBIGUOUS", 200L).containsEntry("SENT", 800L);
    rows.forEach((id, status) -> {
      if (mayHave.contains(id)) {
        assertThat(status).as(id + " may have reached the gateway").isEqualTo("AMBIGUOUS");
        assertThat(SEEN.get(id)).as(id + " was not sent again").isEqualTo(1);
      } else if (refused.contains(id)) {
        assertThat(status).as(id + " was refused, then retried").isEqualTo("SENT");
        assertThat(SEEN.get(id)).as(id + ": refused once, delivered by the retry").isEqualTo(2);
      } else {
        assertThat(SEEN.get(id)).as(id + " sent once").isEqualTo(1);
      }
      assertThat(TAKEN).as("the gateway has " + id).contains(id);
    });
    assertThat(TAKEN).hasSize(RECIPIENTS);
    assertThat(incidents.list(true, 8L)).as("no recipient ran out of retries").isEmpty();
  }

  /** Status by the idempotency key the ledger sends ({@code <action>-<entity>}). */
  private Map<String, String> rows(long action) {
    Map<String, String> out = new HashMap<>();
    jdbc.query(
        "SELECT entity_id, status FROM cairn_delivery WHERE action_id = ?",
        rs -> {
          out.put(action + "-" + rs.getInt(1), rs.getString(2));
        },
        action);
    return out;
  }

  private void awaitDone(long action) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
    while (!"DONE".equals(
        jdbc.queryForObject(
            "SELECT status FROM cairn_action_execution WHERE id = ?", String.class, action))) {
      assertThat(Instant.now()).as("action " + action + " done").isBefore(deadline);
      Thread.sleep(50);
    }
  }
}
