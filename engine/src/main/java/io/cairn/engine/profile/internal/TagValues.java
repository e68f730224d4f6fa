package io.cairn.engine.profile.internal;

import io.cairn.engine.profile.TagType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Parses CSV cells into stored tag values, following the documented CSV conventions. */
public final class TagValues {

  static final int MAX_TEXT = 512;

  /** One stored value: its text form and, for numbers and dates, its numeric form. */
  public record Value(String text, Double number) {}

  private TagValues() {}

  /**
   * Parses a non-empty cell; throws {@link IllegalArgumentException} with a message for the
   * marketer when the cell does not fit the type.
   */
  public static List<Value> parse(TagType type, String cell) {
    String s = cell.trim();
    return switch (type) {
      case ENUM, TEXT -> List.of(new Value(text(s), null));
      case BOOLEAN -> List.of(new Value(bool(s), null));
      case NUMBER -> List.of(number(s));
      case DATE -> List.of(date(s));
      case MULTI -> multi(s);
    };
  }

  private static String text(String s) {
    if (s.length() > MAX_TEXT) {
      throw new IllegalArgumentException("longer than " + MAX_TEXT + " characters");
    }
    return s;
  }

  static String bool(String s) {
    String lower = s.toLowerCase(Locale.ROOT);
    if (!lower.equals("true") && !lower.equals("false")) {
      throw new IllegalArgumentException("'" + abbreviate(s) + "' is not true or false");
    }
    return lower;
  }

  static Value number(String s) {
    try {
      BigDecimal d = new BigDecimal(s);
      String plain = d.stripTrailingZeros().toPlainString();
      return new Value(plain, d.doubleValue());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + abbreviate(s) + "' is not a number");
    }
  }

  static Value date(String s) {
    try {
      if (s.length() <= 10) {
        LocalDate d = LocalDate.parse(s);
        return new Value(d.toString(), (double) d.atStartOfDay().toEpochSecond(ZoneOffset.UTC));
      }
      LocalDateTime t = LocalDateTime.parse(s);
      return new Value(t.toString(), (double) t.toEpochSecond(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'" + abbreviate(s) + "' is not an ISO-8601 date (2024-08-06) or date-time"
              + " (2024-08-06T10:00:00)");
    }
  }

  private static List<Value> multi(String s) {
    Set<String> parts = new LinkedHashSet<>();
    for (String p : s.split("\\|")) {
      if (!p.isBlank()) {
        parts.add(text(p.trim()));
      }
    }
    List<Value> out = new ArrayList<>(parts.size());
    parts.forEach(p -> out.add(new Value(p, null)));
    return out;
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }
}
