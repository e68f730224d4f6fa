package io.cairn.engine.profile;

/**
 * Why one imported row was rejected. Messages about identity cells never contain the value.
 *
 * @param line CSV: 1-based line number of the record (the header is line 1); JDBC: 1-based row
 *     number of the result
 * @param column the column name
 * @param message what is wrong
 */
public record ImportError(long line, String column, String message) {}
