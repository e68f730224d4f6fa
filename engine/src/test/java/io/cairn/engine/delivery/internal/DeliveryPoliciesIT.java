package io.cairn.engine.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.connectors.channel.Channel;
import io.cairn.engine.delivery.ActionRequest;
import io.cairn.engine.delivery.DeliveryLedger;
import io.cairn.engine.delivery.DeliveryQuery;
import io.cairn.engine.delivery.DeliveryStatus;
import io.cairn.engine.delivery.Suppressions;
import io.cairn.engine.profile.ProfileImporter;
import io.cairn.engine.profile.TagCatalog;
import io.cairn.engine.profile.TagDefinition;
import io.cairn.engine.profile.TagType;
import io.cairn.engine.sandbox.SandboxMessages;
import io.cairn.engine.testing.EngineTestApplication;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The send policies on the real dispatcher and database: suppression list, holdout, frequency cap
 * under concurrent journeys, quiet hours per recipient time zone. Users u0…u299; even users live
 * in UTC+12, odd users have no time-zone tag (the default zone, UTC).
 */
@SpringBootTest(
    classes = EngineTestApplication.class,
    properties = {
      "cairn.dispatch.poll-interval=50ms",
      "cairn.dispatch.threads=8",
      "cairn.policy.holdout-percent=10",
      "cairn.policy.frequency-caps.sms.max=2",
      "cairn.policy.frequency-caps.sms.period=DAY",
      "cairn.policy.frequency-caps.sms.when-exceeded=SKIP"
    })
class DeliveryPoliciesIT {

  private static final int USERS = 300;
  private static final AtomicLong ACTIONS = new AtomicLong();

  @Autowired DeliveryLedger ledger;
  @Autowired Suppressions suppressions;
  @Autowired io.cairn.engine.delivery.UnsubscribeLinks unsubscribeLinks;
  @Autowired FrequencyCaps caps;
  @Autowired ProfileImporter importer;
  @Autowired TagCatalog catalog;
  @Autowired SandboxMessages sandbox;
  @Autowired TransactionTemplate tx;
  @Autowired JdbcTemplate jdbc;
  @Autowired io.cairn.engine.profile.ProfileReader profiles;

  private final Holdout holdout = new Holdout(10, "cairn");
  private static Map<String, Integer> ids;

  /** Email's quiet window is the three hours around now (UTC), so that UTC users are inside it. */
  @DynamicPropertySource
  static void quietHours(DynamicPropertyRegistry registry) {
    Instant now = Instant.now();
    DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    registry.add("cairn.policy.quiet-hours.email.start", () -> hhmm.format(now.minusSeconds(3600)));
    registry.add("cairn.policy.quiet-hours.email.end", () -> hhmm.format(now.plusSeconds(7200)));
  }

