package io.cairn.engine.journey.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.connectors.channel.Channel;
import io.cairn.connectors.sandbox.SandboxMessage;
import io.cairn.engine.delivery.ActionStats;
import io.cairn.engine.journey.EntryFrequency;
import io.cairn.engine.journey.Journey;
import io.cairn.engine.journey.JourneySchedule;
import io.cairn.engine.journey.JourneyMode;
import io.cairn.engine.workspace.Workspaces;
import io.cairn.engine.journey.JourneyRun;
import io.cairn.engine.journey.JourneyService;
import io.cairn.engine.journey.JourneyStats;
import io.cairn.engine.journey.JourneyStatus;
import io.cairn.engine.problem.ConflictException;
import io.cairn.engine.profile.ProfileImporter;
import io.cairn.engine.profile.ProfileReader;
import io.cairn.engine.sandbox.SandboxMessages;
import io.cairn.engine.segment.SegmentService;
import io.cairn.engine.testing.EngineTestApplication;
import io.cairn.engine.testing.TestClock;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Audience-entry schedules on the real engine under the test clock: one run per period named by
 * the period, pause skips periods, resume continues with the next one, the end time stops new runs
 * and completes the journey, missed periods run once (the latest) and are recorded SKIPPED
 * otherwise, concurrent claims never run a period twice, stop cancels a waiting run, and encrypted
 * audience ids are decrypted at entry. The scheduler's own poller is slowed to an hour: the test
 * drives it explicitly.
 */
@SpringBootTest(
    classes = {EngineTestApplication.class, TestClock.Config.class},
    properties = {
      "cairn.dispatch.poll-interval=50ms",
      "cairn.journeys.monitor-interval=100ms",
      "cairn.journeys.schedule-interval=1h",
      "cairn.journeys.audience-key=" + JourneyScheduleIT.KEY
    })
class JourneyScheduleIT {

  /** A test-only AES-128 key. */
  static final String KEY = "AAECAwQFBgcICQoLDA0ODw==";

  private static final int USERS = 20;
  private static final Instant JAN_1 = Instant.parse("2030-01-01T09:00:00Z");

  @Autowired TestClock clock;
  @Autowired JourneyService journeys;
  @Autowired JourneyScheduler scheduler;
  @Autowired JourneyStore store;
  @Autowired JourneyRuntime runtime;
  @Autowired SegmentService segments;
  @Autowired ProfileImporter importer;
  @Autowired ProfileReader profiles;
  @Autowired SandboxMessages sandbox;
  @Autowired JdbcTemplate jdbc;
  @Autowired TransactionTemplate tx;
  @Autowired RuntimeService camunda;
  @Autowired ManagementService management;

  private static long segmentId;

  @BeforeEach
  void users() {
    clock.set(JAN_1);
    if (segmentId == 0) {
      StringBuilder csv = new StringBuilder("id,mobile\n");
      for (int i = 0; i < USERS; i++) {
        csv.append("u").append(i).append(",+8613").append(900000 + i).append('\n');
      }
      importer.importCsv("user", stream(csv.toString()), null);
      RoaringBitmap all = new RoaringBitmap();
      profiles.entityIds("user", ids(0, USERS)).values().forEach(all::add);
      segmentId = segments.createStatic("scheduled", "user", all, "test").id();
    }
  }

  /** Journeys of one test must not run in the next one's periods. */
  @AfterEach
  void stopEveryJourney() {
    for (Journey j : journeys.list(0, 200)) {
      if (Set.of(JourneyStatus.RUNNING, JourneyStatus.PAUSED).contains(j.status())) {
        journeys.stop(j.id());
      }
    }
  }

  @AfterAll
  static void resetClock() {
    TestClock.reset();
  }

