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
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * R4 for audience schedules: Cairn on its embedded default is killed with SIGKILL (a) while a
 * daily journey waits for its first period, which then comes due while Cairn is down, and (b)
 * while the run of that period is sending to an HTTP gateway that holds a batch unanswered. After
 * each restart, on the same H2 file: the missed period runs exactly once (one run row, one action
 * execution, one ledger row per user), the interrupted run is not lost but completes, no period
 * runs twice and no user gets the SMS twice; the journey stays RUNNING, armed for the next day.
 */
class ScheduleKillIT {

  private static final int USERS = 20_000;
  private static final long HOLD_AT = 5_000;
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

  @TempDir Path data;

  @Test
  void shouldRunAPeriodDueDuringAnOutageOnceAndFinishItsRunAfterAKill() throws Exception {
    assumeFalse("mysql".equals(System.getProperty("cairn.test.db")),
        "the embedded default is H2; the MySQL run would repeat the same test");
    try (IdempotentSmsGateway gateway = new IdempotentSmsGateway();
        CairnProcess cairn = new CairnProcess(Files.createDirectories(data.resolve("db")))
            .jvmOptions(CairnProcess.FAST_START)) {
      String[] args = {
        "--cairn.channels.sms.connector=http",
        "--cairn.channels.sms.http.url=" + gateway.url(),
        "--cairn.dispatch.poll-interval=50ms",
        "--cairn.journeys.monitor-interval=100ms",
        "--cairn.journeys.schedule-interval=1s"
      };
      cairn.start(args);
      long segmentId = SendKillIT.audienceSegment(cairn, USERS);
      // Daily, at a minute far enough ahead to deploy, start and kill before it (UTC).
      ZonedDateTime due =
          ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(120).truncatedTo(ChronoUnit.MINUTES);
      String period = DAY.format(due);
      long journeyId = dailyJourney(cairn, segmentId, due);
      JsonNode started = cairn.admin("POST", "/api/journeys/" + journeyId + "/start", null);
      assertThat(started.get("status").asText()).isEqualTo("RUNNING");
      assertThat(cairn.admin("GET", "/api/journeys/" + journeyId + "/runs", null).path("items"))
          .isEmpty();
      assertThat(Instant.now()).as("killed before the period is due").isBefore(due.toInstant());

      cairn.kill(); // (a) armed, waiting for its first period
      assertThat(runs(cairn)).as("no run before the period").isEmpty();
      assertThat(nextRunAt(cairn, journeyId)).isEqualTo(due.toInstant());
      Instant deadline = due.toInstant().plusSeconds(2);
      while (Instant.now().isBefore(deadline)) {
        Thread.sleep(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()));
      }

      gateway.holdAfter(HOLD_AT);
      cairn.start(args); // the missed period runs once, now
      IdempotentSmsGateway.Held held = gateway.awaitHeld(180);
      assertThat(held).as("the missed period's run sent %,d messages", HOLD_AT).isNotNull();
      cairn.kill(); // (b) mid-run, while the gateway holds a batch
      held.release().countDown();
      List<String> atKill = runs(cairn);
      System.out.printf("[ScheduleKillIT] killed mid-run: runs %s, ledger %s, %,d delivered%n",
          atKill, cairn.ledgerStatuses(), gateway.accepted().size());
      assertThat(atKill).as("one run, of the due period").containsExactly(period + ":RUNNING");
      assertThat(cairn.ledgerStatuses().values().stream().mapToLong(Long::longValue).sum())
          .as("every member in the ledger in the launch transaction")
          .isEqualTo(USERS);
      assertThat(cairn.ledgerStatuses().getOrDefault("PENDING", 0L)).as("sending was cut short").isPositive();
      assertThat(nextRunAt(cairn, journeyId)).isEqualTo(due.plusDays(1).toInstant());

      cairn.start(args);
      awaitRunStatus(cairn, journeyId, "COMPLETED", Duration.ofMinutes(3));
      JsonNode journey = cairn.admin("GET", "/api/journeys/" + journeyId, null);
      JsonNode runs = cairn.admin("GET", "/api/journeys/" + journeyId + "/runs", null).path("items");
      JsonNode stats = cairn.admin("GET", "/api/journeys/" + journeyId + "/stats?run="
          + runs.get(0).get("id").asLong(), null);
      // The operations over HTTP: pause, resume (armed again), stop for good.
      String path = "/api/journeys/" + journeyId;
      assertThat(cairn.admin("POST", path + "/pause", null).get("status").asText()).isEqualTo("PAUSED");
      assertThat(cairn.admin("POST", path + "/resume", null).get("status").asText()).isEqualTo("RUNNING");
      assertThat(cairn.admin("POST", path + "/stop", null).get("status").asText()).isEqualTo("STOPPED");
      assertThat(refusal(cairn, path + "/resume")).contains("answered 409");
      cairn.close();

      assertThat(journey.get("status").asText()).as("periodic: armed for tomorrow").isEqualTo("RUNNING");
      assertThat(runs).hasSize(1);
      assertThat(runs.get(0).get("name").asText()).isEqualTo("Daily_" + period);
      assertThat(runs.get(0).get("audienceSize").asLong()).isEqualTo(USERS);
      assertThat(stats.get("actions")).as("one action execution: the run was never relaunched")
          .hasSize(1);
      assertThat(cairn.count("SELECT COUNT(*) FROM cairn_action_execution")).isEqualTo(1);
      for (JsonNode node : stats.get("nodes")) {
        if (node.get("elementId").asText().equals("sms")) {
          assertThat(node.get("entered").asLong()).as("users entering the SMS node").isEqualTo(USERS);
        }
      }
      Map<String, Long> finalLedger = cairn.ledgerStatuses();
      System.out.printf("[ScheduleKillIT] final ledger %s; gateway %,d ids, %,d repeated%n",
          finalLedger, gateway.accepted().size(), gateway.repeats().size());
      assertThat(finalLedger.keySet()).as("every row terminal").containsAnyOf("SENT", "AMBIGUOUS")
          .doesNotContain("PENDING", "IN_FLIGHT");
      assertThat(finalLedger.getOrDefault("SENT", 0L) + finalLedger.getOrDefault("AMBIGUOUS", 0L))
          .as("each user was sent the SMS or is ambiguous")
          .isEqualTo(USERS);
      assertThat(gateway.mobilesDeliveredTwice()).as("mobiles that got two messages").isEmpty();
    }
  }

  private static long dailyJourney(CairnProcess cairn, long segmentId, ZonedDateTime due)
      throws Exception {
    String bpmn = SendKillIT.oneSmsJourney(segmentId)
        .replace("<camunda:property name=\"schedule\" value=\"once\" />",
            "<camunda:property name=\"schedule\" value=\"daily\" />"
                + "<camunda:property name=\"time\" value=\"" + DateTimeFormatter.ofPattern("HH:mm").format(due) + "\" />"
                + "<camunda:property name=\"timeZone\" value=\"UTC\" />");
    return cairn.admin("POST", "/api/journeys?name=Daily", "application/xml",
        HttpRequest.BodyPublishers.ofString(bpmn, StandardCharsets.UTF_8)).get("id").asLong();
  }

  /** The error of a call that must be refused. */
  private static String refusal(CairnProcess cairn, String postPath) throws Exception {
    try {
      cairn.admin("POST", postPath, null);
      return "accepted";
    } catch (IllegalStateException refused) {
      return refused.getMessage();
    }
  }

  private static void awaitRunStatus(CairnProcess cairn, long journeyId, String status, Duration timeout)
      throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      // newest first
      JsonNode runs = cairn.admin("GET", "/api/journeys/" + journeyId + "/runs", null).path("items");
      if (runs.size() > 0 && runs.get(0).get("status").asText().equals(status)) {
        return;
      }
      assertThat(Instant.now()).as("the run reached " + status + ": " + runs).isBefore(deadline);
      Thread.sleep(200);
    }
  }

  /** {@code period:status} of every run, read from the database file while Cairn is down. */
  private static List<String> runs(CairnProcess cairn) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection db = DriverManager.getConnection(cairn.jdbcUrl(), "sa", "");
        Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT period, status FROM cairn_journey_run ORDER BY id")) {
      while (rs.next()) {
        out.add(rs.getString(1) + ":" + rs.getString(2));
      }
    }
    return out;
  }

  private static Instant nextRunAt(CairnProcess cairn, long journeyId) throws Exception {
    try (Connection db = DriverManager.getConnection(cairn.jdbcUrl(), "sa", "");
        Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT next_run_at FROM cairn_journey WHERE id = " + journeyId)) {
      rs.next();
      Timestamp t = rs.getTimestamp(1);
      return t == null ? null : t.toInstant();
    }
  }
}
