package io.cairn.engine.delivery;

import io.cairn.connectors.channel.Channel;
import io.cairn.connectors.channel.ChannelConnector;
import io.cairn.engine.delivery.internal.ActionContents;
import io.cairn.engine.delivery.internal.AudienceUploads;
import io.cairn.engine.delivery.internal.ChannelRouter;
import io.cairn.engine.delivery.internal.LedgerRows;
import io.cairn.engine.delivery.internal.SettingsBinder;
import io.cairn.engine.delivery.internal.SharedActions;
import io.cairn.engine.profile.ProfileReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;
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
  private final List<SettingsCheck> checks;
  private final ActionContents contents;
  private final AudienceUploads uploads;
  private final SharedActions shared;

  DeliveryLedger(
      ChannelRouter router,
      LedgerRows rows,
      ProfileReader profiles,
      List<SettingsCheck> checks,
      ActionContents contents,
      AudienceUploads uploads,
      SharedActions shared) {
    this.shared = shared;
    this.router = router;
    this.rows = rows;
    this.profiles = profiles;
    this.checks = List.copyOf(checks);
    this.contents = contents;
    this.uploads = uploads;
  }

  /**
   * Records an action execution and its recipients, in the caller's transaction. Content the
   * settings refer to (a {@code templateId}) is copied into the recorded settings here, so that
   * changing it later never changes this execution ({@link ActionContent}).
   *
   * @return the action execution id
   * @throws IllegalArgumentException when the node's settings do not fit the channel's connector,
   *     or refer to content that does not exist
   */
  public long enqueue(ActionRequest request) {
    ChannelConnector<?> connector = router.connectorFor(request.channel(), request.connectorId());
    ActionContents.Resolution resolved = contents.resolve(request.channel(), request.settings());
    ActionRequest recorded =
        resolved.settings() == request.settings()
            ? request
            : new ActionRequest(
                request.journeyId(),
                request.runId(),
                request.elementId(),
                request.activityInstanceId(),
                request.channel(),
                request.entityType(),
                resolved.settings(),
                request.recipients(),
                request.connectorId());
    SettingsBinder.bind(recorded.settings(), connector.settingsType());
    long actionId = rows.insertAction(recorded, connector.id());
    resolved.recorded().accept(actionId);
    return actionId;
  }

  /**
   * Records one recipient of a shared action execution of an event journey, in the caller's
   * transaction (see {@link RecipientRequest} for how entries map onto executions). The execution
   * is created on first use, in its own transaction, with its content resolved then; recording the
   * same user's same entry twice (a retried step) keeps one row. The dispatcher is woken when the
   * caller commits, so the row is sent without waiting for its poll.
   *
   * @return the shared action execution id
   * @throws IllegalArgumentException as {@link #enqueue}
   */
  public long enqueueRecipient(RecipientRequest request) {
    return shared.enqueue(
        request,
        settings -> {
          ChannelConnector<?> connector =
              router.connectorFor(request.channel(), request.connectorId());
          ActionContents.Resolution resolved = contents.resolve(request.channel(), settings);
          SettingsBinder.bind(resolved.settings(), connector.settingsType());
          return new SharedActions.Resolved(connector.id(), resolved.settings(), resolved.recorded());
        });
  }

  /**
   * Closes the shared action executions of an event journey's run (when it stops): once their
   * rows are all delivered they become DONE like any other execution.
   */
  public void closeShared(long runId) {
    shared.close(runId);
  }

  /**
   * The problems of an action node's settings for a channel, empty when it can be delivered (used
   * by journey validation before deployment).
   */
  public List<String> settingsProblems(Channel channel, Map<String, String> settings) {
    return settingsProblems(channel, null, settings);
  }

  /**
   * The problems of an action node's settings for the connector it chose ({@code null}: the
   * channel's configured one), empty when it can be delivered; an unconfigured connector is one.
   */
  public List<String> settingsProblems(
      Channel channel, String connectorId, Map<String, String> settings) {
    Record bound;
    try {
      bound =
          SettingsBinder.bind(settings, router.connectorFor(channel, connectorId).settingsType());
    } catch (IllegalArgumentException | IllegalStateException e) {
      return List.of(e.getMessage());
    }
    List<String> problems = new ArrayList<>();
    checks.forEach(c -> problems.addAll(c.problems(bound)));
    return problems;
  }

  /**
   * Applies verified receipts to the rows they report on, in the caller's transaction. Rows only
   * move forward: a row that may have reached the receiver (in flight, sent, no feedback yet after
   * its window, ambiguous, or pending a retry after an attempt) and has no receipt yet becomes
   * DELIVERED or FAILED; anything else is left as it is. A row that retention deleted is UNKNOWN.
   *
   * @param channel the channel of the sender's actions
   * @param ownsAction whether an action execution, given its node settings, belongs to the sender
   *     of the receipts (a receiver may only settle its own messages)
   * @return one effect per receipt, in order
   */
  public List<DeliveryReceipt.Effect> applyReceipts(
      Channel channel, Predicate<Map<String, String>> ownsAction, List<DeliveryReceipt> receipts) {
    Map<Long, Boolean> owned = new HashMap<>();
    List<DeliveryReceipt.Effect> effects = new ArrayList<>(receipts.size());
    for (DeliveryReceipt r : receipts) {
      long[] key = parseKey(r.idempotencyKey());
      if (key == null
          || !owned.computeIfAbsent(
              key[0],
              id ->
                  rows.owner(id)
                      .filter(o -> o.channel().equals(channel.name()))
                      .map(o -> ownsAction.test(o.settings()))
                      .orElse(false))) {
        effects.add(DeliveryReceipt.Effect.UNKNOWN);
        continue;
      }
      int entity = (int) key[1];
      String reason = r.delivered() ? null : "receipt: " + r.reason();
      if (rows.settleByReceipt(key[0], entity, r.delivered(), reason, r.status(), r.reportedAt())) {
        effects.add(DeliveryReceipt.Effect.APPLIED);
      } else {
        effects.add(
            rows.hasRow(key[0], entity)
                ? DeliveryReceipt.Effect.ALREADY_SETTLED
                : DeliveryReceipt.Effect.UNKNOWN);
      }
    }
    return effects;
  }

  /** {@code <actionId>-<entityId>}, or {@code null}. */
  private static long[] parseKey(String key) {
    return RecipientKey.parse(key).map(k -> new long[] {k.actionId(), k.entityId()}).orElse(null);
  }

  /**
   * The entity type of an action execution's recipients, if the action exists: with {@link
   * RecipientKey} it names the entity an idempotency key stands for.
   */
  public Optional<String> entityType(long actionId) {
    return rows.entityType(actionId);
  }

  /**
   * Per action execution of a run: recipients and outcomes, in creation order, with what the ad
   * platform reported for audience uploads.
   */
  public List<ActionStats> stats(long runId) {
    Map<Long, UploadStats> uploaded = uploads.byRun(runId);
    return rows.stats(runId).stream()
        .map(s -> uploaded.containsKey(s.actionId()) ? s.withUpload(uploaded.get(s.actionId())) : s)
        .toList();
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
