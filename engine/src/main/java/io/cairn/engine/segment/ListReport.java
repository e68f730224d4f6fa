package io.cairn.engine.segment;

import java.util.List;

/**
 * What a custom-list upload found, line by line.
 *
 * @param rows data lines read (header excluded, blank lines skipped)
 * @param matched distinct ids that name an existing entity (the segment's size)
 * @param unmatched ids that name no entity
 * @param duplicates lines repeating an earlier id
 * @param invalid lines whose id is unusable (too long)
 * @param problems the first {@value #MAX_PROBLEMS} unmatched or invalid lines
 */
public record ListReport(
    long rows, long matched, long unmatched, long duplicates, long invalid, List<Problem> problems) {

  /** How many problem lines a report lists. */
  public static final int MAX_PROBLEMS = 100;

  /**
   * One line that contributed no member.
   *
   * @param line 1-based line number in the file (the header is line 1)
   * @param id the id as given (truncated to 128 characters)
   * @param problem what is wrong with it
   */
  public record Problem(long line, String id, String problem) {}
}
