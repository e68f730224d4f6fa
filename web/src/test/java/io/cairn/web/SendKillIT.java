package io.cairn.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * R1: Cairn on its embedded default is killed with SIGKILL three times while one SMS journey sends
 * to 100,000 users through an HTTP gateway that honours idempotency keys, and restarted on the same
 * H2 file each time. Each kill lands while the gateway holds a batch it has taken but not answered
 * (the worst moment: delivered, not yet recorded), after some recipients are settled and before
 * all are; the test reads the ledger file while Cairn is dead to prove it.
 *
 * <p>Afterwards every ledger row is terminal, the gateway delivered no id and no mobile twice, an
 * id came back to it only for a row recorded AMBIGUOUS, every id it delivered is recorded SENT or
 * AMBIGUOUS (none lost as FAILED or PENDING), and AMBIGUOUS rows are bounded by the batches in
 * flight at the kills.
 */
class SendKillIT {

  private static final int USERS = 100_000;
  /** Delivered ids at which the gateway holds a batch and the test kills Cairn. */
  private static final long[] KILL_AT = {15_000, 40_000, 65_000};
  /** Cairn's defaults: cairn.dispatch.batches-in-flight and cairn.channels.sms.http.batch-size. */
  private static final int BATCHES_IN_FLIGHT = 4;
  private static final int BATCH_SIZE = 500;

  private static final Set<String> TERMINAL =
      Set.of("SENT", "DELIVERED", "FAILED", "SKIPPED", "SUPPRESSED", "AMBIGUOUS");

  @TempDir Path data;

