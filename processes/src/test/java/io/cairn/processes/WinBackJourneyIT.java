package io.cairn.processes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.connectors.channel.Channel;
import io.cairn.connectors.sandbox.SandboxMessage;
import io.cairn.engine.delivery.ActionStats;
import io.cairn.engine.delivery.Delivery;
import io.cairn.engine.delivery.DeliveryLedger;
import io.cairn.engine.delivery.DeliveryQuery;
import io.cairn.engine.delivery.DeliveryReceipt;
import io.cairn.engine.delivery.DeliveryStatus;
import io.cairn.engine.journey.Journey;
import io.cairn.engine.journey.JourneyService;
import io.cairn.engine.journey.JourneyStatus;
import io.cairn.engine.profile.ProfileImporter;
import io.cairn.engine.profile.ProfileReader;
import io.cairn.engine.profile.TagCatalog;
import io.cairn.engine.profile.TagDefinition;
import io.cairn.engine.profile.TagType;
import io.cairn.engine.sandbox.SandboxMessages;
import io.cairn.engine.segment.SegmentService;
import io.cairn.engine.testing.EngineTestApplication;
import io.cairn.engine.testing.TestClock;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The win-back sample deploys and runs on the real engine under a moved clock: 10 % are held out,
 * the rest get an SMS; a day later everyone the SMS did not reach (no mobile number, a failure
 * receipt) gets the email fallback, and nobody else does: not the delivered, not those still
 * without feedback, not the holdout.
 */
@SpringBootTest(
    classes = {EngineTestApplication.class, TestClock.Config.class},
    properties = {"cairn.dispatch.poll-interval=50ms", "cairn.journeys.monitor-interval=100ms"})
class WinBackJourneyIT {

  private static final int USERS = 40;
  private static final Path SAMPLE = Path.of("src/main/resources/cairn/journeys/win-back.bpmn");

  @Autowired JourneyService journeys;
  @Autowired SegmentService segments;
  @Autowired TagCatalog catalog;
  @Autowired ProfileImporter importer;
  @Autowired ProfileReader profiles;
  @Autowired SandboxMessages sandbox;
  @Autowired DeliveryLedger ledger;
  @Autowired TransactionTemplate tx;
  @Autowired TestClock clock;

  @AfterAll
  static void resetClock() {
    TestClock.reset();
  }

  @Test
  void shouldEmailExactlyTheUsersTheSmsDidNotReach() throws Exception {
    catalog.define(new TagDefinition("first_name", "First name", TagType.TEXT, "user", null));
    StringBuilder csv = new StringBuilder("id,mobile,email,first_name\n");
    List<String> users = new ArrayList<>();
    for (int i = 0; i < USERS; i++) {
      users.add("w" + i);
      csv.append("w").append(i).append(',')
          .append(i < 4 ? "" : "+8613" + (600000 + i)).append(',')
          .append("w").append(i).append("@example.com,N").append(i).append('\n');
    }
    importer.importCsv("user", new ByteArrayInputStream(csv.toString().getBytes(UTF_8)), null);
    RoaringBitmap audience = new RoaringBitmap();
    profiles.entityIds("user", users).values().forEach(audience::add);
    long segment = segments.createStatic("lapsed", "user", audience, "test").id();
    String xml =
        Files.readString(SAMPLE, UTF_8)
            .replace("name=\"segmentId\" value=\"0\"", "name=\"segmentId\" value=\"" + segment + "\"");
    Journey journey = journeys.deploy("Win-back", xml.getBytes(UTF_8));
    journeys.start(journey.id());
    awaitSmsSent(journey.id());

    Map<String, Delivery> sms =
        ledger.deliveries(new DeliveryQuery(journey.id(), null, null, null, null, 0, 500)).items().stream()
            .filter(d -> d.elementId().equals("sms"))
            .collect(Collectors.toMap(Delivery::externalId, d -> d));
    Set<String> holdout = new HashSet<>(users);
    holdout.removeAll(sms.keySet());
    List<String> sent =
        sms.values().stream()
            .filter(d -> d.status() == DeliveryStatus.SENT)
            .map(Delivery::externalId)
            .sorted()
            .toList();
    assertThat(sent).hasSizeGreaterThan(10);
    List<DeliveryReceipt> receipts = new ArrayList<>();
    Set<String> notReached = new TreeSet<>();
    for (int i = 0; i < 6; i++) {
      Delivery d = sms.get(sent.get(i));
      boolean delivered = i < 4;
      receipts.add(
          new DeliveryReceipt(
              d.actionId() + "-" + entity(d.externalId()),
              delivered,
              delivered ? "DELIVRD" : "UNDELIV",
              delivered ? null : "absent subscriber",
              clock.instant()));
      if (!delivered) {
        notReached.add(d.externalId());
      }
    }
    tx.executeWithoutResult(s -> ledger.applyReceipts(Channel.SMS, settings -> true, receipts));
    sms.values().stream()
        .filter(d -> d.status() == DeliveryStatus.SKIPPED)
        .forEach(d -> notReached.add(d.externalId()));
    assertThat(notReached).as("no mobile, or a failure receipt").hasSizeGreaterThan(2);

    clock.advance(Duration.ofDays(1));
    awaitStatus(journey.id(), JourneyStatus.COMPLETED);

    Set<String> emailed = new TreeSet<>();
    for (SandboxMessage m : sandbox.list(Channel.EMAIL, null, 0, 100).items()) {
      assertThat(emailed.add(m.recipient().replace("@example.com", ""))).isTrue();
    }
    assertThat(emailed).isEqualTo(notReached).doesNotContainAnyElementsOf(holdout);
    assertThat(sandbox.list(Channel.SMS, null, 0, 100).items()).hasSize(sent.size());
  }

  private int entity(String externalId) {
    return profiles.entityId("user", externalId).orElseThrow();
  }

  private void awaitSmsSent(long journeyId) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (true) {
      List<ActionStats> sms =
          journeys.stats(journeyId).actions().stream().filter(a -> a.elementId().equals("sms")).toList();
      if (sms.size() == 1 && sms.get(0).pending() == 0) {
        return;
      }
      assertThat(Instant.now()).as("SMS sent").isBefore(deadline);
      Thread.sleep(100);
    }
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
