package io.cairn.engine.delivery;

import io.cairn.connectors.channel.Channel;
import java.util.Map;

/**
 * One user passing a send action of an event journey (individual mode). All users who pass the
 * same node on the same entry number of a run share one action execution, so a thousand entries a
 * second make a handful of executions for the dispatcher to drain, not a thousand: the ledger's
 * unique key (action execution, recipient) then means "this user's {@code entry}-th pass through
 * this node", so a retried engine step records the user once while a re-entry (the next entry
 * number) is sent again.
 *
 * @param journeyId the journey
 * @param runId the journey's run (one per activation of an event journey)
 * @param elementId the BPMN element id of the action node
 * @param entry the user's entry number in the journey, from 1
 * @param channel the channel the node sends to
 * @param entityType the entity type of the user
 * @param settings the node's configuration properties
 * @param connectorId the connector the node chose, or {@code null} for the channel's own
 * @param entityId the user's dense entity id
 */
public record RecipientRequest(
    long journeyId,
    long runId,
    String elementId,
    int entry,
    Channel channel,
    String entityType,
    Map<String, String> settings,
    String connectorId,
    int entityId) {

  public RecipientRequest {
    settings = Map.copyOf(settings);
  }

  /** The key of the shared action execution (its unique "activity instance id"). */
  public String executionKey() {
    return "evt-" + runId + "-" + entry + "-" + elementId;
  }
}
