package io.cairn.engine.event.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.engine.event.AttributeType;
import io.cairn.engine.event.EventAttribute;
import io.cairn.engine.event.EventSource;
import io.cairn.engine.event.EventType;
import io.cairn.engine.event.StoredAttributes;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Validates one event item of the reference product's format ({@code customerId, eventCode,
 * eventSourceCode, eventTime, attributes | extendAttributes, id}; {@code orgnizationId} and
 * {@code v} are accepted and ignored). Every problem names the field; attribute values may come as
 * strings, as the reference's {@code extendAttributes} sends them.
 */
final class EventItems {

  /** A refused item: the offending field and why. */
  static final class Rejected extends Exception {
    final String field;

    Rejected(String field, String message) {
      super(message, null, false, false);
      this.field = field;
    }
  }

  private static final Set<String> FIELDS = Set.of("customerId", "eventCode", "eventSourceCode", "eventTime",
      "attributes", "extendAttributes", "id", "orgnizationId", "organizationId", "v");
  private static final long EARLIEST = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();
  private static final long FUTURE_SLACK_MILLIS = 24 * 3600_000L;
  private static final int MAX_TEXT = 512;

  private final EventCatalogStore catalog;
  private final ZoneId zone;

  EventItems(EventCatalogStore catalog, ZoneId zone) {
    this.catalog = catalog;
    this.zone = zone;
  }

  ValidEvent validate(int index, JsonNode item, EventSource source, long now) throws Rejected {
    if (item == null || !item.isObject()) {
      throw new Rejected("[" + index + "]", "an event is a JSON object");
    }
    for (Iterator<String> names = item.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw new Rejected(name, "unknown field (expected " + String.join(", ", new java.util.TreeSet<>(FIELDS)) + ")");
      }
    }
    String customerId = id(item, "customerId", true);
    String clientId = id(item, "id", false);
    JsonNode code = item.get("eventCode");
    if (code == null || !code.isTextual() || code.asText().isBlank()) {
      throw new Rejected("eventCode", "required: the code of a defined event type");
    }
    EventType type = catalog.type(code.asText())
        .orElseThrow(() -> new Rejected("eventCode", "unknown event type '" + code.asText() + "'"));
    JsonNode sourceCode = item.get("eventSourceCode");
    if (sourceCode != null && !sourceCode.isNull()) {
      String s = sourceCode.asText();
      if (!s.equals(source.code()) && !s.equals(source.appKey())) {
        throw new Rejected("eventSourceCode",
            "this write key belongs to event source '" + source.code() + "', not '" + s + "'");
      }
    }
    long time = time(item.get("eventTime"), "eventTime");
    if (time < EARLIEST || time > now + FUTURE_SLACK_MILLIS) {
      throw new Rejected("eventTime", "must lie between 2000-01-01 and one day from now");
    }
    JsonNode attributes = item.has("attributes") ? item.get("attributes") : item.get("extendAttributes");
    String attributesField = item.has("attributes") ? "attributes" : "extendAttributes";
    if (item.has("attributes") && item.has("extendAttributes")) {
      throw new Rejected("extendAttributes", "send attributes or extendAttributes, not both");
    }
    List<StoredAttributes.Value> values = values(type, attributes, attributesField);
    return new ValidEvent(index, clientId, customerId, type.code(), time,
        Instant.ofEpochMilli(time).atZone(zone).toLocalDate(), values);
  }

  private List<StoredAttributes.Value> values(EventType type, JsonNode attributes, String field) throws Rejected {
    if (attributes == null || attributes.isNull()) {
      return List.of();
    }
    if (!attributes.isObject()) {
      throw new Rejected(field, "an object of attribute name to value");
    }
    List<StoredAttributes.Value> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = attributes.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String at = field + "." + e.getKey();
      if (e.getValue().isNull()) {
        continue; // null = no value, like a missing key
      }
      EventAttribute a = declared(type, e.getKey())
          .orElseThrow(() -> new Rejected(at, "event type '" + type.code() + "' has no attribute '" + e.getKey() + "'"));
      out.add(value(a, e.getValue(), at));
    }
    return out;
  }

  private Optional<EventAttribute> declared(EventType type, String name) {
    Optional<EventAttribute> a = type.attributes().stream().filter(x -> x.name().equals(name)).findFirst();
    if (a.isPresent()) {
      return a;
    }
    // Added on another node since this one cached the type?
    return catalog.typeWithAttribute(type.code(), name)
        .flatMap(t -> t.attributes().stream().filter(x -> x.name().equals(name)).findFirst());
  }

  private static StoredAttributes.Value value(EventAttribute a, JsonNode v, String at) throws Rejected {
    String text = v.isValueNode() ? v.asText() : null;
    if (text == null) {
      throw new Rejected(at, "a " + a.type() + " value, not an object or array");
    }
    switch (a.type()) {
      case TEXT -> {
        if (text.length() > MAX_TEXT) {
          throw new Rejected(at, "at most " + MAX_TEXT + " characters");
        }
        if (!StoredAttributes.storable(text)) {
          throw new Rejected(at, "the control characters U+001D to U+001F are not allowed");
        }
        return new StoredAttributes.Value(a.name(), text, null);
      }
      case NUMBER -> {
        double d;
        try {
          d = v.isNumber() ? v.asDouble() : Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
          throw new Rejected(at, "'" + abbreviated(text) + "' is not a number");
        }
        if (!Double.isFinite(d)) {
          throw new Rejected(at, "not a finite number");
        }
        return new StoredAttributes.Value(a.name(), java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString(), d);
      }
      case BOOLEAN -> {
        String b = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (!b.equals("true") && !b.equals("false")) {
          throw new Rejected(at, "true or false");
        }
        return new StoredAttributes.Value(a.name(), b, null);
      }
      case DATETIME -> {
        long ms = time(v, at);
        return new StoredAttributes.Value(a.name(), Instant.ofEpochMilli(ms).toString(), (double) ms);
      }
      default -> throw new IllegalStateException("unhandled type " + a.type());
    }
  }

  /** Epoch milliseconds from a number or an ISO-8601 instant / offset date-time. */
  private static long time(JsonNode v, String field) throws Rejected {
    if (v == null || v.isNull()) {
      throw new Rejected(field, "required: epoch milliseconds or an ISO-8601 time with offset");
    }
    if (v.isIntegralNumber()) {
      return v.asLong();
    }
    String s = v.asText().trim();
    if (s.matches("\\d{1,15}")) {
      return Long.parseLong(s);
    }
    try {
      return OffsetDateTime.parse(s).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new Rejected(field, "'" + abbreviated(s) + "' is neither epoch milliseconds nor an ISO-8601 time with offset");
    }
  }

  private static String id(JsonNode item, String field, boolean required) throws Rejected {
    JsonNode v = item.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw new Rejected(field, "required");
      }
      return null;
    }
    if (!v.isTextual() && !v.isIntegralNumber()) {
      throw new Rejected(field, "a string (or an integer)");
    }
    String s = v.asText().trim();
    if (s.isEmpty() || s.length() > 128) {
      throw new Rejected(field, "1 to 128 characters");
    }
    return s;
  }

  private static String abbreviated(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }
}
