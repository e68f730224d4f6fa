package io.cairn.engine.segment.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.engine.event.AttributeType;
import io.cairn.engine.event.EventAttribute;
import io.cairn.engine.event.EventIngestion;
import io.cairn.engine.event.EventSource;
import io.cairn.engine.event.EventSources;
import io.cairn.engine.event.EventTypes;
import io.cairn.engine.event.NewEventSource;
import io.cairn.engine.event.NewEventType;
import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.problem.Violation;
import io.cairn.engine.profile.ProfileReader;
import io.cairn.engine.testing.EngineTestApplication;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Behaviour conditions on real events: every window kind, count operator and attribute operator,
 * the users who never did it, and random rules where the bitmap answer must equal the SQL answer.
 * Users bh0…bh59; event {@code bh_buy} on days T-9 … T with attributes {@code shop} (TEXT, missing
 * on some events) and {@code amount} (NUMBER) from sources {@code bh_app} and {@code bh_web}.
 */
@SpringBootTest(classes = EngineTestApplication.class)
class BehaviourRuleIT {

  private static final long SEED = Long.getLong("cairn.behaviour.seed", 20261201L);
  private static final int RULES = Integer.getInteger("cairn.behaviour.rules", 300);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicBoolean loaded = new AtomicBoolean();
  private static final String[] SHOPS = {"north", "south", "O'Hare"};

  @Autowired EventTypes types;
  @Autowired EventSources sources;
  @Autowired EventIngestion ingestion;
  @Autowired SegmentEngine engine;
  @Autowired ProfileReader profiles;
  @Autowired JdbcTemplate jdbc;

  @BeforeEach
  void events() {
    if (loaded.getAndSet(true)) {
      return;
    }
    types.create(new NewEventType("bh_buy", "Buy", null, List.of(
        new EventAttribute("shop", null, AttributeType.TEXT),
        new EventAttribute("amount", null, AttributeType.NUMBER))));
    types.create(new NewEventType("bh_view", "View", null, List.of()));
    EventSource app = sources.create(new NewEventSource("bh_app", "App", "app", null)).source();
    EventSource web = sources.create(new NewEventSource("bh_web", "Web", "web", null)).source();
    SplittableRandom random = new SplittableRandom(SEED);
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    ArrayNode batch = JSON.createArrayNode();
    for (int u = 0; u < 50; u++) { // bh50…bh59 never buy
      int events = random.nextInt(6);
      for (int e = 0; e < events; e++) {
        ObjectNode item = batch.addObject();
        item.put("customerId", "bh" + u).put("eventCode", random.nextInt(5) == 0 ? "bh_view" : "bh_buy");
        long day = today.minusDays(random.nextInt(10)).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
        item.put("eventTime", (day + random.nextInt(86_400)) * 1000);
        if (item.get("eventCode").asText().equals("bh_buy")) {
          ObjectNode a = item.putObject("attributes");
          if (random.nextInt(4) != 0) {
            a.put("shop", SHOPS[random.nextInt(SHOPS.length)]);
          }
          a.put("amount", random.nextInt(5) * 10);
        }
        if (batch.size() == 100) {
          flush(batch, random.nextBoolean() ? app : web);
        }
      }
    }
    flush(batch, app);
    for (int u = 0; u < 60; u++) { // every user exists, also those without recent events
      ingestion.ingest(web, JSON.createArrayNode().add(JSON.createObjectNode().put("customerId", "bh" + u)
          .put("eventCode", "bh_view").put("eventTime", "2020-01-01T00:00:00Z")));
    }
  }

  private void flush(ArrayNode batch, EventSource source) {
    if (!batch.isEmpty()) {
      assertThat(ingestion.ingest(source, batch.deepCopy()).rejected()).isZero();
      batch.removeAll();
    }
  }

  private RoaringBitmap bitmap(String rule) {
    return engine.evaluate(engine.compile("user", parse(rule)));
  }

