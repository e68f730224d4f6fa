package io.cairn.engine.delivery;

import io.cairn.connectors.channel.Channel;
import io.cairn.engine.delivery.internal.FeedbackWindows;
import io.cairn.engine.delivery.internal.OutcomeRows;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.roaringbitmap.RoaringBitmap;
import org.springframework.stereotype.Service;

/**
 * An action execution's recipients by {@link ResultOutcome}, for journeys' result branches, and the
 * limits a result branch's wait must respect. Reads the ledger as it is now (rows keep moving while
 * receipts come in). Thread-safe.
 */
@Service
public class ActionResults {

  private final OutcomeRows rows;
  private final FeedbackWindows windows;

  ActionResults(OutcomeRows rows, FeedbackWindows windows) {
    this.rows = rows;
    this.windows = windows;
  }

  /**
   * How long after sending receipts may come for an action of this channel with these node
   * settings; empty when none are expected (SENT is final then).
   */
  public Optional<Duration> feedbackWindow(Channel channel, Map<String, String> settings) {
    return windows.window(channel, settings);
  }

  /**
   * How long an action's rows are kept after it finished ({@code cairn.delivery.retention}); a
   * result branch must decide before they are deleted.
   */
  public Duration retention() {
    return windows.retention();
  }

  /**
   * Splits {@code among} by the outcome of each member's row in the action execution; members
   * without a row are {@link ResultOutcome#OTHER}. The three bitmaps are disjoint and their union is
   * {@code among}. Reads the action's rows in pages, once.
   *
   * @throws IllegalStateException when the action does not exist or retention already deleted its
   *     rows
   */
  public Map<ResultOutcome, RoaringBitmap> partition(long actionId, RoaringBitmap among) {
    OutcomeRows.Executed action =
        rows.executed(actionId)
            .orElseThrow(() -> new IllegalStateException("action " + actionId + " does not exist"));
    if (action.purged()) {
      throw new IllegalStateException(
          "the ledger rows of action " + actionId + " were deleted by retention"
              + " (cairn.delivery.retention) before its result branch decided");
    }
    Channel channel = Channel.valueOf(action.channel());
    boolean feedback = windows.window(channel, action.settings()).isPresent();
    Map<ResultOutcome, RoaringBitmap> out = new EnumMap<>(ResultOutcome.class);
    for (ResultOutcome o : ResultOutcome.values()) {
      out.put(o, new RoaringBitmap());
    }
    rows.byStatus(
        actionId,
        (entity, status) -> {
          if (among.contains(entity)) {
            out.get(ResultOutcome.of(DeliveryStatus.valueOf(status), feedback)).add(entity);
          }
        });
    RoaringBitmap known = RoaringBitmap.or(out.get(ResultOutcome.SUCCESS), out.get(ResultOutcome.FAILURE));
    out.get(ResultOutcome.OTHER).or(RoaringBitmap.andNot(among, known));
    return out;
  }
}
