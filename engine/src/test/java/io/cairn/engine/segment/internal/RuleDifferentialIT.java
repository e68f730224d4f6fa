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
  private static final int ENTITIES = 800;
  private static final int RULES = Integer.getInteger("cairn.diff.rules", 2_000);
  private static final LocalDate[] DATES = {
    LocalDate.of(2024, 8, 1), LocalDate.of(2024, 8, 5), LocalDate.of(2024, 8, 6)
  };
  private static final String[] CITIES = {"Shanghai", "Beijing", "Wuhan", "O'Hare", "Xi'an"};
  private static final String[] LEVELS = {"bronze", "silver", "gold", "Gold", "gold "};
  private static final String[] HOBBIES = {"books", "travel", "golf", "chess"};
  private static final String[] NAMES = {"Ann", "Anna", "Bo", "Li_Na", "50%"};

  @Autowired TagCatalog catalog;
  @Autowired ProfileImporter importer;
  @Autowired SegmentEngine engine;
  @Autowired JdbcTemplate jdbc;
  @Autowired TagIndexStore store;

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
    // Three snapshots (rules read the latest, one as of a date, or a change between two), the
    // second one only for some tags; plus entities that have no tag values at all.
    importer.importCsv("user", csv(random, ENTITIES, true), DATES[0]);
    importer.importCsv("user", csv(random, ENTITIES, false), DATES[1]);
    importer.importCsv("user", csv(random, ENTITIES + 50, true), DATES[2]);
    importer.importCsv("user", new ByteArrayInputStream("id,mobile\nnobody1,13800000001\n".getBytes(StandardCharsets.UTF_8)), DATES[2]);

    ObjectMapper json = new ObjectMapper();
    TagIndex reloaded = null;
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
      assertThat(engine.count(compiled)).as("count of rule %d", i).isEqualTo(bitmap.getLongCardinality());
      if (i % 50 == 0) {
        // what a restart would load: the stored columns, not the rows
        reloaded = reloaded != null ? reloaded : new TagIndexes(store, catalog).get("user");
        assertThat(BitmapEvaluator.evaluate(ruleOf(compiled), reloaded))
            .as("reloaded index, rule %d", i)
            .isEqualTo(bitmap);
      }
    }
  }

  private static Rule ruleOf(SegmentEngine.Compiled compiled) {
    try {
      var f = SegmentEngine.Compiled.class.getDeclaredField("rule");
      f.setAccessible(true);
      return (Rule) f.get(compiled);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private void define(String code, TagType type) {
    catalog.define(new TagDefinition(code, code, type, "user", null));
  }

  private static ByteArrayInputStream csv(SplittableRandom r, int entities, boolean allTags) {
    StringBuilder b =
        new StringBuilder(allTags ? "id,city,level,vip,spend,age,joined,hobbies,nick\n" : "id,level,spend,joined\n");
    for (int i = 0; i < entities; i++) {
      b.append('u').append(i);
      if (allTags) {
        b.append(',').append(maybe(r, "\"" + CITIES[r.nextInt(CITIES.length)] + "\""));
      }
      b.append(',').append(maybe(r, "\"" + LEVELS[r.nextInt(LEVELS.length)] + "\""));
      if (allTags) {
        b.append(',').append(maybe(r, r.nextBoolean() ? "true" : "false"));
      }
      b.append(',').append(maybe(r, String.valueOf(r.nextInt(-50, 500) / 4.0)));
      if (allTags) {
        b.append(',').append(maybe(r, String.valueOf(18 + r.nextInt(60))));
      }
      b.append(',').append(maybe(r, LocalDate.of(2024, 1, 1).plusDays(r.nextInt(60)).toString()));
      if (allTags) {
        b.append(',').append(maybe(r, HOBBIES[r.nextInt(4)] + "|" + HOBBIES[r.nextInt(4)]));
        b.append(',').append(maybe(r, NAMES[r.nextInt(NAMES.length)]));
      }
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
        conditions.add(withSnapshot(randomCondition(json, r), r));
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

  /** Sometimes reads an older snapshot or a change between two (dates around the snapshots). */
  private static ObjectNode withSnapshot(ObjectNode c, SplittableRandom r) {
    int pick = r.nextInt(6);
    LocalDate d1 = DATES[0].plusDays(r.nextInt(-1, 7));
    if (pick == 0) {
      c.putObject("at").put("date", d1.toString());
    } else if (pick == 1) {
      boolean numberTag = c.get("tag").asText().equals("spend") || c.get("tag").asText().equals("age");
      String op = c.get("op").asText();
      if (numberTag && (op.equals("empty") || op.equals("not_empty"))) {
        return c;
      }
      c.putObject("at").putArray("change").add(d1.toString()).add(d1.plusDays(1 + r.nextInt(6)).toString());
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
