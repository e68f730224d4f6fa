package io.cairn.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StartupMessageTest {

  @Test
  void shouldNameTheDatabaseWithoutCredentialsOrOptions() {
    assertThat(StartupMessage.describeDatabase("jdbc:mysql://cairn:pw123@db.internal:3306/cairn?password=pw123&sendFractionalSeconds=false"))
        .isEqualTo("jdbc:mysql://db.internal:3306/cairn")
        .doesNotContain("pw123");
    assertThat(StartupMessage.describeDatabase("jdbc:h2:file:./data/cairn;MODE=MySQL"))
        .startsWith("H2 file /")
        .endsWith("data/cairn.mv.db");
    assertThat(StartupMessage.describeDatabase("jdbc:h2:mem:x;MODE=MySQL")).isEqualTo("H2 in memory");
  }
}
