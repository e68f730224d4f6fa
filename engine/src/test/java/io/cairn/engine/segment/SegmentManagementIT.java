package io.cairn.engine.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.engine.problem.ConflictException;
import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.profile.ProfileImporter;
import io.cairn.engine.profile.ProfileReader;
import io.cairn.engine.profile.TagCatalog;
import io.cairn.engine.profile.TagDefinition;
import io.cairn.engine.profile.TagType;
import io.cairn.engine.testing.EngineTestApplication;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every segment kind and management operation on the real engine and database, plus the bad
 * inputs each refuses without storing anything. Merchants m0…m299: city = sh|bj|gz by i % 3, vip
 * when i % 4 == 0, spend = i.
 */
@SpringBootTest(classes = EngineTestApplication.class)
class SegmentManagementIT {

  private static final String TYPE = "merchant";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicBoolean loaded = new AtomicBoolean();

  @Autowired TagCatalog catalog;
  @Autowired ProfileImporter importer;
  @Autowired ProfileReader profiles;
  @Autowired SegmentService segments;
  @Autowired SegmentLists lists;
  @Autowired SegmentInsights insights;
  @Autowired SegmentGroups groups;
  @Autowired SegmentScheduler scheduler;
  @Autowired JdbcTemplate jdbc;

  @BeforeEach
  void data() {
    if (loaded.getAndSet(true)) {
      return;
    }
    catalog.define(new TagDefinition("m_city", "City", TagType.ENUM, TYPE, null));
    catalog.define(new TagDefinition("m_vip", "VIP", TagType.BOOLEAN, TYPE, null));
    catalog.define(new TagDefinition("m_spend", "Spend", TagType.NUMBER, TYPE, null));
    StringBuilder csv = new StringBuilder("id,m_city,m_vip,m_spend\n");
    String[] cities = {"sh", "bj", "gz"};
    for (int i = 0; i < 300; i++) {
      csv.append('m').append(i).append(',').append(cities[i % 3]).append(',')
          .append(i % 4 == 0).append(',').append(i).append('\n');
    }
    // a merchant whose external id a spreadsheet would run as a formula
    csv.append("=HYPERLINK(1),sh,false,1\n");
    importer.importCsv(TYPE, stream(csv.toString()), LocalDate.of(2026, 11, 23));
  }

  // --- kinds

  @Test
  void ruleSegmentBecomesActiveWithSqlAndSizeHistory() {
    Segment s = active(rule("sh", "{\"tag\":\"m_city\",\"op\":\"in\",\"values\":[\"sh\"]}"));
    assertThat(s.size()).isEqualTo(101); // m0, m3, …, m297 and the formula id
    SegmentDetails d = segments.details(s.id());
    assertThat(d.sql()).contains("cairn_tag_value").contains("'sh'");
    assertThat(d.sizeHistory()).extracting(SizeRecord::size).containsExactly(101L);
    segments.refresh(s.id());
    await(s.id());
    assertThat(segments.details(s.id()).sizeHistory()).hasSize(2);
  }

  @Test
  void setOperationsUnionIntersectMinusNested() {
    long sh = active(rule("sh", cond("m_city", "sh"))).id();
    long vip = active(rule("vip", "{\"tag\":\"m_vip\",\"op\":\"in\",\"values\":[true]}")).id();
    long bj = active(rule("bj", cond("m_city", "bj"))).id();
    assertThat(size(set("intersect", ref(sh), ref(vip)))).isEqualTo(25); // i % 12 == 0
    assertThat(size(set("union", ref(sh), ref(bj)))).isEqualTo(201);
    assertThat(size(set("minus", ref(sh), ref(vip)))).isEqualTo(76);
    // (sh ∪ bj) − vip, then ∩ everyone-with-spend
    String nested = "{\"op\":\"minus\",\"inputs\":[{\"op\":\"union\",\"inputs\":[" + ref(sh) + ","
        + ref(bj) + "]}," + ref(vip) + "]}";
    assertThat(size(create("SET", nested))).isEqualTo(201 - 50);
  }

  @Test
  void ruleWithCombineSubtractsAnotherSegment() {
    long vip = active(rule("vip", "{\"tag\":\"m_vip\",\"op\":\"in\",\"values\":[true]}")).id();
    String def = "{\"groups\":[{\"conditions\":[" + cond("m_city", "sh") + "]}],"
        + "\"combine\":[{\"op\":\"minus\",\"segment\":" + vip + "}]}";
    assertThat(size(create("RULE", def))).isEqualTo(76);
    assertThat(segments.estimate(TYPE, json(def)).size()).isEqualTo(76);
  }

