package io.cairn.engine.delivery.internal;

import io.cairn.engine.delivery.RecipientRequest;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongConsumer;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Shared action executions of event journeys ({@link RecipientRequest}): created once per (run,
 * entry number, node) in status OPEN, then one PENDING row per user who passes. OPEN executions
 * are never marked DONE while they can still receive rows (a DONE execution is not polled, and a
 * row committed after the dispatcher decided "DONE" would never be sent); the dispatcher drains
 * them when a transaction that added rows commits, and sweeps them for due rows at each poll.
 * {@link #close} turns them into ordinary executions when their run ends.
 */
@Component
public class SharedActions {

  /** Status of a shared execution that may still receive rows. */
  public static final String OPEN = "OPEN";

  /** What recording a shared execution needs: its connector and its resolved settings. */
  public record Resolved(String connectorId, Map<String, String> settings, LongConsumer recorded) {}

  private static final String WOKEN = SharedActions.class.getName() + ".woken";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate ownTx;
  private final DeliveryDispatcher dispatcher;
  private final Clock clock;
  private final Map<String, Long> ids = new ConcurrentHashMap<>();

  SharedActions(
      JdbcTemplate jdbc,
      PlatformTransactionManager transactions,
      DeliveryDispatcher dispatcher,
      Clock clock) {
    this.jdbc = jdbc;
    this.ownTx = new TransactionTemplate(transactions);
    ownTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.dispatcher = dispatcher;
    this.clock = clock;
  }

  /** Adds the recipient's row in the caller's transaction; returns the execution id. */
  public long enqueue(RecipientRequest r, Function<Map<String, String>, Resolved> resolve) {
    String key = r.executionKey();
    Long actionId = ids.get(key);
    if (actionId == null) {
      // Its own transaction: the execution row is shared by every concurrent entry, and holding
      // its insert lock until one entry's transaction commits would serialise them all.
      actionId = ownTx.execute(s -> findOrCreate(r, key, resolve));
      ids.put(key, actionId);
    }
    try {
      jdbc.update(
          "INSERT INTO cairn_delivery (action_id, entity_id, status, attempts, updated_at)"
              + " VALUES (?,?,'PENDING',0,?)",
          actionId,
          r.entityId(),
          Timestamp.from(clock.instant()));
    } catch (DuplicateKeyException recordedBefore) {
      // the same user's same entry through the same node: a retried step, recorded once
    }
    wakeAfterCommit(actionId);
    return actionId;
  }

  /** Makes the run's OPEN executions ordinary ones, DONE once every row has its outcome. */
  public void close(long runId) {
    jdbc.update(
        "UPDATE cairn_action_execution SET status = ? WHERE run_id = ? AND status = ?",
        LedgerRows.ACTIVE,
        runId,
        OPEN);
    ids.keySet().removeIf(k -> k.startsWith("evt-" + runId + "-"));
  }

  private long findOrCreate(
      RecipientRequest r, String key, Function<Map<String, String>, Resolved> resolve) {
    List<Long> found = existing(key);
    if (!found.isEmpty()) {
      return found.get(0);
    }
    Resolved resolved = resolve.apply(r.settings());
    GeneratedKeyHolder holder = new GeneratedKeyHolder();
    try {
      jdbc.update(
          con -> {
            PreparedStatement ps =
                con.prepareStatement(
                    "INSERT INTO cairn_action_execution (journey_id, run_id, element_id,"
                        + " activity_instance_id, channel, connector_id, entity_type, settings,"
                        + " recipients, status, created_at) VALUES (?,?,?,?,?,?,?,?,0,?,?)",
                    Statement.RETURN_GENERATED_KEYS);
            ps.setLong(1, r.journeyId());
            ps.setLong(2, r.runId());
            ps.setString(3, r.elementId());
            ps.setString(4, key);
            ps.setString(5, r.channel().name());
            ps.setString(6, resolved.connectorId());
            ps.setString(7, r.entityType());
            ps.setString(8, SettingsBinder.toJson(resolved.settings()));
            ps.setString(9, OPEN);
            ps.setTimestamp(10, Timestamp.from(clock.instant()));
            return ps;
          },
          holder);
    } catch (DuplicateKeyException createdByAnotherNode) {
      return existing(key).get(0);
    }
    long id = holder.getKey().longValue();
    resolved.recorded().accept(id);
    return id;
  }

  private List<Long> existing(String key) {
    return jdbc.queryForList(
        "SELECT id FROM cairn_action_execution WHERE activity_instance_id = ?", Long.class, key);
  }

  @SuppressWarnings("unchecked")
  private void wakeAfterCommit(long actionId) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      dispatcher.wake(actionId);
      return;
    }
    Set<Long> woken = (Set<Long>) TransactionSynchronizationManager.getResource(WOKEN);
    if (woken == null) {
      Set<Long> fresh = new LinkedHashSet<>();
      TransactionSynchronizationManager.bindResource(WOKEN, fresh);
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
              TransactionSynchronizationManager.unbindResourceIfPossible(WOKEN);
              if (status == STATUS_COMMITTED) {
                fresh.forEach(dispatcher::wake);
              }
            }
          });
      woken = fresh;
    }
    woken.add(actionId);
  }
}
