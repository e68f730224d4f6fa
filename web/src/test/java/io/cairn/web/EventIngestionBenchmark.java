package io.cairn.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ING-1: events per second into {@code POST /api/events} in batches of 100, on the embedded
 * default ({@code java -jar cairn.jar}, H2 file with every commit written before the answer),
 * driven over HTTP by concurrent clients in this JVM (the clients share the 2 cores with Cairn).
 * Each event carries a client id (deduplication check) and one attribute, over 50,000 users, so
 * the run creates users, attribute rows and daily counts like real traffic. Prints throughput and
 * batch latency; asserts only that every event was accepted and stored once.
 */
class EventIngestionBenchmark {

  private static final long EVENTS = Long.getLong("cairn.bench.events", 400_000);
  private static final int CLIENTS = Integer.getInteger("cairn.bench.clients", 8);
  private static final int BATCH = 100;

  @TempDir Path data;

  @Test
  void ingestEventBatches() throws Exception {
    try (CairnProcess cairn = new CairnProcess(Files.createDirectories(data.resolve("db")))) {
      cairn.start();
      String key = cairn.eventSetup("bench_evt", "bench_src");
      long time = System.currentTimeMillis();
      // warm-up: JIT, connection pool, first users
      post(cairn, key, -BATCH * 200L, 200, time);

      AtomicLong next = new AtomicLong();
      AtomicLong accepted = new AtomicLong();
      long[][] latencies = new long[CLIENTS][];
      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
      long start = System.nanoTime();
      List<Future<?>> clients = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        clients.add(pool.submit(() -> {
          List<Long> mine = new ArrayList<>();
          for (long first; (first = next.getAndAdd(BATCH)) < EVENTS; ) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = cairn.postEvents(key, CairnProcess.batch("bench_evt", first, BATCH, time));
            mine.add(System.nanoTime() - t0);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            accepted.addAndGet(CairnProcess.count(r.body(), "ACCEPTED"));
          }
          latencies[client] = mine.stream().mapToLong(Long::longValue).toArray();
          return null;
        }));
      }
      for (Future<?> f : clients) {
        f.get();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      pool.shutdown();
      long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
      assertThat(accepted.get()).isEqualTo(EVENTS);
      System.out.printf(Locale.ROOT,
          "%nING-1 (embedded default, H2 file, WRITE_DELAY=0): %,d events in batches of %d from %d clients"
              + " in %.1f s = %,.0f events/s (goal ≥ 20,000); batch latency p50 %.1f ms, p99 %.1f ms%n",
          EVENTS, BATCH, CLIENTS, seconds, EVENTS / seconds, all[all.length / 2] / 1e6,
          all[(int) (all.length * 0.99)] / 1e6);
    }
  }

  private static void post(CairnProcess cairn, String key, long first, int batches, long time) throws Exception {
    for (int i = 0; i < batches; i++) {
      assertThat(cairn.postEvents(key, CairnProcess.batch("bench_evt", first + (long) i * BATCH, BATCH, time))
          .statusCode()).isEqualTo(200);
    }
  }
}
