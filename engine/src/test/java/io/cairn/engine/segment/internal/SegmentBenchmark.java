package io.cairn.engine.segment.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.FastAggregation;
import org.roaringbitmap.RoaringBitmap;

/**
 * SEG-1, SEG-3, SEG-4, SEG-6 and memory per tag of QUALITY.md: Cairn's bitmap engine against DuckDB
 * (embedded, in memory) and MariaDB (InnoDB at 127.0.0.1:3306) on the same synthetic users, in one
 * run. Prints figures and asserts only that every engine returns the same counts.
 *
 * <p>{@code ./mvnw -B verify -Pbenchmark -pl engine -Dcairn.bench.users=10000000}
 */
class SegmentBenchmark {

  private static final int DEFAULT_USERS = 10_000_000;
  private static final int CSV_CHUNK = 1_000_000;

  /** QUALITY.md's bound for the MariaDB load; beyond it MariaDB gets a prefix of the users. */
  private static final double MARIADB_LOAD_BUDGET_SECONDS = 180;

  private static final int TAGS_FOR_COLD_LOAD = 200;

  /** One measured query: Cairn's sample, the peers' samples (null = not run), the goal. */
  private record Row(
      String id, String goal, Latency.Sample cairn, Latency.Sample duck, Latency.Sample maria) {}

  @Test
  void segmentEngineAgainstPeers() throws Exception {
    int users = users();
    log(
        "users: %,d; heap max %,d MB; load average %s; SEG-5: see ListUploadBenchmark",
        users, Runtime.getRuntime().maxMemory() >> 20, loadAverage());
    long t0 = System.nanoTime();
    SyntheticUsers data = new SyntheticUsers(users);
    log("generated %d tags in %.1f s", data.tags.size(), since(t0));
    t0 = System.nanoTime();
    TagIndex index = data.index();
    log("built Cairn's index with TagColumns.Builder in %.1f s", since(t0));

    Map<String, Rule> rules = new LinkedHashMap<>();
    rules.put("SEG-1", BenchRules.seg1());
    rules.put("SEG-3", BenchRules.seg3());
    rules.put("SEG-4", BenchRules.seg4());
    Map<String, Latency.Sample> cairn = new LinkedHashMap<>();
    cairn.put(
        "SEG-1",
        Latency.measure(300, 1_000, () -> BitmapEvaluator.count(rules.get("SEG-1"), index)));
    // SEG-3 and SEG-4 alternate with the plan before ChunkPlan, for a same-run comparison.
    Latency.Sample[] seg3 =
        Latency.alternate(
            50,
            200,
            () -> BitmapEvaluator.count(rules.get("SEG-3"), index),
            () -> PreviousPlan.count(rules.get("SEG-3"), index));
    Latency.Sample[] seg4 =
        Latency.alternate(
            50,
            200,
            () -> BitmapEvaluator.evaluate(rules.get("SEG-4"), index).getLongCardinality(),
            () -> PreviousPlan.evaluate(rules.get("SEG-4"), index).getLongCardinality());
    cairn.put("SEG-3", seg3[0]);
    cairn.put("SEG-4", seg4[0]);
    Latency.Sample previous3 = seg3[1];
    Latency.Sample previous4 = seg4[1];
    // The same SEG-1 operands through the library's multi-way count, for a same-run comparison.
    RoaringBitmap[] seg1 = operands(rules.get("SEG-1"), index);
    Latency.Sample library =
        Latency.measure(300, 1_000, () -> FastAggregation.andCardinality(seg1));
    assertEquals(cairn.get("SEG-1").result(), library.result());
    assertEquals(cairn.get("SEG-3").result(), previous3.result());
    assertEquals(cairn.get("SEG-4").result(), previous4.result());
    log("load average after Cairn's queries: %s", loadAverage());
    cairn.forEach(
        (id, s) ->
            log(
                "Cairn %s: p50 %.3f ms, p99 %.3f ms over %d runs, count %,d",
                id, s.p50Ms(), s.p99Ms(), s.runs(), s.result()));

    Map<String, Latency.Sample> duck = new LinkedHashMap<>();
    Map<String, Latency.Sample> maria = new LinkedHashMap<>();
    int mariaUsers = peers(data, index, rules, cairn, duck, maria);

    ColdLoad.Result cold = ColdLoad.run(index, TAGS_FOR_COLD_LOAD);
    log(
        "SEG-6: %d tags × %,d users: %,d bytes serialised; deserialising all took %.2f s (%.0f"
            + " MB/s); serialising the %d distinct columns %.2f s",
        cold.tags(),
        users,
        cold.bytes(),
        cold.loadSeconds(),
        cold.bytes() / 1e6 / cold.loadSeconds(),
        index.tags().size(),
        cold.serialiseSeconds());
    assertEquals(TAGS_FOR_COLD_LOAD, cold.loaded());
    StoredColdLoad.Result stored = storedColdLoad(index);

    System.out.println(memoryTable(data, index));
    List<Row> rows = new ArrayList<>();
    rows.add(
        new Row(
            "SEG-1 10-condition AND, count",
            "p50 ≤ 1 ms; ≥ 40× DuckDB, ≥ 2,000× MySQL",
            cairn.get("SEG-1"),
            duck.get("SEG-1"),
            maria.get("SEG-1")));
    rows.add(
        new Row(
            "SEG-1 same operands, FastAggregation.andCardinality",
            "(library baseline)",
            library,
            null,
            null));
    rows.add(
        new Row(
            "SEG-3 8 tags + 2 ranges, count",
            "≤ 10 ms; ≥ 4× DuckDB",
            cairn.get("SEG-3"),
            duck.get("SEG-3"),
            maria.get("SEG-3")));
    rows.add(
        new Row(
            "SEG-4 3 groups, sparse+dense, NOT, materialise",
            "≤ 3 ms",
            cairn.get("SEG-4"),
            duck.get("SEG-4"),
            maria.get("SEG-4")));
    rows.add(new Row("SEG-3 previous plan (PreviousPlan), alternating with the above", "(baseline)", previous3, null, null));
    rows.add(new Row("SEG-4 previous plan (PreviousPlan), alternating with the above", "(baseline)", previous4, null, null));
    System.out.println(resultTable(rows, users, mariaUsers, cold, stored));
    log("load average at the end: %s", loadAverage());
  }

