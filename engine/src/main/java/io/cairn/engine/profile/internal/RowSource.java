package io.cairn.engine.profile.internal;

import java.util.List;

/**
 * The rows of one import, whatever they come from (a CSV file, a JDBC result): header names, then
 * records of text cells in the CSV conventions ({@code ""} = no value). Read once, forward only.
 */
interface RowSource extends AutoCloseable {

  /** One record. {@code line} is what errors report: the CSV line, or the result row number. */
  record Record(long line, List<String> cells) {}

  /** The problem type of header errors ({@code invalid-csv}, {@code invalid-source}). */
  String problemType();

  List<String> header();

  /** The next record, or {@code null} after the last. */
  Record next();

  @Override
  void close();
}
