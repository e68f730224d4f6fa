package io.cairn.engine.journey.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.engine.journey.BranchStats;
import io.cairn.engine.journey.JourneyHistory;
import io.cairn.engine.journey.JourneyMode;
import io.cairn.engine.journey.JourneyService;
import io.cairn.engine.journey.JourneyStatus;
import io.cairn.engine.journey.JourneyVersion;
import io.cairn.engine.journey.JourneyVersions;
import io.cairn.engine.journey.MigrationMove;
import io.cairn.engine.journey.MigrationPolicy;
import io.cairn.engine.journey.MigrationReport;
import io.cairn.engine.journey.NodeStats;
import io.cairn.engine.journey.RunEntry;
import io.cairn.engine.journey.RunStats;
import io.cairn.engine.problem.ConflictException;
import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.problem.Violation;
import io.cairn.engine.segment.SegmentService;
import io.cairn.engine.testing.EngineTestApplication;
import io.cairn.engine.testing.TestClock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishing versions of a started journey on the real engine, under the test clock, with timers
 * fired by the test: STAY keeps users in flight on their version while new runs take the new one;
 * MIGRATE moves the runs whose current nodes are unchanged, leaves the others, and its preview
 * announces exactly what the apply moves. The wait component does not exist yet, so the diagrams
 * with timers are deployed straight to the engine; the validated path is exercised with a plain
 * diagram.
 */
@SpringBootTest(
    classes = {EngineTestApplication.class, TestClock.Config.class},
    properties = {
      "camunda.bpm.job-execution.enabled=false",
      "cairn.journeys.monitor-interval=100ms",
      "cairn.dispatch.poll-interval=50ms"
    })
class JourneyVersionsIT {

  @Autowired TestClock clock;
  @Autowired JourneyStore store;
  @Autowired JourneyLauncher launcher;
  @Autowired JourneyService journeys;
  @Autowired JourneyVersions versions;
  @Autowired JourneyHistory history;
  @Autowired VersionPublisher publisher;
  @Autowired VersionStore versionStore;
  @Autowired SegmentService segments;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired TransactionTemplate tx;

  @AfterAll
  static void resetClock() {
    TestClock.reset();
  }

  @Test
  void shouldMoveRunsAtUnchangedNodesAndKeepRunsAtChangedNodesOnTheirVersion() throws Exception {
    String v1 = bpmn("versioned-v1.bpmn", "versioned");
    long journeyId = journey("versioned", v1);
    long run1 = launch(journeyId, 1_000);
    clock.advance(Duration.ofHours(1));
    fireDueTimers(); // run 1: group A moves on and ends, group B still waits
    long run2 = launch(journeyId, 600); // waits at both wait_a and wait_b

    int v2 = publish(journeyId, bpmn("versioned-v2.bpmn", "versioned"), MigrationPolicy.MIGRATE);
    assertThat(v2).isEqualTo(2);

    long groupB1 = branch(history.stats(journeyId, run1), "to_b");
    long groupA2 = branch(history.stats(journeyId, run2), "to_a");
    long groupB2 = branch(history.stats(journeyId, run2), "to_b");
    assertThat(groupB1).isBetween(400L, 600L);
    assertThat(groupA2 + groupB2).isEqualTo(600);

    MigrationReport preview = versions.preview(journeyId, 2);
    assertThat(preview.moves())
        .containsExactlyInAnyOrder(
            new MigrationMove(1, "wait_b", "Wait two hours", "wait_b", null, 1, groupB1, null),
            new MigrationMove(1, "wait_a", "Wait an hour", null, 1, 1, groupA2, "changed in v2"),
            new MigrationMove(
                1, "wait_b", "Wait two hours", null, 1, 1, groupB2,
                "its process instance also waits at a changed node"));
    assertThat(preview.movingUsers()).isEqualTo(groupB1);
    assertThat(preview.stayingUsers()).isEqualTo(600);
    assertThat(preview.migrationId()).isNull();
    assertThat(definitionOfRun(run1)).as("a preview changes nothing").isEqualTo(definition(journeyId, 1));

    MigrationReport applied = versions.apply(journeyId, 2);
    assertThat(applied.migrationId()).isNotNull();
    assertThat(applied.appliedAt()).isEqualTo(clock.instant());
    assertThat(applied.moves()).isEqualTo(preview.moves());
    assertThat(applied.movingUsers()).isEqualTo(preview.movingUsers());
    assertThat(applied.movingInstances()).isEqualTo(1);
    assertThat(applied.stayingInstances()).isEqualTo(1);
    assertThat(definitionOfRun(run1)).isEqualTo(definition(journeyId, 2));
    assertThat(definitionOfRun(run2)).isEqualTo(definition(journeyId, 1));
    assertThat(versions.preview(journeyId, 2).movingUsers()).as("nothing left to move").isZero();
    Map<Long, Integer> runVersions =
        history.runs(journeyId, 0, 10).items().stream()
            .collect(Collectors.toMap(r -> r.run().id(), RunEntry::version));
    assertThat(runVersions).containsEntry(run1, 2).containsEntry(run2, 1);
    List<JourneyVersion> listed = versions.list(journeyId);
    assertThat(listed).extracting(JourneyVersion::version).containsExactly(1, 2);
    assertThat(listed.get(1).migratedUsers()).isEqualTo(groupB1);
    assertThat(listed.get(1).current()).isTrue();

    clock.advance(Duration.ofHours(2));
    fireDueTimers();
    RunStats stats1 = history.stats(journeyId, run1);
    RunStats stats2 = history.stats(journeyId, run2);
    assertThat(stats1.version()).isEqualTo(2);
    assertThat(node(stats1, "end_b2").entered()).as("run 1 continued on v2").isEqualTo(groupB1);
    assertThat(stats1.nodes()).extracting(NodeStats::elementId).doesNotContain("end_b");
    assertThat(stats1.path().elements()).containsSubsequence("entry", "split", "wait_b", "end_b2");
    assertThat(stats1.path().flows()).contains("to_a", "to_b", "f_a_end", "f_b_end2");
    assertThat(stats2.version()).isEqualTo(1);
    assertThat(node(stats2, "end_b").entered()).as("run 2 stayed on v1").isEqualTo(groupB2);
    assertThat(node(stats2, "end_a").entered()).isEqualTo(groupA2);
    assertThat(stats2.path().flows()).doesNotContain("f_b_end2");
    assertThat(stats2.branches())
        .filteredOn(b -> b.flowId().equals("f_entry"))
        .singleElement()
        .satisfies(b -> assertThat(b.users()).isEqualTo(600));
    awaitStatus(journeyId, JourneyStatus.COMPLETED);
  }