  @Test
  void samplesAreDeterministicAndNested() {
    long all = active(rule("all", "{\"tag\":\"m_spend\",\"op\":\"gte\",\"value\":0}")).id();
    Segment ten = active(create("SAMPLE", "{\"segment\":" + all + ",\"size\":10,\"seed\":7}"));
    Segment ten2 = active(create("SAMPLE", "{\"segment\":" + all + ",\"size\":10,\"seed\":7}"));
    Segment twenty = active(create("SAMPLE", "{\"segment\":" + all + ",\"percent\":50,\"seed\":7}"));
    assertThat(ten.size()).isEqualTo(10);
    assertThat(twenty.size()).isEqualTo(151); // round(301 × 0.5)
    RoaringBitmap a = segments.members(ten.id());
    assertThat(a).isEqualTo(segments.members(ten2.id()));
    assertThat(RoaringBitmap.andNot(a, segments.members(twenty.id())).isEmpty()).isTrue();
  }

  @Test
  void lookalikeBeatsRandomOnTheHoldout() throws Exception {
    // seed: half of the Shanghai VIPs plus a few others; Shanghai VIPs should rank first
    long seed = active(rule("seed-ish", "{\"tag\":\"m_spend\",\"op\":\"lt\",\"value\":150}",
        cond("m_city", "sh"), "{\"tag\":\"m_vip\",\"op\":\"in\",\"values\":[true]}")).id();
    long wide = active(create("SET", "{\"op\":\"union\",\"inputs\":[" + ref(seed) + ","
        + ref(active(rule("few", "{\"tag\":\"m_spend\",\"op\":\"between\",\"values\":[200,209]}")).id())
        + "]}")).id();
    Segment l = active(create("LOOKALIKE", "{\"seed\":" + wide + ",\"targetSize\":30,\"tier\":\"expanded\"}"));
    JsonNode report = JSON.readTree(l.report());
    assertThat(report.get("tiers").get("precise").asInt()).isEqualTo(6);
    assertThat(report.get("lift").asDouble()).isGreaterThan(1.5);
    assertThat(RoaringBitmap.and(segments.members(l.id()), segments.members(wide)).isEmpty()).isTrue();
    assertThat(l.size()).isEqualTo(30);
  }

  @Test
  void customListReportsUnmatchedLinesAndStoresMatches() throws Exception {
    String csv = "id\nm1\nm2\n\nnobody\nm1\n" + "x".repeat(200) + "\nm5\n";
    Segment s = lists.create("list", TYPE, null, stream(csv));
    assertThat(s.kind()).isEqualTo(SegmentKind.LIST);
    assertThat(s.status()).isEqualTo(SegmentStatus.ACTIVE);
    assertThat(s.size()).isEqualTo(3);
    JsonNode r = JSON.readTree(s.report());
    assertThat(r.get("unmatched").asLong()).isEqualTo(1);
    assertThat(r.get("duplicates").asLong()).isEqualTo(1);
    assertThat(r.get("invalid").asLong()).isEqualTo(1);
    assertThat(r.get("problems").findValuesAsText("id")).contains("nobody");
    assertThat(r.get("problems").get(0).get("line").asLong()).isEqualTo(5);
  }

  @Test
  void customListRefusesBadFilesAndStoresNothing() {
    long before = segments.count(SegmentFilter.all());
    assertRefused(() -> lists.create("l", TYPE, null, stream("m1\nm2\n")), "file", "header");
    assertRefused(() -> lists.create("l", TYPE, null, stream("")), "file", "empty");
    assertRefused(() -> lists.create("l", TYPE, null, stream("id\nnope1\nnope2\n")), "file", "none of the 2 ids");
    assertRefused(() -> lists.create("l", TYPE, null, stream("id,extra\nm1,1\n")), "file", "one id column");
    byte[] line = "aaaaaaaaa\n".getBytes(StandardCharsets.US_ASCII);
    InputStream huge = new java.io.SequenceInputStream(stream("id\n"), new InputStream() {
      long n;

      @Override
      public int read() {
        return line[(int) (n++ % line.length)]; // endless: the limit must stop it
      }
    });
    assertRefused(() -> lists.create("l", TYPE, null, huge), "file", "10 MB");
    assertRefused(() -> lists.create(" ", TYPE, null, stream("id\nm1\n")), "name", "1 to 128");
    assertThat(segments.count(SegmentFilter.all())).isEqualTo(before);
  }

