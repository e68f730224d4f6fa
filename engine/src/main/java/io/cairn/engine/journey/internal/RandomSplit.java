package io.cairn.engine.journey.internal;

import java.nio.charset.StandardCharsets;
import org.roaringbitmap.RoaringBitmap;
import org.roaringbitmap.RoaringBitmapWriter;

/** The deterministic hash split behind the random-split component. */
final class RandomSplit {

  private static final int BUCKETS = 10_000; // percentages with two decimals

  private RandomSplit() {}

  /**
   * Partitions {@code cohort} into {@code percentages.length} disjoint parts whose union is the
   * cohort. Each entity lands in the part whose cumulative percentage range holds its bucket.
   *
   * @param salt distinguishes splits (journey + node) so that two splits are independent
   */
  static RoaringBitmap[] partition(RoaringBitmap cohort, double[] percentages, String salt) {
    int[] upper = new int[percentages.length];
    double cumulative = 0;
    for (int i = 0; i < percentages.length; i++) {
      cumulative += percentages[i];
      upper[i] = (int) Math.round(cumulative * BUCKETS / 100.0);
    }
    upper[upper.length - 1] = BUCKETS; // rounding must never drop anyone
    RoaringBitmap[] parts = new RoaringBitmap[percentages.length];
    RoaringBitmapWriter<RoaringBitmap>[] writers = newWriters(parts.length);
    long seed = seed(salt);
    cohort.forEach(
        (int entity) -> {
          int bucket = bucket(entity, seed);
          int i = 0;
          while (bucket >= upper[i]) {
            i++;
          }
          writers[i].add(entity);
        });
    for (int i = 0; i < parts.length; i++) {
      parts[i] = writers[i].get();
    }
    return parts;
  }

  /**
   * The part {@link #partition} puts {@code entity} in: the index of the flow one user takes in
   * event mode, so a user splits the same way in both modes.
   */
  static int choose(int entity, double[] percentages, String salt) {
    int bucket = bucket(entity, seed(salt));
    double cumulative = 0;
    for (int i = 0; i < percentages.length - 1; i++) {
      cumulative += percentages[i];
      if (bucket < (int) Math.round(cumulative * BUCKETS / 100.0)) {
        return i;
      }
    }
    return percentages.length - 1;
  }

  @SuppressWarnings("unchecked")
  private static RoaringBitmapWriter<RoaringBitmap>[] newWriters(int n) {
    RoaringBitmapWriter<RoaringBitmap>[] w =
        new RoaringBitmapWriter[n];
    for (int i = 0; i < n; i++) {
      w[i] = RoaringBitmapWriter.writer().get();
    }
    return w;
  }

  static int bucket(int entity, long seed) {
    return (int) Long.remainderUnsigned(mix(entity * 0x9E3779B97F4A7C15L ^ seed), BUCKETS);
  }

  private static long seed(String salt) {
    long h = 0xcbf29ce484222325L; // FNV-1a: stable across JVMs, unlike Object.hashCode
    for (byte b : salt.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ b) * 0x100000001b3L;
    }
    return h;
  }

  /** SplitMix64's finaliser: spreads nearby ids over all buckets. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
