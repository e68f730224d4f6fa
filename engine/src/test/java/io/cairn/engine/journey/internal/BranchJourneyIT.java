package io.cairn.engine.journey.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.connectors.channel.Channel;
import io.cairn.connectors.sandbox.SandboxMessage;
import io.cairn.engine.journey.Journey;
import io.cairn.engine.journey.JourneyRun;
import io.cairn.engine.journey.JourneyService;
import io.cairn.engine.journey.JourneyStatus;
import io.cairn.engine.journey.NodeStats;
import io.cairn.engine.profile.EntityRegistry;
import io.cairn.engine.profile.ProfileImporter;
import io.cairn.engine.profile.TagCatalog;
import io.cairn.engine.profile.TagDefinition;
import io.cairn.engine.profile.TagType;
import io.cairn.engine.sandbox.SandboxMessages;
import io.cairn.engine.segment.Segment;
import io.cairn.engine.segment.SegmentGroups;
import io.cairn.engine.segment.SegmentKind;
import io.cairn.engine.segment.SegmentService;
import io.cairn.engine.testing.EngineTestApplication;
import io.cairn.engine.testing.TestClock;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The tag, copy and time branches and "save as audience" on the real engine, in cohort mode (and
 * the tag branch's event-mode pick), under a moved clock.
 */
@SpringBootTest(
    classes = {EngineTestApplication.class, TestClock.Config.class},
    properties = {
      "cairn.dispatch.poll-interval=50ms",
      "cairn.journeys.monitor-interval=100ms",
      "cairn.test.context=branches"
    })
class BranchJourneyIT {

  private static final String[] TIERS = {"gold", "silver", "bronze", ""};

  @Autowired JourneyService journeys;
  @Autowired JourneyRuntime journeyRuntime;
  @Autowired SegmentService segments;
  @Autowired SegmentGroups groups;
  @Autowired ProfileImporter importer;
  @Autowired EntityRegistry entities;
  @Autowired TagCatalog catalog;
  @Autowired SandboxMessages sandbox;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired ManagementService management;
  @Autowired JdbcTemplate jdbc;
  @Autowired TestClock clock;

  @AfterAll
  static void resetClock() {
    TestClock.reset();
  }

  /**
   * Imports {@code n} users {@code <prefix><i>} with mobile {@code +86<digits><i, 5 digits>}, tier
   * {@code TIERS[i % 4]} and score {@code i * 7 % 100}; returns user index → dense entity id.
   */
  private int[] importUsers(String prefix, String digits, int n) {
    if (catalog.find("user", "br_tier").isEmpty()) {
      catalog.define(new TagDefinition("br_tier", "Tier", TagType.ENUM, "user", null));
      catalog.define(new TagDefinition("br_score", "Score", TagType.NUMBER, "user", null));
    }
    StringBuilder csv = new StringBuilder("id,mobile,br_tier,br_score\n");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(prefix + i);
      csv.append(prefix).append(i).append(",").append(mobile(digits, i)).append(',')
          .append(TIERS[i % 4]).append(',').append(i * 7 % 100).append('\n');
    }
    assertThat(importer.importCsv("user", new ByteArrayInputStream(csv.toString().getBytes(UTF_8)), null)
            .imported())
        .isEqualTo(n);
    Map<String, Integer> dense = entities.ensure("user", ids);
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = dense.get(prefix + i);
    }
    return out;
  }

  private static String mobile(String digits, int i) {
    return "+86" + digits + String.format("%05d", i);
  }

  private static RoaringBitmap all(int[] dense) {
    return RoaringBitmap.bitmapOf(dense);
  }

  private Journey deploy(String file, Map<String, String> replacements) throws Exception {
    String xml = new String(getClass().getResourceAsStream("/journeys/" + file).readAllBytes(), UTF_8);
    for (Map.Entry<String, String> r : replacements.entrySet()) {
      xml = xml.replace(r.getKey(), r.getValue());
    }
    return journeys.deploy(file, xml.getBytes(UTF_8));
  }

  /** Recipients of the SMS whose text contains {@code marker}. */
  private Set<String> smsRecipients(String marker) {
    List<SandboxMessage> sms = sandbox.list(Channel.SMS, null, 0, 10_000).items();
    List<String> recipients =
        sms.stream().filter(m -> m.body().contains(marker)).map(SandboxMessage::recipient).toList();
    assertThat(recipients).as("one " + marker + " message per user").doesNotHaveDuplicates();
    return new HashSet<>(recipients);
  }

  private static Set<String> mobiles(String digits, int n, IntPredicate which) {
    Set<String> out = new HashSet<>();
    for (int i = 0; i < n; i++) {
      if (which.test(i)) {
        out.add(mobile(digits, i));
      }
    }
    return out;
  }

  private static Set<String> mobiles(String digits, int[] dense, RoaringBitmap members) {
    return mobiles(digits, dense.length, i -> members.contains(dense[i]));
  }

  private NodeStats node(long journeyId, String element) {
    return journeys.stats(journeyId).nodes().stream()
        .filter(n -> n.elementId().equals(element))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no node " + element));
  }

  private void awaitStatus(long journeyId, JourneyStatus status) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (journeys.get(journeyId).status() != status) {
      assertThat(Instant.now()).as("journey reached " + status).isBefore(deadline);
      Thread.sleep(100);
    }
  }

  private void awaitSms(String marker, int count) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (smsRecipients(marker).size() < count) {
      assertThat(Instant.now()).as(count + " " + marker + " messages").isBefore(deadline);
      Thread.sleep(100);
    }
  }

  private String processInstance(long journeyId) {
    JourneyRun run = journeys.runs(journeyId).get(0);
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey("run-" + run.id())
            .list().stream().findFirst().map(p -> p.getId())
        .orElseGet(
            () ->
                history.createHistoricProcessInstanceQuery()
                    .processInstanceBusinessKey("run-" + run.id())
                    .singleResult()
                    .getId());
  }

  @Test
  void shouldSendEveryMemberDownTheFirstBranchWhoseRuleTheyMatch() throws Exception {
    int n = 400;
    int[] dense = importUsers("tg", "131", n);
    long segment = segments.createStatic("tag entry", "user", all(dense), "test").id();
    Journey journey = deploy("tag-branch.bpmn", Map.of("SEGMENT_ID", String.valueOf(segment)));

    journeys.start(journey.id());
    awaitStatus(journey.id(), JourneyStatus.COMPLETED);

    // rules in file order, first match wins: gold; score ≥ 50; silver; the rest is "other"
    IntPredicate gold = i -> TIERS[i % 4].equals("gold");
    IntPredicate score = i -> !gold.test(i) && i * 7 % 100 >= 50;
    IntPredicate silver = i -> !gold.test(i) && !score.test(i) && TIERS[i % 4].equals("silver");
    IntPredicate other = i -> !gold.test(i) && !score.test(i) && !silver.test(i);
    Map<String, Set<String>> got = new HashMap<>();
    for (String branch : List.of("gold", "score", "silver", "other")) {
      got.put(branch, smsRecipients("T-" + branch));
    }
    assertThat(got.get("gold")).isEqualTo(mobiles("131", n, gold)).isNotEmpty();
    assertThat(got.get("score")).isEqualTo(mobiles("131", n, score)).isNotEmpty();
    assertThat(got.get("silver")).isEqualTo(mobiles("131", n, silver)).isNotEmpty();
    assertThat(got.get("other")).isEqualTo(mobiles("131", n, other)).isNotEmpty();
    List<String> everyone = got.values().stream().flatMap(Set::stream).toList();
    assertThat(everyone).as("every member in exactly one branch").doesNotHaveDuplicates().hasSize(n);

    assertThat(node(journey.id(), "tier").entered()).isEqualTo(n);
    assertThat(node(journey.id(), "tier").left()).isEqualTo(n);
    assertThat(node(journey.id(), "sms_silver").entered()).isEqualTo(got.get("silver").size());
  }

  @Test
  void shouldPickTheFirstMatchingBranchForOneUserInEventMode() throws Exception {
    int[] dense = importUsers("te", "134", 12);
    String xml =
        new String(getClass().getResourceAsStream("/journeys/tag-branch.bpmn").readAllBytes(), UTF_8)
            .replace("id=\"tag_branch\"", "id=\"tag_event\"")
            .replaceAll("(?s)<bpmn:startEvent id=\"entry\".*?</bpmn:startEvent>",
                "<bpmn:startEvent id=\"entry\" name=\"Event\" />")
            .replaceAll(
                "(?s)<bpmn:serviceTask id=\"(sms_[a-z]+)\".*?</bpmn:serviceTask>",
                "<bpmn:endEvent id=\"end_$1\" />")
            .replaceAll("targetRef=\"(sms_[a-z]+)\"", "targetRef=\"end_$1\"");
    journeyRuntime.deploy(
        "tag-event", "tag_event", JourneyCompiler.standard().compile(xml.getBytes(UTF_8)));

    // user i: tier TIERS[i % 4], score i * 7 % 100; rules: gold, score >= 50, silver
    Map<Integer, String> fixed =
        Map.of(
            0, "end_sms_gold", // gold, 0
            8, "end_sms_gold", // gold, 56: both rules match, the first wins
            9, "end_sms_score", // silver, 63: score comes before silver
            10, "end_sms_score", // bronze, 70
            1, "end_sms_silver", // silver, 7
            2, "end_sms_other", // bronze, 14
            3, "end_sms_other"); // no tier, 21
    for (Map.Entry<Integer, String> e : fixed.entrySet()) {
      int entity = dense[e.getKey()];
      String pid =
          runtime
              .startProcessInstanceByKey(
                  "tag_event",
                  "user:" + entity,
                  Variables.createVariables()
                      .putValue(CohortVariables.JOURNEY, 0L)
                      .putValue(CohortVariables.RUN, 0L)
                      .putValue(CohortVariables.ENTITY_TYPE, "user")
                      .putValue(EventVariables.ENTITY, entity))
              .getId();
      assertThat(
              history.createHistoricProcessInstanceQuery().processInstanceId(pid).singleResult()
                  .getEndActivityId())
          .as("user " + e.getKey())
          .isEqualTo(e.getValue());
    }
  }

  @Test
  void shouldGiveEveryCopyBranchTheWholeCohortOfItsToken() throws Exception {
    int n = 300;
    int[] dense = importUsers("cp", "132", n);
    RoaringBitmap audience = all(dense);
    long segment = segments.createStatic("copy entry", "user", audience, "test").id();
    Journey journey = deploy("copy-branch.bpmn", Map.of("SEGMENT_ID", String.valueOf(segment)));

    journeys.start(journey.id());
    awaitStatus(journey.id(), JourneyStatus.COMPLETED);

    RoaringBitmap[] parts = RandomSplit.partition(audience, new double[] {60, 40}, "copy_branch/split");
    Set<String> a = mobiles("132", dense, parts[0]);
    Set<String> b = mobiles("132", dense, parts[1]);
    // the copy branch follows a split: both copies carry the split's branch, not the entry cohort
    assertThat(smsRecipients("C-x")).isEqualTo(a).isNotEmpty();
    assertThat(smsRecipients("C-y")).isEqualTo(a);
    assertThat(smsRecipients("C-z")).isEqualTo(b).isNotEmpty();
    assertThat(node(journey.id(), "copy").entered()).isEqualTo(a.size());
    assertThat(node(journey.id(), "copy").left()).isEqualTo(a.size());
  }

  @Test
  void shouldContinueOnEveryCopyBranchForOneUserInEventMode() {
    String xml =
        "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\""
            + " xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" targetNamespace=\"t\">"
            + "<bpmn:process id=\"copy_event\" isExecutable=\"true\" camunda:historyTimeToLive=\"1\">"
            + "<bpmn:startEvent id=\"entry\" />"
            + "<bpmn:sequenceFlow id=\"f\" sourceRef=\"entry\" targetRef=\"copy\" />"
            + "<bpmn:parallelGateway id=\"copy\" camunda:modelerTemplate=\"io.cairn.copyBranch\" />"
            + "<bpmn:sequenceFlow id=\"c_x\" sourceRef=\"copy\" targetRef=\"end_x\" />"
            + "<bpmn:sequenceFlow id=\"c_y\" sourceRef=\"copy\" targetRef=\"end_y\" />"
            + "<bpmn:endEvent id=\"end_x\" /><bpmn:endEvent id=\"end_y\" />"
            + "</bpmn:process></bpmn:definitions>";
    journeyRuntime.deploy(
        "copy-event", "copy_event", JourneyCompiler.standard().compile(xml.getBytes(UTF_8)));

    String pid =
        runtime
            .startProcessInstanceByKey(
                "copy_event",
                "user:1",
                Variables.createVariables()
                    .putValue(CohortVariables.JOURNEY, 0L)
                    .putValue(CohortVariables.RUN, 0L)
                    .putValue(CohortVariables.ENTITY_TYPE, "user")
                    .putValue(EventVariables.ENTITY, 1))
            .getId();

    assertThat(
            history.createHistoricActivityInstanceQuery().processInstanceId(pid).finished().list()
                .stream()
                .map(a -> a.getActivityId())
                .toList())
        .containsExactlyInAnyOrder("entry", "copy", "end_x", "end_y");
  }

  @Test
  void shouldStartEachTimeBranchAtItsTimeAndNotBefore() throws Exception {
    int n = 50;
    int[] dense = importUsers("tm", "133", n);
    long segment = segments.createStatic("time entry", "user", all(dense), "test").id();
    Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
    Instant morning = now.plus(Duration.ofDays(1));
    Instant evening = now.plus(Duration.ofDays(2));
    Journey journey =
        deploy(
            "time-branch.bpmn",
            Map.of(
                "SEGMENT_ID", String.valueOf(segment),
                "AT_MORNING", LocalDateTime.ofInstant(morning, ZoneOffset.UTC).toString(),
                "AT_EVENING",
                    LocalDateTime.ofInstant(evening, ZoneId.of("Asia/Shanghai")).toString()));

    journeys.start(journey.id());
    String pid = processInstance(journey.id());
    List<Job> timers = management.createJobQuery().processInstanceId(pid).timers().list();
    assertThat(timers.stream().map(Job::getDuedate).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder(Date.from(morning), Date.from(evening));
    assertThat(node(journey.id(), "cairnAt_t_morning").entered()).isEqualTo(n);
    assertThat(node(journey.id(), "cairnAt_t_morning").name()).startsWith("Morning: at ");

    clock.set(morning.minus(Duration.ofMinutes(1)));
    assertThat(smsRecipients("M-")).isEmpty();
    clock.set(morning);
    awaitSms("M-morning", n);
    assertThat(smsRecipients("M-evening")).isEmpty();
    assertThat(smsRecipients("M-morning")).isEqualTo(mobiles("133", n, i -> true));

    clock.set(evening.minus(Duration.ofMinutes(1)));
    assertThat(management.createJobQuery().processInstanceId(pid).timers()
            .duedateLowerThan(Date.from(clock.instant())).count())
        .as("the evening branch is not due a minute early")
        .isZero();
    assertThat(smsRecipients("M-evening")).isEmpty();
    clock.set(evening);
    awaitStatus(journey.id(), JourneyStatus.COMPLETED);
    assertThat(smsRecipients("M-evening")).isEqualTo(mobiles("133", n, i -> true));
    assertThat(node(journey.id(), "cairnAt_t_evening").left()).isEqualTo(n);
  }

  @Test
  void shouldSaveTheCohortAsOneStaticSegmentPerRunAndNode() throws Exception {
    int n = 200;
    int[] dense = importUsers("sv", "135", n);
    RoaringBitmap audience = all(dense);
    long segment = segments.createStatic("save entry", "user", audience, "test").id();
    long folder = groups.create("journey outputs " + System.nanoTime()).id();
    String name = "group A " + System.nanoTime();
    Journey journey =
        deploy(
            "save-audience.bpmn",
            Map.of(
                "SEGMENT_ID", String.valueOf(segment),
                "AUDIENCE_NAME", name,
                "GROUP_ID", String.valueOf(folder)));

    journeys.start(journey.id());
    long run = journeys.runs(journey.id()).get(0).id();
    RoaringBitmap a = RandomSplit.partition(audience, new double[] {60, 40}, "save_audience/split")[0];
    Segment saved = savedSegment(run);
    assertThat(saved.name()).isEqualTo(name);
    assertThat(saved.kind()).isEqualTo(SegmentKind.STATIC);
    assertThat(saved.settings().groupId()).isEqualTo(folder);
    assertThat(saved.settings().scenario()).isEqualTo("group A of the test");
    assertThat(saved.definition()).contains("\"visibility\":\"PRIVATE\"").contains("\"runId\":" + run);
    assertThat(segments.members(saved.id())).isEqualTo(a);
    assertThat(node(journey.id(), "save").entered()).isEqualTo(a.getLongCardinality());

    // the operator restarts the node with the same token: no second segment, no new snapshot
    String pid = processInstance(journey.id());
    Execution waiting =
        runtime.createExecutionQuery().processInstanceId(pid).activityId("wait").singleResult();
    Object cohort = runtime.getVariable(waiting.getId(), CohortVariables.COHORT);
    int snapshots = snapshots(saved.id());
    runtime
        .createProcessInstanceModification(pid)
        .startBeforeActivity("save")
        .setVariableLocal(CohortVariables.COHORT, cohort)
        .execute();
    assertThat(runtime.createExecutionQuery().processInstanceId(pid).activityId("wait").count())
        .isEqualTo(2);
    assertThat(savedSegment(run).id()).isEqualTo(saved.id());
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cairn_segment WHERE name = ?", Long.class, name))
        .isEqualTo(1);
    assertThat(snapshots(saved.id())).isEqualTo(snapshots);
    assertThat(segments.members(saved.id())).isEqualTo(a);

    clock.advance(Duration.ofDays(1));
    awaitStatus(journey.id(), JourneyStatus.COMPLETED);
  }

  private Segment savedSegment(long run) {
    List<Long> ids =
        jdbc.queryForList(
            "SELECT segment_id FROM cairn_journey_audience WHERE run_id = ?", Long.class, run);
    assertThat(ids).hasSize(1);
    return segments.get(ids.get(0));
  }

  private int snapshots(long segmentId) {
    return jdbc.queryForObject(
        "SELECT COUNT(*) FROM cairn_segment_snapshot WHERE segment_id = ?", Integer.class, segmentId);
  }
}
