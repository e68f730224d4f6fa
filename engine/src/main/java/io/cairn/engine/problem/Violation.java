package io.cairn.engine.problem;

/**
 * One thing wrong with an input.
 *
 * @param field where: a JSON path ({@code groups[0].conditions[1].tag}), a CSV position ({@code
 *     line 12, column city}) or a BPMN element id
 * @param message what is wrong, in words a marketer understands
 */
public record Violation(String field, String message) {}
