package io.cairn.engine.segment;

import io.cairn.engine.segment.internal.SegmentStore;
import io.cairn.engine.segment.internal.SettingsParser;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Once a minute: marks segments past their expiry EXPIRED and refreshes daily segments that are
 * due. Each due refresh is claimed by moving its next time on with a compare-and-set, so with
 * several Cairn nodes exactly one of them runs it.
 */
@Component
class SegmentScheduler {

  private static final Logger log = LoggerFactory.getLogger(SegmentScheduler.class);

  private final SegmentStore store;
  private final SegmentService segments;
  private final Clock clock;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "cairn-segment-schedule");
            t.setDaemon(true);
            return t;
          });

  SegmentScheduler(SegmentStore store, SegmentService segments, Clock clock) {
    this.store = store;
    this.segments = segments;
    this.clock = clock;
  }

  @EventListener(ApplicationReadyEvent.class)
  void start() {
    timer.scheduleWithFixedDelay(this::tick, 1, 60, TimeUnit.SECONDS);
  }

  private void tick() {
    try {
      runDue(clock.instant());
    } catch (RuntimeException e) {
      log.error("segment schedule failed; retrying in a minute", e);
    }
  }

  /** Expires and refreshes what is due at {@code now}; returns how many refreshes ran here. */
  int runDue(Instant now) {
    int expired = store.expire(now);
    if (expired > 0) {
      log.info("{} segments expired", expired);
    }
    int ran = 0;
    for (long id : store.dueForRefresh(now)) {
      Segment s = store.find(id).orElse(null);
      if (s != null && store.claimRefresh(id, now, SettingsParser.nextRefresh(s.settings(), now))) {
        segments.refreshNow(s);
        ran++;
      }
    }
    return ran;
  }

  @jakarta.annotation.PreDestroy
  void stop() {
    timer.shutdownNow();
  }
}
