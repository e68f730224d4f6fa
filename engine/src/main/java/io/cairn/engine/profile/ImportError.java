package io.cairn.engine.profile;

/**
 * Why one CSV row was rejected.
 *
 * @param line 1-based line number of the record (the header is line 1)
 * @param column the column name
 * @param message what is wrong
 */
public record ImportError(long line, String column, String message) {}
