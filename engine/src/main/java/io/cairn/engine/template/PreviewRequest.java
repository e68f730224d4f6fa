package io.cairn.engine.template;

import java.util.Map;

/**
 * A preview's input: a sample entity ({@code entityType}, {@code externalId}) whose tag values are
 * read, or explicit {@code values} by variable name.
 */
public record PreviewRequest(String entityType, String externalId, Map<String, String> values) {

  @Override
  public String toString() {
    return "PreviewRequest[" + entityType + "]"; // ids and values are personal data
  }
}
