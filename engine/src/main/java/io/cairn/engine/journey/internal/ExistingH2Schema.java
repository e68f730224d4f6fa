package io.cairn.engine.journey.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

/**
 * Lets Cairn restart on its embedded H2 file. Camunda decides whether to create its schema by
 * looking up {@code ACT_GE_PROPERTY} in the JDBC metadata by its upper-case name, but Cairn's H2
 * runs with {@code DATABASE_TO_LOWER=TRUE} (for MySQL-compatible SQL), so on the second start the
 * lookup misses, Camunda re-runs its create script and fails with "table already exists" (and
 * its version check, {@code schema-update=false}, misses the tables the same way). When the table
 * answers a query, the schema exists and Camunda is given a schema-update value it has no
 * operation for, so it leaves the schema alone. Camunda is pinned (7.24.0): there is no upgrade
 * this skips.
 */
final class ExistingH2Schema extends AbstractProcessEnginePlugin {

  /** Not one of Camunda's values (true, false, create, create-drop, drop-create): no operation. */
  static final String LEAVE_AS_IS = "leave-as-is";

  private final DataSource dataSource;

  ExistingH2Schema(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl config) {
    if (!"true".equals(config.getDatabaseSchemaUpdate())) {
      return;
    }
    try (Connection c = dataSource.getConnection()) {
      if (!c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("h2")) {
        return;
      }
      try (Statement s = c.createStatement()) {
        s.executeQuery("SELECT VALUE_ FROM ACT_GE_PROPERTY WHERE NAME_ = 'schema.version'").close();
        config.setDatabaseSchemaUpdate(LEAVE_AS_IS);
      } catch (SQLException absent) {
        // first start: Camunda creates its schema
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot reach the database to check Camunda's schema", e);
    }
  }
}
