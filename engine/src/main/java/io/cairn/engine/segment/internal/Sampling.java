package io.cairn.engine.segment.internal;

import java.util.Arrays;
import org.roaringbitmap.RoaringBitmap;

/**
 * Deterministic samples: each member gets a pseudo-random key from its id and the seed, and the
 * sample is the members with the smallest keys. The same seed on the same members always gives the
 * same sample, and a larger sample contains a smaller one, which test/control splits rely on.
 */
final class Sampling {

  private Sampling() {}

  /** Exactly {@code min(size, |members|)} members. */
  static RoaringBitmap first(RoaringBitmap members, long size, long seed) {
    int n = members.getCardinality();
    if (size >= n) {
      return members.clone();
    }
    long[] keys = new long[n];
    int[] i = {0};
    members.forEach((int id) -> keys[i[0]++] = (mix(id, seed) & 0xffffffff00000000L) | (id & 0xffffffffL));
    Arrays.sort(keys);
    RoaringBitmap out = new RoaringBitmap();
    for (int k = 0; k < size; k++) {
      out.add((int) keys[k]);
    }
    return out;
  }

  /** {@code round(percent % × |members|)} members. */
  static RoaringBitmap percent(RoaringBitmap members, double percent, long seed) {
    return first(members, Math.round(members.getLongCardinality() * percent / 100.0), seed);
  }

  /** A 64-bit mix of id and seed (SplitMix64's finaliser); its high bits are the sort key. */
  static long mix(int id, long seed) {
    long z = (id & 0xffffffffL) + seed * 0x9E3779B97F4A7C15L + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
