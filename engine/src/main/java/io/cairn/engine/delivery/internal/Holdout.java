package io.cairn.engine.delivery.internal;

import java.nio.charset.StandardCharsets;

/**
 * The global holdout group: a stable share of entities that no journey sends to, chosen by a hash
 * of the entity id and a salt (no table: the same entity is held out in every journey and after
 * every restart, and changing the salt draws a new group).
 */
final class Holdout {

  private final long threshold;
  private final long salt;

  Holdout(double percent, String salt) {
    this.threshold = Math.round(percent * 100); // in basis points of 10,000
    long h = 1125899906842597L;
    for (byte b : salt.getBytes(StandardCharsets.UTF_8)) {
      h = 31 * h + b;
    }
    this.salt = h;
  }

  boolean holdsOut(int entityId) {
    return threshold > 0 && Long.remainderUnsigned(mix(entityId ^ salt), 10_000) < threshold;
  }

  /** SplitMix64's finaliser: neighbouring ids land far apart. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
