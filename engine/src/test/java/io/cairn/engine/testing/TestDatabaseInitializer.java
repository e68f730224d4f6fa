package io.cairn.engine.testing;

import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;

/**
 * Points every Spring test context at its own database (see {@link TestDatabase}). Registered in
 * {@code META-INF/spring.factories} of the engine's test jar so that every module's {@code
 * SpringBootTest} gets it without annotations.
 */
public class TestDatabaseInitializer
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    Map<String, Object> props;
    if (TestDatabase.isMysql()) {
      String schema = TestDatabase.createMysqlSchema();
      props =
          Map.of(
              "spring.datasource.url", TestDatabase.mysqlSchemaUrl(schema),
              "spring.datasource.username", TestDatabase.mysqlUser(),
              "spring.datasource.password", TestDatabase.mysqlPassword(),
              "spring.datasource.driver-class-name", "com.mysql.cj.jdbc.Driver",
              "camunda.bpm.database.type", "mysql");
      context.addApplicationListener(
          event -> {
            if (event instanceof ContextClosedEvent closed
                && closed.getApplicationContext() == context) {
              TestDatabase.dropMysqlSchema(schema);
            }
          });
    } else {
      props =
          Map.of(
              "spring.datasource.url", TestDatabase.h2Url(),
              "spring.datasource.username", "sa",
              "spring.datasource.password", "",
              "spring.datasource.driver-class-name", "org.h2.Driver",
              "camunda.bpm.database.type", "h2");
    }
    context
        .getEnvironment()
        .getPropertySources()
        .addFirst(new MapPropertySource("cairn-test-db", props));
  }
}
