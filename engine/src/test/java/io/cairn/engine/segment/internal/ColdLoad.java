package io.cairn.engine.segment.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SEG-6: what a restart does with the stored index ({@link TagIndexStore#loadColumns}): turn the
 * bytes of every column back into bitmaps. A 200-tag population is made of the benchmark's columns,
 * reused by type (140 dense enums, 30 booleans, 20 numbers, 10 sparse enums); each tag is
 * deserialised from its own pass over the bytes, so the work is that of 200 distinct columns.
 */
final class ColdLoad {

  /** Seconds to serialise the templates once, to deserialise all tags, and the bytes read. */
  record Result(int tags, long bytes, double serialiseSeconds, double loadSeconds, int loaded) {}

  private ColdLoad() {}

  static Result run(TagIndex index, int tags) {
    long s0 = System.nanoTime();
    Map<String, byte[]> templates = new LinkedHashMap<>();
    for (String tag : index.tags()) {
      templates.put(tag, TagColumns.serialize(index.column(tag, (LocalDate) null)));
    }
    double serialise = (System.nanoTime() - s0) / 1e9;
    List<byte[]> stored = new ArrayList<>(tags);
    long bytes = 0;
    for (int i = 0; i < tags; i++) {
      byte[] b = templates.get(template(i));
      stored.add(b);
      bytes += b.length;
    }
    long t0 = System.nanoTime();
    List<TagColumn> loaded = new ArrayList<>(tags); // all held at once, as the live index does
    for (byte[] b : stored) {
      loaded.add(TagColumns.deserialize(b));
    }
    double load = (System.nanoTime() - t0) / 1e9;
    return new Result(tags, bytes, serialise, load, loaded.size());
  }

  /** Which benchmark column stands in for tag {@code i} of the 200. */
  static String template(int i) {
    if (i < 140) {
      return "e" + i % 10;
    }
    if (i < 170) {
      return "b0";
    }
    if (i < 190) {
      return "n" + i % 2;
    }
    return "s0";
  }
}
