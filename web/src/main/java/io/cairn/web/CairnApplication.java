package io.cairn.web;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/** Starts Cairn: REST API, journey engine and dispatcher in one process. */
@SpringBootApplication
// The engine's test jar holds its own test application; never pick it up here.
@ComponentScan(
    basePackages = "io.cairn",
    excludeFilters =
        @ComponentScan.Filter(type = FilterType.REGEX, pattern = "io\\.cairn\\.engine\\.testing\\..*"))
public class CairnApplication {

  public static void main(String[] args) {
    SpringApplication.run(CairnApplication.class, args);
  }
}
