package io.cairn.engine.delivery.internal;

import io.cairn.connectors.channel.ChannelConnector;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Delivers ledger rows after the engine committed them: polls for action executions with pending
 * rows and drains each on a worker thread, one thread per action at a time, batch by batch.
 */
@Component
class DeliveryDispatcher {

  private static final Logger log = LoggerFactory.getLogger(DeliveryDispatcher.class);

  private final LedgerRows rows;
  private final ChannelRouter router;
  private final BatchDelivery delivery;
  private final int batchSize;
  private final Duration pollInterval;
  private final ExecutorService workers;
  private final ScheduledExecutorService poller =
      Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "cairn-dispatch-poll"));
  private final Set<Long> draining = ConcurrentHashMap.newKeySet();

  DeliveryDispatcher(
      LedgerRows rows,
      ChannelRouter router,
      BatchDelivery delivery,
      @Value("${cairn.dispatch.threads:2}") int threads,
      @Value("${cairn.dispatch.batch-size:1000}") int batchSize,
      @Value("${cairn.dispatch.poll-interval:200ms}") Duration pollInterval) {
    this.rows = rows;
    this.router = router;
    this.delivery = delivery;
    this.batchSize = batchSize;
    this.pollInterval = pollInterval;
    this.workers = Executors.newFixedThreadPool(threads, r -> daemon(r, "cairn-dispatch"));
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  @EventListener(ApplicationReadyEvent.class)
  void start() {
    int interrupted = rows.markInterruptedAmbiguous();
    if (interrupted > 0) {
      log.warn("{} deliveries were in flight at the last shutdown; marked AMBIGUOUS", interrupted);
    }
    poller.scheduleWithFixedDelay(this::poll, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
  }

  @jakarta.annotation.PreDestroy
  void stop() throws InterruptedException {
    poller.shutdownNow();
    workers.shutdown();
    workers.awaitTermination(10, TimeUnit.SECONDS);
  }

  private void poll() {
    try {
      for (long actionId : rows.activeActions()) {
        if (draining.add(actionId)) {
          workers.execute(() -> drain(actionId));
        }
      }
    } catch (RuntimeException e) {
      log.error("dispatcher poll failed; retrying at the next interval", e);
    }
  }

  private void drain(long actionId) {
    try {
      LedgerRows.Action action = rows.action(actionId);
      ChannelConnector<?> connector = router.connector(action.connectorId());
      int size = Math.min(batchSize, connector.maxBatchSize());
      BatchDelivery.Plan plan = delivery.plan(action, connector);
      List<LedgerRows.Claimed> claimed;
      int cursor = -1;
      while (!(claimed = rows.claim(actionId, cursor, size)).isEmpty()) {
        rows.record(actionId, delivery.deliver(plan, claimed));
        cursor = claimed.get(claimed.size() - 1).entityId();
      }
      rows.finishIfSettled(actionId);
    } catch (RuntimeException e) {
      log.error("dispatch of action {} failed; it is retried at the next poll", actionId, e);
    } finally {
      draining.remove(actionId);
    }
  }
}
