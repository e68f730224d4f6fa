package io.cairn.web.problem;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.cairn.engine.problem.Violation;

/**
 * Says what is wrong with an unreadable request body without echoing Jackson's messages, which
 * name our internal classes and quote the input.
 */
final class JsonErrors {

  private JsonErrors() {}

  static Violation describe(Throwable cause) {
    if (cause instanceof StreamConstraintsException limits) {
      String m = String.valueOf(limits.getOriginalMessage());
      return new Violation(
          "body",
          m.contains("nesting")
              ? "the JSON nests too deeply"
              : "the JSON has a value or document that is too long");
    }
    if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field = path(mapping);
      if (mapping instanceof UnrecognizedPropertyException) {
        return new Violation(field, "is not a known field");
      }
      if (mapping instanceof InvalidFormatException) {
        return new Violation(field, "has an invalid value");
      }
      return new Violation(field, "has the wrong type or shape");
    }
    if (cause instanceof JsonProcessingException parse) {
      JsonLocation at = parse.getLocation();
      return new Violation(
          "body",
          at == null
              ? "is not valid JSON"
              : "is not valid JSON at line " + at.getLineNr() + ", column " + at.getColumnNr());
    }
    return new Violation("body", "is missing or unreadable");
  }

  /** {@code groups[0].conditions[1].tag} from Jackson's reference chain. */
  static String path(JsonMappingException e) {
    StringBuilder out = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (!out.isEmpty()) {
          out.append('.');
        }
        out.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        out.append('[').append(ref.getIndex()).append(']');
      }
    }
    return out.isEmpty() ? "body" : out.toString();
  }
}
