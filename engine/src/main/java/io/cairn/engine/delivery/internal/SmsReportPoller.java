package io.cairn.engine.delivery.internal;

import io.cairn.connectors.channel.Channel;
import io.cairn.connectors.platform.PlatformException;
import io.cairn.connectors.platform.SmsPlatformClient;
import io.cairn.connectors.platform.SmsPlatformConnector;
import io.cairn.connectors.platform.SmsReport;
import io.cairn.engine.delivery.DeliveryLedger;
import io.cairn.engine.delivery.DeliveryReceipt;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Pulls the SMS platform's delivery reports into the ledger: every {@code report-interval} it pages
 * through the reports of the window from its durable cursor (less {@code report-overlap}) to now,
 * and settles each report's row through the receipt path ({@link DeliveryLedger#applyReceipts}):
 * DELIVERED, or FAILED with the carrier's error code. A report's {@code outId} is the row's
 * idempotency key {@code <actionId>-<entityId>}, so it finds its row by primary key.
 *
 * <p>Reports still waiting for the carrier are left for a later poll; reports whose id is not one
 * of Cairn's, names no row, or names a row another connector sent are counted and skipped. The
 * cursor moves only after the whole window was read, so a failed poll is repeated from the same
 * place; re-applying a report changes nothing. Only active with {@code
 * cairn.channels.sms.connector=platform}. Logs counts only, never numbers or ids.
 */
@Component
@ConditionalOnProperty(name = "cairn.channels.sms.connector", havingValue = "platform")
class SmsReportPoller implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(SmsReportPoller.class);

  /** What one poll did. */
  record Poll(int pages, int applied, int alreadySettled, int unknown, int waiting) {}

  private final SmsPlatformClient client;
  private final DeliveryLedger ledger;
  private final SmsReportStore store;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final SmsPlatformProperties properties;
  private final String platform;
  private volatile ScheduledExecutorService scheduler;

  SmsReportPoller(
      SmsPlatformClient client,
      DeliveryLedger ledger,
      JdbcTemplate jdbc,
      TransactionTemplate tx,
      Clock clock,
      SmsPlatformProperties properties) {
    this.client = client;
    this.ledger = ledger;
    this.store = new SmsReportStore(jdbc, clock);
    this.tx = tx;
    this.clock = clock;
    this.properties = properties;
    String key = properties.name().isEmpty() ? properties.url() : properties.name();
    this.platform = key.length() <= 191 ? key : key.substring(0, 191);
  }

  /**
   * Reads every report of the window since the cursor and moves the cursor to the window's end.
   *
   * @throws PlatformException when the platform fails; the cursor then stays where it was
   */
  Poll pollOnce() {
    Instant end = clock.instant().truncatedTo(ChronoUnit.MINUTES); // the contract's granularity
    Instant start =
        store
            .cursor(platform)
            .orElse(end.minus(properties.reportLookback()))
            .minus(properties.reportOverlap());
    if (start.isBefore(end.minus(SmsPlatformClient.MAX_WINDOW))) {
      log.warn(
          "SMS platform reports older than 30 days cannot be asked for; starting at {}", start);
      start = end.minus(SmsPlatformClient.MAX_WINDOW);
    }
    if (start.isAfter(end)) {
      start = end;
    }
    int pageSize = properties.reportPageSize();
    Tally tally = new Tally();
    int page = 1;
    while (true) {
      SmsReport.Page reports = client.reports(start, end, page, pageSize);
      tx.executeWithoutResult(s -> apply(reports.reports(), tally));
      if (reports.reports().isEmpty() || (long) page * pageSize >= reports.totalCount()) {
        break;
      }
      page++;
    }
    store.advance(platform, end);
    Poll poll = new Poll(page, tally.applied, tally.settled, tally.unknown, tally.waiting);
    if (poll.unknown() > 0) {
      log.info(
          "SMS platform reports: {} skipped, not reports on rows this platform sent",
          poll.unknown());
    }
    return poll;
  }

  /** Counts of one poll; used by the polling thread only. */
  private static final class Tally {
    int applied;
    int settled;
    int unknown;
    int waiting;
  }

  private void apply(List<SmsReport> reports, Tally tally) {
    Map<Long, Boolean> ours = new HashMap<>();
    List<DeliveryReceipt> receipts = new ArrayList<>();
    for (SmsReport r : reports) {
      if (r.state() == SmsReport.State.WAITING) {
        tally.waiting++;
        continue;
      }
      Long action = actionOf(r.outId());
      if (action == null
          || !ours.computeIfAbsent(
              action,
              id -> store.connectorOf(id).map(SmsPlatformConnector.ID::equals).orElse(false))) {
        tally.unknown++;
        continue;
      }
      boolean delivered = r.state() == SmsReport.State.DELIVERED;
      String code = r.errCode().isEmpty() ? (delivered ? "DELIVERED" : "FAILED") : r.errCode();
      receipts.add(new DeliveryReceipt(r.outId(), delivered, code, code, r.reportedAt()));
    }
    if (!receipts.isEmpty()) {
      for (DeliveryReceipt.Effect e : ledger.applyReceipts(Channel.SMS, s -> true, receipts)) {
        switch (e) {
          case APPLIED -> tally.applied++;
          case ALREADY_SETTLED -> tally.settled++;
          case UNKNOWN -> tally.unknown++;
        }
      }
    }
  }

  /** The action id of an idempotency key {@code <actionId>-<entityId>}, or {@code null}. */
  private static Long actionOf(String outId) {
    if (outId == null || !outId.matches("[0-9]{1,18}-[0-9]{1,10}")) {
      return null;
    }
    return Long.parseLong(outId.substring(0, outId.indexOf('-')));
  }

  private void pollSafely() {
    try {
      pollOnce();
    } catch (PlatformException e) {
      log.warn("SMS platform reports not read, will try again: {}", e.getMessage());
    } catch (RuntimeException e) {
      log.error("SMS platform report poll failed, will try again", e);
    }
  }

  @Override
  public void start() {
    Duration every = properties.reportInterval();
    if (every.isZero() || every.isNegative()) {
      return;
    }
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "cairn-sms-reports");
              t.setDaemon(true);
              return t;
            });
    scheduler.scheduleWithFixedDelay(
        this::pollSafely, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    ScheduledExecutorService s = scheduler;
    if (s != null) {
      s.shutdownNow();
      scheduler = null;
    }
  }

  @Override
  public boolean isRunning() {
    return scheduler != null;
  }
}
