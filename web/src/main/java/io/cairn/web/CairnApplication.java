package io.cairn.web;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/** Starts Cairn: REST API, journey engine and dispatcher in one process. */
@SpringBootApplication
// The engine's test jar holds its own test application; never pick it up here. This scan replaces
// @SpringBootApplication's, so its filters are repeated: without TypeExcludeFilter the engine
// tests' @TestConfiguration classes (a fixed clock among them) joined every web test context.
@ComponentScan(
    basePackages = "io.cairn",
    excludeFilters = {
      @ComponentScan.Filter(type = FilterType.REGEX, pattern = "io\\.cairn\\.engine\\.testing\\..*"),
      @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
      @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class)
    })
public class CairnApplication {

  public static void main(String[] args) {
    SpringApplication.run(CairnApplication.class, args);
  }
}
