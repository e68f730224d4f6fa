package io.cairn.engine.profile.internal;

import io.cairn.connectors.channel.IdType;
import java.util.Locale;

/** Light validation and normalisation of identity values from imports. */
final class Identities {

  private Identities() {}

  static String normalise(IdType type, String raw) {
    String v = raw.trim();
    if (v.length() > 320) {
      throw new IllegalArgumentException("longer than 320 characters");
    }
    return switch (type) {
      case MOBILE -> {
        String digits = v.replaceAll("[\\s\\-()]", "");
        if (!digits.matches("\\+?[0-9]{5,20}")) {
          throw new IllegalArgumentException("not a mobile number");
        }
        yield digits;
      }
      case EMAIL -> {
        int at = v.indexOf('@');
        if (at < 1 || at != v.lastIndexOf('@') || at == v.length() - 1 || v.contains(" ")) {
          throw new IllegalArgumentException("not an email address");
        }
        yield v.substring(0, at) + "@" + v.substring(at + 1).toLowerCase(Locale.ROOT);
      }
      default -> v;
    };
  }
}
