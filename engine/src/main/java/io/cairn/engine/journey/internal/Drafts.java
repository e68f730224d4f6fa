package io.cairn.engine.journey.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.engine.problem.Violation;
import java.util.List;

/** The problems of an INCOMPLETE journey as they are kept with it (JSON). */
final class Drafts {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Drafts() {}

  static String json(List<Violation> problems) {
    try {
      return JSON.writeValueAsString(problems);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("problems not writable as JSON", e);
    }
  }

  static List<Violation> problems(String json) {
    if (json == null || json.isBlank()) {
      return List.of();
    }
    try {
      return JSON.readValue(json, new TypeReference<List<Violation>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored problems not readable", e);
    }
  }
}
