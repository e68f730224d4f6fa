package io.cairn.engine.delivery;

import io.cairn.connectors.channel.Channel;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * SPI: content that an action's settings refer to rather than contain (a content template) and
 * per-recipient values that only another feature can compute (tracked short links). Every bean of
 * this type is asked. Implementations are thread-safe.
 */
public interface ActionContent {

  /**
   * Resolves an action's settings before they are recorded, in the caller's (the engine's)
   * transaction. What is recorded is a snapshot: later changes to what the settings referred to do
   * not change this action execution.
   *
   * @return empty when these settings refer to nothing of this feature
   * @throws IllegalArgumentException when they refer to something that does not exist or does not
   *     fit the channel
   */
  Optional<Resolved> resolve(Channel channel, Map<String, String> settings);

  /**
   * Values this feature adds for one recipient, by variable name; they take precedence over the
   * recipient's tag values. Called by the dispatcher for every recipient it renders, so it must
   * not query per call.
   *
   * @param actionId the action execution
   * @param entityId the recipient
   * @param variables the variables the action's texts use
   * @param own the recipient's tag values of those variables (absent or blank when empty)
   */
  Map<String, String> recipientValues(
      long actionId, int entityId, Set<String> variables, Map<String, String> own);

  /** Settings with referred content copied in, and what to record once the action has its id. */
  interface Resolved {

    /** The settings to record and dispatch with. */
    Map<String, String> settings();

    /** Called with the new action execution id, in the same transaction. */
    void recorded(long actionId);
  }
}
