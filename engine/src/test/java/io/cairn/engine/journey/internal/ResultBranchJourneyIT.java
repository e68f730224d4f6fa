package io.cairn.engine.journey.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.connectors.channel.Channel;
import io.cairn.connectors.sandbox.SandboxMessage;
import io.cairn.engine.delivery.ActionStats;
import io.cairn.engine.delivery.DeliveryLedger;
import io.cairn.engine.delivery.DeliveryReceipt;
import io.cairn.engine.delivery.Suppressions;
import io.cairn.engine.journey.Journey;
import io.cairn.engine.journey.JourneyService;
import io.cairn.engine.journey.JourneyStatus;
import io.cairn.engine.profile.ProfileImporter;
import io.cairn.engine.profile.ProfileReader;
import io.cairn.engine.sandbox.SandboxMessages;
import io.cairn.engine.segment.SegmentService;
import io.cairn.engine.testing.EngineTestApplication;
import io.cairn.engine.testing.TestClock;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The result branch on the real engine under a moved clock. A random split sends two tokens
 * through the same SMS node (two action executions) and the same result branch; after the wait
 * each token's recipients are split by their own rows in the ledger: DELIVERED by a receipt →
 * SUCCESS; FAILED by a receipt, SKIPPED (no mobile) and SUPPRESSED → FAILURE; SENT without a
 * receipt yet → OTHER. Each partition gets its own email.
 */
@SpringBootTest(
    classes = {EngineTestApplication.class, TestClock.Config.class},
    properties = {
      "cairn.dispatch.poll-interval=50ms",
      "cairn.journeys.monitor-interval=100ms",
      "cairn.test.context=result-branch"
    })
class ResultBranchJourneyIT {

  private static final int USERS = 16;

  @Autowired JourneyService journeys;
  @Autowired SegmentService segments;
  @Autowired ProfileImporter importer;
  @Autowired ProfileReader profiles;
  @Autowired SandboxMessages sandbox;
  @Autowired ManagementService management;
  @Autowired DeliveryLedger ledger;
  @Autowired Suppressions suppressions;
  @Autowired TransactionTemplate tx;
  @Autowired TestClock clock;

  @AfterAll
  static void resetClock() {
    TestClock.reset();
  }

  @Test
  void shouldSplitEachTokensRecipientsByTheirLedgerOutcome() throws Exception {
    StringBuilder csv = new StringBuilder("id,mobile,email\n");
    List<String> users = new ArrayList<>();
    for (int i = 0; i < USERS; i++) {
      users.add("r" + i);
      csv.append("r").append(i).append(',')
          .append(i < 2 ? "" : "+8613" + (800000 + i)).append(',')
          .append("r").append(i).append("@example.com\n");
    }
    importer.importCsv("user", new ByteArrayInputStream(csv.toString().getBytes(UTF_8)), null);
    suppressions.add(Channel.SMS, "+8613800002", "test");
    Map<String, Integer> ids = profiles.entityIds("user", users);
    RoaringBitmap audience = new RoaringBitmap();
    ids.values().forEach(audience::add);
    long segment = segments.createStatic("rb audience", "user", audience, "test").id();
    Journey journey =
        journeys.deploy(
            "results",
            new String(getClass().getResourceAsStream("/journeys/result-branch.bpmn").readAllBytes(), UTF_8)
                .replace("SEGMENT_ID", String.valueOf(segment))
                .getBytes(UTF_8));
    Instant sent = clock.instant();
    journeys.start(journey.id());

    List<Job> waits = management.createJobQuery().timers().list();
    assertThat(waits).as("one wait per token").hasSize(2);
    assertThat(waits).allSatisfy(j -> assertThat(j.getDuedate()).isEqualTo(Date.from(sent.plus(Duration.ofDays(1)))));
    List<ActionStats> sms = awaitSmsSettled(journey.id());
    assertThat(sms).as("two executions of the SMS node, one per token").hasSize(2);
    assertThat(sms).allSatisfy(a -> assertThat(a.recipients()).isPositive());

    Map<String, String> keys = new HashMap<>(); // user → idempotency key of his SMS
    for (SandboxMessage m : sandbox.list(Channel.SMS, null, 0, 100).items()) {
      keys.put(external(m), m.idempotencyKey());
    }
    assertThat(keys.keySet()).doesNotContain("r0", "r1", "r2").hasSize(USERS - 3);
    List<DeliveryReceipt> receipts = new ArrayList<>();
    for (String u : List.of("r3", "r4", "r5")) {
      receipts.add(new DeliveryReceipt(keys.get(u), true, "DELIVRD", null, clock.instant()));
    }
    for (String u : List.of("r6", "r7")) {
      receipts.add(new DeliveryReceipt(keys.get(u), false, "UNDELIV", "absent subscriber", clock.instant()));
    }
    tx.executeWithoutResult(s -> ledger.applyReceipts(Channel.SMS, settings -> true, receipts));

    clock.advance(Duration.ofDays(1).minusMinutes(1));
    assertThat(management.createJobQuery().timers().duedateLowerThan(Date.from(clock.instant())).count())
        .as("no result before the wait is over")
        .isZero();
    clock.advance(Duration.ofMinutes(1));
    awaitStatus(journey.id(), JourneyStatus.COMPLETED);

    assertThat(emailed("ok")).containsExactlyInAnyOrder("r3", "r4", "r5");
    assertThat(emailed("fallback")).containsExactlyInAnyOrder("r0", "r1", "r2", "r6", "r7");
    assertThat(emailed("other"))
        .containsExactlyInAnyOrder("r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15");
  }

  private List<ActionStats> awaitSmsSettled(long journeyId) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (true) {
      List<ActionStats> sms =
          journeys.stats(journeyId).actions().stream().filter(a -> a.elementId().equals("sms")).toList();
      if (sms.size() == 2 && sms.stream().allMatch(a -> a.pending() == 0)) {
        return sms;
      }
      assertThat(Instant.now()).as("SMS sent, " + sms).isBefore(deadline);
      Thread.sleep(100);
    }
  }

  private String external(SandboxMessage m) {
    int entity = Integer.parseInt(m.idempotencyKey().split("-")[1]);
    return profiles.externalIds("user", new int[] {entity}).get(entity);
  }

  private Set<String> emailed(String subject) {
    Set<String> out = new TreeSet<>();
    for (SandboxMessage m : sandbox.list(Channel.EMAIL, null, 0, 100).items()) {
      if (subject.equals(m.subject())) {
        assertThat(out.add(external(m))).as("one " + subject + " email per user").isTrue();
      }
    }
    return out;
  }

  private void awaitStatus(long journeyId, JourneyStatus status) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (journeys.get(journeyId).status() != status) {
      assertThat(Instant.now())
          .as("journey reached " + status + ", is " + journeys.get(journeyId))
          .isBefore(deadline);
      Thread.sleep(100);
    }
  }
}
