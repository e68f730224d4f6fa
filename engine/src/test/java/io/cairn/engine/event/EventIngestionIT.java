package io.cairn.engine.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.engine.event.IngestReport.Status;
import io.cairn.engine.problem.ConflictException;
import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.profile.ProfileReader;
import io.cairn.engine.testing.EngineTestApplication;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/** Event types, sources and ingestion on the real database. */
@SpringBootTest(classes = {EngineTestApplication.class, EventIngestionIT.Usage.class})
class EventIngestionIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger unique = new AtomicInteger();

  /** Pretends a journey uses event types whose code starts with {@code used_}. */
  @TestConfiguration
  static class Usage {
    @Bean
    EventTypeUsage journeysUsingEvents() {
      return code -> code.startsWith("used_") ? List.of("journey 7 'Welcome'") : List.of();
    }
  }

  @Autowired EventTypes types;
  @Autowired EventSources sources;
  @Autowired EventIngestion ingestion;
  @Autowired ProfileReader profiles;
  @Autowired JdbcTemplate jdbc;

  private String purchaseType() {
    String code = "purchase_" + unique.incrementAndGet();
    types.create(new NewEventType(code, "Purchase", null, List.of(
        new EventAttribute("amount", "Amount", AttributeType.NUMBER),
        new EventAttribute("industry", null, AttributeType.TEXT),
        new EventAttribute("paid_at", null, AttributeType.DATETIME),
        new EventAttribute("first", null, AttributeType.BOOLEAN))));
    return code;
  }

  private EventSource source() {
    String code = "app_" + unique.incrementAndGet();
    return sources.create(new NewEventSource(code, "App", "app", "key-" + code)).source();
  }

  private static ObjectNode event(String customer, String code, Object id) {
    ObjectNode e = JSON.createObjectNode();
    e.put("customerId", customer).put("eventCode", code).put("eventTime", System.currentTimeMillis());
    if (id != null) {
      e.put("id", id.toString());
    }
    return e;
  }

  private static ArrayNode batch(JsonNode... items) {
    ArrayNode a = JSON.createArrayNode();
    for (JsonNode i : items) {
      a.add(i);
    }
    return a;
  }

  @Test
  void shouldAnswerEveryItemAndStoreOnlyTheValidOnes() {
    String code = purchaseType();
    EventSource src = source();
    ObjectNode good = event("ev-u1", code, "e1");
    good.putObject("attributes").put("amount", "12.50").put("industry", "Food").put("first", true)
        .put("paid_at", "2026-11-30T10:00:00+08:00");
    ObjectNode reference = event("ev-u2", code, null);
    reference.put("eventSourceCode", src.appKey()).put("orgnizationId", "org").put("v", 1);
    reference.putObject("extendAttributes").put("amount", "7");
    ObjectNode unknownType = event("ev-u1", "nope", null);
    ObjectNode badTime = event("ev-u1", code, null).put("eventTime", "yesterday");
    ObjectNode unknownAttr = event("ev-u1", code, null);
    unknownAttr.putObject("attributes").put("colour", "red");
    ObjectNode badNumber = event("ev-u1", code, null);
    badNumber.putObject("attributes").put("amount", "twelve");
    ObjectNode otherSource = event("ev-u1", code, null).put("eventSourceCode", "someone-else");
    ObjectNode noCustomer = event("x", code, null);
    noCustomer.remove("customerId");
    ObjectNode future = event("ev-u1", code, null).put("eventTime", System.currentTimeMillis() + 3 * 86_400_000L);
    ObjectNode typo = event("ev-u1", code, null).put("attribute", "x");

    IngestReport r = ingestion.ingest(src, batch(good, reference, unknownType, badTime, unknownAttr, badNumber,
        otherSource, noCustomer, future, typo));

    assertThat(r.accepted()).isEqualTo(2);
    assertThat(r.rejected()).isEqualTo(8);
    assertThat(r.items()).extracting(IngestReport.ItemResult::field).containsExactly(
        null, null, "eventCode", "eventTime", "attributes.colour", "attributes.amount", "eventSourceCode",
        "customerId", "eventTime", "attribute");
    assertThat(r.items().get(0).status()).isEqualTo(Status.ACCEPTED);
    assertThat(r.items().get(0).id()).isEqualTo("e1");
    assertThat(r.items().get(5).message()).contains("'twelve' is not a number");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cairn_event WHERE source_code = ?", Integer.class, src.code()))
        .isEqualTo(2);
    int u1 = profiles.entityId("user", "ev-u1").orElseThrow();
    assertThat(jdbc.queryForList("SELECT attrs FROM cairn_event WHERE entity_id = ? AND event_code = ?",
        String.class, u1, code))
        .containsExactly("\u001Famount\u001E12.5\u001Famount\u001D12.5\u001Ffirst\u001Etrue\u001Findustry\u001EFood"
            + "\u001Fpaid_at\u001E2026-11-30T02:00:00Z\u001Fpaid_at\u001D1796004000000\u001F");
  }

  @Test
  void shouldStoreAnEventOnceWhateverHowOftenItIsSent() throws Exception {
    String code = purchaseType();
    EventSource src = source();
    IngestReport first = ingestion.ingest(src, batch(event("dup-u", code, "a"), event("dup-u", code, "a"),
        event("dup-u", code, "b"), event("dup-u", code, null)));
    assertThat(first.items()).extracting(IngestReport.ItemResult::status)
        .containsExactly(Status.ACCEPTED, Status.DUPLICATE, Status.ACCEPTED, Status.ACCEPTED);
    IngestReport again = ingestion.ingest(src, batch(event("dup-u", code, "a"), event("dup-u", code, "c")));
    assertThat(again.items()).extracting(IngestReport.ItemResult::status)
        .containsExactly(Status.DUPLICATE, Status.ACCEPTED);
    // another source may use the same ids
    assertThat(ingestion.ingest(source(), batch(event("dup-u", code, "a"))).accepted()).isEqualTo(1);

    // eight threads race with the same 50 ids (and new users): each stored once
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<IngestReport>> runs = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      Callable<IngestReport> send = () -> {
        ArrayNode b = JSON.createArrayNode();
        for (int i = 0; i < 50; i++) {
          b.add(event("race-" + code + "-" + (i % 10), code, "r" + i));
        }
        return ingestion.ingest(src, b);
      };
      runs.add(pool.submit(send));
    }
    int accepted = 0;
    for (Future<IngestReport> f : runs) {
      IngestReport rep = f.get();
      accepted += rep.accepted();
      assertThat(rep.accepted() + rep.duplicates()).isEqualTo(50);
    }
    pool.shutdown();
    assertThat(accepted).isEqualTo(50);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cairn_event WHERE source_code = ? AND client_id LIKE 'r%'",
        Integer.class, src.code())).isEqualTo(50);
    assertThat(jdbc.queryForObject("SELECT SUM(cnt) FROM cairn_event_daily WHERE source_code = ? AND event_code = ?",
        Integer.class, src.code(), code)).isEqualTo(3 + 1 + 50);
  }

  @Test
  void shouldCountEventsPerUserAndDay() {
    String code = purchaseType();
    EventSource src = source();
    long day1 = Instant.parse("2026-11-20T23:30:00Z").toEpochMilli();
    ObjectNode a = event("cnt-u", code, null).put("eventTime", day1);
    ObjectNode b = event("cnt-u", code, null).put("eventTime", day1 + 3_600_000L); // next UTC day
    ObjectNode c = event("cnt-u", code, null).put("eventTime", "2026-11-20T08:00:00Z");
    ingestion.ingest(src, batch(a, b, c));
    ingestion.ingest(src, batch(event("cnt-u", code, null).put("eventTime", day1)));
    int u = profiles.entityId("user", "cnt-u").orElseThrow();
    assertThat(jdbc.queryForList("SELECT CONCAT(CAST(event_day AS CHAR(10)), ':', cnt) FROM cairn_event_daily"
        + " WHERE entity_id = ? AND event_code = ? ORDER BY event_day", String.class, u, code))
        .containsExactly("2026-11-20:3", "2026-11-21:1");
  }

  @Test
  void shouldRefuseBatchesThatAreNotOneToAHundredEvents() {
    EventSource src = source();
    ArrayNode big = JSON.createArrayNode();
    for (int i = 0; i <= EventIngestion.MAX_BATCH; i++) {
      big.add(event("u", "x", null));
    }
    assertThatThrownBy(() -> ingestion.ingest(src, big)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("1 to 100 events per call (got 101)");
    assertThatThrownBy(() -> ingestion.ingest(src, JSON.createArrayNode())).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> ingestion.ingest(src, JSON.createObjectNode())).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void shouldAddButNeverRemoveOrRetypeAttributes() {
    String code = purchaseType();
    EventType t = types.get(code);
    List<EventAttribute> more = new ArrayList<>(t.attributes());
    more.add(new EventAttribute("coupon", "Coupon", AttributeType.TEXT));
    assertThat(types.update(code, new NewEventType(null, "Purchase!", null, more)).attributes())
        .extracting(EventAttribute::name).containsExactly("amount", "industry", "paid_at", "first", "coupon");

    List<EventAttribute> fewer = more.subList(1, more.size());
    assertThatThrownBy(() -> types.update(code, new NewEventType(null, "P", null, fewer)))
        .isInstanceOfSatisfying(InvalidInputException.class, e ->
            assertThat(e.violations()).singleElement().satisfies(v -> {
              assertThat(v.field()).isEqualTo("attributes");
              assertThat(v.message()).contains("'amount' cannot be removed");
            }));
    List<EventAttribute> retyped = new ArrayList<>(more);
    retyped.set(0, new EventAttribute("amount", "Amount", AttributeType.TEXT));
    assertThatThrownBy(() -> types.update(code, new NewEventType(null, "P", null, retyped)))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.violations()).extracting(io.cairn.engine.problem.Violation::field)
                .containsExactly("attributes[0].type"));
    assertThat(types.get(code).name()).isEqualTo("Purchase!");
  }

  @Test
  void shouldRefuseInvalidTypesAndDeletingTypesInUse() {
    assertThatThrownBy(() -> types.create(new NewEventType("bad code", "", null, List.of(
        new EventAttribute("1x", null, AttributeType.TEXT), new EventAttribute("ok", null, null)))))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.violations()).extracting(io.cairn.engine.problem.Violation::field)
                .containsExactly("code", "name", "attributes[0].name", "attributes[1].type"));
    String used = "used_" + unique.incrementAndGet();
    types.create(new NewEventType(used, "Used", null, List.of()));
    assertThatThrownBy(() -> types.delete(used)).isInstanceOf(ConflictException.class)
        .hasMessageContaining("journey 7 'Welcome'");
    String free = purchaseType();
    types.delete(free);
    assertThat(types.find(free)).isEmpty();
    assertThatThrownBy(() -> types.create(new NewEventType(used, "Again", null, List.of())))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void shouldAuthenticateOnlyTheCurrentWriteKey() {
    String code = "web_" + unique.incrementAndGet();
    IssuedWriteKey issued = sources.create(new NewEventSource(code, "Web", "web", null));
    assertThat(issued.writeKey()).startsWith("cwk_").hasSizeGreaterThan(40);
    assertThat(issued.toString()).doesNotContain(issued.writeKey());
    assertThat(sources.authenticate(issued.writeKey())).map(EventSource::code).contains(code);
    assertThat(sources.authenticate(issued.writeKey() + "x")).isEmpty();
    IssuedWriteKey rotated = sources.rotateKey(code);
    assertThat(sources.authenticate(issued.writeKey())).isEmpty();
    assertThat(sources.authenticate(rotated.writeKey())).isPresent();
    assertThat(jdbc.queryForObject("SELECT write_key_hash FROM cairn_event_source WHERE code = ?", String.class, code))
        .doesNotContain(rotated.writeKey()).hasSize(64);
    assertThatThrownBy(() -> sources.create(new NewEventSource("x y", " ", null, null)))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.violations()).extracting(io.cairn.engine.problem.Violation::field)
                .containsExactly("code", "name", "channel"));
  }
}