  @BeforeEach
  void importUsers() {
    if (ids != null) {
      return;
    }
    catalog.define(new TagDefinition("timezone", "Time zone", TagType.TEXT, "user", null));
    StringBuilder csv = new StringBuilder("id,mobile,email,timezone\n");
    for (int i = 0; i < USERS; i++) {
      csv.append("u").append(i).append(",+86139").append(10000000 + i).append(",u").append(i)
          .append("@example.com,").append(i % 2 == 0 ? "Etc/GMT-12" : "").append('\n');
    }
    importer.importCsv(
        "user", new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), null);
    List<String> external = new ArrayList<>();
    for (int i = 0; i < USERS; i++) {
      external.add("u" + i);
    }
    ids = new HashMap<>(profiles.entityIds("user", external));
  }

  @Test
  void shouldSuppressListedAddressesAndTheHoldoutAndSendTheRest() throws Exception {
    for (int i = 0; i < 20; i++) {
      // written differently from the profile's +86139…: the list matches normalised forms
      suppressions.add(Channel.SMS, "+86 139 " + (10000000 + i), "api");
    }
    RoaringBitmap audience = users(0, 100);

    long action = enqueue(Channel.SMS, audience);
    awaitDispatched(action);

    Map<Integer, String[]> rows = rows(action);
    for (int i = 0; i < 100; i++) {
      int id = ids.get("u" + i);
      String[] row = rows.get(id);
      if (holdout.holdsOut(id)) {
        assertThat(row).as("u" + i).startsWith("SUPPRESSED", "holdout");
      } else if (i < 20) {
        assertThat(row).as("u" + i).startsWith("SUPPRESSED", "suppression-list");
      } else {
        assertThat(row[0]).as("u" + i).isEqualTo("SENT");
      }
    }
    long sent = rows.values().stream().filter(r -> r[0].equals("SENT")).count();
    assertThat(sent).isGreaterThan(60);
    for (int i = 0; i < 20; i++) {
      assertThat(sandbox.list(Channel.SMS, "+86139" + (10000000 + i), 0, 10).items()).isEmpty();
    }
    assertThat(ledger.stats(runOf(action)).get(0).suppressed()).isEqualTo(100 - sent);

    var suppressed =
        ledger.deliveries(
            new DeliveryQuery(null, action, DeliveryStatus.SUPPRESSED, null, null, 0, 500));
    assertThat(suppressed.total()).isEqualTo(100 - sent);
    assertThat(suppressed.items())
        .allSatisfy(d -> assertThat(d.reason()).isIn("holdout", "suppression-list"));
    var one = ledger.deliveries(new DeliveryQuery(null, action, null, "user", "u30", 0, 10));
    assertThat(one.items()).singleElement().satisfies(d -> {
      assertThat(d.externalId()).isEqualTo("u30");
      assertThat(d.recipientHint()).isEqualTo("+86*********30").doesNotContain("10000030");
    });
    assertThat(ledger.deliveries(new DeliveryQuery(null, action, null, "user", "nobody", 0, 10)).total())
        .isZero();
  }

  @Test
  void shouldNeverSendMoreThanTheCapWhenManyJourneysTargetTheSameUsers() throws Exception {
    RoaringBitmap audience = users(200, 210);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<Future<Long>> enqueued = new ArrayList<>();
    for (int j = 0; j < 100; j++) {
      enqueued.add(pool.submit(() -> enqueue(Channel.SMS, audience)));
    }
    List<Long> actions = new ArrayList<>();
    for (Future<Long> f : enqueued) {
      actions.add(f.get());
    }
    pool.shutdown();
    for (long action : actions) {
      awaitDispatched(action);
    }

    for (int i = 200; i < 210; i++) {
      int id = ids.get("u" + i);
      long sent = 0;
      long capped = 0;
      for (long action : actions) {
        String[] row = rows(action).get(id);
        sent += row[0].equals("SENT") ? 1 : 0;
        capped += row[0].equals("SUPPRESSED") && "frequency-cap".equals(row[1]) ? 1 : 0;
      }
      if (holdout.holdsOut(id)) {
        assertThat(sent).as("u" + i + " is held out").isZero();
      } else {
        assertThat(sent).as("u" + i + " messages").isEqualTo(2);
        assertThat(capped).as("u" + i + " capped").isEqualTo(98);
        assertThat(sandbox.list(Channel.SMS, "+86139" + (10000000 + i), 0, 10).total()).isEqualTo(2);
      }
    }
  }

  @Test
  void shouldKeepTheCountAtTheCapUnderConcurrentReservations() throws Exception {
    LocalDate day = LocalDate.of(2026, 12, 1);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<Future<Boolean>> tries = new ArrayList<>();
    for (int t = 0; t < 400; t++) {
      tries.add(pool.submit(() -> caps.reserve("user", 999_999, Channel.PUSH, day, 7)));
    }
    int granted = 0;
    for (Future<Boolean> f : tries) {
      granted += f.get() ? 1 : 0;
    }
    pool.shutdown();
    assertThat(granted).isEqualTo(7);
    caps.release("user", 999_999, Channel.PUSH, day);
    assertThat(caps.reserve("user", 999_999, Channel.PUSH, day, 7)).isTrue();
    assertThat(caps.reserve("user", 999_999, Channel.PUSH, day, 7)).isFalse();
  }

  @Test
  void shouldDeferRecipientsInTheirQuietHoursWithoutSpendingAnAttempt() throws Exception {
    RoaringBitmap audience = users(100, 200);

    long action = enqueue(Channel.EMAIL, audience);
    awaitDispatched(action);

    Map<Integer, String[]> rows = rows(action);
    for (int i = 100; i < 200; i++) {
      int id = ids.get("u" + i);
      String[] row = rows.get(id);
      if (holdout.holdsOut(id)) {
        assertThat(row[0]).as("u" + i).isEqualTo("SUPPRESSED");
      } else if (i % 2 == 0) {
        assertThat(row[0]).as("u" + i + " in UTC+12, outside the window").isEqualTo("SENT");
      } else {
        assertThat(row).as("u" + i + " in UTC, inside the window")
            .startsWith("PENDING", "quiet-hours");
        assertThat(row[2]).as("attempts").isEqualTo("0");
        Instant due = Instant.parse(row[3]);
        assertThat(due).isBetween(Instant.now().plusSeconds(3000), Instant.now().plusSeconds(7300));
      }
    }
  }

  @Test
  void shouldHonourAnUnsubscribeLinkInTheNextSend() throws Exception {
    int user = nonHeldOut(220, 240, true); // UTC+12: outside email's quiet window
    String address = "u" + user + "@example.com";
    long first = enqueue(Channel.EMAIL, RoaringBitmap.bitmapOf(ids.get("u" + user)));
    awaitDispatched(first);
    String body = sandbox.list(Channel.EMAIL, address, 0, 10).items().get(0).body();
    String token = body.substring(body.indexOf("?t=") + 3).strip();

    assertThat(unsubscribeLinks.unsubscribe(token)).contains(Channel.EMAIL);
    long second = enqueue(Channel.EMAIL, RoaringBitmap.bitmapOf(ids.get("u" + user)));
    awaitDispatched(second);

    assertThat(rows(first).get(ids.get("u" + user))[0]).isEqualTo("SENT");
    assertThat(rows(second).get(ids.get("u" + user))).startsWith("SUPPRESSED", "suppression-list");
    assertThat(sandbox.list(Channel.EMAIL, address, 0, 10).total()).isEqualTo(1);
    assertThat(unsubscribeLinks.unsubscribe(token.substring(1))).isEmpty();
  }

  /** The first user of [from, to) outside the holdout (even = in UTC+12 when {@code even}). */
  private int nonHeldOut(int from, int to, boolean even) {
    for (int i = from; i < to; i++) {
      if ((i % 2 == 0) == even && !holdout.holdsOut(ids.get("u" + i))) {
        return i;
      }
    }
    throw new IllegalStateException("every user of the range is held out");
  }

  private RoaringBitmap users(int from, int to) {
    RoaringBitmap b = new RoaringBitmap();
    for (int i = from; i < to; i++) {
      b.add(ids.get("u" + i));
    }
    return b;
  }

  private long enqueue(Channel channel, RoaringBitmap audience) {
    long n = ACTIONS.incrementAndGet();
    Map<String, String> settings =
        channel == Channel.SMS
            ? Map.of("template", "Hello", "signature", "Cairn")
            : Map.of(
                "from", "news@cairn.example", "subject", "Hi", "body", "Bye: ${unsubscribe_url}");
    return tx.execute(
        s ->
            ledger.enqueue(
                new ActionRequest(
                    1, 1000 + n, "send", "policy-" + n, channel, "user", settings, audience)));
  }

  private long runOf(long action) {
    return jdbc.queryForObject(
        "SELECT run_id FROM cairn_action_execution WHERE id = ?", Long.class, action);
  }

  /** Until nothing of the action is due or in flight (deferred rows stay PENDING). */
  private void awaitDispatched(long action) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (true) {
      Integer open =
          jdbc.queryForObject(
              "SELECT COUNT(*) FROM cairn_delivery WHERE action_id = ? AND (status = 'IN_FLIGHT'"
                  + " OR (status = 'PENDING' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)))",
              Integer.class,
              action,
              java.sql.Timestamp.from(Instant.now()));
      if (open == 0) {
        return;
      }
      assertThat(Instant.now()).as("action " + action + " dispatched").isBefore(deadline);
      Thread.sleep(50);
    }
  }

  /** status, reason, attempts, next_attempt_at by entity. */
  private Map<Integer, String[]> rows(long action) {
    Map<Integer, String[]> out = new HashMap<>();
    jdbc.query(
        "SELECT entity_id, status, reason, attempts, next_attempt_at FROM cairn_delivery"
            + " WHERE action_id = ?",
        rs -> {
          java.sql.Timestamp next = rs.getTimestamp(5);
          out.put(
              rs.getInt(1),
              new String[] {
                rs.getString(2),
                rs.getString(3),
                Integer.toString(rs.getInt(4)),
                next == null ? null : next.toInstant().toString()
              });
        },
        action);
    return out;
  }
}
