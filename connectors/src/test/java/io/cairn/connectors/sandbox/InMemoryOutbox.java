package io.cairn.connectors.sandbox;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A fake {@link SandboxOutbox}: keeps each key once, counts calls, fails when told to. */
final class InMemoryOutbox implements SandboxOutbox {

  private final Map<String, SandboxMessage> byKey = new LinkedHashMap<>();
  private final Deque<RuntimeException> failures = new ArrayDeque<>();
  private int calls;

  /** The next call to {@link #record} throws {@code failure} and stores nothing. */
  synchronized void failNextWith(RuntimeException failure) {
    failures.add(failure);
  }

  synchronized int calls() {
    return calls;
  }

  synchronized List<SandboxMessage> stored() {
    return List.copyOf(byKey.values());
  }

  @Override
  public synchronized void record(List<SandboxMessage> messages) {
    calls++;
    RuntimeException failure = failures.poll();
    if (failure != null) {
      throw failure;
    }
    for (SandboxMessage m : messages) {
      byKey.putIfAbsent(m.idempotencyKey(), m);
    }
  }
}
