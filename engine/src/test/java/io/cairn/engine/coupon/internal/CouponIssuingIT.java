package io.cairn.engine.coupon.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.connectors.channel.Channel;
import io.cairn.engine.coupon.CodeImportReport;
import io.cairn.engine.coupon.Coupon;
import io.cairn.engine.coupon.Coupons;
import io.cairn.engine.coupon.NewCoupon;
import io.cairn.engine.delivery.ActionRequest;
import io.cairn.engine.delivery.DeliveryLedger;
import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.problem.NotFoundException;
import io.cairn.engine.problem.Violation;
import io.cairn.engine.profile.ProfileImporter;
import io.cairn.engine.profile.ProfileReader;
import io.cairn.engine.testing.EngineTestApplication;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Coupons on the real database: imports report per line and store each code once, a structural
 * error stores nothing, concurrent issuing gives every entity exactly one code and no code twice,
 * and issuing through the delivery ledger records SENT with the code's id, the same code again for
 * a holder, and FAILED when the pool is exhausted or the coupon disabled.
 */
@SpringBootTest(
    classes = EngineTestApplication.class,
    properties = {"cairn.dispatch.poll-interval=50ms", "cairn.dispatch.threads=4"})
class CouponIssuingIT {

  private static final AtomicInteger ACTIONS = new AtomicInteger();

  @Autowired Coupons coupons;
  @Autowired CouponIssuer issuer;
  @Autowired DeliveryLedger ledger;
  @Autowired ProfileImporter importer;
  @Autowired ProfileReader profiles;
  @Autowired TransactionTemplate tx;
  @Autowired JdbcTemplate jdbc;

  @Test
  void shouldReportEveryLineAndStoreEachCodeOnce() {
    long id = newCoupon();
    String csv =
        "\uFEFFcode\n"
            + "A-1\n"
            + "A-2\n"
            + "\n"
            + "A-1\n"
            + "   \n"
            + "x".repeat(65)
            + "\n"
            + "B 1\n"
            + "C-1,extra\n"
            + "A-3\n";

    CodeImportReport report = coupons.importCodes(id, csv(csv));

    assertThat(report.rows()).isEqualTo(9);
    assertThat(report.imported()).isEqualTo(3);
    assertThat(report.duplicates()).isEqualTo(1);
    assertThat(report.invalid()).isEqualTo(5);
    assertThat(report.existing()).isZero();
    assertThat(report.total()).isEqualTo(3);
    assertThat(report.problems())
        .extracting(CodeImportReport.Problem::line)
        .containsExactly(4L, 5L, 6L, 7L, 8L, 9L);
    assertThat(report.problems().get(1).problem()).isEqualTo("repeats the code of line 2");
    assertThat(report.toString()).as("no code in the report").doesNotContain("A-1", "B 1", "C-1");

    CodeImportReport again = coupons.importCodes(id, csv("code\nA-2\nA-4\n"));
    assertThat(again.imported()).isEqualTo(1);
    assertThat(again.existing()).isEqualTo(1);
    assertThat(again.problems())
        .containsExactly(new CodeImportReport.Problem(2, "the pool already holds this code"));
    Coupon shown = coupons.get(id);
    assertThat(shown.total()).isEqualTo(4);
    assertThat(shown.left()).isEqualTo(4);
    assertThat(codes(id)).containsExactlyInAnyOrder("A-1", "A-2", "A-3", "A-4");
  }

