package io.cairn.engine.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips integration tests of the MySQL run when no server is reachable, loudly, except in CI
 * ({@code CI=true}), where a missing server is a failure. Auto-registered through {@code
 * META-INF/services}.
 */
public class MysqlAvailability implements ExecutionCondition {

  private static volatile Boolean reachable;

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (!TestDatabase.isMysql()) {
      return ConditionEvaluationResult.enabled("H2 run");
    }
    if (reachable == null) {
      reachable = TestDatabase.mysqlReachable();
      if (!reachable) {
        String msg =
            "\n********************************************************************\n"
                + " No MySQL-compatible server at "
                + TestDatabase.mysqlServerUrl()
                + "\n MySQL-backed integration tests are SKIPPED.\n"
                + " Point them at a server with CAIRN_TEST_MYSQL_URL, CAIRN_TEST_MYSQL_USER,\n"
                + " CAIRN_TEST_MYSQL_PASSWORD (e.g. jdbc:mysql://127.0.0.1:3306/, root, '').\n"
                + "********************************************************************";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
          throw new IllegalStateException("CI=true but" + msg);
        }
        System.err.println(msg);
      }
    }
    return reachable
        ? ConditionEvaluationResult.enabled("MySQL reachable")
        : ConditionEvaluationResult.disabled("no MySQL server (see CAIRN_TEST_MYSQL_URL)");
  }
}