  @Test
  void staticSegmentsFromJourneysAreActiveAtOnce() {
    Segment s = segments.createStatic("sms failed", TYPE, RoaringBitmap.bitmapOf(1, 2, 3), "journey 1, node sms");
    assertThat(s.status()).isEqualTo(SegmentStatus.ACTIVE);
    assertThat(segments.members(s.id())).isEqualTo(RoaringBitmap.bitmapOf(1, 2, 3));
    assertRefused(() -> segments.update(s.id(), new NewSegment(null, null, null, json("{}"), null)),
        "definition", "keep the members");
  }

  // --- bad definitions

  @Test
  void badDefinitionsNameTheFieldAndStoreNothing() {
    long sh = active(rule("sh", cond("m_city", "sh"))).id();
    long user = segments.createStatic("u", "user", RoaringBitmap.bitmapOf(1), "test").id();
    long before = segments.count(SegmentFilter.all());
    assertRefused(() -> create("RULE", "{\"groups\":[{\"conditions\":[{\"tag\":\"unknown\",\"op\":\"in\",\"values\":[\"a\"]}]}]}"),
        "definition.groups[0].conditions[0].tag", "unknown tag");
    assertRefused(() -> create("RULE", "{\"groups\":[{\"conditions\":[{\"tag\":\"m_city\",\"op\":\"gt\",\"value\":1}]}]}"),
        "definition.groups[0].conditions[0].op", "");
    assertRefused(() -> create("RULE", "{\"groups\":[]}"), "definition.groups", "");
    assertRefused(() -> create("RULE", "{\"groups\":[{\"conditions\":[]}]}"), "definition.groups[0].conditions", "");
    assertRefused(() -> create("SET", "{\"op\":\"union\",\"inputs\":[" + ref(sh) + "]}"), "definition.inputs", "2 to 3");
    assertRefused(() -> create("SET", "{\"op\":\"xor\",\"inputs\":[" + ref(sh) + "," + ref(sh) + "]}"), "definition.op", "");
    assertRefused(() -> create("SET", "{\"op\":\"union\",\"inputs\":[" + ref(sh) + ",{\"segment\":999999}]}"),
        "definition.inputs[1].segment", "does not exist");
    assertRefused(() -> create("SET", "{\"op\":\"union\",\"inputs\":[" + ref(sh) + "," + ref(user) + "]}"),
        "definition.inputs[1].segment", "user entities");
    String deep = "{\"op\":\"union\",\"inputs\":[" + ref(sh) + ",{\"op\":\"union\",\"inputs\":[" + ref(sh)
        + ",{\"op\":\"union\",\"inputs\":[" + ref(sh) + ",{\"op\":\"union\",\"inputs\":[" + ref(sh) + "," + ref(sh) + "]}]}]}]}";
    assertRefused(() -> create("SET", deep), "definition.inputs[1].inputs[1].inputs[1]", "3 levels");
    assertRefused(() -> create("SAMPLE", "{\"segment\":" + sh + "}"), "definition.size", "either");
    assertRefused(() -> create("LOOKALIKE", "{\"seed\":" + sh + ",\"targetSize\":0}"), "definition.targetSize", "");
    assertRefused(() -> create("BOGUS", "{}"), "kind", "");
    assertRefused(() -> segments.create(new NewSegment("x", TYPE, "RULE", json("{\"groups\":[{\"conditions\":[" + cond("m_city", "sh") + "]}]}"),
        json("{\"refresh\":\"HOURLY\",\"refreshAt\":\"25:00\",\"timeZone\":\"Mars/Base\",\"expiresAt\":\"yesterday\",\"color\":1}"))),
        "settings.refresh", "");
    assertThat(segments.count(SegmentFilter.all())).isEqualTo(before);
  }

  @Test
  void aCycleThroughSetDefinitionsIsRefused() {
    long sh = active(rule("sh", cond("m_city", "sh"))).id();
    long bj = active(rule("bj", cond("m_city", "bj"))).id();
    long a = active(create("SET", "{\"op\":\"union\",\"inputs\":[" + ref(sh) + "," + ref(bj) + "]}")).id();
    long b = active(create("SET", "{\"op\":\"minus\",\"inputs\":[" + ref(a) + "," + ref(bj) + "]}")).id();
    // a := b ∪ sh would make a depend on itself through b
    assertRefused(() -> segments.update(a, new NewSegment(null, null, null,
        json("{\"op\":\"union\",\"inputs\":[" + ref(b) + "," + ref(sh) + "]}"), null)),
        "definition.inputs[0].segment", "cycle");
    assertRefused(() -> segments.update(a, new NewSegment(null, null, null,
        json("{\"op\":\"union\",\"inputs\":[" + ref(a) + "," + ref(sh) + "]}"), null)),
        "definition.inputs[0].segment", "cycle");
  }