  @Test
  void shouldSettleEveryRecipientOnceWhenKilledRepeatedlyMidSend() throws Exception {
    assumeFalse("mysql".equals(System.getProperty("cairn.test.db")),
        "the embedded default is H2; the MySQL run would repeat the same test");
    long t0 = System.nanoTime();
    try (IdempotentSmsGateway gateway = new IdempotentSmsGateway();
        CairnProcess cairn = new CairnProcess(Files.createDirectories(data.resolve("db")))
            .jvmOptions(CairnProcess.FAST_START)) {
      String[] args = {
        "--cairn.channels.sms.connector=http",
        "--cairn.channels.sms.http.url=" + gateway.url(),
        "--cairn.dispatch.poll-interval=50ms",
        "--cairn.journeys.monitor-interval=100ms",
        "--logging.level.io.cairn=INFO"
      };
      cairn.start(args);
      long journeyId = audienceJourney(cairn, USERS);
      long setupNanos = System.nanoTime() - t0;
      System.out.printf("[SendKillIT] setup (start, import, segment, deploy) took %.0f s%n", setupNanos / 1e9);

      gateway.holdAfter(KILL_AT[0]);
      cairn.admin("POST", "/api/journeys/" + journeyId + "/start", null);
      long sending = System.nanoTime(); // start of the current stretch of sending
      List<Map<String, Long>> atKills = new ArrayList<>();
      long heldMessages = 0;
      for (int k = 0; k < KILL_AT.length; k++) {
        IdempotentSmsGateway.Held held = gateway.awaitHeld(180);
        assertThat(held).as("the send reached %,d delivered ids", KILL_AT[k]).isNotNull();
        cairn.kill(); // while the gateway has the batch and Cairn waits for its answer
        double sendSeconds = (System.nanoTime() - sending) / 1e9;
        held.release().countDown();
        heldMessages += held.messages();
        Map<String, Long> ledger = cairn.ledgerStatuses();
        atKills.add(ledger);
        System.out.printf("[SendKillIT] kill %d at %,d delivered ids, %.0f s after the (re)start"
                + " of sending: ledger %s%n", k + 1, gateway.accepted().size(), sendSeconds, ledger);
        long settled = settled(ledger);
        assertThat(settled).as("recipients settled before kill %d", k + 1)
            .isGreaterThan(k == 0 ? 0 : settled(atKills.get(k - 1)));
        assertThat(USERS - settled).as("recipients not settled at kill %d", k + 1).isPositive();
        if (k + 1 < KILL_AT.length) {
          gateway.holdAfter(KILL_AT[k + 1]);
        }
        long restart = System.nanoTime();
        cairn.start(args);
        System.out.printf("[SendKillIT] restart %d took %.0f s%n", k + 1, (System.nanoTime() - restart) / 1e9);
        sending = System.nanoTime();
      }
      awaitStatus(cairn, journeyId, "COMPLETED", Duration.ofMinutes(3));
      System.out.printf("[SendKillIT] the rest sent and the journey COMPLETED %.0f s after the last"
          + " restart%n", (System.nanoTime() - sending) / 1e9);
      cairn.close();

      Map<String, String> rows = rowsByKey(cairn);
      Map<String, Long> finalCounts = new TreeMap<>();
      rows.values().forEach(s -> finalCounts.merge(s, 1L, Long::sum));
      Map<String, IdempotentSmsGateway.Accepted> accepted = gateway.accepted();
      Map<String, Integer> repeats = gateway.repeats();
      System.out.printf(
          "[SendKillIT] %,d recipients, %d kills, %.0f s in all (setup %.0f s): final ledger %s;"
              + " gateway: %,d requests, %,d ids delivered, %,d repeated ids (%,d repeats),"
              + " %,d messages held at kills%n",
          USERS, KILL_AT.length, (System.nanoTime() - t0) / 1e9, setupNanos / 1e9, finalCounts,
          gateway.requests(), accepted.size(), repeats.size(),
          repeats.values().stream().mapToInt(Integer::intValue).sum(), heldMessages);

      assertThat(rows).as("one ledger row per user").hasSize(USERS);
      assertThat(finalCounts.keySet()).as("every row terminal").isSubsetOf(TERMINAL);
      long settledAfterLastKill = USERS - settled(atKills.get(atKills.size() - 1));
      assertThat(settledAfterLastKill).as("recipients settled after the last restart").isPositive();

      assertThat(gateway.mobilesDeliveredTwice()).as("mobiles that got two messages").isEmpty();
      for (String id : repeats.keySet()) {
        assertThat(rows.get(id)).as("ledger row of repeated id " + id).isEqualTo("AMBIGUOUS");
      }
      for (String id : accepted.keySet()) {
        assertThat(rows.get(id)).as("ledger row of delivered id " + id)
            .isIn("SENT", "DELIVERED", "AMBIGUOUS");
      }
      rows.forEach((id, status) -> {
        if (status.equals("SENT") || status.equals("DELIVERED")) {
          assertThat(accepted).as("the gateway has SENT row " + id).containsKey(id);
        }
      });
      // Each kill finds at most cairn.dispatch.batches-in-flight (4) batches leased, of at most
      // 500 recipients (the HTTP SMS connector's batch size); the held one among them was sent.
      assertThat(finalCounts.getOrDefault("AMBIGUOUS", 0L))
          .as("ambiguous rows are bounded by the batches in flight at the kills")
          .isBetween(heldMessages, (long) KILL_AT.length * BATCHES_IN_FLIGHT * BATCH_SIZE);
      assertThat(finalCounts.getOrDefault("SENT", 0L) + finalCounts.getOrDefault("AMBIGUOUS", 0L))
          .as("every user has a mobile and no policy applies: each was sent or is ambiguous")
          .isEqualTo(USERS);
    }
  }

  /** {@code users} users with a mobile, a segment of all of them, and a journey sending each one SMS. */
  static long audienceJourney(CairnProcess cairn, int users) throws Exception {
    long segmentId = audienceSegment(cairn, users);
    return cairn.admin("POST", "/api/journeys?name=Kill", "application/xml",
        HttpRequest.BodyPublishers.ofString(oneSmsJourney(segmentId), StandardCharsets.UTF_8))
        .get("id").asLong();
  }