  private RoaringBitmap sql(String rule) {
    RoaringBitmap out = new RoaringBitmap();
    jdbc.query(engine.sql(engine.compile("user", parse(rule))), rs -> {
      out.add(rs.getInt(1));
    });
    return out;
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static String rule(String behaviour) {
    return "{\"groups\":[{\"conditions\":[{\"behavior\":" + behaviour + "}]}]}";
  }

  /** The users bh0…bh59 with how often they bought in the last {@code days} days (from SQL rows). */
  private int buys(int user, int days, String filter) {
    Integer id = profiles.entityId("user", "bh" + user).orElseThrow();
    return jdbc.queryForObject("SELECT COUNT(*) FROM cairn_event ev WHERE ev.entity_id = ? AND ev.event_code = 'bh_buy'"
        + " AND ev.event_day >= ?" + filter, Integer.class, id, java.sql.Date.valueOf(LocalDate.now(ZoneOffset.UTC).minusDays(days - 1L)));
  }

  /** Like {@link #buys(int, int, String)}, counting the buys whose attribute texts pass the test. */
  private int buys(int user, int days, Predicate<Map<String, String>> test) {
    Integer id = profiles.entityId("user", "bh" + user).orElseThrow();
    return (int) jdbc.queryForList("SELECT ev.attrs FROM cairn_event ev WHERE ev.entity_id = ?"
            + " AND ev.event_code = 'bh_buy' AND ev.event_day >= ?", String.class, id,
            java.sql.Date.valueOf(LocalDate.now(ZoneOffset.UTC).minusDays(days - 1L)))
        .stream().map(BehaviourRuleIT::texts).filter(test).count();
  }

  /** An event's attribute texts by name, read from the stored form (entries "name RS text" between US). */
  private static Map<String, String> texts(String attrs) {
    Map<String, String> out = new HashMap<>();
    for (String entry : attrs == null ? new String[0] : attrs.split("\u001F")) {
      int at = entry.indexOf('\u001E');
      if (at > 0) {
        out.put(entry.substring(0, at), entry.substring(at + 1));
      }
    }
    return out;
  }

  @Test
  void shouldSelectByCountsOverDynamicWindowsIncludingUsersWhoNeverDidIt() {
    RoaringBitmap twice = bitmap(rule("{\"event\":\"bh_buy\",\"window\":{\"lastDays\":7},\"count\":{\"op\":\"gte\",\"value\":2}}"));
    RoaringBitmap never = bitmap(rule("{\"event\":\"bh_buy\",\"window\":{\"from\":\"T-6\",\"to\":\"T\"},\"count\":{\"op\":\"eq\",\"value\":0}}"));
    for (int u = 0; u < 60; u++) {
      int id = profiles.entityId("user", "bh" + u).orElseThrow();
      int n = buys(u, 7, "");
      assertThat(twice.contains(id)).as("bh%d bought %d times", u, n).isEqualTo(n >= 2);
      assertThat(never.contains(id)).as("bh%d bought %d times", u, n).isEqualTo(n == 0);
    }
    assertThat(never.contains(profiles.entityId("user", "bh55").orElseThrow())).isTrue();
  }

  @Test
  void shouldFilterOnAttributesWithMissingValuesNeverMatchingANegation() {
    RoaringBitmap notNorth = bitmap(rule("{\"event\":\"bh_buy\",\"window\":{\"lastDays\":10},"
        + "\"where\":[{\"attr\":\"shop\",\"op\":\"not_in\",\"values\":[\"north\"]}]}"));
    RoaringBitmap noShop = bitmap(rule("{\"event\":\"bh_buy\",\"window\":{\"lastDays\":10},"
        + "\"where\":[{\"attr\":\"shop\",\"op\":\"empty\"}]}"));
    RoaringBitmap big = bitmap(rule("{\"event\":\"bh_buy\",\"window\":{\"lastDays\":10},"
        + "\"where\":[{\"attr\":\"amount\",\"op\":\"gte\",\"value\":30},{\"attr\":\"shop\",\"op\":\"in\",\"values\":[\"O'Hare\",\"south\"]}]}"));
    for (int u = 0; u < 60; u++) {
      int id = profiles.entityId("user", "bh" + u).orElseThrow();
      assertThat(notNorth.contains(id)).isEqualTo(buys(u, 10, v -> v.containsKey("shop") && !v.get("shop").equals("north")) > 0);
      assertThat(noShop.contains(id)).isEqualTo(buys(u, 10, v -> !v.containsKey("shop")) > 0);
      assertThat(big.contains(id)).isEqualTo(buys(u, 10, v -> ("O'Hare".equals(v.get("shop")) || "south".equals(v.get("shop")))
          && v.containsKey("amount") && Double.parseDouble(v.get("amount")) >= 30) > 0);
    }
  }

  @Test
  void shouldAgreeWithSqlOnRandomBehaviourRules() {
    SplittableRandom random = new SplittableRandom(SEED + 1);
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    for (int i = 0; i < RULES; i++) {
      String rule = randomRule(random, today);
      RoaringBitmap bitmap = bitmap(rule);
      assertThat(bitmap).as("seed %d, rule %d: %s", SEED + 1, i, rule).isEqualTo(sql(rule));
      assertThat(engine.count(engine.compile("user", parse(rule)))).isEqualTo(bitmap.getLongCardinality());
    }
  }

  private static String randomRule(SplittableRandom r, LocalDate today) {
    StringBuilder groups = new StringBuilder();
    int count = 1 + r.nextInt(2);
    for (int g = 0; g < count; g++) {
      groups.append(g == 0 ? "" : ",").append("{\"conditions\":[{\"behavior\":").append(randomBehaviour(r, today))
          .append("}]");
      if (r.nextInt(3) == 0) {
        groups.append(",\"exclude\":[{\"behavior\":").append(randomBehaviour(r, today)).append("}]");
      }
      groups.append('}');
    }
    return "{\"groups\":[" + groups + "]}";
  }

  private static String randomBehaviour(SplittableRandom r, LocalDate today) {
    String event = r.nextInt(4) == 0 ? "bh_view" : "bh_buy";
    int back = r.nextInt(12);
    int toBack = r.nextBoolean() ? 0 : r.nextInt(back + 1); // from ≤ to
    String window = switch (r.nextInt(3)) {
      case 0 -> "{\"lastDays\":" + (1 + r.nextInt(12)) + "}";
      case 1 -> "{\"from\":\"T-" + back + "\",\"to\":\"T" + (toBack == 0 ? "" : "-" + toBack) + "\"}";
      default -> "{\"from\":\"" + today.minusDays(9) + "\",\"to\":\"" + today.minusDays(r.nextInt(9)) + "\"}";
    };
    StringBuilder b = new StringBuilder("{\"event\":\"" + event + "\",\"window\":" + window);
    if (r.nextInt(3) == 0) {
      b.append(",\"source\":\"").append(r.nextBoolean() ? "bh_app" : "bh_web").append('"');
    }
    if (event.equals("bh_buy") && r.nextBoolean()) {
      String[] filters = {
        "{\"attr\":\"shop\",\"op\":\"in\",\"values\":[\"north\",\"O'Hare\"]}",
        "{\"attr\":\"shop\",\"op\":\"not_in\",\"values\":[\"south\"]}",
        "{\"attr\":\"shop\",\"op\":\"empty\"}",
        "{\"attr\":\"shop\",\"op\":\"not_empty\"}",
        "{\"attr\":\"amount\",\"op\":\"between\",\"values\":[10,30]}",
        "{\"attr\":\"amount\",\"op\":\"in\",\"values\":[0,\"20.0\"]}",
        "{\"attr\":\"amount\",\"op\":\"not_in\",\"values\":[40]}",
        "{\"attr\":\"amount\",\"op\":\"lt\",\"value\":20}"
      };
      b.append(",\"where\":[").append(filters[r.nextInt(filters.length)]);
      if (r.nextBoolean()) {
        b.append(',').append(filters[r.nextInt(filters.length)]);
      }
      b.append(']');
    }
    String[] counts = {"", "{\"op\":\"eq\",\"value\":0}", "{\"op\":\"gte\",\"value\":2}", "{\"op\":\"lt\",\"value\":2}",
        "{\"op\":\"between\",\"values\":[1,3]}", "{\"op\":\"lte\",\"value\":1}", "{\"op\":\"gt\",\"value\":3}"};
    String c = counts[r.nextInt(counts.length)];
    if (!c.isEmpty()) {
      b.append(",\"count\":").append(c);
    }
    return b.append('}').toString();
  }

  @Test
  void shouldNameEveryBadFieldOfABehaviourCondition() {
    String bad = "{\"groups\":[{\"conditions\":["
        + "{\"behavior\":{\"event\":\"nope\",\"window\":{\"lastDays\":0}}},"
        + "{\"behavior\":{\"event\":\"bh_buy\",\"source\":\"nowhere\",\"window\":{\"from\":\"T\",\"to\":\"T-3\"},"
        + "\"where\":[{\"attr\":\"colour\",\"op\":\"in\",\"values\":[\"red\"]},{\"attr\":\"shop\",\"op\":\"gt\",\"value\":1}],"
        + "\"count\":{\"op\":\"gte\",\"value\":-1},\"often\":true}}]}]}";
    assertThatThrownBy(() -> engine.compile("user", parse(bad)))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
            .extracting(Violation::field)
            .containsExactly(
                "groups[0].conditions[0].behavior.event",
                "groups[0].conditions[0].behavior.window.lastDays",
                "groups[0].conditions[1].behavior.often",
                "groups[0].conditions[1].behavior.source",
                "groups[0].conditions[1].behavior.window",
                "groups[0].conditions[1].behavior.where[0].attr",
                "groups[0].conditions[1].behavior.where[1].op",
                "groups[0].conditions[1].behavior.count.value"));
    assertThatThrownBy(() -> engine.compile("merchant",
        parse(rule("{\"event\":\"bh_buy\",\"window\":{\"lastDays\":1}}"))))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
            .extracting(Violation::field).containsExactly("groups[0].conditions[0].behavior"));
  }
}
