package io.cairn.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * R2 for sending: Cairn (the real jar, {@code mysql} profile) sends one SMS journey to 20,000 users
 * through an HTTP gateway that honours idempotency keys, on a MariaDB server of the test's own
 * ({@link PrivateMariaDb}); the server is killed with SIGKILL while the gateway holds a batch it
 * has taken, and started again on the same datadir. Cairn itself keeps running. The outage is
 * proved twice: the server refuses a test connection while it is down, and Cairn logs database
 * errors during it.
 *
 * <p>Runs in the MySQL run only; the H2 run has no server to restart (its embedded database lives
 * inside the process, which {@link SendKillIT} kills instead).
 */
class DatabaseRestartIT {

  private static final int USERS = 20_000;
  private static final long HOLD_AT = 6_000;
  /** Short, so that Cairn reports the outage within seconds rather than after Hikari's 30 s. */
  private static final String CONNECTION_TIMEOUT = "--spring.datasource.hikari.connection-timeout=3000";

  private static final Set<String> TERMINAL =
      Set.of("SENT", "DELIVERED", "FAILED", "SKIPPED", "SUPPRESSED", "AMBIGUOUS");

  @TempDir Path dir;

  /**
   * The gateway's answer comes back once the database is up again: nothing is in doubt (batches
   * answered during the outage keep trying to record their outcomes until it is back).
   */
  @Test
  void shouldResumeSendingWhenTheDatabaseRestartsMidSend() throws Exception {
    Outcome o = sendThroughOutage(false);

    assertThat(o.finalCounts()).as("nothing was in doubt").containsOnlyKeys("SENT");
    assertThat(o.gateway().repeats()).as("ids sent again").isEmpty();
  }

  /**
   * The gateway answers while the database is down, so the dispatcher cannot record the outcome
   * of a batch the gateway took at once. Those rows must end AMBIGUOUS or be settled once the
   * database is back (Cairn retries the outcome write for a while), and the journey complete.
   */
  @Test
  void shouldSettleTheBatchWhoseAnswerCameDuringTheOutage() throws Exception {
    Outcome o = sendThroughOutage(true);

    assertThat(o.finalCounts().keySet()).isSubsetOf("SENT", "AMBIGUOUS");
    assertThat(o.finalCounts().getOrDefault("AMBIGUOUS", 0L))
        .as("only the batch in flight during the outage may be in doubt")
        .isLessThanOrEqualTo(o.heldMessages());
  }

  /** What a send through a database outage left behind. */
  record Outcome(IdempotentSmsGateway gateway, Map<String, Long> finalCounts, long heldMessages) {}