  @Test
  void shouldRunADailyJourneyOncePerDayNamedByPeriodAndPauseAndResume() throws Exception {
    Journey j = journeys.deploy("Welcome", bpmn("daily", "<p name='time' value='10:00'/>"));
    journeys.start(j.id());

    assertThat(journeys.get(j.id()).status()).isEqualTo(JourneyStatus.RUNNING);
    assertThat(journeys.runs(j.id())).as("armed, nothing due yet").isEmpty();
    JourneySchedule schedule = journeys.schedule(j.id());
    assertThat(schedule.frequency()).isEqualTo(EntryFrequency.DAILY);
    assertThat(schedule.timeZone()).as("the default zone, fixed at save").isEqualTo("UTC");
    assertThat(schedule.nextRunAt()).isEqualTo(Instant.parse("2030-01-01T10:00:00Z"));
    assertThat(scheduler.runDue()).isZero();

    clock.set(Instant.parse("2030-01-01T10:00:00Z"));
    assertThat(scheduler.runDue()).isEqualTo(1);
    assertThat(scheduler.runDue()).as("a repeated claim of the same period").isZero();
    JourneyRun first = awaitRun(j.id(), "Welcome_20300101", "COMPLETED");
    assertThat(first.period()).isEqualTo("20300101");
    assertThat(first.scheduledAt()).isEqualTo(Instant.parse("2030-01-01T10:00:00Z"));
    assertThat(first.audienceSize()).isEqualTo(USERS);
    awaitSettled();
    assertThat(journeys.get(j.id()).status())
        .as("a periodic journey stays RUNNING between runs")
        .isEqualTo(JourneyStatus.RUNNING);

    clock.set(Instant.parse("2030-01-02T10:00:30Z"));
    assertThat(scheduler.runDue()).isEqualTo(1);
    awaitRun(j.id(), "Welcome_20300102", "COMPLETED");

    journeys.pause(j.id());
    assertThat(journeys.get(j.id()).status()).isEqualTo(JourneyStatus.PAUSED);
    clock.set(Instant.parse("2030-01-03T10:00:00Z"));
    assertThat(scheduler.runDue()).as("paused: the period of Jan 3 is skipped").isZero();
    assertThatThrownBy(() -> journeys.pause(j.id())).isInstanceOf(ConflictException.class);

    clock.set(Instant.parse("2030-01-04T09:30:00Z"));
    journeys.resume(j.id());
    assertThat(journeys.get(j.id()).status()).isEqualTo(JourneyStatus.RUNNING);
    assertThat(scheduler.runDue()).as("resumed before the next period: nothing yet").isZero();
    clock.set(Instant.parse("2030-01-04T10:00:00Z"));
    assertThat(scheduler.runDue()).isEqualTo(1);
    awaitRun(j.id(), "Welcome_20300104", "COMPLETED");

    List<JourneyRun> runs = journeys.runs(j.id());
    assertThat(runs)
        .extracting(JourneyRun::name)
        .containsExactly("Welcome_20300101", "Welcome_20300102", "Welcome_20300104");
    for (JourneyRun run : runs) {
      JourneyStats stats = journeys.stats(j.id(), run.id());
      assertThat(stats.run().id()).isEqualTo(run.id());
      assertThat(stats.actions()).singleElement().extracting(ActionStats::recipients).isEqualTo((long) USERS);
      assertThat(stats.nodes())
          .filteredOn(n -> n.elementId().equals("sms"))
          .singleElement()
          .satisfies(n -> assertThat(n.entered()).isEqualTo(USERS));
    }
    awaitSettled();
    Map<String, Long> perUser = smsPerMobile(j.id());
    assertThat(perUser).hasSize(USERS);
    assertThat(perUser.values()).as("one message per user per run").containsOnly(3L);
  }

  @Test
  void shouldStartNoRunAtTheEndTimeAndCompleteAfterTheLastRun() throws Exception {
    Journey j =
        journeys.deploy(
            "Ending",
            bpmn(
                "daily",
                "<p name='time' value='11:00'/><p name='endAt' value='2030-01-03T11:00'/>"));
    journeys.start(j.id());

    clock.set(Instant.parse("2030-01-01T11:00:00Z"));
    assertThat(scheduler.runDue()).isEqualTo(1);
    awaitRun(j.id(), "Ending_20300101", "COMPLETED");
    awaitSettled();
    assertThat(journeys.get(j.id()).status())
        .as("a period lies ahead before the end time: the journey goes on")
        .isEqualTo(JourneyStatus.RUNNING);

    clock.set(Instant.parse("2030-01-02T11:00:00Z"));
    assertThat(scheduler.runDue()).isEqualTo(1);
    assertThat(store.nextRunAt(j.id())).as("the period at the end time is never armed").isEmpty();
    awaitRun(j.id(), "Ending_20300102", "COMPLETED");
    awaitStatus(j.id(), JourneyStatus.COMPLETED);

    clock.set(Instant.parse("2030-01-03T11:00:00Z"));
    assertThat(scheduler.runDue()).isZero();
    assertThat(journeys.runs(j.id())).hasSize(2);
    assertThatThrownBy(() -> journeys.start(j.id()))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("no period left");
  }

