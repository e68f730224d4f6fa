package io.cairn.engine;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Engine-wide beans that belong to no single feature. */
@Configuration
public class CairnEngineConfiguration {

  /** The engine's time source; tests replace it to control time. */
  @Bean
  @ConditionalOnMissingBean
  public Clock clock() {
    return Clock.systemUTC();
  }
}
