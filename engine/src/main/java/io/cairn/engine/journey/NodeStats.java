package io.cairn.engine.journey;

/**
 * Users through one node of a run.
 *
 * @param elementId BPMN element id
 * @param name the node's name in the diagram
 * @param entered users who reached the node
 * @param left users who completed the node and moved on (or ended there)
 */
public record NodeStats(String elementId, String name, long entered, long left) {}