  @Test
  void shouldRunOnlyTheLatestMissedPeriodAndRecordTheOthersSkipped() throws Exception {
    Journey j = journeys.deploy("Outage", bpmn("daily", "<p name='time' value='08:00'/>"));
    journeys.start(j.id()); // at 09:00: the first period is Jan 2, 08:00

    clock.set(Instant.parse("2030-01-05T12:00:00Z")); // Cairn was down from Jan 1 to Jan 5
    assertThat(scheduler.runDue()).isEqualTo(1);
    assertThat(scheduler.runDue()).isZero();

    awaitRun(j.id(), "Outage_20300105", "COMPLETED");
    List<JourneyRun> runs = journeys.runs(j.id());
    assertThat(runs)
        .extracting(JourneyRun::period, JourneyRun::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("20300102", "SKIPPED"),
            org.assertj.core.groups.Tuple.tuple("20300103", "SKIPPED"),
            org.assertj.core.groups.Tuple.tuple("20300104", "SKIPPED"),
            org.assertj.core.groups.Tuple.tuple("20300105", "COMPLETED"));
    assertThat(runs.get(0).error()).contains("only the latest missed period (20300105) ran");
    assertThat(runs.get(0).audienceSize()).isZero();
    assertThat(store.nextRunAt(j.id())).contains(Instant.parse("2030-01-06T08:00:00Z"));
    assertThat(journeys.stats(j.id()).run().period())
        .as("statistics show the latest run that ran")
        .isEqualTo("20300105");
  }

