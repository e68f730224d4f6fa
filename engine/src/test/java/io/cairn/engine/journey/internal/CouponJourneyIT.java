package io.cairn.engine.journey.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.engine.journey.JourneyMode;
import io.cairn.engine.coupon.Coupons;
import io.cairn.engine.coupon.NewCoupon;
import io.cairn.engine.delivery.ActionStats;
import io.cairn.engine.delivery.DeliveryLedger;
import io.cairn.engine.journey.JourneyService;
import io.cairn.engine.journey.JourneyStatus;
import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.problem.Violation;
import io.cairn.engine.profile.ProfileImporter;
import io.cairn.engine.profile.ProfileReader;
import io.cairn.engine.testing.EngineTestApplication;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.roaringbitmap.RoaringBitmap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A journey with an "Issue coupon" node on the real engine: every recipient's ledger row ends SENT
 * with the id of the one code issued to them, no code is issued twice, the coupon's counts follow,
 * and no code ever reaches the log. Deployment refuses a node whose coupon is unknown or disabled,
 * naming the node.
 */
@SpringBootTest(
    classes = EngineTestApplication.class,
    properties = {
      "cairn.dispatch.poll-interval=50ms",
      "cairn.journeys.monitor-interval=100ms",
      "logging.level.io.cairn=DEBUG"
    })
@ExtendWith(OutputCaptureExtension.class)
class CouponJourneyIT {

  private static final int USERS = 30;

  @Autowired JourneyRuntime runtime;
  @Autowired JourneyStore store;
  @Autowired JourneyLauncher launcher;
  @Autowired JourneyService journeys;
  @Autowired TransactionTemplate tx;
  @Autowired ProfileImporter importer;
  @Autowired ProfileReader profiles;
  @Autowired Coupons coupons;
  @Autowired DeliveryLedger ledger;
  @Autowired JdbcTemplate jdbc;

  @Test
  void shouldIssueEveryRecipientOneCodeThroughTheLedgerWithoutLoggingCodes(CapturedOutput output)
      throws Exception {
    RoaringBitmap cohort = importUsers();
    long coupon = coupons.create(new NewCoupon("Welcome 10 %", "first order")).id();
    List<String> codes = new ArrayList<>();
    StringBuilder csv = new StringBuilder("code\n");
    for (int i = 0; i < USERS + 5; i++) {
      String code = "WELCOME-" + Long.toString(Double.doubleToLongBits(Math.random()), 36) + i;
      codes.add(code);
      csv.append(code).append('\n');
    }
    coupons.importCodes(
        coupon, new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)));
    long journeyId = deploy(bpmn(String.valueOf(coupon)));

    tx.executeWithoutResult(
        s -> launcher.launch(store.lock(journeyId).orElseThrow(), "user", cohort));
    awaitStatus(journeyId, JourneyStatus.COMPLETED);

    ActionStats action =
        journeys.stats(journeyId).actions().stream()
            .filter(a -> a.elementId().equals("coupon"))
            .findFirst()
            .orElseThrow();
    assertThat(action.channel()).isEqualTo("COUPON");
    assertThat(action.sent()).isEqualTo(USERS);
    assertThat(action.failed() + action.skipped() + action.ambiguous()).isZero();
    List<Map<String, Object>> rows =
        jdbc.queryForList(
            "SELECT d.entity_id, d.status, d.provider_ref, i.code_id FROM cairn_delivery d"
                + " LEFT JOIN cairn_coupon_issue i ON i.coupon_id = ? AND i.entity_type = 'user'"
                + " AND i.entity_id = d.entity_id WHERE d.action_id = ?",
            coupon,
            action.actionId());
    assertThat(rows).hasSize(USERS);
    assertThat(rows)
        .allSatisfy(
            r -> {
              assertThat(r.get("status")).isEqualTo("SENT");
              assertThat(r.get("provider_ref")).isEqualTo(String.valueOf(r.get("code_id")));
            });
    assertThat(rows.stream().map(r -> r.get("code_id")).distinct().count()).isEqualTo(USERS);
    assertThat(coupons.get(coupon).issued()).isEqualTo(USERS);
    assertThat(coupons.get(coupon).left()).isEqualTo(5);

    String log = output.getAll();
    assertThat(log).as("the journey ran with logging on").contains("cairn");
    for (String code : codes) {
      assertThat(log).as("a code in the log").doesNotContain(code);
    }
  }

  @Test
  void shouldRefuseANodeWhoseCouponIsUnknownDisabledOrMissing() {
    JourneyValidator validator =
        new JourneyValidator(
            id -> Optional.of("user"), ledger::settingsProblems, java.time.Clock.systemUTC());
    long coupon = coupons.create(new NewCoupon("Paused", null)).id();

    assertThat(validator.validate(bpmn(String.valueOf(coupon)).getBytes(StandardCharsets.UTF_8)))
        .isNotNull();
    assertThat(refusal(validator, bpmn("424242")))
        .containsExactly(
            new Violation("coupon", "\"Welcome coupon\": coupon 424242 does not exist"));
    coupons.disable(coupon);
    assertThat(refusal(validator, bpmn(String.valueOf(coupon))))
        .containsExactly(
            new Violation("coupon", "\"Welcome coupon\": coupon " + coupon + " is disabled"));
    assertThat(refusal(validator, bpmn("")))
        .extracting(Violation::message)
        .anySatisfy(m -> assertThat(m).contains("coupon is not configured"));
  }

  private static List<Violation> refusal(JourneyValidator validator, String xml) {
    List<Violation> out = new ArrayList<>();
    assertThatThrownBy(() -> validator.validate(xml.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> out.addAll(e.violations()));
    return out;
  }

  private String bpmn(String couponId) {
    try {
      return new String(
              getClass().getResourceAsStream("/journeys/issue-coupon.bpmn").readAllBytes(),
              StandardCharsets.UTF_8)
          .replace("COUPON_ID", couponId);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private long deploy(String xml) {
    byte[] bpmn = xml.getBytes(StandardCharsets.UTF_8);
    String definitionId = runtime.deploy("coupons", "issue_coupon", bpmn);
    return store.insertJourney("coupons", "issue_coupon", JourneyMode.AUDIENCE, definitionId, 1L, bpmn);
  }

  /** Users cj0…cj29 with a mobile number; the cohort of their dense ids. */
  private RoaringBitmap importUsers() {
    StringBuilder csv = new StringBuilder("id,mobile\n");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < USERS; i++) {
      ids.add("cj" + i);
      csv.append("cj").append(i).append(",+86138").append(20000000 + i).append('\n');
    }
    importer.importCsv(
        "user", new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), null);
    RoaringBitmap cohort = new RoaringBitmap();
    profiles.entityIds("user", ids).values().forEach(cohort::add);
    assertThat(cohort.getCardinality()).isEqualTo(USERS);
    return cohort;
  }

  private void awaitStatus(long journeyId, JourneyStatus status) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (journeys.get(journeyId).status() != status) {
      assertThat(Instant.now()).as("journey reached " + status).isBefore(deadline);
      Thread.sleep(100);
    }
  }
}
