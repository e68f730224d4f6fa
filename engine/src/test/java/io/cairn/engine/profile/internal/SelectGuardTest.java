package io.cairn.engine.profile.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.engine.problem.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SelectGuardTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "  select id, city from customers",
        "WITH x AS (SELECT 1 AS id) SELECT id FROM x",
        "SELECT REPLACE(name, 'a', 'b') AS id FROM t",
        "SELECT id FROM t WHERE note = 'please update it' AND k = \"set\"",
        "SELECT update_time AS id FROM t"
      })
  void shouldAcceptASingleReadingSelect(String query) {
    assertThat(SelectGuard.query(query, "query")).isEqualTo(query.strip());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SELECT 1; DROP TABLE t",
        "SELECT id FROM t WHERE a = ';'",
        "DELETE FROM t",
        "SHOW TABLES",
        "SELECT * INTO OUTFILE '/tmp/x' FROM t",
        "SELECT * FROM t FOR UPDATE",
        "SELECT 1 /*!50000 , SLEEP(10) */",
        "SELECT 1 -- hidden",
        "WITH x AS (SELECT 1) DELETE FROM t",
        "SELECT LOAD_FILE('/etc/passwd') AS id",
        "SELECT * FROM CSVREAD('/etc/passwd')",
        "   "
      })
  void shouldRefuseAnythingElseNamingTheField(String query) {
    assertThatThrownBy(() -> SelectGuard.query(query, "query"))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.violations().get(0).field()).isEqualTo("query"));
  }

  @Test
  void shouldAcceptOnlyPlainTableNames() {
    assertThat(SelectGuard.table("customers", "table")).containsExactly(null, "customers");
    assertThat(SelectGuard.table("crm.Customers_2", "table")).containsExactly("crm", "Customers_2");
    for (String bad : new String[] {"t; drop", "a.b.c", "`t`", "t--", "\"t\"", "", "1t"}) {
      assertThatThrownBy(() -> SelectGuard.table(bad, "table"))
          .as(bad)
          .isInstanceOfSatisfying(
              InvalidInputException.class,
              e -> assertThat(e.violations().get(0).field()).isEqualTo("table"));
    }
  }
}
