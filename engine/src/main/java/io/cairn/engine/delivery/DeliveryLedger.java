package io.cairn.engine.delivery;

import io.cairn.connectors.channel.ChannelConnector;
import io.cairn.engine.delivery.internal.ChannelRouter;
import io.cairn.engine.delivery.internal.LedgerRows;
import io.cairn.engine.delivery.internal.SettingsBinder;
import io.cairn.engine.profile.ProfileReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * The delivery ledger: every send action writes one row per recipient here, in the caller's
 * transaction, before anything is sent; a dispatcher then delivers the rows after the commit and
 * records each recipient's outcome. The unique key (action execution, recipient) makes recording
 * idempotent, and the row's idempotency key ({@code <actionId>-<entityId>}) goes to the provider.
 *
 * <p>Thread-safe.
 */
@Service
public class DeliveryLedger {

  private final ChannelRouter router;
  private final LedgerRows rows;
  private final ProfileReader profiles;

  DeliveryLedger(ChannelRouter router, LedgerRows rows, ProfileReader profiles) {
    this.router = router;
    this.rows = rows;
    this.profiles = profiles;
  }

  /**
   * Records an action execution and its recipients, in the caller's transaction.
   *
   * @return the action execution id
   * @throws IllegalArgumentException when the node's settings do not fit the channel's connector
   */
  public long enqueue(ActionRequest request) {
    ChannelConnector<?> connector = router.connectorFor(request.channel());
    SettingsBinder.bind(request.settings(), connector.settingsType());
    return rows.insertAction(request, connector.id());
  }

  /**
   * The problems of an action node's settings for a channel, empty when it can be delivered (used
   * by journey validation before deployment).
   */
  public List<String> settingsProblems(io.cairn.connectors.channel.Channel channel, Map<String, String> settings) {
    try {
      SettingsBinder.bind(settings, router.connectorFor(channel).settingsType());
      return List.of();
    } catch (IllegalArgumentException | IllegalStateException e) {
      return List.of(e.getMessage());
    }
  }

  /** Per action execution of a run: recipients and outcomes, in creation order. */
  public List<ActionStats> stats(long runId) {
    return rows.stats(runId);
  }

  /**
   * Ledger rows by journey, action, outcome or recipient, with recipients' external ids and their
   * addresses masked. A recipient the filter names but Cairn does not know gives an empty page.
   */
  public Delivery.Page deliveries(DeliveryQuery q) {
    Integer entityId = null;
    if (q.externalId() != null) {
      OptionalInt id = profiles.entityId(q.entityType(), q.externalId());
      if (id.isEmpty()) {
        return new Delivery.Page(List.of(), 0, q.page(), q.size());
      }
      entityId = id.getAsInt();
    }
    var listed =
        rows.list(
            q.journeyId(),
            q.actionId(),
            q.status() == null ? null : q.status().name(),
            q.entityType(),
            entityId,
            q.page(),
            q.size());
    Map<String, Map<Integer, String>> external = new HashMap<>();
    listed.getKey().stream()
        .collect(Collectors.groupingBy(LedgerRows.Listed::entityType))
        .forEach(
            (type, of) ->
                external.put(
                    type,
                    profiles.externalIds(
                        type, of.stream().mapToInt(LedgerRows.Listed::entityId).toArray())));
    List<Delivery> items =
        listed.getKey().stream()
            .map(
                r ->
                    new Delivery(
                        r.actionId(),
                        r.journeyId(),
                        r.runId(),
                        r.elementId(),
                        r.channel(),
                        r.entityType(),
                        external.get(r.entityType()).get(r.entityId()),
                        DeliveryStatus.valueOf(r.status()),
                        r.reason(),
                        r.recipient() == null ? null : Suppressions.hint(r.recipient()),
                        r.attempts(),
                        r.updatedAt()))
            .toList();
    return new Delivery.Page(items, listed.getValue(), q.page(), q.size());
  }

  /** True when every action execution of the run has a final outcome for every recipient. */
  public boolean isSettled(long runId) {
    return rows.unsettledActions(runId) == 0;
  }
}
