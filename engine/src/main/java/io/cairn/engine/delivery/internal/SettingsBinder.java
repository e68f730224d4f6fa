package io.cairn.engine.delivery.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Map;

/**
 * Binds an action node's configuration properties to its connector's settings record. Strict:
 * a property the record does not have is a configuration error, not something to ignore.
 */
public final class SettingsBinder {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.READ_ENUMS_USING_TO_STRING)
          .build();

  private SettingsBinder() {}

  /** Binds or throws {@link IllegalArgumentException} naming the offending property. */
  public static <S extends Record> S bind(Map<String, String> properties, Class<S> type) {
    try {
      return MAPPER.convertValue(properties, type);
    } catch (IllegalArgumentException e) {
      String msg = e.getMessage() == null ? "" : e.getMessage();
      int cut = msg.indexOf(" (");
      throw new IllegalArgumentException(cut > 0 ? msg.substring(0, cut) : msg, e);
    }
  }

  static String toJson(Map<String, String> properties) {
    try {
      return MAPPER.writeValueAsString(properties);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, String> fromJson(String json) {
    try {
      return MAPPER.readValue(json, Map.class);
    } catch (Exception e) {
      throw new IllegalStateException("stored action settings are unreadable", e);
    }
  }
}
