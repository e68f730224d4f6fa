package io.cairn.engine.journey.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.connectors.channel.Channel;
import io.cairn.engine.journey.Journey;
import io.cairn.engine.journey.JourneyMode;
import io.cairn.engine.journey.JourneyService;
import io.cairn.engine.journey.JourneyStatus;
import io.cairn.engine.problem.ConflictException;
import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.problem.NotFoundException;
import io.cairn.engine.problem.Violation;
import io.cairn.engine.segment.SegmentService;
import io.cairn.engine.template.SmsContent;
import io.cairn.connectors.sms.SmsType;
import io.cairn.engine.template.TemplateDraft;
import io.cairn.engine.template.Templates;
import io.cairn.engine.testing.EngineTestApplication;
import io.cairn.engine.testing.TestClock;
import io.cairn.engine.workspace.Owned;
import io.cairn.engine.workspace.Workspaces;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Workspaces and journeys on the real engine: the running limit with its FIFO queue (also under
 * concurrent starts), copy, delete with its refusals and the deployment's removal, and journeys
 * refused when they use another workspace's segment or template. The run monitor is driven by
 * hand ({@code monitor-interval=1h}: it checks once at start-up), so that a run completes exactly
 * when a test says so; "waiting" journeys sit on a 30-day timer under the {@link TestClock}, which
 * never moves here, so they stay RUNNING.
 */
@SpringBootTest(
    classes = {EngineTestApplication.class, TestClock.Config.class},
    properties = {"cairn.journeys.monitor-interval=1h", "cairn.dispatch.poll-interval=50ms"})
class JourneyWorkspaceIT {

  private static final int LIMIT = 10;
  private static final AtomicInteger KEYS = new AtomicInteger();

  @Autowired JourneyService journeys;
  @Autowired JourneyStore store;
  @Autowired JourneyRuntime runtime;
  @Autowired JourneyDeletion deletion;
  @Autowired RunMonitor monitor;
  @Autowired Workspaces workspaces;
  @Autowired SegmentService segments;
  @Autowired Templates templates;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService camunda;
  @Autowired JdbcTemplate jdbc;

  @AfterAll
  static void resetClock() {
    TestClock.reset();
  }

  @Test
  void shouldQueueStartsBeyondTheLimitAndAdmitThemInRequestOrderWhenARunCompletes() {
    long ws = workspace();
    long segment = segment(ws);
    List<Long> waiting = new ArrayList<>();
    for (int i = 0; i < LIMIT - 1; i++) {
      waiting.add(waitingJourney(ws, segment));
    }
    long quick = journeys.deploy(ws, "quick", quickBpmn(segment)).id();
    long first = waitingJourney(ws, segment);
    long second = waitingJourney(ws, segment);
    waiting.forEach(journeys::start);
    assertThat(journeys.start(quick).status()).isEqualTo(JourneyStatus.RUNNING);

    // the 11th and 12th start: requested in the opposite order of their ids
    assertThat(journeys.start(second).status()).isEqualTo(JourneyStatus.PENDING);
    assertThat(journeys.start(first).status()).isEqualTo(JourneyStatus.PENDING);
    assertThat(statuses(ws))
        .containsEntry(JourneyStatus.RUNNING, (long) LIMIT)
        .containsEntry(JourneyStatus.PENDING, 2L);
    assertThat(store.runs(second)).isEmpty();
    assertThatThrownBy(() -> journeys.start(second))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("already waiting");

    monitor.check(); // the quick journey's run has ended: COMPLETED, and its slot frees

    assertThat(journeys.get(quick).status()).isEqualTo(JourneyStatus.COMPLETED);
    assertThat(journeys.get(second).status()).isEqualTo(JourneyStatus.RUNNING);
    assertThat(store.runs(second)).hasSize(1);
    assertThat(journeys.get(first).status()).isEqualTo(JourneyStatus.PENDING);
    assertThat(statuses(ws)).containsEntry(JourneyStatus.RUNNING, (long) LIMIT);
  }

