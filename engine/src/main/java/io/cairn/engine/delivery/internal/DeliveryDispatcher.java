package io.cairn.engine.delivery.internal;

import io.cairn.connectors.channel.ChannelConnector;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Delivers ledger rows after the engine committed them: polls for action executions with pending
 * rows and drains each on a drain thread, one per action at a time. The drain thread claims the
 * action's batches one after another (in entity order) and hands them to the batch workers, which
 * lease each batch, call the connector and record the outcomes; up to {@code
 * cairn.dispatch.batches-in-flight} batches of one action are in flight together, so the
 * provider's and the database's round trips overlap instead of adding up. A connector with a rate
 * limit gets its batches no faster than the limit allows ({@link SendRate}).
 */
@Component
class DeliveryDispatcher {

  private static final Logger log = LoggerFactory.getLogger(DeliveryDispatcher.class);

  private final LedgerRows rows;
  private final BatchLeases leases;
  private final ChannelRouter router;
  private final BatchDelivery delivery;
  private final int batchSize;
  private final int batchesInFlight;
  private final Duration recordPatience;
  private final Duration pollInterval;
  private final ExecutorService drains;
  private final ExecutorService workers;
  private final ScheduledExecutorService poller =
      Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "cairn-dispatch-poll"));
  private final Set<Long> draining = ConcurrentHashMap.newKeySet();
  private final Set<Long> wanted = ConcurrentHashMap.newKeySet();
  private final Map<String, SendRate> rates = new ConcurrentHashMap<>();
  private final Environment environment;

  DeliveryDispatcher(
      LedgerRows rows,
      BatchLeases leases,
      ChannelRouter router,
      BatchDelivery delivery,
      @Value("${cairn.dispatch.threads:4}") int threads,
      @Value("${cairn.dispatch.batch-size:1000}") int batchSize,
      @Value("${cairn.dispatch.batches-in-flight:4}") int batchesInFlight,
      @Value("${cairn.dispatch.record-patience:60s}") Duration recordPatience,
      @Value("${cairn.dispatch.poll-interval:200ms}") Duration pollInterval,
      Environment environment) {
    this.environment = environment;
    this.rows = rows;
    this.leases = leases;
    this.router = router;
    this.delivery = delivery;
    this.batchSize = batchSize;
    this.batchesInFlight = batchesInFlight;
    this.recordPatience = recordPatience;
    this.pollInterval = pollInterval;
    this.drains = Executors.newCachedThreadPool(r -> daemon(r, "cairn-dispatch-drain"));
    this.workers = Executors.newFixedThreadPool(threads, r -> daemon(r, "cairn-dispatch"));
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  @EventListener(ApplicationReadyEvent.class)
  void start() {
    int interrupted = leases.closeAbandoned(null);
    if (interrupted > 0) {
      log.warn("{} deliveries were in flight at the last shutdown; marked AMBIGUOUS", interrupted);
    }
    poller.scheduleWithFixedDelay(this::poll, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
  }

  @jakarta.annotation.PreDestroy
  void stop() throws InterruptedException {
    poller.shutdownNow();
    drains.shutdown();
    drains.awaitTermination(10, TimeUnit.SECONDS);
    workers.shutdown();
    workers.awaitTermination(10, TimeUnit.SECONDS);
  }

  private void poll() {
    try {
      for (long actionId : rows.activeActions()) {
        wake(actionId);
      }
      for (long actionId : rows.openActionsWithDueRows()) {
        wake(actionId);
      }
    } catch (RuntimeException e) {
      log.error("dispatcher poll failed; retrying at the next interval", e);
    }
  }

  /**
   * Drains the action now, or again right after the drain in progress: a drain walks the rows in
   * entity order once, so rows committed behind its cursor need another pass (shared executions of
   * event journeys receive rows while they are drained).
   */
  void wake(long actionId) {
    wanted.add(actionId);
    if (draining.add(actionId)) {
      drains.execute(() -> drainWhileWanted(actionId));
    }
  }

  private void drainWhileWanted(long actionId) {
    try {
      while (wanted.remove(actionId)) {
        drain(actionId);
      }
    } finally {
      draining.remove(actionId);
      if (wanted.contains(actionId)) {
        wake(actionId);
      }
    }
  }

  private void drain(long actionId) {
    try {
      // A lease of this action still open here was left by a batch sent without its outcomes
      // recorded: its rows are still PENDING and would be sent twice, so they become AMBIGUOUS
      // before anything is claimed.
      int abandoned = leases.closeAbandoned(actionId);
      if (abandoned > 0) {
        log.warn("action {}: {} deliveries had no recorded outcome; marked AMBIGUOUS", actionId, abandoned);
      }
      LedgerRows.Action action = rows.action(actionId);
      ChannelConnector<?> connector = router.connector(action.connectorId());
      SendRate rate = rateOf(connector.id());
      // a rate-limited provider gets batches no larger than its second's worth: smoother pacing
      int size = Math.min(batchSize, connector.maxBatchSize());
      size = rate == null ? size : Math.min(size, rate.perSecond());
      BatchDelivery.Plan plan = delivery.plan(action, connector);
      if (sendAll(plan, size, rate)) {
        rows.finishIfSettled(actionId);
      }
    } catch (RuntimeException e) {
      log.error("dispatch of action {} failed; it is retried at the next poll", actionId, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Claims every due batch of the plan's action and delivers up to {@code batchesInFlight} of them
   * at a time; returns when all are recorded, false if one failed (its lease stays open).
   */
  private boolean sendAll(BatchDelivery.Plan plan, int size, SendRate rate)
      throws InterruptedException {
    long actionId = plan.action().id();
    Semaphore slots = new Semaphore(batchesInFlight);
    AtomicBoolean failed = new AtomicBoolean();
    int cursor = -1;
    try {
      while (!failed.get()) {
        slots.acquire();
        boolean handedOver = false;
        try {
          BatchLeases.Lease batch = leases.claim(actionId, cursor, size);
          if (batch.isEmpty()) {
            break;
          }
          cursor = batch.lastEntity();
          if (rate != null) {
            TimeUnit.NANOSECONDS.sleep(rate.reserveNanos(batch.rows().size()));
          }
          workers.execute(
              () -> {
                try {
                  deliver(plan, batch);
                } catch (RuntimeException e) {
                  failed.set(true);
                  log.error(
                      "dispatch of action {}: a batch failed; retried at the next poll", actionId, e);
                } finally {
                  slots.release();
                }
              });
          handedOver = true;
        } finally {
          if (!handedOver) {
            slots.release();
          }
        }
      }
    } finally {
      // Even when a claim failed: the next drain of this action closes the leases it finds open,
      // so it must not start while a batch of this one is still in flight.
      slots.acquireUninterruptibly(batchesInFlight);
    }
    return !failed.get();
  }

  /**
   * The connector's rate limit, {@code cairn.dispatch.rate-limit.<connector id>} recipients per
   * second (e.g. {@code cairn.dispatch.rate-limit.sms.http=500}), shared by all its actions; null
   * when it has none.
   */
  private SendRate rateOf(String connectorId) {
    Integer perSecond =
        environment.getProperty("cairn.dispatch.rate-limit." + connectorId, Integer.class);
    if (perSecond == null) {
      return null;
    }
    return rates.computeIfAbsent(connectorId, id -> new SendRate(perSecond, System::nanoTime));
  }

  private void deliver(BatchDelivery.Plan plan, BatchLeases.Lease claimed) {
    // The lease is opened right before the connector is called: a batch that fails before that
    // sent nothing and leaves its rows PENDING, claimed again by the next drain.
    BatchLeases.Lease[] lease = {claimed};
    List<LedgerRows.Result> results =
        delivery.deliver(plan, claimed.rows(), () -> lease[0] = leases.open(claimed));
    recordPatiently(lease[0], results);
  }

  /**
   * Records a sent batch's outcomes, retrying for up to {@code cairn.dispatch.record-patience}
   * while the database is away: once the provider has the batch, an outcome written late beats a
   * batch left in doubt (AMBIGUOUS). A retry after a commit whose acknowledgement was lost writes
   * the same outcomes again and counts the attempt twice, nothing worse.
   */
  private void recordPatiently(BatchLeases.Lease lease, List<LedgerRows.Result> results) {
    long deadline = System.nanoTime() + recordPatience.toNanos();
    for (long waitMs = 100; ; waitMs = Math.min(2 * waitMs, 5_000)) {
      try {
        leases.record(lease, results);
        return;
      } catch (RuntimeException e) {
        if (System.nanoTime() + waitMs * 1_000_000 > deadline) {
          throw e;
        }
        log.warn("dispatch of action {}: outcomes of a sent batch not recorded yet ({}); retrying",
            lease.actionId(), e.getClass().getSimpleName());
        try {
          Thread.sleep(waitMs);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }
}
