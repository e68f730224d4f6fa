package io.cairn.engine.coupon;

import java.util.List;

/**
 * What an import of codes found, line by line. Problem lines name the line and what is wrong with
 * it, never the code: the report is an API answer, and codes are secrets.
 *
 * @param rows data lines read (the header excluded)
 * @param imported codes added to the pool
 * @param duplicates lines repeating a code of an earlier line of the file (stored once)
 * @param existing lines whose code the pool already held (kept as it was)
 * @param invalid lines without a usable code (blank, too long, spaces or control characters,
 *     several columns)
 * @param problems the first {@value #MAX_PROBLEMS} lines that added nothing, by line
 * @param total the pool's size after the import
 */
public record CodeImportReport(
    long rows,
    long imported,
    long duplicates,
    long existing,
    long invalid,
    List<Problem> problems,
    long total) {

  /** How many problem lines a report lists. */
  public static final int MAX_PROBLEMS = 100;

  public CodeImportReport {
    problems = List.copyOf(problems);
  }

  /**
   * A line that added no code.
   *
   * @param line 1-based line number (the header is line 1)
   * @param problem what is wrong with it
   */
  public record Problem(long line, String problem) {}
}