  @Test
  void shouldKeepUsersInFlightOnTheirVersionUnderStayWhileNewRunsTakeTheNewOne() throws Exception {
    long journeyId = journey("stay", bpmn("versioned-v1.bpmn", "stay"));
    long run1 = launch(journeyId, 300);
    publish(journeyId, bpmn("versioned-v2.bpmn", "stay"), MigrationPolicy.STAY);

    MigrationReport preview = versions.preview(journeyId, 2);
    assertThat(preview.movingUsers()).isZero();
    assertThat(preview.stayingUsers()).isEqualTo(300);
    assertThat(preview.moves())
        .allSatisfy(
            m -> {
              assertThat(m.staysOnVersion()).isEqualTo(1);
              assertThat(m.reason()).isEqualTo("published with STAY");
            });
    assertThatThrownBy(() -> versions.apply(journeyId, 2))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("STAY");

    long run2 = launch(journeyId, 200);
    assertThat(definitionOfRun(run1)).isEqualTo(definition(journeyId, 1));
    assertThat(definitionOfRun(run2)).isEqualTo(definition(journeyId, 2));
    clock.advance(Duration.ofHours(3));
    fireDueTimers();
    assertThat(node(history.stats(journeyId, run1), "end_b").entered()).isPositive();
    assertThat(node(history.stats(journeyId, run2), "end_b2").entered()).isPositive();
    assertThat(history.stats(journeyId, null).run().id()).as("latest run by default").isEqualTo(run2);
  }

