package io.cairn.engine.template.internal;

import io.cairn.connectors.content.EmptyValuePolicy;
import io.cairn.connectors.content.HtmlText;
import io.cairn.connectors.content.TextTemplate;
import io.cairn.connectors.sms.SmsSettings;
import io.cairn.connectors.sms.SmsText;
import io.cairn.engine.template.Preview;
import io.cairn.engine.template.Template;
import io.cairn.engine.template.TemplateVariable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a template into what an action node's settings would say (the snapshot), and renders it
 * for a preview with the same per-variable rules the dispatcher applies.
 */
public final class TemplateRendering {

  /** The placeholder syntax of {@link TextTemplate}, without its {@code link:} form. */
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{\\s*([A-Za-z0-9_.\\-]+)\\s*}");

  private TemplateRendering() {}

  /**
   * The settings an action records for a template: the node's own settings with the template's
   * content in place of the content fields, each tag-bound {@code ${var}} rewritten to {@code
   * ${tag}} (the dispatcher reads tag values by the names in the text) and the node-wide empty
   * policy set to SKIP; REPLACE variables get their text from {@link #replacements}.
   */
  static Map<String, String> settings(Template t, Map<String, String> node) {
    Map<String, String> s = new LinkedHashMap<>(node);
    s.put("onEmptyValue", EmptyValuePolicy.SKIP.name());
    s.put("replacement", "");
    s.put("templateId", String.valueOf(t.id()));
    switch (t.channel()) {
      case SMS -> {
        s.put("template", rewrite(t, t.sms().text()));
        s.put("signature", t.sms().signature());
        s.put("type", t.sms().type().name());
      }
      case EMAIL -> {
        s.put("from", t.email().sender());
        s.put("subject", rewrite(t, t.email().subject()));
        s.put("body", rewrite(t, t.email().text()));
        if (t.email().html() == null || t.email().html().isBlank()) {
          s.remove("html");
        } else {
          s.put("html", rewrite(t, t.email().html()));
        }
      }
      case PUSH -> {
        s.put("title", rewrite(t, t.push().title()));
        s.put("body", rewrite(t, t.push().body()));
        if (t.push().deepLink() == null || t.push().deepLink().isEmpty()) {
          s.remove("deepLink");
        } else {
          s.put("deepLink", t.push().deepLink());
        }
      }
      default -> throw new IllegalArgumentException("no templates for " + t.channel());
    }
    return s;
  }

  /** Tag code → replacement text of the template's REPLACE variables bound to tags. */
  static Map<String, String> replacements(Template t) {
    Map<String, String> out = new HashMap<>();
    for (TemplateVariable v : t.variables()) {
      if (v.tag() != null && v.onEmpty() == EmptyValuePolicy.REPLACE) {
        out.put(v.tag(), v.replacement());
      }
    }
    return out;
  }

  private static String rewrite(Template t, String text) {
    Map<String, String> tagOf = new HashMap<>();
    t.variables().forEach(v -> {
      if (v.tag() != null) {
        tagOf.put(v.name(), v.tag());
      }
    });
    Matcher m = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String tag = tagOf.get(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(tag == null ? m.group() : "${" + tag + "}"));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * Renders a template.
   *
   * @param valueOf a variable's value, or null/blank when it has none
   * @param linkUrl the URL shown for {@code ${link:<code>}}
   */
  public static Preview preview(
      Template t, Function<TemplateVariable, String> valueOf, Function<String, String> linkUrl) {
    Map<String, String> values = new HashMap<>();
    List<Preview.EmptyVariable> empty = new ArrayList<>();
    boolean skipped = false;
    for (TemplateVariable v : t.variables()) {
      String value = valueOf.apply(v);
      if (value == null || value.isBlank()) {
        if (v.onEmpty() == EmptyValuePolicy.REPLACE) {
          value = v.replacement();
          empty.add(
              new Preview.EmptyVariable(
                  v.name(), v.onEmpty(), "replaced with \"" + v.replacement() + "\""));
        } else {
          skipped = true;
          empty.add(
              new Preview.EmptyVariable(
                  v.name(), EmptyValuePolicy.SKIP, "skipped: the recipient gets no message"));
          continue;
        }
      }
      values.put(v.name(), value);
    }
    if (skipped) {
      return new Preview(null, null, Map.of(), List.copyOf(empty), true);
    }
    Map<String, String> parts = new LinkedHashMap<>();
    String subject = null;
    String body;
    switch (t.channel()) {
      case SMS -> {
        String text = render(t.sms().text(), values, linkUrl);
        SmsSettings sms =
            new SmsSettings(
                t.sms().text(), EmptyValuePolicy.SKIP, "", t.sms().signature(), t.sms().type(), null);
        body = SmsText.of(sms, text);
        parts.put("text", body);
      }
      case EMAIL -> {
        subject = render(t.email().subject(), values, linkUrl);
        body = render(t.email().text(), values, linkUrl);
        parts.put("subject", subject);
        parts.put("text", body);
        parts.put("html", render(t.email().html(), values, linkUrl, HtmlText::escape));
      }
      case PUSH -> {
        subject = render(t.push().title(), values, linkUrl);
        body = render(t.push().body(), values, linkUrl);
        parts.put("title", subject);
        parts.put("body", body);
        parts.put("deepLink", t.push().deepLink());
      }
      default -> throw new IllegalArgumentException("no templates for " + t.channel());
    }
    return new Preview(subject, body, parts, List.copyOf(empty), false);
  }

  private static String render(
      String text, Map<String, String> values, Function<String, String> linkUrl) {
    return render(text, values, linkUrl, UnaryOperator.identity());
  }

  private static String render(
      String text,
      Map<String, String> values,
      Function<String, String> linkUrl,
      UnaryOperator<String> escape) {
    TextTemplate template = TextTemplate.parse(text);
    Map<String, String> all = new HashMap<>(values);
    for (String var : template.variables()) {
      if (var.startsWith(TextTemplate.LINK_PREFIX)) {
        all.put(var, linkUrl.apply(var.substring(TextTemplate.LINK_PREFIX.length())));
      }
    }
    Optional<String> out = template.render(all, EmptyValuePolicy.REPLACE, "", escape);
    return out.orElse("");
  }
}