  // --- lifecycle

  @Test
  void deleteIsRefusedWhileAnotherSegmentUsesItAndIsAudited() {
    long sh = active(rule("sh", cond("m_city", "sh"))).id();
    long bj = active(rule("bj", cond("m_city", "bj"))).id();
    long union = active(create("SET", "{\"op\":\"union\",\"inputs\":[" + ref(sh) + "," + ref(bj) + "]}")).id();
    assertThatThrownBy(() -> segments.delete(sh, "ann"))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("segment " + union);
    segments.delete(union, "ann");
    segments.delete(sh, "ann");
    assertThat(jdbc.queryForObject("SELECT deleted_by FROM cairn_segment_deletion WHERE segment_id = ?",
        String.class, sh)).isEqualTo("ann");
    assertThat(segments.count(new SegmentFilter(null, null, null, null, TYPE))).isPositive();
    assertThatThrownBy(() -> segments.get(sh)).hasMessageContaining("does not exist");
  }

  @Test
  void expiryExtensionAndTheDailySchedule() {
    Instant now = Instant.now();
    Segment s = active(segments.create(new NewSegment("daily", TYPE, "RULE",
        json("{\"groups\":[{\"conditions\":[" + cond("m_city", "gz") + "]}]}"),
        json("{\"refresh\":\"DAILY\",\"refreshAt\":\"04:30\",\"timeZone\":\"Asia/Shanghai\","
            + "\"expiresAt\":\"" + now.plus(Duration.ofDays(3)) + "\"}"))));
    Instant next = jdbc.queryForObject("SELECT next_refresh_at FROM cairn_segment WHERE id = ?",
        java.sql.Timestamp.class, s.id()).toInstant();
    assertThat(next).isAfter(now).isBefore(now.plus(Duration.ofDays(1)).plusSeconds(60));
    assertThat(next.atZone(java.time.ZoneId.of("Asia/Shanghai")).toLocalTime()).isEqualTo(java.time.LocalTime.of(4, 30));
    // due: exactly one refresh, even when asked twice for the same moment
    assertThat(scheduler.runDue(next.plusSeconds(1))).isGreaterThanOrEqualTo(1);
    assertThat(segments.details(s.id()).sizeHistory()).hasSize(2);
    assertThat(segments.get(s.id()).status()).isEqualTo(SegmentStatus.ACTIVE);
    // four days later it has expired and is no longer handed out or refreshed
    scheduler.runDue(now.plus(Duration.ofDays(4)));
    assertThat(segments.get(s.id()).status()).isEqualTo(SegmentStatus.EXPIRED);
    assertThatThrownBy(() -> segments.members(s.id())).isInstanceOf(ConflictException.class);
    assertRefused(() -> segments.extend(s.id(), "2020-01-01T00:00:00Z"), "expiresAt", "future");
    assertRefused(() -> segments.extend(s.id(), "soon"), "expiresAt", "ISO-8601");
    Segment revived = segments.extend(s.id(), now.plus(Duration.ofDays(30)).toString());
    assertThat(revived.status()).isEqualTo(SegmentStatus.ACTIVE);
    assertThat(revived.settings().expiresAt()).isAfter(now.plus(Duration.ofDays(29)));
  }

  @Test
  void listFiltersByNameKindStatusAndGroup() {
    SegmentGroup g = groups.create("folder " + System.nanoTime());
    Segment s = active(segments.create(new NewSegment("Findable Spring Promo", TYPE, "RULE",
        json("{\"groups\":[{\"conditions\":[" + cond("m_city", "gz") + "]}]}"),
        json("{\"groupId\":" + g.id() + "}"))));
    assertThat(segments.list(new SegmentFilter("spring promo", null, null, null, null), 0, 10))
        .extracting(Segment::id).containsExactly(s.id());
    assertThat(segments.list(new SegmentFilter(null, SegmentKind.RULE, SegmentStatus.ACTIVE, g.id(), TYPE), 0, 10))
        .extracting(Segment::id).containsExactly(s.id());
    assertThat(segments.count(new SegmentFilter(null, SegmentKind.LOOKALIKE, null, g.id(), null))).isZero();
    assertThat(groups.get(g.id()).segments()).isEqualTo(1);
    assertThatThrownBy(() -> groups.delete(g.id())).isInstanceOf(ConflictException.class);
    assertRefused(() -> groups.create(g.name()), "name", "exists");
  }

  // --- reading members

