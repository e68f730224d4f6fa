package io.cairn.connectors.channel;

import java.util.List;

/**
 * Messages of one action execution handed to a connector in one call.
 *
 * @param settings the action node's configuration, bound from the journey's BPMN
 * @param messages the rendered messages; never empty, idempotency keys unique within the batch
 */
public record DeliveryBatch<S extends Record>(S settings, List<OutboundMessage> messages) {

  public DeliveryBatch {
    messages = List.copyOf(messages);
  }
}
