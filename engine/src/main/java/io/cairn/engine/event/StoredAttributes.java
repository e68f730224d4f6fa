package io.cairn.engine.event;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;

/**
 * How an event's attribute values are kept in its own row ({@code cairn_event.attrs}), so that
 * storing an event writes one row whatever its attributes (one row per value cost ING-1 two B-tree
 * entries each on H2). The column holds {@code US name RS text} for every value and, for numbers
 * and datetimes, also {@code US name GS number}, then a closing {@code US}, names in order; no
 * attributes is NULL. The separators are the ASCII information separators U+001F, U+001E and
 * U+001D, which ingestion refuses in values (names are letters, digits and _). Behaviour rules
 * filter on it with {@code LOCATE} and {@code SUBSTRING}, alike on H2 and MySQL.
 *
 * <p>text: as given for TEXT, {@code true}/{@code false}, the plain decimal for NUMBER, ISO-8601
 * for DATETIME; number: the plain decimal of the NUMBER or the epoch milliseconds of the DATETIME.
 */
public final class StoredAttributes {

  /** Before every entry and at the end. */
  public static final char UNIT = '\u001F';
  /** Between a name and its text. */
  public static final char TEXT = '\u001E';
  /** Between a name and its number. */
  public static final char NUMBER = '\u001D';

  private StoredAttributes() {}

  /** Whether a value can be stored (it holds none of the separators). */
  public static boolean storable(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == UNIT || c == TEXT || c == NUMBER) {
        return false;
      }
    }
    return true;
  }

  /** A number as stored: a plain decimal that both databases CAST to the same DOUBLE. */
  public static String number(double d) {
    return BigDecimal.valueOf(d).toPlainString();
  }

  /** One attribute value: its text, and its number for NUMBER and DATETIME (else null). */
  public record Value(String name, String text, Double number) {}

  /** The column value for an event's attributes (distinct names); null when there are none. */
  public static String encode(List<Value> values) {
    if (values.isEmpty()) {
      return null;
    }
    StringBuilder b = new StringBuilder();
    values.stream().sorted(Comparator.comparing(Value::name)).forEach(v -> {
      b.append(UNIT).append(v.name()).append(TEXT).append(v.text());
      if (v.number() != null) {
        b.append(UNIT).append(v.name()).append(NUMBER).append(number(v.number()));
      }
    });
    return b.append(UNIT).toString();
  }

  /**
   * The values of a column written by {@link #encode}, by name (empty for null): each with its
   * text and, for numbers and datetimes, its number.
   */
  public static java.util.Map<String, Value> decode(String column) {
    java.util.Map<String, Value> out = new java.util.LinkedHashMap<>();
    if (column == null || column.isEmpty()) {
      return out;
    }
    int i = 0;
    while (i < column.length() - 1) {
      int end = column.indexOf(UNIT, i + 1);
      if (end < 0) {
        break;
      }
      String entry = column.substring(i + 1, end);
      int t = entry.indexOf(TEXT);
      int n = entry.indexOf(NUMBER);
      if (t > 0) {
        String name = entry.substring(0, t);
        out.put(name, new Value(name, entry.substring(t + 1), null));
      } else if (n > 0) {
        String name = entry.substring(0, n);
        Value text = out.get(name);
        double number = Double.parseDouble(entry.substring(n + 1));
        out.put(name, new Value(name, text == null ? null : text.text(), number));
      }
      i = end;
    }
    return out;
  }
}
