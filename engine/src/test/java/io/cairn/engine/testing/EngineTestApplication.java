package io.cairn.engine.testing;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.PropertySource;

/**
 * The engine's Spring configuration for integration tests: the engine's components on the test
 * database chosen by {@link TestDatabaseInitializer}, without the web layer.
 */
@SpringBootApplication(scanBasePackages = "io.cairn.engine")
@PropertySource("classpath:cairn-engine-test.properties")
public class EngineTestApplication {}