  /**
   * Loads both peers from one CSV and measures every rule on them, checking their counts against
   * Cairn's. Returns how many users MariaDB holds.
   */
  private static int peers(
      SyntheticUsers data,
      TagIndex index,
      Map<String, Rule> rules,
      Map<String, Latency.Sample> cairn,
      Map<String, Latency.Sample> duck,
      Map<String, Latency.Sample> maria)
      throws Exception {
    Path dir = Files.createTempDirectory("cairn-segbench");
    try {
      long t0 = System.nanoTime();
      List<Path> chunks = new ArrayList<>();
      for (int from = 0; from < data.users; from += CSV_CHUNK) {
        Path chunk = dir.resolve(String.format("users-%04d.csv", chunks.size()));
        data.writeCsv(chunk, from, Math.min(data.users, from + CSV_CHUNK));
        chunks.add(chunk);
      }
      log("wrote %d CSV chunks (%,d bytes) in %.1f s", chunks.size(), size(chunks), since(t0));

      try (SqlPeer peer = SqlPeer.duckDb(data, chunks)) {
        log("DuckDB loaded %,d users in %.1f s", peer.users, peer.loadSeconds);
        for (Map.Entry<String, Rule> r : rules.entrySet()) {
          String sql = WideSql.count(r.getValue(), null);
          Latency.Sample s = Latency.measure(3, 20, () -> peer.count(sql));
          assertEquals(
              cairn.get(r.getKey()).result(), s.result(), r.getKey() + " DuckDB vs Cairn: " + sql);
          duck.put(r.getKey(), s);
          log("DuckDB %s: p50 %.2f ms over %d runs", r.getKey(), s.p50Ms(), s.runs());
        }
      }
      try (SqlPeer peer = SqlPeer.mariaDb(data, chunks, CSV_CHUNK, MARIADB_LOAD_BUDGET_SECONDS)) {
        boolean all = peer.complete(data);
        log(
            "MariaDB loaded %,d users in %.1f s (%,.0f rows/s)%s",
            peer.users,
            peer.loadSeconds,
            peer.users / peer.loadSeconds,
            all ? "" : " — load budget reached: MariaDB runs on this PREFIX only");
        for (Map.Entry<String, Rule> r : rules.entrySet()) {
          Integer below = all ? null : peer.users;
          String sql = WideSql.count(r.getValue(), below);
          long expected =
              all ? cairn.get(r.getKey()).result() : prefixCount(r.getValue(), index, peer.users);
          Latency.Sample s = Latency.measure(1, 5, () -> peer.count(sql));
          assertEquals(expected, s.result(), r.getKey() + " MariaDB vs Cairn: " + sql);
          maria.put(r.getKey(), s);
          log("MariaDB %s: p50 %.1f ms over %d runs", r.getKey(), s.p50Ms(), s.runs());
        }
        return peer.users;
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** The bitmaps of a one-group rule's conditions, as {@link BitmapEvaluator#count} reads them. */
  private static RoaringBitmap[] operands(Rule rule, TagIndex index) {
    return rule.groups().get(0).conditions().stream()
        .map(c -> BitmapEvaluator.condition((Rule.Condition) c, index, null))
        .sorted(Comparator.comparingLong(RoaringBitmap::getLongCardinality))
        .toArray(RoaringBitmap[]::new);
  }

  /** Cairn's count among ids below {@code below}, to check a peer that holds only a prefix. */
  private static long prefixCount(Rule rule, TagIndex index, int below) {
    return BitmapEvaluator.evaluate(rule, index).rangeCardinality(0, below);
  }

  /** Bytes per tag type in memory ({@link TagIndex#sizeInBytes}) and serialised. */
  private static String memoryTable(SyntheticUsers data, TagIndex index) {
    StringBuilder out =
        new StringBuilder(
            "\n"
                + "| Tag | Kind | Users with a value | In memory | Serialised | Bits per user"
                + " (memory) | Bytes per member (memory) |\n"
                + "|---|---|---|---|---|---|---|\n");
    for (SyntheticUsers.Tag t : data.tags) {
      TagColumn column = index.column(t.code(), (LocalDate) null);
      long memory = index.sizeInBytes(t.code());
      long serialised = TagColumns.serialize(column).length;
      long members = column.present().getLongCardinality();
      String kind =
          switch (t.type()) {
            case NUMBER ->
                "number, " + ((TagColumn.Numbers) column).distinct().length + " distinct";
            case BOOLEAN -> "boolean";
            default -> t.values() == 1 ? "sparse enum" : "dense enum, " + t.values() + " values";
          };
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %,d | %,d B | %,d B | %.2f | %.2f |%n",
              t.code(),
              kind,
              members,
              memory,
              serialised,
              memory * 8.0 / data.users,
              (double) memory / members));
    }
    return out.toString();
  }

  /** SEG-6 through TagIndexStore and an H2 file, in a temporary directory removed afterwards. */
  private static StoredColdLoad.Result storedColdLoad(TagIndex index) throws IOException {
    Path dir = Files.createTempDirectory("cairn-segbench-h2");
    try {
      StoredColdLoad.Result r = StoredColdLoad.run(index, TAGS_FOR_COLD_LOAD, dir);
      log(
          "SEG-6 stored: %d tags saved with TagIndexStore.saveColumn into H2 (file, %,d bytes) in"
              + " %.1f s; TagIndexStore.loadColumns took %.2f s",
          r.tags(), r.fileBytes(), r.saveSeconds(), r.loadSeconds());
      return r;
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static String resultTable(
      List<Row> rows,
      int users,
      int mariaUsers,
      ColdLoad.Result cold,
      StoredColdLoad.Result stored) {
    String mariaN = mariaUsers == users ? "" : String.format(" (at %,d users!)", mariaUsers);
    StringBuilder out =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%n| Query (%,d users) | Cairn p50 | Cairn p99 | DuckDB p50 | MariaDB p50%s |"
                    + " DuckDB ÷ Cairn | MariaDB ÷ Cairn | Count | Goal"
                    + " |%n|---|---|---|---|---|---|---|---|---|%n",
                users,
                mariaN));
    for (Row r : rows) {
      double cairn = r.cairn().p50Ms();
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %.3f ms | %.3f ms | %s | %s | %s | %s | %,d | %s |%n",
              r.id(),
              cairn,
              r.cairn().p99Ms(),
              r.duck() == null ? "–" : String.format(Locale.ROOT, "%.1f ms", r.duck().p50Ms()),
              r.maria() == null ? "–" : String.format(Locale.ROOT, "%.0f ms", r.maria().p50Ms()),
              r.duck() == null
                  ? "–"
                  : String.format(Locale.ROOT, "%.0f×", r.duck().p50Ms() / cairn),
              r.maria() == null
                  ? "–"
                  : String.format(Locale.ROOT, "%.0f×", r.maria().p50Ms() / cairn),
              r.cairn().result(),
              r.goal()));
    }
    out.append(
        String.format(
            Locale.ROOT,
            "| SEG-6 cold load, %d tags | %.2f s for %,d bytes | | | | | | | ≤ 30 s |%n",
            cold.tags(),
            cold.loadSeconds(),
            cold.bytes()));
    out.append(
        String.format(
            Locale.ROOT,
            "| SEG-6 cold load through cairn_tag_column (H2 file) | %.2f s"
                + " (TagIndexStore.loadColumns) | | | | | | | ≤ 30 s |%n",
            stored.loadSeconds()));
    out.append("| SEG-5 | see ListUploadBenchmark | | | | | | | |\n");
    return out.toString();
  }

  private static int users() {
    String s = System.getProperty("cairn.bench.users", "");
    // failsafe passes the literal "${cairn.bench.users}" when the property is not set
    return s.matches("\\d+") ? Integer.parseInt(s) : DEFAULT_USERS;
  }

  /** The machine's 1/5/15-minute load average (Linux), to read the figures against. */
  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static long size(List<Path> files) throws IOException {
    long bytes = 0;
    for (Path p : files) {
      bytes += Files.size(p);
    }
    return bytes;
  }

  private static double since(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  private static void log(String format, Object... args) {
    System.out.println("[segbench] " + String.format(Locale.ROOT, format, args));
  }
}
