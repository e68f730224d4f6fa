package io.cairn.engine.delivery;

import java.util.List;

/**
 * Which ledger rows a segment is made of: the rows of one action execution, or of every action
 * execution of a journey (of one node if {@code elementId} is given), whose status is one of {@code
 * statuses} and, if {@code reason} is given, whose reason starts with it.
 *
 * @param name the new segment's name
 * @param actionId one action execution; or null with {@code journeyId}
 * @param journeyId every action execution of this journey; or null with {@code actionId}
 * @param elementId with {@code journeyId}: only the action executions of this BPMN node
 * @param statuses the outcomes wanted, at least one (e.g. FAILED, NO_FEEDBACK)
 * @param reason optional start of the reason (e.g. {@code receipt:}, {@code frequency-cap})
 */
public record OutcomeSegmentRequest(
    String name,
    Long actionId,
    Long journeyId,
    String elementId,
    List<DeliveryStatus> statuses,
    String reason) {}
