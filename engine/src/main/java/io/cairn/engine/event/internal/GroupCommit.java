package io.cairn.engine.event.internal;

import io.cairn.engine.problem.ConflictException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes the batches of concurrent requests in one transaction. A durable commit costs the same
 * for one batch as for twenty (on the embedded H2 it is a write of the changed pages, serialised
 * across the database: most of ING-1's time went there with a transaction per request), so one
 * writer thread takes whatever batches are waiting, up to {@link #MAX_EVENTS} events, and commits
 * them together; each request waits for the commit that holds its batch. Under no load a batch is
 * written at once, alone. A group that fails is retried (races with other nodes on new users or
 * client ids), then split, so one bad batch never fails the others.
 */
@Component
class GroupCommit implements DisposableBean {

  static final int MAX_EVENTS = 2_000;
  private static final int ATTEMPTS = 5;

  private record Work(String source, List<ValidEvent> events, long receivedAt, CompletableFuture<Set<Integer>> done) {}

  private final EventWriter writer;
  private final TransactionTemplate tx;
  private final BlockingQueue<Work> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean running = true;

  GroupCommit(EventWriter writer, TransactionTemplate tx) {
    this.writer = writer;
    this.tx = tx;
    this.thread = new Thread(this::run, "cairn-event-writer");
    thread.setDaemon(true);
    thread.start();
  }

  /** Stores the events (see {@link EventWriter#write}) once their group has committed. */
  Set<Integer> write(String source, List<ValidEvent> events, long receivedAt) {
    Work work = new Work(source, events, receivedAt, new CompletableFuture<>());
    if (!running) {
      throw new IllegalStateException("event ingestion is shutting down");
    }
    queue.add(work);
    try {
      return work.done().get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("storing events failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the events were being stored (they may be)", e);
    }
  }

  private void run() {
    List<Work> group = new ArrayList<>();
    while (running) {
      try {
        Work first = queue.poll(500, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        group.add(first);
        int events = first.events().size();
        Work next;
        while (events < MAX_EVENTS && (next = queue.poll()) != null) {
          group.add(next);
          events += next.events().size();
        }
        commit(group);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (Throwable t) {
        group.forEach(w -> w.done().completeExceptionally(t));
      }
      group.clear();
    }
  }

  private void commit(List<Work> group) {
    List<Set<Integer>> stored;
    try {
      stored = withRetries(group);
    } catch (RuntimeException e) {
      if (group.size() == 1) {
        group.get(0).done().completeExceptionally(e);
      } else {
        group.forEach(w -> commit(List.of(w)));
      }
      return;
    }
    for (int i = 0; i < group.size(); i++) {
      group.get(i).done().complete(stored.get(i));
    }
  }

  private List<Set<Integer>> withRetries(List<Work> group) {
    for (int attempt = 1; ; attempt++) {
      try {
        return tx.execute(s -> {
          List<Set<Integer>> out = new ArrayList<>(group.size());
          group.forEach(w -> out.add(writer.write(w.source(), w.events(), w.receivedAt())));
          return out;
        });
      } catch (ConflictException | DuplicateKeyException | ConcurrencyFailureException raced) {
        if (attempt == ATTEMPTS) {
          throw raced;
        }
      }
    }
  }

  @Override
  public void destroy() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(10_000);
    for (Work w; (w = queue.poll()) != null; ) {
      w.done().completeExceptionally(new IllegalStateException("event ingestion stopped before storing this batch"));
    }
  }
}
