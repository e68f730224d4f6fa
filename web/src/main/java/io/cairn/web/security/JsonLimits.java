package io.cairn.web.security;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Request JSON is hostile: bounded nesting and sizes, no trailing garbage. */
@Configuration
class JsonLimits {

  static final int MAX_DEPTH = 64;

  @Bean
  Jackson2ObjectMapperBuilderCustomizer boundedJson() {
    return builder ->
        builder
            .featuresToEnable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .postConfigurer(
                mapper ->
                    mapper
                        .getFactory()
                        .setStreamReadConstraints(
                            StreamReadConstraints.builder()
                                .maxNestingDepth(MAX_DEPTH)
                                .maxStringLength(1_000_000)
                                .maxNumberLength(100)
                                .build()));
  }
}
