package io.cairn.engine.journey.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.connectors.channel.Channel;
import io.cairn.connectors.sandbox.SandboxMessage;
import io.cairn.engine.event.AttributeType;
import io.cairn.engine.event.EventAttribute;
import io.cairn.engine.event.EventIngestion;
import io.cairn.engine.event.EventSource;
import io.cairn.engine.event.EventSources;
import io.cairn.engine.event.EventTypes;
import io.cairn.engine.event.NewEventSource;
import io.cairn.engine.event.NewEventType;
import io.cairn.engine.journey.Journey;
import io.cairn.engine.journey.JourneyService;
import io.cairn.engine.journey.JourneyStatus;
import io.cairn.engine.journey.NodeStats;
import io.cairn.engine.problem.ConflictException;
import io.cairn.engine.profile.ProfileImporter;
import io.cairn.engine.profile.ProfileReader;
import io.cairn.engine.sandbox.SandboxMessages;
import io.cairn.engine.segment.SegmentService;
import io.cairn.engine.testing.EngineTestApplication;
import io.cairn.engine.testing.TestClock;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The behaviour branch in cohort mode on the real engine under a moved clock: the cohort waits in
 * one timer for the whole window from its entry, then exactly the users who did the event from the
 * right source, matching one of the attribute conditions (OR), at least twice, within [entry, entry
 * + 2 days] take DID; those who did it too rarely, from another source, with failing attributes,
 * before entry or after the window take DID_NOT. Users outside the cohort go nowhere.
 */
@SpringBootTest(
    classes = {EngineTestApplication.class, TestClock.Config.class},
    properties = {
      "cairn.dispatch.poll-interval=50ms",
      "cairn.journeys.monitor-interval=100ms",
      "cairn.test.context=behaviour-branch"
    })
class BehaviourBranchJourneyIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WINDOW = Duration.ofDays(2);

  @Autowired JourneyService journeys;
  @Autowired SegmentService segments;
  @Autowired ProfileImporter importer;
  @Autowired ProfileReader profiles;
  @Autowired SandboxMessages sandbox;
  @Autowired ManagementService management;
  @Autowired EventTypes types;
  @Autowired EventSources sources;
  @Autowired EventIngestion ingestion;
  @Autowired TestClock clock;

  @AfterAll
  static void resetClock() {
    TestClock.reset();
  }

  @Test
  void shouldSendExactlyTheUsersWhoDidItWithinTheWindowDownDid() throws Exception {
    StringBuilder csv = new StringBuilder("id,mobile\n");
    for (int i = 0; i < 10; i++) {
      csv.append("b").append(i).append(",+8613").append(700000 + i).append('\n');
    }
    importer.importCsv("user", new ByteArrayInputStream(csv.toString().getBytes(UTF_8)), null);
    Map<String, Integer> ids = profiles.entityIds("user", List.of("b0", "b1", "b2", "b3", "b4", "b5", "b6", "b7", "b8", "b9"));
    RoaringBitmap cohort = new RoaringBitmap();
    ids.forEach((external, id) -> {
      if (!external.equals("b9")) { // b9 does everything right but is not in the audience
        cohort.add(id);
      }
    });
    long segment = segments.createStatic("bb audience", "user", cohort, "test").id();
    types.create(
        new NewEventType(
            "bb_buy",
            "Buy",
            null,
            List.of(
                new EventAttribute("amount", null, AttributeType.NUMBER),
                new EventAttribute("shop", null, AttributeType.TEXT))));
    types.create(new NewEventType("bb_view", "View", null, List.of()));
    EventSource app = sources.create(new NewEventSource("bb_app", "App", "app", null)).source();
    EventSource web = sources.create(new NewEventSource("bb_web", "Web", "web", null)).source();

    Instant entry = clock.instant();
    ingest(app, buy("b5", entry.minus(Duration.ofHours(2)), 60, "north"),
        buy("b5", entry.minusMillis(1), 60, "north")); // before entry
    Journey journey =
        journeys.deploy(
            "bought",
            resource("/journeys/behaviour-branch.bpmn")
                .replace("SEGMENT_ID", String.valueOf(segment))
                .getBytes(UTF_8));
    journeys.start(journey.id());

    Job window = management.createJobQuery().timers().singleResult();
    assertThat(window.getDuedate()).isEqualTo(Date.from(entry.plus(WINDOW)));
    assertThat(node(journey.id(), GatewayWindow.nodeId("bought")).name())
        .isEqualTo("Bought twice in 2 days? (window)");
    assertThat(node(journey.id(), GatewayWindow.nodeId("bought")).entered()).isEqualTo(9);
    assertThat(assertThatEventTypeIsInUse()).contains("bought");

    clock.advance(Duration.ofDays(1));
    Instant now = clock.instant();
    ingest(app,
        buy("b0", entry, 60, "north"), buy("b0", now, 50, "south"),          // did: twice, ≥ 50
        buy("b1", entry.plusSeconds(3600), 99, null),                         // did: second at the end
        buy("b2", now, 60, "north"),                                          // once only
        buy("b3", now, 10, "north"), buy("b3", now, 20, "south"),             // attributes fail
        buy("b4", now, 60, "north"),                                          // second one too late
        buy("b7", now, 10, "vip"), buy("b7", now, 10, "vip"), view("b7", now), // did: shop vip (OR)
        buy("b9", now, 60, "north"), buy("b9", now, 60, "north"));            // not in the cohort
    ingest(web, buy("b6", now, 60, "north"), buy("b6", now, 60, "north"));   // wrong source
    clock.advance(Duration.ofDays(1).minusMinutes(1));
    ingest(app,
        buy("b1", entry.plus(WINDOW), 70, null),                              // the window's last ms
        buy("b4", entry.plus(WINDOW).plusMillis(1), 60, "north"));            // just after it
    assertThat(sandbox.list(Channel.SMS, null, 0, 100).items()).as("nothing before the window ends").isEmpty();

    clock.advance(Duration.ofMinutes(1));
    awaitStatus(journey.id(), JourneyStatus.COMPLETED);

    assertThat(recipients("Thanks for buying")).containsExactlyInAnyOrder("b0", "b1", "b7");
    assertThat(recipients("We miss you"))
        .containsExactlyInAnyOrder("b2", "b3", "b4", "b5", "b6", "b8");
    assertThat(node(journey.id(), "bought").entered()).isEqualTo(9);
    assertThat(node(journey.id(), "thanks").entered()).isEqualTo(3);
    assertThat(node(journey.id(), "nudge").entered()).isEqualTo(6);
  }

  private String assertThatEventTypeIsInUse() {
    try {
      types.delete("bb_buy");
      throw new AssertionError("an event type a running journey waits for was deleted");
    } catch (ConflictException e) {
      return e.getMessage();
    }
  }

  private Set<String> recipients(String body) {
    List<SandboxMessage> sent = sandbox.list(Channel.SMS, null, 0, 100).items();
    int[] entities =
        sent.stream()
            .filter(m -> m.body().contains(body))
            .mapToInt(m -> Integer.parseInt(m.idempotencyKey().split("-")[1]))
            .toArray();
    return new TreeSet<>(profiles.externalIds("user", entities).values());
  }

  private ObjectNode buy(String user, Instant at, int amount, String shop) {
    ObjectNode item = JSON.createObjectNode();
    item.put("customerId", user).put("eventCode", "bb_buy").put("eventTime", at.toEpochMilli());
    ObjectNode attributes = item.putObject("attributes").put("amount", amount);
    if (shop != null) {
      attributes.put("shop", shop);
    }
    return item;
  }

  private ObjectNode view(String user, Instant at) {
    return JSON.createObjectNode()
        .put("customerId", user)
        .put("eventCode", "bb_view")
        .put("eventTime", at.toEpochMilli());
  }

  private void ingest(EventSource source, ObjectNode... items) {
    ArrayNode batch = JSON.createArrayNode();
    for (ObjectNode item : items) {
      batch.add(item);
    }
    var report = ingestion.ingest(source, batch);
    assertThat(report.rejected()).as(report.toString()).isZero();
  }

  private String resource(String path) throws Exception {
    return new String(getClass().getResourceAsStream(path).readAllBytes(), UTF_8);
  }

  private NodeStats node(long journeyId, String element) {
    return journeys.stats(journeyId).nodes().stream()
        .filter(n -> n.elementId().equals(element))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    element + " not in " + journeys.stats(journeyId).nodes().stream()
                        .map(NodeStats::elementId).collect(Collectors.toList())));
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