  /** {@code users} users k0… with a mobile and an ACTIVE segment of all of them; its id. */
  static long audienceSegment(CairnProcess cairn, int users) throws Exception {
    cairn.admin("POST", "/api/tags",
        "{\"code\":\"cohort\",\"name\":\"Cohort\",\"type\":\"NUMBER\",\"entityType\":\"user\"}");
    StringBuilder csv = new StringBuilder(users * 28).append("id,mobile,cohort\n");
    for (int i = 0; i < users; i++) {
      csv.append("k").append(i).append(",+86139").append(String.format("%08d", i)).append(",1\n");
    }
    JsonNode report = cairn.admin("POST", "/api/profiles/import?entityType=user",
        "text/csv; charset=utf-8", HttpRequest.BodyPublishers.ofString(csv.toString()));
    assertThat(report.get("imported").asInt()).as(report.toString()).isEqualTo(users);
    long segmentId = cairn.admin("POST", "/api/segments",
        "{\"name\":\"Everyone\",\"entityType\":\"user\",\"rule\":{\"groups\":[{\"conditions\":"
            + "[{\"tag\":\"cohort\",\"op\":\"eq\",\"value\":1}]}]}}").get("id").asLong();
    JsonNode segment = awaitStatus(cairn, "/api/segments/" + segmentId, "ACTIVE", Duration.ofMinutes(2));
    assertThat(segment.get("size").asInt()).isEqualTo(users);
    return segmentId;
  }

  /** Audience entry → one SMS → end. */
  static String oneSmsJourney(long segmentId) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="one_sms_defs"
            targetNamespace="http://cairn.io/journeys">
          <bpmn:process id="one_sms" isExecutable="true" camunda:historyTimeToLive="30">
            <bpmn:startEvent id="entry" camunda:modelerTemplate="io.cairn.audienceEntry">
              <bpmn:extensionElements><camunda:properties>
                <camunda:property name="segmentId" value="%d" />
                <camunda:property name="schedule" value="once" />
              </camunda:properties></bpmn:extensionElements>
            </bpmn:startEvent>
            <bpmn:sequenceFlow id="to_sms" sourceRef="entry" targetRef="sms" />
            <bpmn:serviceTask id="sms" camunda:modelerTemplate="io.cairn.sendSms"
                camunda:delegateExpression="${cairnSendSms}">
              <bpmn:extensionElements><camunda:properties>
                <camunda:property name="template" value="Your order has shipped." />
                <camunda:property name="signature" value="Cairn" />
                <camunda:property name="type" value="NOTIFICATION" />
                <camunda:property name="onEmptyValue" value="SKIP" />
              </camunda:properties></bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:sequenceFlow id="to_end" sourceRef="sms" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(segmentId);
  }

  static JsonNode awaitStatus(CairnProcess cairn, long journeyId, String status, Duration timeout)
      throws Exception {
    return awaitStatus(cairn, "/api/journeys/" + journeyId, status, timeout);
  }

  private static JsonNode awaitStatus(CairnProcess cairn, String path, String status, Duration timeout)
      throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      JsonNode body = cairn.admin("GET", path, null);
      String current = body.path("status").asText();
      if (status.equals(current)) {
        return body;
      }
      assertThat(current).as(path + " failed: " + body).isNotEqualTo("FAILED");
      assertThat(Instant.now()).as(path + " to reach " + status + ", is " + body).isBefore(deadline);
      Thread.sleep(100);
    }
  }

  private static long settled(Map<String, Long> ledger) {
    return ledger.entrySet().stream()
        .filter(e -> TERMINAL.contains(e.getKey()))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  /** Every row's status by the idempotency key Cairn sends for it ({@code <action>-<entity>}). */
  private static Map<String, String> rowsByKey(CairnProcess cairn) throws Exception {
    Map<String, String> out = new HashMap<>(USERS * 2);
    try (Connection db = DriverManager.getConnection(cairn.jdbcUrl(), "sa", "");
        Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT action_id, entity_id, status FROM cairn_delivery")) {
      while (rs.next()) {
        out.put(rs.getLong(1) + "-" + rs.getInt(2), rs.getString(3));
      }
    }
    return out;
  }
}
