package io.cairn.engine.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.testing.EngineTestApplication;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Imports from a second database: {@code crm} is a separate in-memory H2; {@code main} is the
 * test database itself, so in the MySQL run it exercises MariaDB's streaming result and metadata.
 */
@SpringBootTest(
    classes = EngineTestApplication.class,
    properties = {
      "cairn.sources.crm.url=" + JdbcImportIT.CRM_URL,
      "cairn.sources.crm.username=crm",
      "cairn.sources.crm.password=" + JdbcImportIT.CRM_PASSWORD,
      "cairn.sources.main.url=${spring.datasource.url}",
      "cairn.sources.main.username=${spring.datasource.username}",
      "cairn.sources.main.password=${spring.datasource.password}"
    })
class JdbcImportIT {

  static final String CRM_URL = "jdbc:h2:mem:cairn-crm-source;DB_CLOSE_DELAY=-1";
  static final String CRM_PASSWORD = "pw-marker-7731";

  @Autowired ProfileImporter importer;
  @Autowired TagCatalog catalog;
  @Autowired ProfileReader reader;
  @Autowired IdentityDirectory directory;
  @Autowired ExternalTables tables;
  @Autowired JdbcTemplate jdbc;

  @BeforeAll
  static void crm() throws SQLException {
    try (Connection c = DriverManager.getConnection(CRM_URL, "crm", CRM_PASSWORD);
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE customers (city VARCHAR(20), id VARCHAR(20), mobile VARCHAR(30),"
              + " born DATE, score DECIMAL(6,2), vip BOOLEAN)");
      s.execute(
          "INSERT INTO customers VALUES ('Shenzhen', 'c1', '+86 138 0013 8000', DATE '1990-05-01',"
              + " 12.50, TRUE), ('Berlin', 'c2', 'not-a-phone', NULL, 3, FALSE),"
              + " (NULL, 'c3', NULL, NULL, NULL, NULL)");
    }
  }

  private void defineTags() {
    for (TagDefinition t :
        List.of(
            new TagDefinition("city", "City", TagType.ENUM, "user", null),
            new TagDefinition("born", "Born", TagType.DATE, "user", null),
            new TagDefinition("score", "Score", TagType.NUMBER, "user", null),
            new TagDefinition("vip", "VIP", TagType.BOOLEAN, "user", null))) {
      if (catalog.list("user").stream().noneMatch(d -> d.code().equals(t.code()))) {
        catalog.define(t);
      }
    }
  }

  // every test writes the same snapshot date: reads take the newest date of a tag, class-wide
  private Map<String, String> latest(String externalId) {
    int id = reader.entityId("user", externalId).orElseThrow();
    return reader.tagValues("user", new int[] {id}, Set.of("city", "born", "score", "vip")).get(id);
  }

  @Test
  void shouldImportATableWithTheCsvRulesAndReportBadRowsByRowNumber() {
    defineTags();
    ImportReport report =
        importer.importJdbc(
            new JdbcImportRequest("user", "crm", "CUSTOMERS", null, LocalDate.of(2024, 5, 1)));

    assertThat(report.imported()).isEqualTo(2);
    assertThat(report.rejected()).isEqualTo(1);
    assertThat(report.errors()).containsExactly(new ImportError(2, "mobile", "not a mobile number"));
    assertThat(latest("c1"))
        .containsEntry("city", "Shenzhen")
        .containsEntry("born", "1990-05-01")
        .containsEntry("score", "12.5")
        .containsEntry("vip", "true");
    assertThat(reader.entityId("user", "c3")).isPresent();
    assertThat(directory.find("user", "mobile", null, "+8613800138000").externalId())
        .isEqualTo("c1");
  }

  @Test
  void shouldStreamALargeSelectInChunks() {
    defineTags();
    ImportReport report =
        importer.importJdbc(
            new JdbcImportRequest(
                "user",
                "crm",
                null,
                "SELECT 'q' || x AS id, CASE WHEN MOD(x, 2) = 0 THEN 'even' ELSE 'odd' END AS City"
                    + " FROM SYSTEM_RANGE(1, 4500)",
                LocalDate.of(2024, 5, 1)));

    assertThat(report.imported()).isEqualTo(4_500);
    assertThat(report.errors()).isEmpty();
    assertThat(latest("q4500")).containsEntry("city", "even");
  }

  @Test
  void shouldReadTheMainDatabaseAsASource() {
    defineTags();
    jdbc.execute("CREATE TABLE ext_people (id VARCHAR(20), city VARCHAR(20))");
    jdbc.update("INSERT INTO ext_people VALUES ('m1', 'Lyon'), ('m2', NULL)");
    ImportReport report =
        importer.importJdbc(
            new JdbcImportRequest("user", "main", "ext_people", null, LocalDate.of(2024, 5, 1)));
    assertThat(report.imported()).isEqualTo(2);
    assertThat(latest("m1")).containsEntry("city", "Lyon");

    try (Stream<String> ids = tables.ids("main", "ext_people", "ID")) {
      assertThat(ids).containsExactlyInAnyOrder("m1", "m2");
    }
    try (Stream<String> ids =
        tables.ids("main", "SELECT city FROM ext_people WHERE city IS NOT NULL", "city")) {
      assertThat(ids).containsExactly("Lyon");
    }
  }

  @Test
  void shouldRefuseUnknownSourcesAndWritingQueriesNamingTheField() {
    refused(r -> importer.importJdbc(r), new JdbcImportRequest("user", "nope", "customers", null, null), "source");
    refused(r -> importer.importJdbc(r), new JdbcImportRequest("user", "crm", null, null, null), "table");
    refused(r -> importer.importJdbc(r), new JdbcImportRequest("user", "crm", "customers", "SELECT 1", null), "query");
    refused(r -> importer.importJdbc(r), new JdbcImportRequest("user", "crm", "no_such_table", null, null), "table");
    refused(r -> importer.importJdbc(r), new JdbcImportRequest("user", "crm", "customers; DROP TABLE customers", null, null), "table");
    refused(r -> importer.importJdbc(r), new JdbcImportRequest("user", "crm", null, "DELETE FROM customers", null), "query");
    refused(r -> importer.importJdbc(r), new JdbcImportRequest("user", "crm", null, "SELECT * FROM customers; DELETE FROM customers", null), "query");
    refused(r -> importer.importJdbc(r), new JdbcImportRequest("user", "crm", null, "SELECT nope FROM customers", null), "query");
    refused(r -> importer.importJdbc(r), new JdbcImportRequest("user", "crm", null, "SELECT city FROM customers", null), "header");
    refused(r -> tables.ids("crm", "customers", "missing").close(), null, "column");
    assertThat(tables.ids("crm", "customers", "id").count()).isEqualTo(3); // nothing was deleted
  }

  private static <T> void refused(Consumer<T> call, T arg, String field) {
    assertThatThrownBy(() -> call.accept(arg))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.violations()).extracting(v -> v.field()).contains(field);
              assertThat(e.getMessage()).doesNotContain(CRM_PASSWORD);
            });
  }
}
