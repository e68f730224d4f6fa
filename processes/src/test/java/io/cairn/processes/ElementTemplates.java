package io.cairn.processes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;

/** Cairn's element templates as the tests read them: straight from the file Modeler loads. */
final class ElementTemplates {

  static final Path FILE = Path.of(".camunda/element-templates/cairn-journeys.json");
  static final String SCHEMA_URL =
      "https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  private ElementTemplates() {}

  /** The whole file, a JSON array of templates. */
  static JsonNode file() {
    try {
      return JSON.readTree(FILE.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<JsonNode> all() {
    return StreamSupport.stream(file().spliterator(), false).toList();
  }

  static Optional<JsonNode> byId(String id) {
    return all().stream().filter(t -> t.path("id").asText().equals(id)).findFirst();
  }

  static JsonNode require(String id) {
    return byId(id).orElseThrow(() -> new AssertionError("no element template " + id));
  }

  /** The template's properties whose binding has the given type. */
  static List<JsonNode> propertiesBoundAs(JsonNode template, String bindingType) {
    List<JsonNode> bound = new ArrayList<>();
    for (JsonNode property : template.path("properties")) {
      if (property.path("binding").path("type").asText().equals(bindingType)) {
        bound.add(property);
      }
    }
    return bound;
  }
}
