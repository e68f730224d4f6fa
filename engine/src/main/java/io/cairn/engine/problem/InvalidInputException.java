package io.cairn.engine.problem;

import java.util.List;

/**
 * An input was refused and nothing was changed. The web layer answers 400 with an RFC 9457
 * problem whose {@code type} ends in {@link #type()} and whose {@code violations} name the
 * offending fields or elements.
 */
public class InvalidInputException extends RuntimeException {

  private final String type;
  private final List<Violation> violations;

  /**
   * @param type a stable slug for the kind of problem, e.g. {@code invalid-rule}, {@code
   *     invalid-bpmn}, {@code invalid-csv}
   * @param title a one-line summary
   * @param violations the offending fields, at least one
   */
  public InvalidInputException(String type, String title, List<Violation> violations) {
    super(title + ": " + violations);
    this.type = type;
    this.violations = List.copyOf(violations);
  }

  public InvalidInputException(String type, String field, String message) {
    this(type, message, List.of(new Violation(field, message)));
  }

  public String type() {
    return type;
  }

  /** The summary without the violations. */
  public String title() {
    String m = getMessage();
    int i = m.indexOf(": [");
    return i < 0 ? m : m.substring(0, i);
  }

  public List<Violation> violations() {
    return violations;
  }
}
