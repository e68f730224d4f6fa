package io.cairn.web.security;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Request JSON is hostile: bounded nesting, string, number and document sizes, and no trailing
 * garbage after the value. Applies to Spring's {@code ObjectMapper}, hence to every JSON body.
 * A body over a limit is answered 400 {@code malformed-request}.
 */
@Configuration
class JsonLimits {

  static final int MAX_DEPTH = 64;
  static final int MAX_STRING_CHARS = 1_000_000;
  static final int MAX_NUMBER_CHARS = 100;
  static final long MAX_DOCUMENT_BYTES = 16L * 1024 * 1024;

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
                                .maxStringLength(MAX_STRING_CHARS)
                                .maxNumberLength(MAX_NUMBER_CHARS)
                                .maxDocumentLength(MAX_DOCUMENT_BYTES)
                                .build()));
  }
}
