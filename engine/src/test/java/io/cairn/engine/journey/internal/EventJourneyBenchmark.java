package io.cairn.engine.journey.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.cairn.engine.event.EventIngestion;
import io.cairn.engine.event.EventSource;
import io.cairn.engine.event.EventSources;
import io.cairn.engine.event.EventTypes;
import io.cairn.engine.event.IngestReport;
import io.cairn.engine.event.NewEventSource;
import io.cairn.engine.event.NewEventType;
import io.cairn.engine.journey.Journey;
import io.cairn.engine.journey.JourneyService;
import io.cairn.engine.journey.NodeStats;
import io.cairn.engine.testing.EngineTestApplication;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * JRN-2: events into an event journey with a wait-for-event branch (entry "cart" → SMS → did they
 * purchase within an hour? → DID: end, DID_NOT: SMS). {@code cairn.bench.rate} events per second
 * (default 1,000) for {@code cairn.bench.seconds} (default 30), one "cart" event per user in
 * batches of 100 from 4 sender threads calling ingestion in process (the HTTP layer is not part of
 * it), every tenth user also purchasing; the first SMS goes to a loopback HTTP provider
 * (MockWebServer) that notes when it received each message. Measured: accepted events/s,
 * instances started/s, p50/p99 from the moment an event was handed to ingestion until the provider
 * received that user's SMS. Peer in the same run: Camunda's own message start with a plain
 * expression service task per user, from 4 threads (STACK-NOTES' "message start" row). Prints
 * figures, asserts correctness only (every user entered once and got the first SMS once).
 */
@SpringBootTest(
    classes = EngineTestApplication.class,
    properties = {
      "cairn.dispatch.poll-interval=200ms",
      "cairn.channels.sms.connector=http",
      "cairn.channels.sms.http.batch-size=1000",
      "cairn.journeys.entry-threads=2",
      "cairn.journeys.entry-batch=100"
    })
class EventJourneyBenchmark {

  private static final int RATE = Integer.getInteger("cairn.bench.rate", 1_000);
  private static final int SECONDS = Integer.getInteger("cairn.bench.seconds", 30);
  private static final int USERS = RATE * SECONDS;
  private static final int BATCH = 100;
  private static final MockWebServer PROVIDER = new MockWebServer();
  private static final JsonFactory JSON = new JsonFactory();
  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** entity id → nanoTime the provider first received its SMS. */
  private static final Map<Integer, Long> RECEIVED = new ConcurrentHashMap<>();
  private static final AtomicLong MESSAGES = new AtomicLong();

  static {
    PROVIDER.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return new MockResponse()
                .setHeader("Content-Type", "application/json")
                .setBody(accept(request.getBody().inputStream()));
          }
        });
  }

  /** Accepts every message; the idempotency key is {@code <actionId>-<entityId>}. */
  private static String accept(InputStream body) {
    long now = System.nanoTime();
    StringBuilder out = new StringBuilder(4096).append("{\"results\":[");
    try (JsonParser p = JSON.createParser(body)) {
      boolean first = true;
      while (p.nextToken() != null) {
        if (p.currentToken() == JsonToken.FIELD_NAME && "id".equals(p.currentName())) {
          String id = p.nextTextValue();
          RECEIVED.putIfAbsent(Integer.parseInt(id.substring(id.indexOf('-') + 1)), now);
          MESSAGES.incrementAndGet();
          out.append(first ? "" : ",").append("{\"id\":\"").append(id)
              .append("\",\"status\":\"accepted\",\"providerMessageId\":\"p").append(id).append("\"}");
          first = false;
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.append("]}").toString();
  }

  @DynamicPropertySource
  static void provider(DynamicPropertyRegistry registry) {
    registry.add("cairn.channels.sms.http.url", () -> PROVIDER.url("/sms").toString());
  }

  @AfterAll
  static void stop() throws IOException {
    PROVIDER.shutdown();
  }

  @Autowired JourneyService journeys;
  @Autowired EventIngestion ingestion;
  @Autowired EventSources sources;
  @Autowired EventTypes types;
  @Autowired JdbcTemplate jdbc;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;

  @Test
  void eventsIntoAnEventJourney() throws Exception {
    String db = System.getProperty("cairn.test.db", "h2");
    insertUsers();
    EventSource bench = sources.create(new NewEventSource("bench", "Bench", "app", null)).source();
    types.create(new NewEventType("bench_cart", "cart", null, List.of()));
    types.create(new NewEventType("bench_purchase", "purchase", null, List.of()));
    byte[] bpmn = getClass().getResourceAsStream("/journeys/bench-cart.bpmn").readAllBytes();
    Journey journey = journeys.deploy("jrn2", bpmn);
    journeys.start(journey.id());

    long[] sentAt = new long[USERS + 1];
    AtomicLong accepted = new AtomicLong();
    AtomicLong lastAccepted = new AtomicLong();
    int batches = USERS / BATCH;
    long intervalNanos = TimeUnit.SECONDS.toNanos(1) * BATCH / RATE;
    ExecutorService senders = Executors.newFixedThreadPool(4);
    AtomicInteger next = new AtomicInteger();
    long t0 = System.nanoTime();
    List<Future<?>> running = new ArrayList<>();
    for (int s = 0; s < 4; s++) {
      running.add(senders.submit(() -> {
        for (int b; (b = next.getAndIncrement()) < batches; ) {
          long due = t0 + b * intervalNanos;
          long wait = due - System.nanoTime();
          if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
          }
          ArrayNode items = MAPPER.createArrayNode();
          ArrayNode purchases = MAPPER.createArrayNode();
          for (int i = b * BATCH + 1; i <= (b + 1) * BATCH; i++) {
            items.addObject().put("customerId", "u" + i).put("eventCode", "bench_cart")
                .put("eventTime", System.currentTimeMillis()).put("id", "c" + i);
            if (i % 10 == 0 && i > BATCH) {
              int earlier = i - BATCH; // a purchase by a user who entered one batch ago
              purchases.addObject().put("customerId", "u" + earlier).put("eventCode", "bench_purchase")
                  .put("eventTime", System.currentTimeMillis()).put("id", "p" + earlier);
            }
          }
          long now = System.nanoTime();
          for (int i = b * BATCH + 1; i <= (b + 1) * BATCH; i++) {
            sentAt[i] = now;
          }
          IngestReport r = ingestion.ingest(bench, items);
          accepted.addAndGet(r.accepted());
          if (!purchases.isEmpty()) {
            accepted.addAndGet(ingestion.ingest(bench, purchases).accepted());
          }
          lastAccepted.accumulateAndGet(System.nanoTime(), Math::max);
        }
        return null;
      }));
    }
    for (Future<?> f : running) {
      f.get();
    }
    senders.shutdown();
    long entered = 0;
    long allStarted = 0;
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (allStarted == 0 && (entered = entered(journey)) >= USERS) {
        allStarted = System.nanoTime();
      }
      if (allStarted != 0 && RECEIVED.size() >= USERS) {
        break;
      }
      Thread.sleep(20);
    }
    long tEnd = System.nanoTime();

    assertThat(entered(journey)).as("every user entered once").isEqualTo(USERS);
    assertThat(RECEIVED.size()).as("every user got the first SMS").isEqualTo(USERS);
    assertThat(jdbc.queryForObject(
            "SELECT COUNT(*) FROM cairn_delivery d JOIN cairn_action_execution a ON a.id = d.action_id"
                + " WHERE a.journey_id = ? AND a.element_id = 'thanks'", Long.class, journey.id()))
        .as("one ledger row per user").isEqualTo(USERS);

    double[] latencies = new double[USERS];
    for (int i = 1; i <= USERS; i++) {
      latencies[i - 1] = (RECEIVED.get(i) - sentAt[i]) / 1e6;
    }
    Arrays.sort(latencies);
    double sending = (lastAccepted.get() - t0) / 1e9;
    double starting = ((allStarted == 0 ? tEnd : allStarted) - t0) / 1e9;
    double peer = peerMessageStart(Math.min(USERS, 20_000));
    System.out.printf(Locale.ROOT,
        "%nJRN-2 (%s, target %,d events/s for %d s, %,d users, 1 cart event each, every 10th also a purchase, in its own call):%n"
            + "  accepted: %,d events in %.2f s = %,.0f events/s (goal >= 1,000 sustained)%n"
            + "  instances started: %,d, all started %.2f s after the first event = %,.0f instances/s%n"
            + "  event -> first SMS at the provider: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (goal p99 <= 100 ms)%n"
            + "  peer, Camunda message start + expression service task, 4 threads: %,.0f instances/s (Cairn entries = %.2fx)%n",
        db, RATE, SECONDS, USERS, accepted.get(), sending, accepted.get() / sending,
        entered(journey), starting, USERS / starting,
        pct(latencies, 50), pct(latencies, 90), pct(latencies, 99), latencies[USERS - 1],
        peer, (USERS / starting) / peer);
  }

  private long entered(Journey journey) {
    return journeys.stats(journey.id()).nodes().stream()
        .filter(n -> n.elementId().equals("entry"))
        .mapToLong(NodeStats::entered)
        .sum();
  }

  private static double pct(double[] sorted, int p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p / 100.0) - 1)];
  }

  /** Camunda's own message start of a plain process (start → expression service task → end). */
  private double peerMessageStart(int n) throws Exception {
    String xml = """
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="peer" targetNamespace="t">
          <bpmn:message id="m" name="peer-start" />
          <bpmn:process id="peer_start" isExecutable="true" camunda:historyTimeToLive="30">
            <bpmn:startEvent id="s"><bpmn:messageEventDefinition messageRef="m" /></bpmn:startEvent>
            <bpmn:sequenceFlow id="a" sourceRef="s" targetRef="t" />
            <bpmn:serviceTask id="t" camunda:expression="${true}" />
            <bpmn:sequenceFlow id="b" sourceRef="t" targetRef="e" />
            <bpmn:endEvent id="e" />
          </bpmn:process>
        </bpmn:definitions>
        """;
    ProcessDefinition def = repository.createDeployment()
        .addString("peer.bpmn", xml).deployWithResult().getDeployedProcessDefinitions().get(0);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    AtomicInteger next = new AtomicInteger();
    long t0 = System.nanoTime();
    List<Future<?>> fs = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      fs.add(pool.submit(() -> {
        for (int i; (i = next.getAndIncrement()) < n; ) {
          runtime.startProcessInstanceByMessageAndProcessDefinitionId(
              "peer-start", def.getId(), "user:" + i, Map.of("user", i));
        }
        return null;
      }));
    }
    for (Future<?> f : fs) {
      f.get();
    }
    pool.shutdown();
    return n / ((System.nanoTime() - t0) / 1e9);
  }

  private void insertUsers() {
    List<Object[]> entities = new ArrayList<>();
    List<Object[]> mobiles = new ArrayList<>();
    for (int i = 1; i <= USERS; i++) {
      entities.add(new Object[] {i, "u" + i});
      mobiles.add(new Object[] {i, "+86137" + (10_000_000 + i)});
      if (entities.size() == 10_000 || i == USERS) {
        jdbc.batchUpdate(
            "INSERT INTO cairn_entity (entity_type, id, external_id) VALUES ('user',?,?)", entities);
        jdbc.batchUpdate(
            "INSERT INTO cairn_identity (entity_type, id_type, entity_id, id_value)"
                + " VALUES ('user','mobile',?,?)",
            mobiles);
        entities.clear();
        mobiles.clear();
      }
    }
  }
}
