package io.cairn.web.problem;

import java.sql.SQLException;

/**
 * A copy of an unexpected failure for the log: each exception of the cause chain keeps its class,
 * its stack trace and, for SQL errors, the SQL state and vendor code, but not its message. Messages
 * of database and parsing errors quote the data they failed on (a duplicate mobile number, a row's
 * values), and the log must never hold personal data or secrets.
 */
final class RedactedFailure extends RuntimeException {

  private RedactedFailure(String description, RedactedFailure cause) {
    super(description, cause, false, true);
  }

  static RedactedFailure of(Throwable failure) {
    return copy(failure, 0);
  }

  private static RedactedFailure copy(Throwable t, int depth) {
    Throwable cause = t.getCause();
    RedactedFailure redactedCause =
        cause == null || cause == t || depth > 20 ? null : copy(cause, depth + 1);
    RedactedFailure copy = new RedactedFailure(describe(t), redactedCause);
    copy.setStackTrace(t.getStackTrace());
    return copy;
  }

  private static String describe(Throwable t) {
    String name = t.getClass().getName();
    if (t instanceof SQLException sql) {
      return name + " (SQLState " + sql.getSQLState() + ", code " + sql.getErrorCode() + ")";
    }
    return name;
  }

  @Override
  public String toString() {
    return "[redacted] " + getMessage();
  }
}
