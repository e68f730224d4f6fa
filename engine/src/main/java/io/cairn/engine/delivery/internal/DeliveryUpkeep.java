package io.cairn.engine.delivery.internal;

import io.cairn.connectors.channel.Channel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The ledger's life after sending, every {@code cairn.delivery.upkeep-interval}: SENT rows without
 * a receipt become NO_FEEDBACK once their feedback window has passed, and the rows of actions
 * finished longer ago than {@code cairn.delivery.retention} are deleted, their counts kept in
 * {@code cairn_action_outcome}. Both work in chunks of {@code cairn.delivery.upkeep-chunk} rows,
 * each its own statement, and both may run on several nodes at once. A purge waits for the action's
 * feedback window to close (a receipt must find its row) and for its incident to be replayed
 * (replay needs the rows).
 */
@Component
@EnableConfigurationProperties(UpkeepProperties.class)
class DeliveryUpkeep {

  private static final Logger log = LoggerFactory.getLogger(DeliveryUpkeep.class);

  private final UpkeepRows rows;
  private final UpkeepProperties properties;
  private final FeedbackWindows windows;
  private final Clock clock;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "cairn-ledger-upkeep");
            t.setDaemon(true);
            return t;
          });

  DeliveryUpkeep(
      UpkeepRows rows, UpkeepProperties properties, FeedbackWindows windows, Clock clock) {
    this.rows = rows;
    this.properties = properties;
    this.windows = windows;
    this.clock = clock;
  }

  @EventListener(ApplicationReadyEvent.class)
  void start() {
    long every = properties.upkeepInterval().toMillis();
    // the first run waits one interval: a start is busy enough, and nothing here is urgent
    timer.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
  }

  @jakarta.annotation.PreDestroy
  void stop() {
    timer.shutdownNow();
  }

  private void tick() {
    try {
      int expired = sweepFeedback();
      long purged = purgeExpired();
      if (expired > 0 || purged > 0) {
        log.info("ledger upkeep: {} rows without feedback, {} old rows purged", expired, purged);
      }
    } catch (RuntimeException e) {
      log.error("ledger upkeep failed; retrying at the next interval", e);
    }
  }

  /**
   * Turns SENT rows whose feedback window has passed into NO_FEEDBACK.
   *
   * @return rows changed
   */
  int sweepFeedback() {
    Instant now = clock.instant();
    int changed = 0;
    for (UpkeepRows.OpenAction a : rows.feedbackOpen()) {
      Optional<Duration> window = window(a);
      if (window.isEmpty()) {
        rows.closeFeedback(a.id(), now); // SENT is final for it
        continue;
      }
      Instant cutoff = now.minus(window.get());
      if (a.createdAt().isAfter(cutoff)) {
        continue; // nothing of it can have been sent that long ago
      }
      UpkeepRows.Chunk chunk = rows.expireChunk(a.id(), cutoff, -1, properties.upkeepChunk());
      while (chunk != null) {
        changed += chunk.changed();
        chunk = rows.expireChunk(a.id(), cutoff, chunk.last(), properties.upkeepChunk());
      }
      rows.closeFeedback(a.id(), cutoff);
    }
    return changed;
  }

  private Optional<Duration> window(UpkeepRows.OpenAction a) {
    Channel channel;
    try {
      channel = Channel.valueOf(a.channel());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return windows.window(channel, a.settings());
  }

  /**
   * Deletes the rows of actions finished longer ago than the retention, after counting them.
   *
   * @return rows deleted
   */
  long purgeExpired() {
    Instant now = clock.instant();
    Instant cutoff = now.minus(properties.retention());
    long deleted = 0;
    for (long id : rows.purgeable(cutoff)) {
      if (rows.startPurge(id, cutoff, now)) { // false: replayed meanwhile, or taken by another node
        deleted += purgeRows(id);
      }
    }
    for (long id : rows.purgeUnfinished()) {
      deleted += purgeRows(id);
    }
    return deleted;
  }

  private long purgeRows(long actionId) {
    long deleted = 0;
    int n;
    while ((n = rows.purgeChunk(actionId, properties.upkeepChunk())) > 0) {
      deleted += n;
    }
    return deleted;
  }
}
