package io.cairn.connectors.content;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message text with {@code ${name}} placeholders. Placeholders are plain substitutions: nothing
 * in a template is ever evaluated as an expression. Thread-safe and immutable.
 */
public final class TextTemplate {

  /**
   * The prefix of a short-link placeholder, {@code ${link:<code>}}: a variable like any other here,
   * whose per-recipient value (a tracked URL) the engine supplies.
   */
  public static final String LINK_PREFIX = "link:";

  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\$\\{\\s*((?:link:)?[A-Za-z0-9_.\\-]+)\\s*}");

  private final String text;
  private final List<Object> parts; // String literals and Var references, in order
  private final Set<String> variables;

  private record Var(String name) {}

  private TextTemplate(String text) {
    this.text = text;
    List<Object> p = new ArrayList<>();
    Set<String> vars = new LinkedHashSet<>();
    Matcher m = PLACEHOLDER.matcher(text);
    int last = 0;
    while (m.find()) {
      if (m.start() > last) {
        p.add(text.substring(last, m.start()));
      }
      p.add(new Var(m.group(1)));
      vars.add(m.group(1));
      last = m.end();
    }
    if (last < text.length()) {
      p.add(text.substring(last));
    }
    this.parts = List.copyOf(p);
    this.variables = Collections.unmodifiableSet(vars); // keeps first-appearance order
  }

  /** Parses a template; {@code null} is treated as the empty text. */
  public static TextTemplate parse(String text) {
    return new TextTemplate(text == null ? "" : text);
  }

  /** The variable names used, in order of first appearance. */
  public Set<String> variables() {
    return variables;
  }

  /** The original text. */
  public String text() {
    return text;
  }

  /**
   * Renders the template.
   *
   * @param values variable values; a missing, null or blank value counts as empty
   * @param policy what to do with an empty value
   * @param replacement the text used for empty values under {@link EmptyValuePolicy#REPLACE}
   * @return the text, or empty when the policy is {@link EmptyValuePolicy#SKIP} and a value is
   *     empty
   */
  public Optional<String> render(
      Map<String, String> values, EmptyValuePolicy policy, String replacement) {
    return render(values, policy, replacement, UnaryOperator.identity());
  }

  /**
   * Like {@link #render(Map, EmptyValuePolicy, String)}, with every inserted value (and the
   * replacement) passed through {@code escape} first; the template's own text is kept as written.
   * An HTML part escapes values with {@link HtmlText#escape}.
   */
  public Optional<String> render(
      Map<String, String> values,
      EmptyValuePolicy policy,
      String replacement,
      UnaryOperator<String> escape) {
    StringBuilder out = new StringBuilder(text.length() + 32);
    for (Object part : parts) {
      if (part instanceof Var v) {
        String value = values.get(v.name());
        if (value == null || value.isBlank()) {
          if (policy == EmptyValuePolicy.SKIP) {
            return Optional.empty();
          }
          value = replacement == null ? "" : replacement;
        }
        out.append(escape.apply(value));
      } else {
        out.append((String) part);
      }
    }
    return Optional.of(out.toString());
  }

  /** The first variable whose value is empty, if any (used to name the skip reason). */
  public Optional<String> firstEmptyVariable(Map<String, String> values) {
    for (String v : variables) {
      String value = values.get(v);
      if (value == null || value.isBlank()) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "TextTemplate" + variables;
  }
}