  @Test
  void membershipWithExplanation() {
    Segment s = active(segments.create(new NewSegment("explained", TYPE, "RULE", json(
        "{\"groups\":[{\"conditions\":[" + cond("m_city", "sh") + "],\"exclude\":[{\"tag\":\"m_vip\",\"op\":\"in\",\"values\":[true]}]},"
            + "{\"conditions\":[{\"tag\":\"m_spend\",\"op\":\"gte\",\"value\":290}]}]}"), null)));
    Membership m3 = insights.membership(s.id(), "m3", true); // sh, not vip
    assertThat(m3.member()).isTrue();
    assertThat(m3.groups().get(0).matched()).isTrue();
    assertThat(m3.groups().get(0).checks()).extracting(Membership.Check::holds).containsExactly(true, false);
    Membership m0 = insights.membership(s.id(), "m0", true); // sh but vip: excluded
    assertThat(m0.member()).isFalse();
    assertThat(m0.groups().get(0).checks().get(1).path()).isEqualTo("groups[0].exclude[0]");
    assertThat(insights.membership(s.id(), "m292", false).member()).isTrue(); // second group
    Membership stranger = insights.membership(s.id(), "nobody", true);
    assertThat(stranger.known()).isFalse();
    assertThat(stranger.member()).isFalse();
  }

  @Test
  void exportIsCsvDefusedAgainstFormulas() throws Exception {
    Segment s = active(rule("sh", cond("m_city", "sh")));
    StringWriter out = new StringWriter();
    insights.export(s.id(), out);
    List<String> lines = out.toString().lines().toList();
    assertThat(lines.get(0)).isEqualTo("id");
    assertThat(lines).hasSize(102).contains("m0", "m297", "'=HYPERLINK(1)");
  }

  @Test
  void insightComparesWithEveryoneAsTgi() {
    Segment s = active(rule("vip", "{\"tag\":\"m_vip\",\"op\":\"in\",\"values\":[true]}"));
    Insight insight = insights.insight(s.id(), List.of("m_vip", "m_city"));
    assertThat(insight.size()).isEqualTo(75);
    Insight.ValueShare vipTrue = insight.tags().get(0).values().get(0);
    assertThat(vipTrue.value()).isEqualTo("true");
    assertThat(vipTrue.share()).isEqualTo(1.0);
    assertThat(vipTrue.tgi()).isEqualTo(Math.round(1.0 / (75.0 / insight.population()) * 1000) / 10.0);
    assertRefused(() -> insights.insight(s.id(), List.of("m_spend")), "tags", "NUMBER");
    assertRefused(() -> insights.insight(s.id(), List.of("nope")), "tags", "unknown tag");
  }

  // --- helpers

  private Segment rule(String name, String... conditions) {
    return segments.create(new NewSegment(name, TYPE, "RULE",
        json("{\"groups\":[{\"conditions\":[" + String.join(",", conditions) + "]}]}"), null));
  }

  private Segment create(String kind, String definition) {
    return segments.create(new NewSegment(kind.toLowerCase() + "-segment", TYPE, kind, json(definition), null));
  }

  private Segment set(String op, String... inputs) {
    return create("SET", "{\"op\":\"" + op + "\",\"inputs\":[" + String.join(",", inputs) + "]}");
  }

  private long size(Segment s) {
    return active(s).size();
  }

  private static String cond(String tag, String value) {
    return "{\"tag\":\"" + tag + "\",\"op\":\"in\",\"values\":[\"" + value + "\"]}";
  }

  private static String ref(long id) {
    return "{\"segment\":" + id + "}";
  }

  private Segment active(Segment s) {
    Segment done = await(s.id());
    assertThat(done.status()).as("segment %d: %s", s.id(), done.error()).isEqualTo(SegmentStatus.ACTIVE);
    return done;
  }

  /** Computation runs on the segment executor; poll its outcome (bounded). */
  private Segment await(long id) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    Segment s = segments.get(id);
    while (s.status() == SegmentStatus.GENERATING && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      s = segments.get(id);
    }
    return s;
  }

  private static void assertRefused(Runnable action, String field, String messagePart) {
    assertThatThrownBy(action::run)
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
            .as(e.getMessage())
            .anySatisfy(v -> {
              assertThat(v.field()).isEqualTo(field);
              assertThat(v.message()).contains(messagePart);
            }));
  }

  private static JsonNode json(String s) {
    try {
      return JSON.readTree(s);
    } catch (Exception e) {
      throw new IllegalArgumentException(s, e);
    }
  }

  private static InputStream stream(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

}