  @Test
  void shouldLaunchAPeriodOnceWhenClaimedConcurrently() throws Exception {
    Journey j = journeys.deploy("Race", bpmn("daily", "<p name='time' value='12:00'/>"));
    journeys.start(j.id());
    clock.set(Instant.parse("2030-01-01T12:00:00Z"));
    JourneyStore.Due due = store.dueJourneys(clock.instant()).stream()
        .filter(d -> d.journeyId() == j.id()).findFirst().orElseThrow();

    int claimers = 4;
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(claimers);
    List<Future<Boolean>> results = new ArrayList<>();
    try {
      for (int i = 0; i < claimers; i++) {
        Callable<Boolean> claim = () -> {
          go.await();
          return scheduler.claimAndLaunch(due, clock.instant());
        };
        results.add(pool.submit(claim));
      }
      go.countDown();
      int launched = 0;
      for (Future<Boolean> r : results) {
        launched += r.get() ? 1 : 0;
      }
      assertThat(launched).as("claims that launched the period").isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(scheduler.claimAndLaunch(due, clock.instant())).as("a stale claim").isFalse();
    assertThat(journeys.runs(j.id())).singleElement().extracting(JourneyRun::name)
        .isEqualTo("Race_20300101");
    assertThat(journeys.get(j.id()).status()).isEqualTo(JourneyStatus.RUNNING);
    awaitRun(j.id(), "Race_20300101", "COMPLETED");
    assertThat(jdbc.queryForObject(
            "SELECT COUNT(*) FROM cairn_delivery d JOIN cairn_action_execution a ON a.id = d.action_id"
                + " WHERE a.journey_id = ?", Long.class, j.id()))
        .as("one ledger row per user")
        .isEqualTo(USERS);
  }

  @Test
  void shouldCancelTheWaitingRunWhenStoppedAndNeverRunAgain() throws Exception {
    long journeyId = deployWithWait();
    journeys.start(journeyId); // once, now: the run sends, then waits a day
    JourneyRun run = journeys.runs(journeyId).get(0);
    String pid = jdbc.queryForObject(
        "SELECT process_instance_id FROM cairn_journey_run WHERE id = ?", String.class, run.id());
    assertThat(camunda.createProcessInstanceQuery().processInstanceId(pid).count()).isEqualTo(1);

    journeys.stop(journeyId);

    assertThat(journeys.get(journeyId).status()).isEqualTo(JourneyStatus.STOPPED);
    assertThat(camunda.createProcessInstanceQuery().processInstanceId(pid).count())
        .as("the run's process instance is cancelled")
        .isZero();
    assertThat(management.createJobQuery().processInstanceId(pid).count()).isZero();
    JourneyRun stopped = journeys.runs(journeyId).get(0);
    assertThat(stopped.status()).isEqualTo("STOPPED");
    assertThat(stopped.error()).isEqualTo(JourneyControls.STOPPED_REASON);
    assertThat(journeys.stats(journeyId).nodes())
        .filteredOn(n -> n.elementId().equals("wait"))
        .singleElement()
        .satisfies(n -> assertThat(n.left()).as("cancelled users did not leave the wait").isZero());
    clock.advance(Duration.ofDays(2));
    assertThat(scheduler.runDue()).isZero();
    assertThatThrownBy(() -> journeys.start(journeyId)).isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> journeys.resume(journeyId)).isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> journeys.stop(journeyId)).isInstanceOf(ConflictException.class);
    awaitSettled();
    assertThat(smsPerMobile(journeyId).values())
        .as("the SMS written before the stop is still sent, once")
        .hasSize(USERS)
        .containsOnly(1L);
  }

  @Test
  void shouldDecryptEncryptedAudienceIdsAtEntryAndCountThoseThatFail() throws Exception {
    // Placeholders keyed by ciphertext: u0…u5 (two ciphertexts of u0), an id of nobody, garbage.
    List<String> encrypted = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      encrypted.add(encrypt("u" + i));
    }
    encrypted.add(encrypt("u0"));
    encrypted.add(encrypt("nobody-42"));
    encrypted.add("bm90IGNpcGhlcnRleHQgYXQgYWxsIG5vIG5vIG5v");
    StringBuilder csv = new StringBuilder("id\n");
    encrypted.forEach(e -> csv.append(e).append('\n'));
    importer.importCsv("user", stream(csv.toString()), null);
    RoaringBitmap members = new RoaringBitmap();
    profiles.entityIds("user", encrypted).values().forEach(members::add);
    assertThat(members.getCardinality()).isEqualTo(9);
    long encryptedSegment = segments.createStatic("encrypted", "user", members, "test").id();

    Journey j = journeys.deploy("Sealed", bpmn(encryptedSegment, "once",
        "<p name='idsEncrypted' value='true'/>"));
    journeys.start(j.id());

    JourneyRun run = awaitRun(j.id(), null, "COMPLETED");
    assertThat(run.audienceSize()).as("u0…u5 enter, u0 once").isEqualTo(6);
    assertThat(run.idsUndecryptable()).isEqualTo(1);
    assertThat(run.idsUnmatched()).isEqualTo(1);
    awaitSettled();
    assertThat(smsPerMobile(j.id()).keySet())
        .containsExactlyInAnyOrder(
            "+8613900000", "+8613900001", "+8613900002", "+8613900003", "+8613900004",
            "+8613900005");
  }

  // ---- helpers

  private long deployWithWait() {
    String xml = xml(segmentId, "once", "")
        .replace("<bpmn:sequenceFlow id=\"to_end\" sourceRef=\"sms\" targetRef=\"end\" />",
            "<bpmn:sequenceFlow id=\"to_wait\" sourceRef=\"sms\" targetRef=\"wait\" />"
                + "<bpmn:intermediateCatchEvent id=\"wait\" name=\"A day\"><bpmn:timerEventDefinition>"
                + "<bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition>"
                + "</bpmn:intermediateCatchEvent>"
                + "<bpmn:sequenceFlow id=\"to_end\" sourceRef=\"wait\" targetRef=\"end\" />");
    byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
    // A wait component is another slice's; the engine runs the plain timer the same way.
    String definitionId = runtime.deploy("Waiting", "scheduled", bytes);
    return store.insertJourney(Workspaces.DEFAULT, "Waiting", "scheduled", JourneyMode.AUDIENCE,
        definitionId, segmentId, bytes, AudienceEntry.legacy().spec());
  }

  private static byte[] bpmn(String schedule, String properties) {
    return bpmn(segmentId, schedule, properties);
  }

  private static byte[] bpmn(long segment, String schedule, String properties) {
    return xml(segment, schedule, properties).getBytes(StandardCharsets.UTF_8);
  }

  /** Audience entry (the given schedule properties, {@code <p …/>}) → one SMS → end. */
  private static String xml(long segment, String schedule, String properties) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs"
            targetNamespace="http://cairn.io/journeys">
          <bpmn:process id="scheduled" isExecutable="true" camunda:historyTimeToLive="30">
            <bpmn:startEvent id="entry" name="Segment enters" camunda:modelerTemplate="io.cairn.audienceEntry">
              <bpmn:extensionElements><camunda:properties>
                <camunda:property name="segmentId" value="%d" />
                <camunda:property name="schedule" value="%s" />
                %s
              </camunda:properties></bpmn:extensionElements>
            </bpmn:startEvent>
            <bpmn:sequenceFlow id="to_sms" sourceRef="entry" targetRef="sms" />
            <bpmn:serviceTask id="sms" name="Hello" camunda:modelerTemplate="io.cairn.sendSms"
                camunda:delegateExpression="${cairnSendSms}">
              <bpmn:extensionElements><camunda:properties>
                <camunda:property name="template" value="Hello again." />
                <camunda:property name="signature" value="Cairn" />
                <camunda:property name="type" value="NOTIFICATION" />
                <camunda:property name="onEmptyValue" value="SKIP" />
              </camunda:properties></bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:sequenceFlow id="to_end" sourceRef="sms" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(segment, schedule, properties.replace("<p ", "<camunda:property "));
  }

  private static String encrypt(String id) throws Exception {
    byte[] nonce = new byte[12];
    new SecureRandom().nextBytes(nonce);
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(KEY), "AES"),
        new GCMParameterSpec(128, nonce));
    byte[] sealed = c.doFinal(id.getBytes(StandardCharsets.UTF_8));
    byte[] out = new byte[nonce.length + sealed.length];
    System.arraycopy(nonce, 0, out, 0, nonce.length);
    System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
    return Base64.getEncoder().encodeToString(out);
  }

  /** SMS per mobile sent by one journey, read from the ledger and the sandbox. */
  private Map<String, Long> smsPerMobile(long journeyId) {
    List<String> addresses = jdbc.queryForList(
        "SELECT d.recipient FROM cairn_delivery d JOIN cairn_action_execution a ON a.id = d.action_id"
            + " WHERE a.journey_id = ? AND d.status = 'SENT'", String.class, journeyId);
    Map<String, Long> counts = new HashMap<>();
    addresses.forEach(a -> counts.merge(a, 1L, Long::sum));
    List<SandboxMessage> sent = sandbox.list(Channel.SMS, null, 0, 10_000).items();
    assertThat(sent.stream().map(SandboxMessage::recipient).collect(Collectors.toSet()))
        .containsAll(counts.keySet());
    return counts;
  }

  private JourneyRun awaitRun(long journeyId, String name, String status) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(60);
    while (true) {
      for (JourneyRun r : journeys.runs(journeyId)) {
        if ((name == null || r.name().equals(name)) && r.status().equals(status)) {
          return r;
        }
      }
      assertThat(Instant.now()).as(name + " reached " + status + ": " + journeys.runs(journeyId))
          .isBefore(deadline);
      Thread.sleep(50);
    }
  }

  private void awaitStatus(long journeyId, JourneyStatus status) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(60);
    while (journeys.get(journeyId).status() != status) {
      assertThat(Instant.now()).as("journey reached " + status).isBefore(deadline);
      Thread.sleep(50);
    }
  }

  /** Waits until no ledger row of any journey is still to be sent. */
  private void awaitSettled() throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(60);
    while (jdbc.queryForObject(
            "SELECT COUNT(*) FROM cairn_delivery WHERE status = 'PENDING'", Long.class) > 0) {
      assertThat(Instant.now()).as("the ledger settled").isBefore(deadline);
      Thread.sleep(50);
    }
  }

  private static List<String> ids(int from, int to) {
    List<String> ids = new ArrayList<>();
    for (int i = from; i < to; i++) {
      ids.add("u" + i);
    }
    return ids;
  }

  private static ByteArrayInputStream stream(String csv) {
    return new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8));
  }
}
