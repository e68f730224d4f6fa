package io.cairn.connectors.webhook;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * A bounded {@link SeenReceipts} in memory, for tests and single-node installations: it forgets
 * everything on restart and is not shared between nodes. When it holds {@code capacity} live
 * entries it answers {@link SeenReceipts.Sighting#FULL} rather than forget a live one, which would
 * reopen that id to replay. Thread-safe (one lock).
 */
public final class InMemorySeenReceipts implements SeenReceipts {

  private record Entry(String id, Instant expiresAt) {}

  private final int capacity;
  private final Clock clock;
  private final Map<String, Instant> live = new HashMap<>();
  private final PriorityQueue<Entry> byExpiry =
      new PriorityQueue<>((a, b) -> a.expiresAt().compareTo(b.expiresAt()));

  /**
   * @param capacity the most live entries held; positive
   * @param clock tells which entries have expired
   */
  public InMemorySeenReceipts(int capacity, Clock clock) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.capacity = capacity;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public synchronized Sighting remember(String id, Instant expiresAt) {
    Instant now = clock.instant();
    forgetExpired(now);
    if (live.containsKey(id)) {
      return Sighting.REPEAT;
    }
    if (live.size() >= capacity) {
      return Sighting.FULL;
    }
    live.put(id, expiresAt);
    byExpiry.add(new Entry(id, expiresAt));
    return Sighting.FIRST;
  }

  /** Live entries now. */
  public synchronized int size() {
    forgetExpired(clock.instant());
    return live.size();
  }

  private void forgetExpired(Instant now) {
    while (!byExpiry.isEmpty() && !byExpiry.peek().expiresAt().isAfter(now)) {
      live.remove(byExpiry.poll().id());
    }
  }
}