  @Test
  void shouldPublishThroughTheValidatorAndRefuseWhatIsNotTheSameJourney() {
    long segmentId =
        segments.createStatic("everyone", "user", RoaringBitmap.bitmapOfRange(0, 10), "test").id();
    long journeyId = journey("plain", bpmn("versioned-v1.bpmn", "plain"));

    JourneyVersion v2 = versions.publish(journeyId, plain("plain", segmentId, "end"), MigrationPolicy.STAY);
    assertThat(v2.version()).isEqualTo(2);
    assertThat(v2.policy()).isEqualTo(MigrationPolicy.STAY);
    assertThat(v2.current()).isTrue();
    assertThat(store.definitionId(journeyId)).isEqualTo(definition(journeyId, 2));
    assertThat(journeys.get(journeyId).segmentId()).isEqualTo(segmentId);

    assertThatThrownBy(
            () -> versions.publish(journeyId, plain("other_key", segmentId, "end"), MigrationPolicy.STAY))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.violations()).extracting(Violation::message).anyMatch(m -> m.contains("\"plain\"")));
    String script =
        new String(plain("plain", segmentId, "end"), StandardCharsets.UTF_8)
            .replace("<bpmn:endEvent id=\"end\" />", "<bpmn:scriptTask id=\"evil\" scriptFormat=\"js\"><bpmn:script>1</bpmn:script></bpmn:scriptTask>")
            .replace("targetRef=\"end\"", "targetRef=\"evil\"");
    assertThatThrownBy(() -> versions.publish(journeyId, script.getBytes(StandardCharsets.UTF_8), MigrationPolicy.MIGRATE))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.violations()).extracting(Violation::field).contains("evil"));
    assertThat(versions.list(journeyId)).hasSize(2);
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("other_key").count())
        .as("a refused version deploys nothing")
        .isZero();
  }

  private long journey(String key, String bpmn) {
    String definitionId = deploy(key, bpmn);
    byte[] bytes = bpmn.getBytes(StandardCharsets.UTF_8);
    return store.insertJourney(key, key, JourneyMode.AUDIENCE, definitionId, 1L, bytes);
  }

  private int publish(long journeyId, String bpmn, MigrationPolicy policy) {
    String key = store.find(journeyId).orElseThrow().processKey();
    String definitionId = deploy(key, bpmn);
    return tx.execute(s -> publisher.publishDeployed(journeyId, bpmn, definitionId, 1L, policy));
  }

  private String deploy(String key, String bpmn) {
    return repository
        .createDeployment()
        .addInputStream(key + ".bpmn", new ByteArrayInputStream(bpmn.getBytes(StandardCharsets.UTF_8)))
        .deployWithResult()
        .getDeployedProcessDefinitions()
        .get(0)
        .getId();
  }

  private long launch(long journeyId, int users) {
    return tx.execute(
        s ->
            launcher.launch(
                store.lock(journeyId).orElseThrow(), "user", RoaringBitmap.bitmapOfRange(0, users)));
  }

  private String definitionOfRun(long runId) {
    String pid =
        tx.execute(
            s ->
                store.runningRuns().stream()
                    .filter(r -> r.runId() == runId)
                    .findFirst()
                    .orElseThrow()
                    .processInstanceId());
    return runtime.createProcessInstanceQuery().processInstanceId(pid).singleResult().getProcessDefinitionId();
  }

  private String definition(long journeyId, int version) {
    return tx.execute(
        s ->
            versionStore.versions(journeyId).stream()
                .filter(v -> v.version() == version)
                .findFirst()
                .orElseThrow()
                .definitionId());
  }

  /** Runs every timer that is due, including ones that become due by running others. */
  private void fireDueTimers() {
    List<Job> due;
    while (!(due =
            management
                .createJobQuery()
                .timers()
                .duedateLowerThan(Date.from(clock.instant().plusSeconds(1))) // MySQL: whole seconds
                .list())
        .isEmpty()) {
      due.forEach(j -> management.executeJob(j.getId()));
    }
  }

  private static long branch(RunStats stats, String flowId) {
    return stats.branches().stream()
        .filter(b -> b.flowId().equals(flowId))
        .mapToLong(BranchStats::users)
        .findFirst()
        .orElseThrow();
  }

  private static NodeStats node(RunStats stats, String elementId) {
    return stats.nodes().stream()
        .filter(n -> n.elementId().equals(elementId))
        .findFirst()
        .orElseThrow(() -> new AssertionError(elementId + " not in " + stats.nodes()));
  }

  private String bpmn(String file, String key) {
    try (var in = getClass().getResourceAsStream("/journeys/" + file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("PROCESS_KEY", key);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A journey the validator accepts: the entry, then one end event. */
  private static byte[] plain(String key, long segmentId, String endId) {
    return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\""
            + " xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" id=\"defs\""
            + " targetNamespace=\"http://cairn.io/journeys\">"
            + "<bpmn:process id=\"" + key + "\" isExecutable=\"true\">"
            + "<bpmn:startEvent id=\"entry\" camunda:modelerTemplate=\"io.cairn.audienceEntry\">"
            + "<bpmn:extensionElements><camunda:properties>"
            + "<camunda:property name=\"segmentId\" value=\"" + segmentId + "\" />"
            + "</camunda:properties></bpmn:extensionElements></bpmn:startEvent>"
            + "<bpmn:sequenceFlow id=\"f\" sourceRef=\"entry\" targetRef=\"" + endId + "\" />"
            + "<bpmn:endEvent id=\"" + endId + "\" />"
            + "</bpmn:process></bpmn:definitions>")
        .getBytes(StandardCharsets.UTF_8);
  }

  private void awaitStatus(long journeyId, JourneyStatus status) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (journeys.get(journeyId).status() != status) {
      assertThat(Instant.now()).as("journey reached " + status).isBefore(deadline);
      Thread.sleep(50);
    }
  }
}
