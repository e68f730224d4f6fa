package io.cairn.web;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Starts Cairn: REST API, journey engine and dispatcher in one process. */
@SpringBootApplication(scanBasePackages = "io.cairn")
public class CairnApplication {

  public static void main(String[] args) {
    SpringApplication.run(CairnApplication.class, args);
  }
}
