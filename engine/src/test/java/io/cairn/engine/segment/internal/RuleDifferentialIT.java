package io.cairn.engine.segment.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.engine.profile.ProfileImporter;
import io.cairn.engine.profile.TagCatalog;
import io.cairn.engine.profile.TagDefinition;
import io.cairn.engine.profile.TagType;
import io.cairn.engine.testing.EngineTestApplication;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The bitmap engine and the generated SQL select the same members, member for member, for random
 * rules over random data with missing values, on this run's database (H2 and MariaDB). Seeded; the
 * seed and the failing rule are printed on failure.
 */
@SpringBootTest(classes = EngineTestApplication.class)
class RuleDifferentialIT {

  private static final long SEED = Long.getLong("cairn.diff.seed", 20261124L);
  private static final int ENTITIES = 3_000;
  private static final int RULES = 600;
  private static final String[] CITIES = {"Shanghai", "Beijing", "Wuhan", "O'Hare", "Xi'an"};
  private static final String[] LEVELS = {"bronze", "silver", "gold"};
  private static final String[] HOBBIES = {"books", "travel", "golf", "chess"};
  private static final String[] NAMES = {"Ann", "Anna", "Bo", "Li_Na", "50%"};

  @Autowired TagCatalog catalog;
  @Autowired ProfileImporter importer;
  @Autowired SegmentEngine engine;
  @Autowired JdbcTemplate jdbc;

  @Test
  void bitmapAndSqlAgreeOnRandomRules() {
    SplittableRandom random = new SplittableRandom(SEED);
    define("city", TagType.ENUM);
    define("level", TagType.ENUM);
    define("vip", TagType.BOOLEAN);
    define("spend", TagType.NUMBER);
    define("age", TagType.NUMBER);
    define("joined", TagType.DATE);
    define("hobbies", TagType.MULTI);
    define("nick", TagType.TEXT);
    // Two snapshots: the rules must read the latest one only.
    importer.importCsv("user", csv(random), LocalDate.of(2024, 8, 5));
    importer.importCsv("user", csv(random), LocalDate.of(2024, 8, 6));

    ObjectMapper json = new ObjectMapper();
    for (int i = 0; i < RULES; i++) {
      JsonNode rule = randomRule(json, random);
      SegmentEngine.Compiled compiled = engine.compile("user", rule);
      RoaringBitmap bitmap = engine.evaluate(compiled);
      String sql = engine.sql(compiled);
      RoaringBitmap fromSql = new RoaringBitmap();
      jdbc.query(sql, rs -> {
        fromSql.add(rs.getInt(1));
      });
      assertThat(bitmap)
          .as("seed %d, rule %d: %s%nSQL: %s", SEED, i, rule, sql)
          .isEqualTo(fromSql);
    }
  }

  private void define(String code, TagType type) {
    catalog.define(new TagDefinition(code, code, type, "user", null));
  }

  private static ByteArrayInputStream csv(SplittableRandom r) {
    StringBuilder b = new StringBuilder("id,city,level,vip,spend,age,joined,hobbies,nick\n");
    for (int i = 0; i < ENTITIES; i++) {
      b.append('u').append(i);
      b.append(',').append(maybe(r, "\"" + CITIES[r.nextInt(CITIES.length)] + "\""));
      b.append(',').append(maybe(r, LEVELS[r.nextInt(LEVELS.length)]));
      b.append(',').append(maybe(r, r.nextBoolean() ? "true" : "false"));
      b.append(',').append(maybe(r, String.valueOf(r.nextInt(-50, 500) / 4.0)));
      b.append(',').append(maybe(r, String.valueOf(18 + r.nextInt(60))));
      b.append(',').append(maybe(r, LocalDate.of(2024, 1, 1).plusDays(r.nextInt(60)).toString()));
      b.append(',').append(maybe(r, HOBBIES[r.nextInt(4)] + "|" + HOBBIES[r.nextInt(4)]));
      b.append(',').append(maybe(r, NAMES[r.nextInt(NAMES.length)]));
      b.append('\n');
    }
    return new ByteArrayInputStream(b.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static String maybe(SplittableRandom r, String value) {
    return r.nextInt(5) == 0 ? "" : value; // ~20 % missing values
  }

  private static JsonNode randomRule(ObjectMapper json, SplittableRandom r) {
    ObjectNode rule = json.createObjectNode();
    ArrayNode groups = rule.putArray("groups");
    for (int g = 0, n = 1 + r.nextInt(3); g < n; g++) {
      ObjectNode group = groups.addObject();
      ArrayNode conditions = group.putArray("conditions");
      for (int c = 0, m = 1 + r.nextInt(3); c < m; c++) {
        conditions.add(randomCondition(json, r));
      }
      if (r.nextInt(3) == 0) {
        group.putArray("exclude").add(randomCondition(json, r));
      }
    }
    return rule;
  }

  private static ObjectNode randomCondition(ObjectMapper json, SplittableRandom r) {
    ObjectNode c = json.createObjectNode();
    switch (r.nextInt(7)) {
      case 0 -> enumCondition(c, r, "city", CITIES);
      case 1 -> enumCondition(c, r, "level", LEVELS);
      case 2 -> {
        c.put("tag", "vip").put("op", pick(r, "in", "not_in", "empty", "not_empty"));
        c.putArray("values").add(r.nextBoolean());
      }
      case 3 -> numberCondition(c, r, r.nextBoolean() ? "spend" : "age");
      case 4 -> {
        String op = pick(r, "on", "not_on", "before", "after", "on_or_before", "on_or_after", "between", "empty");
        c.put("tag", "joined").put("op", op);
        LocalDate d = LocalDate.of(2024, 1, 1).plusDays(r.nextInt(60));
        ArrayNode v = c.putArray("values").add(d.toString());
        if (op.equals("between")) {
          v.add(d.plusDays(r.nextInt(20)).toString());
        } else if (op.equals("empty")) {
          c.remove("values");
        }
      }
      case 5 -> {
        c.put("tag", "hobbies").put("op", pick(r, "contains_any", "contains_all", "empty", "not_empty"));
        c.putArray("values").add(HOBBIES[r.nextInt(4)]).add(HOBBIES[r.nextInt(4)]);
      }
      default -> {
        c.put("tag", "nick").put("op", pick(r, "eq", "ne", "contains", "empty", "not_empty"));
        c.putArray("values").add(r.nextBoolean() ? NAMES[r.nextInt(NAMES.length)] : pick(r, "n", "_", "%", "A"));
      }
    }
    return c;
  }

  private static void enumCondition(ObjectNode c, SplittableRandom r, String tag, String[] values) {
    c.put("tag", tag).put("op", pick(r, "in", "not_in", "empty", "not_empty"));
    ArrayNode v = c.putArray("values");
    for (int i = 0, n = 1 + r.nextInt(2); i < n; i++) {
      v.add(values[r.nextInt(values.length)]);
    }
  }

  private static void numberCondition(ObjectNode c, SplittableRandom r, String tag) {
    String op = pick(r, "eq", "ne", "gt", "gte", "lt", "lte", "between", "empty", "not_empty");
    c.put("tag", tag).put("op", op);
    double a = tag.equals("age") ? 18 + r.nextInt(60) : r.nextInt(-50, 500) / 4.0;
    if (op.equals("between")) {
      c.putArray("values").add(a).add(a + r.nextInt(40));
    } else {
      c.put("value", a);
    }
  }

  private static String pick(SplittableRandom r, String... options) {
    return options[r.nextInt(options.length)];
  }

}
