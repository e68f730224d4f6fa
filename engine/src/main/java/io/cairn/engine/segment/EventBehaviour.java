package io.cairn.engine.segment;

/**
 * "The user did event E": the behaviour a journey's behaviour branch asks about, over a window of
 * time it supplies. The attribute filters have the shape and operators of a behaviour condition's
 * {@code where} in SEGMENTS.md ({@code [{"attr": "shop", "op": "in", "values": ["north"]}]}); a
 * negation or comparison never holds on an event without the attribute.
 *
 * @param eventCode the event type's code
 * @param sourceCode the event source's code, or null for events from any source
 * @param where a JSON array of attribute filters, or null / blank for none
 * @param anyOf true: an event matches when one of the filters holds (OR); false: when all hold (AND)
 * @param minCount the user did it when at least this many matching events fall in the window (≥ 1)
 */
public record EventBehaviour(
    String eventCode, String sourceCode, String where, boolean anyOf, int minCount) {}
