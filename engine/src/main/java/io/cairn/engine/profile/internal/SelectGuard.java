package io.cairn.engine.profile.internal;

import io.cairn.engine.problem.InvalidInputException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Accepts only a single read-only SELECT (or WITH … SELECT) and only plain table names. Strict on
 * purpose, because a rejected query is easy to rewrite and an accepted write is not undone: no
 * {@code ;} anywhere (also not in literals), no comments (MySQL runs {@code /*! … *}{@code /}
 * hints), and outside string literals none of the words that write, lock or touch the server's
 * files ({@code INTO} of {@code SELECT … INTO OUTFILE}, {@code UPDATE} of {@code FOR UPDATE},
 * {@code LOAD_FILE}, H2's {@code CSVREAD} …).
 */
final class SelectGuard {

  static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
  private static final Pattern TABLE =
      Pattern.compile("(" + IDENTIFIER + ")(?:\\.(" + IDENTIFIER + "))?");
  private static final Pattern START = Pattern.compile("(?is)^\\s*(select|with)\\b.*");
  private static final Pattern LITERAL =
      Pattern.compile("'(?:[^'\\\\]|\\\\.|'')*'|\"(?:[^\"\\\\]|\\\\.|\"\")*\"|`[^`]*`");
  private static final Pattern FORBIDDEN =
      Pattern.compile(
          "(?i)\\b(into|insert|update|delete|merge|upsert|drop|alter|create|truncate|rename"
              + "|grant|revoke|call|exec|execute|load|lock|unlock|handler|set|do|shutdown|kill"
              + "|flush|reset|purge|sleep|benchmark|load_file|link_schema|csvread|csvwrite"
              + "|file_read|file_write|runscript|script|backup)\\b");

  private SelectGuard() {}

  /** Returns the query or throws {@link InvalidInputException} naming {@code field}. */
  static String query(String query, String field) {
    if (query == null || query.isBlank()) {
      throw refused(field, field + " is empty");
    }
    if (query.length() > 20_000) {
      throw refused(field, field + " is longer than 20,000 characters");
    }
    if (query.indexOf(';') >= 0) {
      throw refused(field, field + " must be one statement: ';' is not allowed");
    }
    if (query.contains("--") || query.contains("/*") || query.contains("#")) {
      throw refused(field, field + " must not contain comments (--, #, /* */)");
    }
    if (!START.matcher(query).matches()) {
      throw refused(field, field + " must be a SELECT (it may start with WITH)");
    }
    Matcher word = FORBIDDEN.matcher(LITERAL.matcher(query).replaceAll("''"));
    if (word.find()) {
      throw refused(
          field,
          field
              + " must only read: '"
              + word.group(1).toUpperCase(Locale.ROOT)
              + "' is not allowed outside string literals");
    }
    return query.strip();
  }

  /** Returns [schema or null, table] of a plain name, or throws naming {@code field}. */
  static String[] table(String table, String field) {
    Matcher m = table == null ? null : TABLE.matcher(table.trim());
    if (m == null || !m.matches()) {
      throw refused(
          field, field + " must be a table name (letters, digits, _; optionally schema.table)");
    }
    return m.group(2) == null
        ? new String[] {null, m.group(1)}
        : new String[] {m.group(1), m.group(2)};
  }

  static boolean isTableName(String text) {
    return text != null && TABLE.matcher(text.trim()).matches();
  }

  private static InvalidInputException refused(String field, String message) {
    return new InvalidInputException("invalid-source-query", field, message);
  }
}