  @Test
  void shouldNeverExceedTheLimitWhenStartsArriveConcurrently() throws Exception {
    long ws = workspace();
    long segment = segment(ws);
    int starts = LIMIT + 3;
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < starts; i++) {
      ids.add(journeys.deploy(ws, "concurrent " + i, quickBpmn(segment)).id());
    }
    ExecutorService pool = Executors.newFixedThreadPool(starts);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Journey>> results = new ArrayList<>();
      for (long id : ids) {
        results.add(
            pool.submit(
                () -> {
                  go.await();
                  return journeys.start(id);
                }));
      }
      go.countDown();
      List<JourneyStatus> answers = new ArrayList<>();
      for (Future<Journey> r : results) {
        answers.add(r.get(120, TimeUnit.SECONDS).status());
      }
      assertThat(answers).filteredOn(s -> s == JourneyStatus.RUNNING).hasSize(LIMIT);
      assertThat(answers).filteredOn(s -> s == JourneyStatus.PENDING).hasSize(starts - LIMIT);
    } finally {
      pool.shutdownNow();
    }
    assertThat(statuses(ws))
        .containsEntry(JourneyStatus.RUNNING, (long) LIMIT)
        .containsEntry(JourneyStatus.PENDING, (long) starts - LIMIT);
    long runs =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM cairn_journey_run r JOIN cairn_journey j ON j.id = r.journey_id"
                + " WHERE j.workspace_id = ?",
            Long.class,
            ws);
    assertThat(runs).isEqualTo(LIMIT);
  }

  @Test
  void shouldCopyTheDiagramIntoANewNotStartedJourneyOfTheSameWorkspace() {
    long ws = workspace();
    long segment = segment(ws);
    String longName = "A".repeat(30) + " " + "B".repeat(33); // 64 characters
    Journey original = journeys.deploy(ws, longName, quickBpmn(segment));

    Journey copy = journeys.copy(original.id());
    Journey second = journeys.copy(original.id());

    assertThat(copy.name()).isEqualTo("A".repeat(30) + " " + "B".repeat(26) + " (copy)");
    assertThat(copy.name()).hasSizeLessThanOrEqualTo(64);
    assertThat(journeys.copy(journeys.deploy(ws, "Welcome", quickBpmn(segment)).id()).name())
        .isEqualTo("Welcome (copy)");
    assertThat(copy.status()).isEqualTo(JourneyStatus.NOT_STARTED);
    assertThat(copy.segmentId()).isEqualTo(segment);
    assertThat(copy.processKey()).isEqualTo(original.processKey() + "_copy1");
    assertThat(second.processKey()).isEqualTo(original.processKey() + "_copy2");
    assertThat(workspaces.workspaceOf(Owned.JOURNEY, copy.id())).contains(ws);
    assertThat(store.bpmn(copy.id()))
        .contains("segmentId")
        .contains("id=\"" + copy.processKey() + "\"");

    journeys.start(copy.id());
    monitor.check();
    assertThat(journeys.get(copy.id()).status()).isEqualTo(JourneyStatus.COMPLETED);
    assertThat(journeys.get(original.id()).status()).isEqualTo(JourneyStatus.NOT_STARTED);
    assertThatThrownBy(() -> journeys.copy(999_999_999L)).isInstanceOf(NotFoundException.class);
  }

  @Test
  void shouldRefuseDeletingPendingOrRunningJourneysAndKeepTheRunsOfDeletedOnes() {
    long ws = workspace();
    long segment = segment(ws);
    List<Long> running = new ArrayList<>();
    for (int i = 0; i < LIMIT; i++) {
      running.add(waitingJourney(ws, segment));
    }
    running.forEach(journeys::start);
    long pending = waitingJourney(ws, segment);
    assertThat(journeys.start(pending).status()).isEqualTo(JourneyStatus.PENDING);

    assertThatThrownBy(() -> journeys.delete(running.get(0)))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("RUNNING");
    assertThatThrownBy(() -> journeys.delete(pending))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("PENDING");

    Journey notStarted = journeys.deploy(ws, "never started", quickBpmn(segment));
    String notStartedDefinition = store.definitionId(notStarted.id());
    journeys.delete(notStarted.id());
    assertThatThrownBy(() -> journeys.get(notStarted.id())).isInstanceOf(NotFoundException.class);
    assertThat(journeys.list(ws, 0, 100)).extracting(Journey::id).doesNotContain(notStarted.id());
    assertThat(journeys.count(ws)).isEqualTo(LIMIT + 1);
    assertThat(deployed(notStartedDefinition)).isFalse();
    assertThatThrownBy(() -> journeys.delete(notStarted.id()))
        .isInstanceOf(NotFoundException.class);

    // A journey that failed with its process instance still waiting: deleted at once, but its
    // deployment stays until the instance is gone.
    long failed = running.get(1);
    store.markFailed(failed, "a node failed");
    String definition = store.definitionId(failed);
    journeys.delete(failed);
    assertThat(store.runs(failed)).hasSize(1);
    assertThat(deployed(definition)).isTrue();
    camunda
        .createProcessInstanceQuery()
        .processDefinitionId(definition)
        .list()
        .forEach(p -> camunda.deleteProcessInstance(p.getId(), "test"));
    deletion.removeIdleDeployments();
    assertThat(deployed(definition)).isFalse();
  }

  @Test
  void shouldRefuseAJourneyThatUsesASegmentOrTemplateOfAnotherWorkspace() {
    long a = workspace();
    long b = workspace();
    long segmentOfA = segment(a);
    long segmentOfB = segment(b);
    long templateOfA =
        templates
            .create(
                a,
                new TemplateDraft(
                    "hello " + KEYS.incrementAndGet(),
                    Channel.SMS,
                    "user",
                    new SmsContent(SmsType.NOTIFICATION, "Cairn", "Hello"),
                    null,
                    null,
                    List.of()))
            .id();

    assertThatThrownBy(() -> journeys.deploy(b, "foreign", smsBpmn(segmentOfA, templateOfA)))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(
            e ->
                assertThat(((InvalidInputException) e).violations())
                    .contains(
                        new Violation("entry", "\"Everyone\": segment " + segmentOfA + " does not exist"),
                        new Violation("sms", "\"Hello SMS\": template " + templateOfA + " does not exist")));
    assertThatThrownBy(() -> journeys.deploy(b, "foreign", smsBpmn(segmentOfB, templateOfA)))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(
            e ->
                assertThat(((InvalidInputException) e).violations())
                    .extracting(Violation::field)
                    .containsExactly("sms"));
    assertThat(journeys.list(b, 0, 10)).isEmpty();
    assertThat(journeys.deploy(a, "own", smsBpmn(segmentOfA, templateOfA)).status())
        .isEqualTo(JourneyStatus.NOT_STARTED);
  }

  private long workspace() {
    return workspaces.create("ws " + KEYS.incrementAndGet() + " " + System.nanoTime()).id();
  }

  private long segment(long workspaceId) {
    return segments
        .createStatic(workspaceId, "everyone", "user", RoaringBitmap.bitmapOfRange(0, 3), "test")
        .id();
  }

  private Map<JourneyStatus, Long> statuses(long workspaceId) {
    return journeys.list(workspaceId, 0, 200).stream()
        .collect(Collectors.groupingBy(Journey::status, Collectors.counting()));
  }

  private boolean deployed(String definitionId) {
    return repository.createProcessDefinitionQuery().processDefinitionId(definitionId).count() > 0;
  }

  /**
   * A journey whose run waits 30 days on a plain BPMN timer: stored directly (journey validation
   * has no wait component yet), so that its run stays in progress.
   */
  private long waitingJourney(long workspaceId, long segmentId) {
    String key = "waiting_" + KEYS.incrementAndGet();
    byte[] bpmn =
        process(
            key,
            "<bpmn:startEvent id=\"entry\" />"
                + "<bpmn:sequenceFlow id=\"f1\" sourceRef=\"entry\" targetRef=\"wait\" />"
                + "<bpmn:intermediateCatchEvent id=\"wait\"><bpmn:timerEventDefinition>"
                + "<bpmn:timeDuration>P30D</bpmn:timeDuration></bpmn:timerEventDefinition>"
                + "</bpmn:intermediateCatchEvent>"
                + "<bpmn:sequenceFlow id=\"f2\" sourceRef=\"wait\" targetRef=\"end\" />"
                + "<bpmn:endEvent id=\"end\" />");
    String definitionId = runtime.deploy(key, key, bpmn);
    return store.insertJourney(
        workspaceId, key, key, JourneyMode.AUDIENCE, definitionId, segmentId, bpmn, null);
  }

  private static byte[] quickBpmn(long segmentId) {
    return process(
        "quick_" + KEYS.incrementAndGet(),
        entry(segmentId)
            + "<bpmn:sequenceFlow id=\"f\" sourceRef=\"entry\" targetRef=\"end\" />"
            + "<bpmn:endEvent id=\"end\" name=\"Done\" />");
  }

  private static byte[] smsBpmn(long segmentId, long templateId) {
    return process(
        "sms_" + KEYS.incrementAndGet(),
        entry(segmentId)
            + "<bpmn:sequenceFlow id=\"f\" sourceRef=\"entry\" targetRef=\"sms\" />"
            + "<bpmn:serviceTask id=\"sms\" name=\"Hello SMS\""
            + " camunda:modelerTemplate=\"io.cairn.sendSms\""
            + " camunda:delegateExpression=\"${cairnSendSms}\"><bpmn:extensionElements>"
            + "<camunda:properties><camunda:property name=\"templateId\" value=\""
            + templateId
            + "\" /></camunda:properties></bpmn:extensionElements></bpmn:serviceTask>"
            + "<bpmn:sequenceFlow id=\"f2\" sourceRef=\"sms\" targetRef=\"end\" />"
            + "<bpmn:endEvent id=\"end\" />");
  }

  private static String entry(long segmentId) {
    return "<bpmn:startEvent id=\"entry\" name=\"Everyone\""
        + " camunda:modelerTemplate=\"io.cairn.audienceEntry\"><bpmn:extensionElements>"
        + "<camunda:properties><camunda:property name=\"segmentId\" value=\""
        + segmentId
        + "\" /></camunda:properties></bpmn:extensionElements></bpmn:startEvent>";
  }

  private static byte[] process(String key, String body) {
    return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\""
            + " xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" id=\"defs\""
            + " targetNamespace=\"http://cairn.io/journeys\">"
            + "<bpmn:process id=\""
            + key
            + "\" isExecutable=\"true\" camunda:historyTimeToLive=\"30\">"
            + body
            + "</bpmn:process></bpmn:definitions>")
        .getBytes(StandardCharsets.UTF_8);
  }
}
