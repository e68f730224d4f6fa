package io.cairn.engine.journey.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.connectors.channel.Channel;
import io.cairn.connectors.sandbox.SandboxMessage;
import io.cairn.engine.event.AttributeType;
import io.cairn.engine.event.EventAttribute;
import io.cairn.engine.event.EventIngestion;
import io.cairn.engine.event.EventSource;
import io.cairn.engine.event.EventSources;
import io.cairn.engine.event.EventTypes;
import io.cairn.engine.event.IngestReport;
import io.cairn.engine.event.NewEventSource;
import io.cairn.engine.event.NewEventType;
import io.cairn.engine.journey.Journey;
import io.cairn.engine.journey.JourneyMode;
import io.cairn.engine.journey.JourneyService;
import io.cairn.engine.journey.JourneyStatus;
import io.cairn.engine.journey.NodeStats;
import io.cairn.engine.profile.ProfileImporter;
import io.cairn.engine.sandbox.SandboxMessages;
import io.cairn.engine.testing.EngineTestApplication;
import io.cairn.engine.testing.TestClock;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Event journeys on the real engine under a moved clock: accepted events start one instance per
 * entry (the user as business key), re-entry limits hold, duplicates start once, the sample
 * journeys run, and an event that arrives before the user's instance waits for it still counts.
 */
@SpringBootTest(
    classes = {EngineTestApplication.class, TestClock.Config.class},
    properties = {"cairn.dispatch.poll-interval=50ms", "cairn.journeys.entry-poll=50ms"})
class EventJourneyIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger UNIQUE = new AtomicInteger();
  private static final Path SAMPLES = Path.of("..", "processes", "src", "main", "resources", "cairn", "journeys");

  @Autowired JourneyService journeys;
  @Autowired EventIngestion ingestion;
  @Autowired EventSources sources;
  @Autowired EventTypes types;
  @Autowired ProfileImporter importer;
  @Autowired SandboxMessages sandbox;
  @Autowired HistoryService history;
  @Autowired EntryWorker worker;
  @Autowired JdbcTemplate jdbc;
  @Autowired TestClock clock;

  private EventSource shop;

  @AfterAll
  static void resetClock() {
    TestClock.reset();
  }

  @BeforeEach
  void catalogue() {
    shop =
        sources.list().stream()
            .filter(s -> s.code().equals("shop"))
            .findFirst()
            .orElseGet(() -> sources.create(new NewEventSource("shop", "Shop", "app", null)).source());
    for (String code : List.of("add_to_cart", "purchase", "sign_up", "add_to_cart_w", "purchase_w")) {
      if (types.find(code).isEmpty()) {
        types.create(
            new NewEventType(
                code,
                code,
                null,
                List.of(
                    new EventAttribute("sku", "SKU", AttributeType.TEXT),
                    new EventAttribute("amount", "Amount", AttributeType.NUMBER))));
      }
    }
  }

  @Test
  void shouldStartOneInstancePerEntryWithTheUserAsBusinessKeyAndIgnoreDuplicates() throws Exception {
    String code = eventType();
    Journey journey = start(eventJourney(code, "ONCE", "", "", "", ""));
    assertThat(journey.mode()).isEqualTo(JourneyMode.EVENT);
    String a = user();
    String b = user();

    IngestReport first = ingest(event(a, code, "e-" + a), event(b, code, "e-" + b), event(a, code, "e-" + a));
    IngestReport again = ingest(event(a, code, "e-" + a));

    assertThat(first.accepted()).isEqualTo(2);
    assertThat(again.duplicates()).isEqualTo(1);
    await("two instances", () -> instances(journey).size() == 2);
    assertThat(instances(journey)).extracting(HistoricProcessInstance::getBusinessKey)
        .containsExactlyInAnyOrder("user:" + entity(a), "user:" + entity(b));
    await("two SMS", () -> smsTo(a) + smsTo(b) == 2);
    assertThat(node(journey, "entry").entered()).isEqualTo(2);
    assertThat(node(journey, "sms").left()).isEqualTo(2);

    // An outbox row handled before (the crash-replay case): the worker finds it gone, starts nothing.
    long eventId = jdbc.queryForObject(
        "SELECT id FROM cairn_event WHERE client_id = ?", Long.class, "e-" + a);
    worker.handle(List.of(new EntryWorker.Row(eventId, journey.id(), entity(a), "shop", code, clock.millis(), null)));
    assertThat(instances(journey)).hasSize(2);
  }

  @Test
  void shouldLetAUserEnterOnceWhenReentryIsOnce() throws Exception {
    String code = eventType();
    Journey journey = start(eventJourney(code, "ONCE", "", "", "", ""));
    String u = user();

    ingest(event(u, code, null), event(u, code, null));
    ingest(event(u, code, null));
    awaitOutboxEmpty();

    assertThat(instances(journey)).hasSize(1);
  }

  @Test
  void shouldLetAUserEnterAtMostYTimesInXDays() throws Exception {
    String code = eventType();
    Journey journey = start(eventJourney(code, "LIMITED", "1", "2", "", ""));
    String u = user();

    for (int i = 0; i < 3; i++) {
      ingest(event(u, code, null));
      clock.advance(Duration.ofMinutes(1));
    }
    awaitOutboxEmpty();
    assertThat(instances(journey)).as("2 in 1 day").hasSize(2);
    await("both entries sent again", () -> smsTo(u) == 2);

    clock.advance(Duration.ofDays(1));
    ingest(event(u, code, null));
    await("a third entry a day later", () -> instances(journey).size() == 3);
  }

  @Test
  void shouldEnterOnlyAfterAtLeastNMatchingEvents() throws Exception {
    String code = eventType();
    String cond = "[{\"attr\":\"sku\",\"op\":\"in\",\"values\":[\"A1\"]}]";
    Journey journey = start(eventJourney(code, "ONCE", "", "", cond, "2"));
    String u = user();

    ingest(withSku(event(u, code, null), "A1"), withSku(event(u, code, null), "B2"));
    awaitOutboxEmpty();
    assertThat(instances(journey)).as("one matching event of two needed").isEmpty();
    ingest(withSku(event(u, code, null), "A1"));
    await("entered on the second match", () -> instances(journey).size() == 1);
  }

  @Test
  void shouldRunTheAbandonedCartSample() throws Exception {
    Journey journey = start(Files.readAllBytes(SAMPLES.resolve("abandoned-cart.bpmn")));
    String idle = user();
    String buyer = user();
    String early = user();

    ingest(event(idle, "add_to_cart", null), event(buyer, "add_to_cart", null));
    await("both wait at the branch", () -> node(journey, "purchased").entered() == 2);
    ingest(event(buyer, "purchase", null));
    // the purchase is filed before the add-to-cart in one batch (lower event id): the instance
    // finds it in the inbox when it reaches the branch
    ingest(event(early, "purchase", null), event(early, "add_to_cart", null));
    await("buyers took DID", () -> node(journey, "end_bought").entered() == 2);

    clock.advance(Duration.ofHours(1).plusSeconds(1));
    await("the idle user got the reminder", () -> smsTo(idle) == 1);
    assertThat(smsTo(buyer)).isZero();
    assertThat(smsTo(early)).isZero();
    assertThat(node(journey, "reminder").entered()).isEqualTo(1);
  }

  @Test
  void shouldCountAnEventThatArrivedBeforeTheInstanceWaitedForIt() throws Exception {
    Journey journey = start(Files.readAllBytes(Path.of(getClass().getResource("/journeys/cart-wait.bpmn").toURI())));
    String buyer = user();
    String cheap = user();

    ingest(event(buyer, "add_to_cart_w", null), event(cheap, "add_to_cart_w", null));
    await("both in the wait", () -> node(journey, "wait").entered() == 2);
    // while they wait (before the branch): two big purchases, and two purchases under 100
    ingest(amount(event(buyer, "purchase_w", null), 150), amount(event(buyer, "purchase_w", null), 120));
    ingest(amount(event(cheap, "purchase_w", null), 150), amount(event(cheap, "purchase_w", null), 20));
    awaitOutboxEmpty();

    clock.advance(Duration.ofMinutes(10).plusSeconds(1));
    await("the buyer took DID", () -> smsTo(buyer) == 1);
    assertThat(node(journey, "thanks").entered()).isEqualTo(1);
    assertThat(smsTo(cheap)).as("one purchase matched: did not").isZero();

    clock.advance(Duration.ofMinutes(30).plusSeconds(1));
    await("the partial match took DID_NOT", () -> node(journey, "nudge").entered() == 1);
  }

  @Test
  void shouldRunTheWelcomeSeriesSample() throws Exception {
    Journey journey = start(Files.readAllBytes(SAMPLES.resolve("welcome-series.bpmn")));
    String u = user();

    ingest(event(u, "sign_up", null));
    await("welcome SMS", () -> smsTo(u) == 1);
    assertThat(emailsTo(u)).isZero();

    clock.advance(Duration.ofDays(1).plusSeconds(1));
    await("welcome email a day later", () -> emailsTo(u) == 1);
    assertThat(node(journey, "end").entered()).isEqualTo(1);
  }

  // --- helpers

  private Journey start(byte[] bpmn) {
    Journey j = journeys.deploy("j" + UNIQUE.incrementAndGet(), bpmn);
    journeys.start(j.id());
    assertThat(journeys.get(j.id()).status()).isEqualTo(JourneyStatus.RUNNING);
    return j;
  }

  private byte[] eventJourney(String code, String reentry, String days, String times, String conditions, String atLeast)
      throws Exception {
    String xml = new String(getClass().getResourceAsStream("/journeys/event-sms.bpmn").readAllBytes(), UTF_8)
        .replace("PROCESS_KEY", "event_sms_" + UNIQUE.incrementAndGet())
        .replace("EVENT_CODE", code)
        .replace("REENTRY", reentry)
        .replace("\"DAYS\"", "\"" + days + "\"")
        .replace("\"TIMES\"", "\"" + times + "\"")
        .replace("\"AT_LEAST\"", "\"" + atLeast + "\"")
        .replace("\"CONDITIONS\"", "\"" + conditions.replace("\"", "&quot;") + "\"");
    return xml.getBytes(UTF_8);
  }

  private String eventType() {
    String code = "ev_" + UNIQUE.incrementAndGet();
    types.create(new NewEventType(code, code, null, List.of(new EventAttribute("sku", "SKU", AttributeType.TEXT))));
    return code;
  }

  private String user() {
    int n = UNIQUE.incrementAndGet();
    String id = "ej-" + n;
    String csv = "id,mobile,email\n" + id + ",+86139" + String.format("%08d", n) + "," + id + "@example.com\n";
    importer.importCsv("user", new ByteArrayInputStream(csv.getBytes(UTF_8)), null);
    return id;
  }

  private int entity(String externalId) {
    return jdbc.queryForObject(
        "SELECT id FROM cairn_entity WHERE entity_type = 'user' AND external_id = ?", Integer.class, externalId);
  }

  private ObjectNode event(String customer, String code, String id) {
    ObjectNode e = JSON.createObjectNode();
    e.put("customerId", customer).put("eventCode", code).put("eventTime", clock.millis());
    if (id != null) {
      e.put("id", id);
    }
    return e;
  }

  private static ObjectNode withSku(ObjectNode e, String sku) {
    e.putObject("attributes").put("sku", sku);
    return e;
  }

  private static ObjectNode amount(ObjectNode e, int amount) {
    e.putObject("attributes").put("amount", amount);
    return e;
  }

  private IngestReport ingest(ObjectNode... items) {
    ArrayNode batch = JSON.createArrayNode();
    for (ObjectNode i : items) {
      batch.add(i);
    }
    IngestReport r = ingestion.ingest(shop, batch);
    assertThat(r.rejected()).as(r.toString()).isZero();
    return r;
  }

  private List<HistoricProcessInstance> instances(Journey journey) {
    return history.createHistoricProcessInstanceQuery().processDefinitionKey(journey.processKey()).list();
  }

  private NodeStats node(Journey journey, String element) {
    return journeys.stats(journey.id()).nodes().stream()
        .filter(n -> n.elementId().equals(element))
        .findFirst()
        .orElse(new NodeStats(element, element, 0, 0));
  }

  private long smsTo(String user) {
    return messagesTo(Channel.SMS, user);
  }

  private long emailsTo(String user) {
    return messagesTo(Channel.EMAIL, user);
  }

  private long messagesTo(Channel channel, String user) {
    int n = Integer.parseInt(user.substring("ej-".length()));
    List<SandboxMessage> items = sandbox.list(channel, null, 0, 10_000).items();
    return items.stream()
        .filter(m -> channel == Channel.SMS
            ? m.recipient().endsWith(String.format("%08d", n))
            : m.recipient().equals(user + "@example.com"))
        .count();
  }

  private void awaitOutboxEmpty() throws InterruptedException {
    await("outbox drained", () -> jdbc.queryForObject("SELECT COUNT(*) FROM cairn_journey_outbox", Long.class) == 0);
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (!condition.getAsBoolean()) {
      assertThat(Instant.now()).as(what).isBefore(deadline);
      Thread.sleep(50);
    }
  }
}
