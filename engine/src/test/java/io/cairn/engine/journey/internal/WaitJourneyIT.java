package io.cairn.engine.journey.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.connectors.channel.Channel;
import io.cairn.engine.journey.Journey;
import io.cairn.engine.journey.JourneyService;
import io.cairn.engine.journey.JourneyStatus;
import io.cairn.engine.journey.NodeStats;
import io.cairn.engine.profile.ProfileImporter;
import io.cairn.engine.sandbox.SandboxMessages;
import io.cairn.engine.segment.SegmentService;
import io.cairn.engine.testing.EngineTestApplication;
import io.cairn.engine.testing.TestClock;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A wait on the real engine under a moved clock: the whole cohort waits in one timer job that is
 * due exactly the configured time after entry, nobody is sent anything before it fires, and
 * everyone is sent once after.
 */
@SpringBootTest(
    classes = {EngineTestApplication.class, TestClock.Config.class},
    properties = {"cairn.dispatch.poll-interval=50ms", "cairn.journeys.monitor-interval=100ms"})
class WaitJourneyIT {

  private static final int USERS = 40;

  @Autowired JourneyService journeys;
  @Autowired SegmentService segments;
  @Autowired ProfileImporter importer;
  @Autowired SandboxMessages sandbox;
  @Autowired ManagementService management;
  @Autowired TestClock clock;

  @AfterAll
  static void resetClock() {
    TestClock.reset();
  }

  @Test
  void shouldHoldTheCohortInOneTimerAndSendAfterTheWait() throws Exception {
    StringBuilder csv = new StringBuilder("id,mobile\n");
    for (int i = 0; i < USERS; i++) {
      csv.append("w").append(i).append(",+8613").append(900000 + i).append('\n');
    }
    importer.importCsv("user", new ByteArrayInputStream(csv.toString().getBytes(UTF_8)), null);
    long segment =
        segments.createStatic("all", "user", RoaringBitmap.bitmapOfRange(0, USERS), "test").id();
    String xml =
        new String(getClass().getResourceAsStream("/journeys/wait-sms.bpmn").readAllBytes(), UTF_8)
            .replace("SEGMENT_ID", String.valueOf(segment));
    Journey journey = journeys.deploy("wait", xml.getBytes(UTF_8));
    Instant entered = clock.instant();
    journeys.start(journey.id());

    Job timer = management.createJobQuery().timers().singleResult();
    assertThat(timer.getDuedate()).isEqualTo(Date.from(entered.plus(Duration.ofDays(2))));
    assertThat(node(journey.id(), "wait").entered()).isEqualTo(USERS);
    assertThat(node(journey.id(), "wait").left()).isZero();

    clock.advance(Duration.ofDays(2).minusMinutes(1));
    assertThat(management.createJobQuery().timers().duedateLowerThan(Date.from(clock.instant())).count())
        .as("not due a minute early")
        .isZero();
    assertThat(sandbox.list(Channel.SMS, null, 0, 100).items()).isEmpty();

    clock.advance(Duration.ofMinutes(1));
    awaitStatus(journey.id(), JourneyStatus.COMPLETED);
    assertThat(sandbox.list(Channel.SMS, null, 0, 100).items()).hasSize(USERS);
    assertThat(node(journey.id(), "wait").left()).isEqualTo(USERS);
    assertThat(node(journey.id(), "sms").entered()).isEqualTo(USERS);
  }

  private NodeStats node(long journeyId, String element) {
    return journeys.stats(journeyId).nodes().stream()
        .filter(n -> n.elementId().equals(element))
        .findFirst()
        .orElseThrow();
  }

  private void awaitStatus(long journeyId, JourneyStatus status) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (journeys.get(journeyId).status() != status) {
      assertThat(Instant.now()).as("journey reached " + status).isBefore(deadline);
      Thread.sleep(100);
    }
  }
}
