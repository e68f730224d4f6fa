package io.cairn.engine.segment.internal;

import io.cairn.engine.profile.TagType;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.roaringbitmap.RoaringBitmap;

/**
 * Synthetic users for {@link SegmentBenchmark}: dense enum tags {@code e0…e9} (2–5 values, value
 * {@code v0} held by 30–90 % of users), a boolean {@code b0}, a sparse enum {@code s0} (under 1 %),
 * and two numbers {@code n0} (18–90) and {@code n1} (0–4,999). The same arrays feed Cairn's tag
 * index and the CSV the SQL peers load, so every engine sees identical data. Deterministic seed.
 */
final class SyntheticUsers {

  /** One generated tag: its code, type, and (enums) how many values it has. */
  record Tag(String code, TagType type, int values) {
    boolean numeric() {
      return type == TagType.NUMBER;
    }
  }

  static final long SEED = 20261201L;
  static final String[] ENUM_VALUES = {"v0", "v1", "v2", "v3", "v4"};

  /** Share of users holding {@code v0} of e0…e9: each SEG-1 condition matches 30–90 %. */
  private static final double[] V0_SHARE = {
    0.90, 0.85, 0.80, 0.75, 0.70, 0.90, 0.60, 0.50, 0.85, 0.30
  };

  private static final double ENUM_MISSING = 0.02;
  private static final double NUMBER_MISSING = 0.05;
  private static final double SPARSE_SHARE = 0.008;

  final int users;
  final List<Tag> tags = new ArrayList<>();

  /** Enum and boolean tags: value index per user, -1 = no value. */
  final Map<String, byte[]> codes = new HashMap<>();

  /** Number tags: value per user, NaN = no value. */
  final Map<String, double[]> numbers = new HashMap<>();

  SyntheticUsers(int users) {
    this.users = users;
    for (int i = 0; i < V0_SHARE.length; i++) {
      Tag t = new Tag("e" + i, TagType.ENUM, 2 + i % 4);
      tags.add(t);
      codes.put(t.code(), enumColumn(t.values(), V0_SHARE[i], ENUM_MISSING, SEED + i));
    }
    tags.add(new Tag("b0", TagType.BOOLEAN, 2));
    codes.put("b0", enumColumn(2, 0.5, 0, SEED + 100));
    tags.add(new Tag("s0", TagType.ENUM, 1));
    codes.put("s0", enumColumn(1, 1, 1 - SPARSE_SHARE, SEED + 101));
    tags.add(new Tag("n0", TagType.NUMBER, 0));
    numbers.put("n0", numberColumn(18, 90, SEED + 200));
    tags.add(new Tag("n1", TagType.NUMBER, 0));
    numbers.put("n1", numberColumn(0, 4_999, SEED + 201));
  }

  /** The text of value {@code code} of {@code tag}, as stored in the index and the CSV. */
  static String text(Tag tag, int code) {
    if (tag.type() == TagType.BOOLEAN) {
      return code == 0 ? "true" : "false";
    }
    return tag.values() == 1 ? "yes" : ENUM_VALUES[code];
  }

  /** Value 0 with {@code firstShare} of those present, the others evenly. */
  private byte[] enumColumn(int values, double firstShare, double missing, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] out = new byte[users];
    for (int u = 0; u < users; u++) {
      if (random.nextDouble() < missing) {
        out[u] = -1;
      } else if (values == 1 || random.nextDouble() < firstShare) {
        out[u] = 0;
      } else {
        out[u] = (byte) (1 + random.nextInt(values - 1));
      }
    }
    return out;
  }

  private double[] numberColumn(int low, int high, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] out = new double[users];
    for (int u = 0; u < users; u++) {
      out[u] =
          random.nextDouble() < NUMBER_MISSING ? Double.NaN : low + random.nextInt(high - low + 1);
    }
    return out;
  }

  /**
   * Cairn's index of these users, one snapshot per tag, built through {@link TagColumns.Builder}
   * entity by entity as an import does.
   */
  TagIndex index() {
    Map<String, NavigableMap<LocalDate, TagColumn>> columns = new LinkedHashMap<>();
    LocalDate day = LocalDate.of(2026, 12, 1);
    for (Tag t : tags) {
      NavigableMap<LocalDate, TagColumn> byDate = new TreeMap<>();
      byDate.put(day, column(t));
      columns.put(t.code(), byDate);
    }
    RoaringBitmap universe = new RoaringBitmap();
    universe.add(0L, users);
    return new TagIndex(universe, Map.copyOf(columns));
  }

  private TagColumn column(Tag t) {
    TagColumns.Builder builder = new TagColumns.Builder(t.type());
    if (t.numeric()) {
      double[] v = numbers.get(t.code());
      for (int u = 0; u < users; u++) {
        if (!Double.isNaN(v[u])) {
          builder.add(u, null, v[u]);
        }
      }
      return builder.build();
    }
    // Interned texts: the builder's map lookup is then an identity hit.
    String[] texts = new String[t.values()];
    for (int i = 0; i < texts.length; i++) {
      texts[i] = text(t, i);
    }
    byte[] c = codes.get(t.code());
    for (int u = 0; u < users; u++) {
      if (c[u] >= 0) {
        builder.add(u, texts[c[u]], 0);
      }
    }
    return builder.build();
  }

  /** The CSV header order: id, then every tag in {@link #tags} order. */
  List<String> columnNames() {
    List<String> names = new ArrayList<>();
    names.add("id");
    tags.forEach(t -> names.add(t.code()));
    return names;
  }

  /**
   * Writes users {@code [from, to)} as CSV without header, {@code \N} for no value (the NULL marker
   * of MySQL's LOAD DATA; DuckDB is told the same). Bytes are assembled by hand because a formatter
   * per field would dominate the benchmark's setup time.
   */
  void writeCsv(Path file, int from, int to) throws IOException {
    byte[][][] texts = new byte[tags.size()][][];
    for (int i = 0; i < tags.size(); i++) {
      Tag t = tags.get(i);
      if (!t.numeric()) {
        texts[i] = new byte[t.values()][];
        for (int v = 0; v < t.values(); v++) {
          texts[i][v] = text(t, v).getBytes(StandardCharsets.US_ASCII);
        }
      }
    }
    byte[][] enumCols = new byte[tags.size()][];
    double[][] numCols = new double[tags.size()][];
    for (int i = 0; i < tags.size(); i++) {
      enumCols[i] = codes.get(tags.get(i).code());
      numCols[i] = numbers.get(tags.get(i).code());
    }
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      for (int u = from; u < to; u++) {
        writeInt(out, u);
        for (int i = 0; i < tags.size(); i++) {
          out.write(',');
          if (enumCols[i] != null) {
            byte code = enumCols[i][u];
            if (code < 0) {
              out.write('\\');
              out.write('N');
            } else {
              out.write(texts[i][code]);
            }
          } else if (Double.isNaN(numCols[i][u])) {
            out.write('\\');
            out.write('N');
          } else {
            writeInt(out, (int) numCols[i][u]); // generated numbers are whole
          }
        }
        out.write('\n');
      }
    }
  }

  private static void writeInt(OutputStream out, int v) throws IOException {
    if (v >= 10) {
      writeInt(out, v / 10);
    }
    out.write('0' + v % 10);
  }
}
