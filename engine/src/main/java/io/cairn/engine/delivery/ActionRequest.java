package io.cairn.engine.delivery;

import io.cairn.connectors.channel.Channel;
import java.util.Map;
import org.roaringbitmap.RoaringBitmap;

/**
 * One execution of a send action: who gets the message and how the node is configured.
 *
 * @param journeyId the journey
 * @param runId the journey run
 * @param elementId the BPMN element id of the action node
 * @param activityInstanceId the engine's id of this execution of the node; unique, so that the same
 *     execution is never recorded twice
 * @param channel the channel the node sends to
 * @param entityType the entity type of the recipients
 * @param settings the node's configuration properties (bound to the connector's settings record)
 * @param recipients the dense entity ids of the recipients
 * @param connectorId the connector the node chose, for channels with several (ad platforms: {@code
 *     ads.google}, {@code ads.meta}); {@code null} means the channel's configured connector
 */
public record ActionRequest(
    long journeyId,
    long runId,
    String elementId,
    String activityInstanceId,
    Channel channel,
    String entityType,
    Map<String, String> settings,
    RoaringBitmap recipients,
    String connectorId) {

  public ActionRequest {
    settings = Map.copyOf(settings);
  }

  /** An execution of a node sent through its channel's configured connector. */
  public ActionRequest(
      long journeyId,
      long runId,
      String elementId,
      String activityInstanceId,
      Channel channel,
      String entityType,
      Map<String, String> settings,
      RoaringBitmap recipients) {
    this(
        journeyId,
        runId,
        elementId,
        activityInstanceId,
        channel,
        entityType,
        settings,
        recipients,
        null);
  }
}