  @Test
  void shouldRefuseABrokenFileAsAWholeAndStoreNothing() {
    long id = newCoupon();
    coupons.importCodes(id, csv("code\nKEEP-1\n"));

    assertRefused(id, csv("A-1\nA-2\n"), "header");
    assertRefused(id, csv(""), "empty");
    assertRefused(id, csv("code,other\nA-1,x\n"), "header");
    assertRefused(id, csv("code\nA-9\n\"unclosed\n"), "well-formed");
    assertRefused(
        id,
        new ByteArrayInputStream(new byte[] {'c', 'o', 'd', 'e', '\n', (byte) 0xC3, '\n'}),
        "UTF-8");
    StringBuilder many = new StringBuilder("code\n");
    IntStream.range(0, CodeFile.MAX_LINES + 1)
        .forEach(i -> many.append("M-").append(i).append('\n'));
    assertRefused(id, csv(many.toString()), "100000");
    byte[] big = new byte[(int) CodeFile.MAX_BYTES + 1];
    java.util.Arrays.fill(big, (byte) 'Z');
    System.arraycopy("code\n".getBytes(StandardCharsets.UTF_8), 0, big, 0, 5);
    assertRefused(id, new ByteArrayInputStream(big), "8 MB");

    assertThat(codes(id)).containsExactly("KEEP-1");
    assertThat(coupons.get(id).total()).isEqualTo(1);
    assertThatThrownBy(() -> coupons.importCodes(987_654, csv("code\nA\n")))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void shouldGiveEveryEntityExactlyOneCodeAndNoCodeTwiceUnderConcurrency() throws Exception {
    long id = newCoupon();
    int users = 200;
    int poolSize = 300;
    StringBuilder csv = new StringBuilder("code\n");
    IntStream.range(0, poolSize).forEach(i -> csv.append("P-").append(i).append('\n'));
    coupons.importCodes(id, csv(csv.toString()));
    long seed = System.nanoTime();
    System.out.println("[CouponIssuingIT] seed " + seed);
    Random random = new Random(seed);
    List<int[]> batches = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      // Overlapping slices of the same users, in different orders, several batches per thread.
      int[] ids = random.ints(150, 0, users).toArray();
      batches.add(ids);
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<CouponIssuer.Result>>> futures = new ArrayList<>();
    for (int[] ids : batches) {
      futures.add(
          pool.submit(
              () -> {
                start.await();
                List<CouponIssuer.Result> results = new ArrayList<>();
                for (int from = 0; from < ids.length; from += 50) {
                  int[] slice = java.util.Arrays.copyOfRange(ids, from, from + 50);
                  results.add(issuer.issue(id, "user", slice));
                }
                return results;
              }));
    }
    start.countDown();
    Map<Integer, Long> seen = new HashMap<>();
    Set<Integer> asked = new HashSet<>();
    batches.forEach(b -> java.util.Arrays.stream(b).forEach(asked::add));
    for (Future<List<CouponIssuer.Result>> f : futures) {
      for (CouponIssuer.Result r : f.get()) {
        assertThat(r.refusal()).isNull();
        r.codes()
            .forEach(
                (entity, code) ->
                    assertThat(seen.merge(entity, code, (a, b) -> a.equals(b) ? a : -1L))
                        .as("entity " + entity + " got one code, every time (seed " + seed + ")")
                        .isEqualTo(code));
      }
    }
    pool.shutdown();

    assertThat(seen.keySet()).isEqualTo(asked);
    List<Map<String, Object>> holders =
        jdbc.queryForList(
            "SELECT entity_id, code_id FROM cairn_coupon_issue WHERE coupon_id = ?", id);
    assertThat(holders).hasSize(asked.size());
    assertThat(holders.stream().map(h -> h.get("code_id")).distinct().count())
        .as("no code issued twice")
        .isEqualTo(asked.size());
    for (Map<String, Object> h : holders) {
      assertThat(seen.get(((Number) h.get("entity_id")).intValue()))
          .isEqualTo(((Number) h.get("code_id")).longValue());
    }
    Coupon after = coupons.get(id);
    assertThat(after.issued()).isEqualTo(asked.size());
    assertThat(after.left()).isEqualTo(poolSize - asked.size());
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM cairn_coupon_code WHERE coupon_id = ? AND issued = TRUE",
                Long.class,
                id))
        .isEqualTo(asked.size());
  }

  @Test
  void shouldIssueThroughTheLedgerReissueTheSameCodeAndFailWhenExhaustedOrDisabled() {
    int[] users = importUsers(5);
    long id = newCoupon();
    coupons.importCodes(id, csv("code\nE-1\nE-2\nE-3\n"));

    long first = enqueue(id, users);
    awaitSettled(first);
    Map<Integer, String[]> rows = rows(first);
    assertThat(rows.values())
        .extracting(r -> r[0])
        .containsExactly("SENT", "SENT", "SENT", "FAILED", "FAILED");
    assertThat(rows.get(users[4])[1])
        .isEqualTo("pool-exhausted: pool exhausted: coupon " + id + " has no code left");
    for (int i = 0; i < 3; i++) {
      assertThat(rows.get(users[i])[2]).isEqualTo(String.valueOf(heldCode(id, users[i])));
    }

    coupons.importCodes(id, csv("code\nE-4\n"));
    long second = enqueue(id, users);
    awaitSettled(second);
    Map<Integer, String[]> again = rows(second);
    for (int i = 0; i < 3; i++) {
      assertThat(again.get(users[i])).as("the same code again").containsExactly(rows.get(users[i]));
    }
    assertThat(again.get(users[3])[0]).isEqualTo("SENT");
    assertThat(again.get(users[4])[0]).isEqualTo("FAILED");
    assertThat(coupons.get(id).issued()).isEqualTo(4);
    assertThat(coupons.get(id).left()).isZero();

    coupons.disable(id);
    long third = enqueue(id, users);
    awaitSettled(third);
    assertThat(rows(third).values())
        .allSatisfy(
            r -> assertThat(r[1]).isEqualTo("coupon-disabled: coupon " + id + " is disabled"));
    assertThat(ledger.settingsProblems(Channel.COUPON, Map.of("coupon", String.valueOf(id))))
        .containsExactly("coupon " + id + " is disabled");
    assertThat(ledger.settingsProblems(Channel.COUPON, Map.of("coupon", "424242")))
        .containsExactly("coupon 424242 does not exist");
    assertThat(ledger.settingsProblems(Channel.COUPON, Map.of("coupon", "C-1")))
        .singleElement()
        .asString()
        .contains("coupon: not a coupon id");
    coupons.enable(id);
    assertThat(ledger.settingsProblems(Channel.COUPON, Map.of("coupon", String.valueOf(id))))
        .isEmpty();
  }

  private long newCoupon() {
    return coupons.create(new NewCoupon("c-" + UUID.randomUUID(), null)).id();
  }

  private static InputStream csv(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  private void assertRefused(long id, InputStream file, String says) {
    assertThatThrownBy(() -> coupons.importCodes(id, file))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.violations()).extracting(Violation::field).containsExactly("file");
              assertThat(e.getMessage().replace(",", "")).contains(says);
            });
  }

  private List<String> codes(long id) {
    return jdbc.queryForList(
        "SELECT code FROM cairn_coupon_code WHERE coupon_id = ? ORDER BY id", String.class, id);
  }

  private long heldCode(long id, int entity) {
    return jdbc.queryForObject(
        "SELECT code_id FROM cairn_coupon_issue WHERE coupon_id = ? AND entity_type = 'user'"
            + " AND entity_id = ?",
        Long.class,
        id,
        entity);
  }

  /** New users with a mobile number; their dense ids, in order. */
  private int[] importUsers(int n) {
    String prefix =
        "cu" + ACTIONS.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6);
    StringBuilder csv = new StringBuilder("id,mobile\n");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(prefix + "-" + i);
      csv.append(prefix).append('-').append(i).append(",+8613900").append(100000 + i).append('\n');
    }
    importer.importCsv("user", csv(csv.toString()), null);
    Map<String, Integer> dense = profiles.entityIds("user", ids);
    return ids.stream().mapToInt(dense::get).sorted().toArray();
  }

  private long enqueue(long couponId, int[] users) {
    int n = ACTIONS.incrementAndGet();
    return tx.execute(
        s ->
            ledger.enqueue(
                new ActionRequest(
                    9_000 + n,
                    9_000 + n,
                    "coupon",
                    "coupon-" + n + "-" + UUID.randomUUID(),
                    Channel.COUPON,
                    "user",
                    Map.of("coupon", String.valueOf(couponId), "idType", "MOBILE"),
                    RoaringBitmap.bitmapOf(users))));
  }

  /** status, reason, provider_ref by entity, in entity order. */
  private Map<Integer, String[]> rows(long action) {
    Map<Integer, String[]> out = new java.util.TreeMap<>();
    jdbc.query(
        "SELECT entity_id, status, reason, provider_ref FROM cairn_delivery WHERE action_id = ?",
        rs -> {
          out.put(rs.getInt(1), new String[] {rs.getString(2), rs.getString(3), rs.getString(4)});
        },
        action);
    return out;
  }

  private void awaitSettled(long action) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (jdbc.queryForObject(
            "SELECT COUNT(*) FROM cairn_delivery WHERE action_id = ? AND status IN"
                + " ('PENDING','IN_FLIGHT')",
            Integer.class,
            action)
        > 0) {
      assertThat(Instant.now()).as("action settled").isBefore(deadline);
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
