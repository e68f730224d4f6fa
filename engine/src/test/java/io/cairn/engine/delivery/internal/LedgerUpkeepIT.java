package io.cairn.engine.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.connectors.channel.Channel;
import io.cairn.engine.delivery.ActionRequest;
import io.cairn.engine.delivery.ActionStats;
import io.cairn.engine.delivery.DeliveryLedger;
import io.cairn.engine.delivery.DeliveryReceipt;
import io.cairn.engine.delivery.DeliveryStatus;
import io.cairn.engine.delivery.FeedbackWindow;
import io.cairn.engine.delivery.OutcomeSegment;
import io.cairn.engine.delivery.OutcomeSegmentRequest;
import io.cairn.engine.delivery.OutcomeSegments;
import io.cairn.engine.problem.ConflictException;
import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.profile.ProfileImporter;
import io.cairn.engine.profile.ProfileReader;
import io.cairn.engine.segment.SegmentService;
import io.cairn.engine.testing.EngineTestApplication;
import io.cairn.engine.webhook.ReceiptSettings;
import io.cairn.engine.webhook.ReceiptStatus;
import io.cairn.engine.webhook.WebhookDraft;
import io.cairn.engine.webhook.Webhooks;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ledger after sending, on the real dispatcher and database under a clock the test moves:
 * NO_FEEDBACK after the feedback window, late receipts, retention that keeps statistics, and
 * segments made of outcomes. Users lu0…lu29; lu25…lu29 have no mobile (SKIPPED), and the gateway
 * rejects mobiles ending in 7 (lu7, lu17: FAILED). Each test works on its own journey and time.
 */
@SpringBootTest(
    classes = {EngineTestApplication.class, LedgerUpkeepIT.Clocks.class},
    properties = {
      "cairn.dispatch.poll-interval=50ms",
      "cairn.channels.sms.connector=http",
      // the test runs the sweeps itself; the timer must not run them at unknown moments
      "cairn.delivery.upkeep-interval=24h",
      "cairn.delivery.upkeep-chunk=7",
      "cairn.delivery.feedback-window.email=0",
      "cairn.policy.quiet-hours.push.start=00:00",
      "cairn.policy.quiet-hours.push.end=23:59",
      "cairn.security.ssrf-allow-list=127.0.0.1"
    })
class LedgerUpkeepIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MockWebServer GATEWAY = new MockWebServer();
  private static final AtomicLong ACTIVITIES = new AtomicLong();

  static {
    GATEWAY.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            try {
              JsonNode body = JSON.readTree(request.getBody().readUtf8());
              ObjectNode answer = JSON.createObjectNode();
              ArrayNode results = answer.putArray("results");
              for (JsonNode m : body.get("messages")) {
                String id = m.get("id").asText();
                if (m.get("to").asText().endsWith("7")) {
                  results.addObject().put("id", id).put("status", "rejected")
                      .put("code", "21211").put("message", "unknown number");
                } else {
                  results.addObject().put("id", id).put("status", "accepted")
                      .put("providerMessageId", "p-" + id);
                }
              }
              return new MockResponse().setBody(answer.toString());
            } catch (IOException e) {
              return new MockResponse().setResponseCode(400);
            }
          }
        });
  }

  @DynamicPropertySource
  static void gateway(DynamicPropertyRegistry registry) {
    registry.add("cairn.channels.sms.http.url", () -> GATEWAY.url("/sms").toString());
  }

  @AfterAll
  static void stop() throws IOException {
    GATEWAY.shutdown();
  }

  /** A clock the test moves; replaces the engine's system clock. */
  static final class MovableClock extends Clock {
    private volatile Instant now = Instant.parse("2030-01-01T12:00:00Z");

    void set(Instant at) {
      now = at;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @TestConfiguration
  static class Clocks {
    @Bean
    @Primary
    MovableClock movableClock() {
      return new MovableClock();
    }
  }

  @Autowired DeliveryLedger ledger;
  @Autowired DeliveryUpkeep upkeep;
  @Autowired OutcomeSegments outcomeSegments;
  @Autowired SegmentService segments;
  @Autowired ProfileImporter importer;
  @Autowired ProfileReader profiles;
  @Autowired TransactionTemplate tx;
  @Autowired JdbcTemplate jdbc;
  @Autowired MovableClock clock;
  @Autowired Webhooks webhooks;
  @Autowired List<FeedbackWindow> windows;

  private static Map<String, Integer> ids;

  @BeforeEach
  void importUsers() {
    if (ids != null) {
      return;
    }
    StringBuilder csv = new StringBuilder("id,mobile,email,imei\n");
    List<String> external = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      csv.append("lu").append(i).append(',')
          .append(i < 25 ? "+86136" + (10000000 + i) : "")
          .append(",lu").append(i).append("@example.com,imei-").append(i).append('\n');
      external.add("lu" + i);
    }
    importer.importCsv(
        "user", new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), null);
    ids = Map.copyOf(profiles.entityIds("user", external));
  }

  @Test
  void shouldTurnOnlyExpiredSentRowsIntoNoFeedbackAndStillSettleLateReceipts() throws Exception {
    Instant t0 = Instant.parse("2030-01-01T12:00:00Z");
    clock.set(t0);
    long a1 = send(100, 1001, "sms", Channel.SMS, users(0, 30));
    assertThat(statuses(a1)).isEqualTo(Map.of("SENT", 23L, "FAILED", 2L, "SKIPPED", 5L));
    clock.set(t0.plus(Duration.ofHours(1)));
    assertThat(receipt(a1, "lu0", true)).isEqualTo(DeliveryReceipt.Effect.APPLIED);

    clock.set(t0.plus(Duration.ofHours(48)));
    long a2 = send(100, 1002, "sms", Channel.SMS, users(0, 10));
    long email = send(100, 1003, "mail", Channel.EMAIL, users(0, 5));
    assertThat(statuses(email)).isEqualTo(Map.of("SENT", 5L));

    clock.set(t0.plus(Duration.ofHours(71)));
    upkeep.sweepFeedback();
    assertThat(statuses(a1)).as("window not over").containsEntry("SENT", 22L);

    clock.set(t0.plus(Duration.ofHours(73)));
    upkeep.sweepFeedback();
    assertThat(statuses(a1))
        .isEqualTo(
            Map.of("NO_FEEDBACK", 22L, "DELIVERED", 1L, "FAILED", 2L, "SKIPPED", 5L));
    assertThat(statuses(a2)).as("sent 25 h ago").isEqualTo(Map.of("SENT", 9L, "FAILED", 1L));
    assertThat(statuses(email)).as("email expects no feedback").isEqualTo(Map.of("SENT", 5L));
    assertThat(feedbackClosed(a1)).isTrue();
    assertThat(feedbackClosed(a2)).isFalse();
    assertThat(feedbackClosed(email)).isTrue();
    ActionStats s1 = stats(1001);
    assertThat(s1.sent()).isEqualTo(23);
    assertThat(s1.delivered()).isEqualTo(1);
    assertThat(s1.noFeedback()).isEqualTo(22);

    assertThat(receipt(a1, "lu1", false)).isEqualTo(DeliveryReceipt.Effect.APPLIED);
    assertThat(receipt(a1, "lu2", true)).isEqualTo(DeliveryReceipt.Effect.APPLIED);
    assertThat(receipt(a1, "lu0", false)).isEqualTo(DeliveryReceipt.Effect.ALREADY_SETTLED);
    assertThat(receipt(a1, "lu25", true)).isEqualTo(DeliveryReceipt.Effect.ALREADY_SETTLED);
    assertThat(row(a1, "lu1")).containsExactly("FAILED", "receipt: expired");
    assertThat(row(a1, "lu2")[0]).isEqualTo("DELIVERED");
    assertThat(row(a1, "lu25")[0]).isEqualTo("SKIPPED");
    ActionStats late = stats(1001);
    assertThat(late.sent()).isEqualTo(22);
    assertThat(late.delivered()).isEqualTo(2);
    assertThat(late.noFeedback()).isEqualTo(20);
    assertThat(late.failed()).isEqualTo(3);

    clock.set(t0.plus(Duration.ofHours(48 + 72)));
    upkeep.sweepFeedback();
    assertThat(statuses(a2)).isEqualTo(Map.of("NO_FEEDBACK", 9L, "FAILED", 1L));
    assertThat(statuses(a1)).as("unchanged by a second sweep").containsEntry("NO_FEEDBACK", 20L);
  }

  @Test
  void shouldPurgeOnlyOldDoneActionsWithoutOpenIncidentsAndKeepTheirStatistics() throws Exception {
    Instant t = Instant.parse("2030-06-01T12:00:00Z");
    clock.set(t);
    long old = send(200, 2001, "sms", Channel.SMS, users(0, 30));
    receipt(old, "lu3", true);
    long withIncident = send(200, 2001, "sms2", Channel.SMS, users(0, 10));
    jdbc.update(
        "INSERT INTO cairn_delivery_incident (action_id, recipients, reason, created_at)"
            + " VALUES (?,?,?,?)",
        withIncident, 1, LedgerRows.EXHAUSTED + "3 attempts: test", Timestamp.from(t));
    long deferred = enqueue(200, 2001, "push", Channel.PUSH, users(0, 10)); // quiet hours all day
    clock.set(t.plus(Duration.ofDays(1)));
    long recent = send(200, 2002, "sms", Channel.SMS, users(0, 10));

    clock.set(t.plus(Duration.ofDays(7)).plus(Duration.ofHours(12)));
    upkeep.sweepFeedback();
    List<ActionStats> before = ledger.stats(2001);
    List<ActionStats> beforeRecent = ledger.stats(2002);
    assertThat(before).extracting(ActionStats::recipients).containsExactly(30L, 10L, 10L);

    upkeep.purgeExpired();

    assertThat(rows(old)).as("done 7.5 days ago").isZero();
    assertThat(jdbc.queryForObject(
            "SELECT purged_at FROM cairn_action_execution WHERE id = ?", Timestamp.class, old))
        .isNotNull();
    assertThat(rows(withIncident)).as("open incident").isEqualTo(10);
    assertThat(rows(deferred)).as("not done").isEqualTo(10);
    assertThat(rows(recent)).as("done 6.5 days ago").isEqualTo(10);
    assertThat(ledger.stats(2001)).isEqualTo(before);
    assertThat(ledger.stats(2002)).isEqualTo(beforeRecent);
    assertThat(jdbc.queryForObject(
            "SELECT SUM(recipients) FROM cairn_action_outcome WHERE action_id = ?", Long.class, old))
        .isEqualTo(30);

    upkeep.purgeExpired();
    assertThat(ledger.stats(2001)).as("a second purge changes nothing").isEqualTo(before);

    assertThatThrownBy(
            () -> outcomeSegments.create(request("gone", old, null, null, DeliveryStatus.FAILED)))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("deleted by retention");
    OutcomeSegment partial =
        outcomeSegments.create(request("partly", null, 200L, null, DeliveryStatus.FAILED));
    assertThat(partial.purgedActionIds()).containsExactly(old);
    assertThat(partial.actionIds()).containsExactlyInAnyOrder(withIncident, deferred, recent);
    assertThat(segments.members(partial.segment().id())).isEqualTo(users("lu7"));
  }

  @Test
  void shouldMakeStaticSegmentsOfExactlyTheEntitiesWithTheOutcomes() throws Exception {
    clock.set(Instant.parse("2030-09-01T12:00:00Z"));
    long first = send(300, 3001, "sms", Channel.SMS, users(0, 30));
    long second = send(300, 3001, "sms2", Channel.SMS, users(10, 20));
    assertThat(receipt(first, "lu4", false)).isEqualTo(DeliveryReceipt.Effect.APPLIED);

    OutcomeSegment failed =
        outcomeSegments.create(request("failed", first, null, null, DeliveryStatus.FAILED));
    assertThat(failed.size()).isEqualTo(3);
    assertThat(failed.segment().entityType()).isEqualTo("user");
    assertThat(segments.members(failed.segment().id())).isEqualTo(users("lu4", "lu7", "lu17"));
    OutcomeSegment receipts =
        outcomeSegments.create(
            new OutcomeSegmentRequest(
                "by receipt", first, null, null, List.of(DeliveryStatus.FAILED), "receipt:"));
    assertThat(segments.members(receipts.segment().id())).isEqualTo(users("lu4"));
    OutcomeSegment journey =
        outcomeSegments.create(
            request("journey", null, 300L, null, DeliveryStatus.FAILED, DeliveryStatus.SKIPPED));
    assertThat(journey.actionIds()).containsExactly(first, second);
    assertThat(segments.members(journey.segment().id()))
        .isEqualTo(users("lu4", "lu7", "lu17", "lu25", "lu26", "lu27", "lu28", "lu29"));
    OutcomeSegment node =
        outcomeSegments.create(request("node", null, 300L, "sms2", DeliveryStatus.FAILED));
    assertThat(segments.members(node.segment().id())).isEqualTo(users("lu17"));
    OutcomeSegment none =
        outcomeSegments.create(request("none", first, null, null, DeliveryStatus.NO_FEEDBACK));
    assertThat(none.size()).isZero();

    assertRefused(request("x", 999_999L, null, null, DeliveryStatus.FAILED), "actionId");
    assertRefused(request("x", null, 999_999L, null, DeliveryStatus.FAILED), "journeyId");
    assertRefused(request("x", null, 300L, "nope", DeliveryStatus.FAILED), "elementId");
    assertRefused(request("x", first, 300L, null, DeliveryStatus.FAILED), "actionId");
    assertRefused(request("x", first, null, null), "statuses");
  }

  @Test
  void shouldTakeAWebhooksFeedbackWindowFromItsReceiptSettings() {
    long withReceipts = webhooks.create(webhook("upkeep-receipts", true)).webhook().id();
    long without = webhooks.create(webhook("upkeep-silent", false)).webhook().id();
    FeedbackWindow window =
        windows.stream().filter(w -> w.channel() == Channel.WEBHOOK).findFirst().orElseThrow();

    assertThat(window.window(Map.of("webhook", String.valueOf(withReceipts))))
        .contains(Duration.ofHours(24));
    assertThat(window.window(Map.of("webhook", String.valueOf(without))))
        .as("receipts off: SENT is final")
        .isEmpty();
    assertThat(window.window(Map.of("webhook", "999999"))).isEmpty();
  }

  private static WebhookDraft webhook(String name, boolean receipts) {
    return new WebhookDraft(
        name,
        "http://127.0.0.1:9/hook",
        null,
        null,
        List.of("mobile"),
        List.of(),
        new ReceiptSettings(receipts, 24, List.of(new ReceiptStatus("200", "ok", true))),
        5);
  }

  // --- helpers

  private static OutcomeSegmentRequest request(
      String name, Long action, Long journey, String element, DeliveryStatus... statuses) {
    return new OutcomeSegmentRequest(name, action, journey, element, List.of(statuses), null);
  }

  private void assertRefused(OutcomeSegmentRequest r, String field) {
    assertThatThrownBy(() -> outcomeSegments.create(r))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.violations()).extracting(v -> v.field()).contains(field));
  }

  private DeliveryReceipt.Effect receipt(long action, String user, boolean delivered) {
    return tx.execute(
        s ->
            ledger
                .applyReceipts(
                    Channel.SMS,
                    settings -> true,
                    List.of(
                        new DeliveryReceipt(
                            action + "-" + ids.get(user),
                            delivered,
                            delivered ? "DELIVRD" : "EXPIRED",
                            delivered ? null : "expired",
                            clock.instant())))
                .get(0));
  }

  private long send(long journey, long run, String element, Channel channel, RoaringBitmap to)
      throws InterruptedException {
    long action = enqueue(journey, run, element, channel, to);
    awaitDone(action);
    return action;
  }

  private long enqueue(long journey, long run, String element, Channel channel, RoaringBitmap to) {
    Map<String, String> settings =
        switch (channel) {
          case SMS -> Map.of("template", "Hello");
          case EMAIL -> Map.of("from", "news@cairn.example", "subject", "Hi", "body", "Bye");
          default -> Map.of("title", "Hi", "body", "Hello");
        };
    String activity = "upkeep-" + ACTIVITIES.incrementAndGet();
    return tx.execute(
        s ->
            ledger.enqueue(
                new ActionRequest(journey, run, element, activity, channel, "user", settings, to)));
  }

  private static RoaringBitmap users(int from, int to) {
    RoaringBitmap b = new RoaringBitmap();
    for (int i = from; i < to; i++) {
      b.add(ids.get("lu" + i));
    }
    return b;
  }

  private static RoaringBitmap users(String... external) {
    RoaringBitmap b = new RoaringBitmap();
    for (String e : external) {
      b.add(ids.get(e));
    }
    return b;
  }

  private ActionStats stats(long run) {
    return ledger.stats(run).get(0);
  }

  private Map<String, Long> statuses(long action) {
    Map<String, Long> out = new TreeMap<>();
    jdbc.query(
        "SELECT status, COUNT(*) FROM cairn_delivery WHERE action_id = ? GROUP BY status",
        rs -> {
          out.put(rs.getString(1), rs.getLong(2));
        },
        action);
    return out;
  }

  private String[] row(long action, String user) {
    return jdbc.queryForObject(
        "SELECT status, reason FROM cairn_delivery WHERE action_id = ? AND entity_id = ?",
        (rs, i) -> new String[] {rs.getString(1), rs.getString(2)},
        action,
        ids.get(user));
  }

  private long rows(long action) {
    return jdbc.queryForObject(
        "SELECT COUNT(*) FROM cairn_delivery WHERE action_id = ?", Long.class, action);
  }

  private boolean feedbackClosed(long action) {
    return jdbc.queryForObject(
        "SELECT feedback_closed FROM cairn_action_execution WHERE id = ?", Boolean.class, action);
  }

  /** Until the dispatcher finished the action (it runs on its own threads). */
  private void awaitDone(long action) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (!"DONE".equals(
        jdbc.queryForObject(
            "SELECT status FROM cairn_action_execution WHERE id = ?", String.class, action))) {
      assertThat(Instant.now()).as("action " + action + " done").isBefore(deadline);
      Thread.sleep(50);
    }
  }
}