  /**
   * Sends to every user, kills the database while the gateway holds a batch, and starts it again;
   * the held batch is answered during the outage or after it. Checks what holds either way and
   * returns the rest for the caller.
   */
  private Outcome sendThroughOutage(boolean answerDuringOutage) throws Exception {
    assumeTrue("mysql".equals(System.getProperty("cairn.test.db")),
        "the H2 run has no database server to restart: its database is inside the process");
    assumeTrue(PrivateMariaDb.installed(), "needs mariadbd and mariadb-install-db (mariadb-server)");
    try (PrivateMariaDb db = PrivateMariaDb.start(Files.createDirectories(dir.resolve("mariadb")));
        IdempotentSmsGateway gateway = new IdempotentSmsGateway();
        CairnProcess cairn = new CairnProcess(Files.createDirectories(dir.resolve("cairn")))
            .jvmOptions(CairnProcess.FAST_START)) {
      cairn.start(
          "--spring.profiles.active=mysql",
          "--spring.datasource.url=" + db.cairnUrl(),
          "--spring.datasource.username=root",
          "--spring.datasource.password=",
          CONNECTION_TIMEOUT,
          "--cairn.channels.sms.connector=http",
          "--cairn.channels.sms.http.url=" + gateway.url(),
          "--cairn.dispatch.poll-interval=50ms",
          "--cairn.journeys.monitor-interval=100ms");
      long journeyId = SendKillIT.audienceJourney(cairn, USERS);

      gateway.holdAfter(HOLD_AT);
      cairn.admin("POST", "/api/journeys/" + journeyId + "/start", null);
      IdempotentSmsGateway.Held held = gateway.awaitHeld(180);
      assertThat(held).as("the send reached %,d delivered ids", HOLD_AT).isNotNull();
      long logBefore = cairn.logLines();
      db.kill();
      int deliveredAtKill = gateway.accepted().size();
      assertThat(db.answers()).as("the killed server answers").isFalse();
      List<String> errors = awaitLog(cairn, logBefore, DATABASE_ERRORS, Duration.ofSeconds(60));
      if (answerDuringOutage) {
        long before = cairn.logLines();
        held.release().countDown();
        // the dispatcher got the answer and could not record it
        awaitLog(cairn, before, List.of("dispatch of action"), Duration.ofSeconds(60));
      }
      db.startServer();
      held.release().countDown();
      System.out.printf("[DatabaseRestartIT] outage: %,d ids delivered at the kill; Cairn logged"
          + " %d database errors meanwhile, the first: %s%n", deliveredAtKill, errors.size(),
          errors.get(0));

      Map<String, String> rows;
      Map<String, Long> counts = new TreeMap<>();
      try {
        awaitCompleted(cairn, journeyId, Duration.ofMinutes(3));
      } finally {
        rows = rowsByKey(db);
        rows.values().forEach(s -> counts.merge(s, 1L, Long::sum));
        System.out.printf("[DatabaseRestartIT] ledger at the end: %s%n", counts);
      }
      Map<String, IdempotentSmsGateway.Accepted> accepted = gateway.accepted();
      System.out.printf("[DatabaseRestartIT] final ledger %s; gateway: %,d requests, %,d ids"
          + " delivered, %,d repeated%n", counts, gateway.requests(), accepted.size(),
          gateway.repeats().size());

      assertThat(rows).hasSize(USERS);
      assertThat(counts.keySet()).as("every row terminal").isSubsetOf(TERMINAL);
      assertThat(accepted.size()).as("sending resumed after the restart").isGreaterThan(deliveredAtKill);
      assertThat(gateway.mobilesDeliveredTwice()).as("mobiles that got two messages").isEmpty();
      for (String id : gateway.repeats().keySet()) {
        assertThat(rows.get(id)).as("ledger row of repeated id " + id).isEqualTo("AMBIGUOUS");
      }
      for (String id : accepted.keySet()) {
        assertThat(rows.get(id)).as("ledger row of delivered id " + id)
            .isIn("SENT", "DELIVERED", "AMBIGUOUS");
      }
      rows.forEach((id, status) -> {
        if (status.equals("SENT")) {
          assertThat(accepted).as("the gateway has SENT row " + id).containsKey(id);
        }
      });
      return new Outcome(gateway, counts, held.messages());
    }
  }

  private static final List<String> DATABASE_ERRORS =
      List.of("Communications link failure", "Connection is not available",
          "CannotGetJdbcConnectionException", "Could not open JDBC Connection");

  /** Waits until Cairn's log, after line {@code from}, has lines with one of {@code markers}. */
  private static List<String> awaitLog(
      CairnProcess cairn, long from, List<String> markers, Duration timeout) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      List<String> found = cairn.logLinesAfter(from).stream()
          .filter(l -> markers.stream().anyMatch(l::contains))
          .toList();
      if (!found.isEmpty()) {
        return found;
      }
      assertThat(Instant.now()).as("Cairn to log one of " + markers).isBefore(deadline);
      Thread.sleep(200);
    }
  }

  /**
   * Polls the journey until COMPLETED. Right after the outage a call may fail (Cairn answers 401
   * when it cannot read its user accounts): such answers are counted and printed, not fatal.
   */
  private static void awaitCompleted(CairnProcess cairn, long journeyId, Duration timeout)
      throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    List<String> failedCalls = new java.util.ArrayList<>();
    String last = null;
    while (Instant.now().isBefore(deadline)) {
      try {
        JsonNode journey = cairn.admin("GET", "/api/journeys/" + journeyId, null);
        last = journey.toString();
        if ("COMPLETED".equals(journey.path("status").asText())) {
          if (!failedCalls.isEmpty()) {
            System.out.printf("[DatabaseRestartIT] %d API calls failed after the outage, the first:"
                + " %s%n", failedCalls.size(), failedCalls.get(0));
          }
          return;
        }
      } catch (IllegalStateException failedCall) {
        failedCalls.add(failedCall.getMessage());
      }
      Thread.sleep(200);
    }
    throw new AssertionError("journey " + journeyId + " not COMPLETED within " + timeout + ": "
        + last + "; failed calls: " + failedCalls.size()
        + (failedCalls.isEmpty() ? "" : ", the first: " + failedCalls.get(0)));
  }

  private static Map<String, String> rowsByKey(PrivateMariaDb db) throws Exception {
    Map<String, String> out = new HashMap<>(USERS * 2);
    try (Connection c = db.connect("cairn");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT action_id, entity_id, status FROM cairn_delivery")) {
      while (rs.next()) {
        out.put(rs.getLong(1) + "-" + rs.getInt(2), rs.getString(3));
      }
    }
    return out;
  }
}
