package io.cairn.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ING-1's durability half: Cairn on its embedded default is killed with SIGKILL while four
 * clients post event batches; after a restart every event it acknowledged is stored, exactly once
 * (clients then resend what was in flight, as a real SDK would, and get DUPLICATE for those that
 * had landed).
 */
class EventKillIT {

  private static final int CLIENTS = 4;
  private static final int BATCH = 100;

  @TempDir Path data;

  @Test
  void shouldKeepEveryAcknowledgedEventWhenKilled() throws Exception {
    assumeFalse("mysql".equals(System.getProperty("cairn.test.db")),
        "the embedded default is H2; the MySQL run would repeat the same test");
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    AtomicLong next = new AtomicLong();
    long time = System.currentTimeMillis();
    try (CairnProcess cairn = new CairnProcess(Files.createDirectories(data.resolve("db")))) {
      cairn.start();
      String key = cairn.eventSetup("kill_evt", "kill_src");
      ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
      List<Future<?>> running = new java.util.ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        running.add(clients.submit(() -> {
          while (!Thread.currentThread().isInterrupted()) {
            long first = next.getAndAdd(BATCH);
            HttpResponse<String> r;
            try {
              r = cairn.postEvents(key, CairnProcess.batch("kill_evt", first, BATCH, time));
            } catch (Exception killed) {
              return null; // the process died mid-request: this batch is unacknowledged
            }
            if (r.statusCode() == 200) {
              for (long id = first; id < first + BATCH; id++) {
                acknowledged.add("e" + id);
              }
            }
          }
          return null;
        }));
      }
      while (acknowledged.size() < 20_000) {
        Thread.sleep(20);
      }
      cairn.kill(); // SIGKILL while the clients are mid-flight
      clients.shutdownNow();
      clients.awaitTermination(30, TimeUnit.SECONDS);
      long sent = next.get();
      assertThat(sent).as("batches were in flight when it died").isGreaterThan(acknowledged.size());

      cairn.start(); // recovers on the same file
      // the clients' retry of everything they sent: acknowledged ones come back as duplicates
      int duplicates = 0;
      for (long first = 0; first < sent; first += BATCH) {
        HttpResponse<String> r = cairn.postEvents(key, CairnProcess.batch("kill_evt", first, BATCH, time));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        duplicates += CairnProcess.count(r.body(), "DUPLICATE");
      }
      assertThat(duplicates).isGreaterThanOrEqualTo(acknowledged.size());
      cairn.close();

      Set<String> stored = new HashSet<>();
      long rows;
      try (Connection db = DriverManager.getConnection(cairn.jdbcUrl(), "sa", "");
          Statement s = db.createStatement()) {
        try (ResultSet rs = s.executeQuery("SELECT client_id FROM cairn_event WHERE source_code = 'kill_src'")) {
          while (rs.next()) {
            stored.add(rs.getString(1));
          }
        }
        try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM cairn_event WHERE source_code = 'kill_src'")) {
          rs.next();
          rows = rs.getLong(1);
        }
        try (ResultSet rs = s.executeQuery("SELECT SUM(cnt) FROM cairn_event_daily WHERE source_code = 'kill_src'")) {
          rs.next();
          assertThat(rs.getLong(1)).as("daily counts match the events").isEqualTo(rows);
        }
      }
      assertThat(stored).as("every acknowledged event survived the kill").containsAll(acknowledged);
      assertThat(rows).as("each event once").isEqualTo(stored.size()).isEqualTo(sent);
    }
  }
}
