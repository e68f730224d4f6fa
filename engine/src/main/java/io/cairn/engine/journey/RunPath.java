package io.cairn.engine.journey;

import java.util.List;

/**
 * The part of the diagram a run has reached so far, for colouring it.
 *
 * @param elements nodes reached, in the order they were first reached
 * @param flows sequence flows taken, in the order they were first taken
 */
public record RunPath(List<String> elements, List<String> flows) {}
