package io.cairn.engine.template.internal;

import io.cairn.connectors.channel.Channel;
import io.cairn.connectors.content.EmptyValuePolicy;
import io.cairn.connectors.content.TextTemplate;
import io.cairn.connectors.sms.SmsType;
import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.problem.Violation;
import io.cairn.engine.profile.TagCatalog;
import io.cairn.engine.template.EmailContent;
import io.cairn.engine.template.PushContent;
import io.cairn.engine.template.SmsContent;
import io.cairn.engine.template.TemplateDraft;
import io.cairn.engine.template.TemplateVariable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Validates a template draft; every problem names its field ({@code sms.text}, {@code
 * variables[2].tag} …). Sizes are bounded because drafts come from HTTP bodies.
 */
@Component
public class TemplateChecks {

  /** A checked draft, normalised (trimmed name, defaults filled in). */
  public record Checked(
      String name,
      Channel channel,
      String entityType,
      SmsContent sms,
      EmailContent email,
      PushContent push,
      List<TemplateVariable> variables) {}

  static final int MAX_SMS = 1_000;
  static final int MAX_EMAIL_BODY = 64 * 1024;
  static final int MAX_SUBJECT = 255;
  static final int MAX_PUSH_TITLE = 100;
  static final int MAX_PUSH_BODY = 1_000;
  static final int MAX_URL = 2_048;
  static final int MAX_VARIABLES = 50;
  static final int MAX_REPLACEMENT = 256;
  private static final Set<Channel> CHANNELS = Set.of(Channel.SMS, Channel.EMAIL, Channel.PUSH);
  private static final Pattern VARIABLE = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");
  private static final Pattern ATTRIBUTE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
  private static final Pattern ENTITY_TYPE = Pattern.compile("[a-z][a-z0-9_]{0,31}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s<>\"]{1,64}@[^@\\s<>\"]{1,255}");

  private final TagCatalog tags;
  private final ShortLinkStore links;

  TemplateChecks(TagCatalog tags, ShortLinkStore links) {
    this.tags = tags;
    this.links = links;
  }

  public Checked check(TemplateDraft d) {
    List<Violation> v = new ArrayList<>();
    if (d == null) {
      throw new InvalidInputException("invalid-template", "template", "a template is required");
    }
    String name = d.name() == null ? "" : d.name().strip();
    if (name.isEmpty() || name.length() > 128) {
      v.add(new Violation("name", "a name has 1 to 128 characters"));
    }
    String entityType = d.entityType() == null ? "user" : d.entityType().strip();
    if (!ENTITY_TYPE.matcher(entityType).matches()) {
      v.add(new Violation("entityType", "an entity type is 1–32 lower-case letters, digits or _"));
    }
    Channel channel = d.channel();
    if (channel == null || !CHANNELS.contains(channel)) {
      v.add(new Violation("channel", "one of SMS, EMAIL, PUSH"));
      throw invalid(v);
    }
    Map<String, String> texts = new LinkedHashMap<>(); // field -> text with placeholders
    SmsContent sms = null;
    EmailContent email = null;
    PushContent push = null;
    onlyOwnContent(d, channel, v);
    switch (channel) {
      case SMS -> {
        SmsContent s = d.sms();
        if (s == null) {
          v.add(new Violation("sms", "an SMS template needs sms content"));
          break;
        }
        text(v, "sms.text", s.text(), MAX_SMS, true, texts);
        bounded(v, "sms.signature", s.signature(), 32);
        sms =
            new SmsContent(
                s.type() == null ? SmsType.NOTIFICATION : s.type(),
                s.signature() == null ? "" : s.signature().strip(),
                s.text());
      }
      case EMAIL -> {
        EmailContent e = d.email();
        if (e == null) {
          v.add(new Violation("email", "an email template needs email content"));
          break;
        }
        if (e.sender() == null || e.sender().length() > 320 || !EMAIL.matcher(e.sender().strip()).matches()) {
          v.add(new Violation("email.sender", "a sender address such as news@example.com"));
        }
        text(v, "email.subject", e.subject(), MAX_SUBJECT, true, texts);
        text(v, "email.text", e.text(), MAX_EMAIL_BODY, true, texts);
        text(v, "email.html", e.html(), MAX_EMAIL_BODY, false, texts);
        email =
            new EmailContent(
                e.sender() == null ? null : e.sender().strip(),
                e.subject(),
                e.html() == null ? "" : e.html(),
                e.text());
      }
      case PUSH -> {
        PushContent p = d.push();
        if (p == null) {
          v.add(new Violation("push", "a push template needs push content"));
          break;
        }
        text(v, "push.title", p.title(), MAX_PUSH_TITLE, true, texts);
        text(v, "push.body", p.body(), MAX_PUSH_BODY, true, texts);
        String link = p.deepLink() == null ? "" : p.deepLink().strip();
        if (link.length() > MAX_URL) {
          v.add(new Violation("push.deepLink", "at most " + MAX_URL + " characters"));
        } else if (link.contains("${")) {
          v.add(new Violation("push.deepLink", "a deep link is sent as is: no ${placeholders}"));
        } else if (link.toLowerCase(java.util.Locale.ROOT).startsWith("javascript:")) {
          v.add(new Violation("push.deepLink", "an app link or an http(s) URL"));
        }
        push = new PushContent(p.title(), p.body(), link);
      }
      default -> throw new IllegalStateException();
    }
    List<TemplateVariable> variables = variables(d.variables(), entityType, v);
    Set<String> declared = new java.util.HashSet<>();
    variables.forEach(x -> declared.add(x.name()));
    texts.forEach(
        (field, text) -> {
          for (String var : TextTemplate.parse(text).variables()) {
            if (var.startsWith(TextTemplate.LINK_PREFIX)) {
              String code = var.substring(TextTemplate.LINK_PREFIX.length());
              if (!links.exists(code)) {
                v.add(new Violation(field, "short link '" + code + "' does not exist"));
              }
            } else if (!declared.contains(var)) {
              v.add(new Violation(field, "variable ${" + var + "} is not declared in variables"));
            }
          }
        });
    if (!v.isEmpty()) {
      throw invalid(v);
    }
    return new Checked(name, channel, entityType, sms, email, push, variables);
  }

  private static void onlyOwnContent(TemplateDraft d, Channel channel, List<Violation> v) {
    if (channel != Channel.SMS && d.sms() != null) {
      v.add(new Violation("sms", "only an SMS template has sms content"));
    }
    if (channel != Channel.EMAIL && d.email() != null) {
      v.add(new Violation("email", "only an email template has email content"));
    }
    if (channel != Channel.PUSH && d.push() != null) {
      v.add(new Violation("push", "only a push template has push content"));
    }
  }

  private List<TemplateVariable> variables(
      List<TemplateVariable> in, String entityType, List<Violation> v) {
    if (in == null) {
      return List.of();
    }
    if (in.size() > MAX_VARIABLES) {
      v.add(new Violation("variables", "at most " + MAX_VARIABLES + " variables"));
      return List.of();
    }
    List<TemplateVariable> out = new ArrayList<>();
    Map<String, String> byName = new HashMap<>();
    Map<String, String> byTag = new HashMap<>();
    for (int i = 0; i < in.size(); i++) {
      TemplateVariable x = in.get(i);
      String at = "variables[" + i + "]";
      if (x == null || x.name() == null || !VARIABLE.matcher(x.name()).matches()) {
        v.add(new Violation(at + ".name", "a name is 1–64 letters, digits, _ . or -"));
        continue;
      }
      if (byName.put(x.name(), at) != null) {
        v.add(new Violation(at + ".name", "variable " + x.name() + " is declared twice"));
      }
      boolean tag = x.tag() != null && !x.tag().isBlank();
      boolean attr = x.eventAttribute() != null && !x.eventAttribute().isBlank();
      if (tag == attr) {
        v.add(new Violation(at, "bind " + x.name() + " to exactly one of tag and eventAttribute"));
      } else if (tag) {
        String code = x.tag().strip();
        if (code.length() > 64 || tags.find(entityType, code).isEmpty()) {
          v.add(new Violation(at + ".tag", "unknown tag '" + abbreviated(code) + "' of " + entityType));
        } else if (byTag.containsKey(code)) {
          v.add(
              new Violation(
                  at + ".tag", "tag " + code + " is bound twice (also by " + byTag.get(code) + ")"));
        } else {
          byTag.put(code, x.name());
        }
      } else if (!ATTRIBUTE.matcher(x.eventAttribute().strip()).matches()) {
        v.add(new Violation(at + ".eventAttribute", "an attribute name is 1–64 letters, digits or _"));
      }
      EmptyValuePolicy policy = x.onEmpty() == null ? EmptyValuePolicy.SKIP : x.onEmpty();
      String replacement = x.replacement() == null ? "" : x.replacement();
      if (policy == EmptyValuePolicy.REPLACE && replacement.isBlank()) {
        v.add(new Violation(at + ".replacement", "REPLACE needs a replacement text"));
      }
      if (replacement.length() > MAX_REPLACEMENT) {
        v.add(new Violation(at + ".replacement", "at most " + MAX_REPLACEMENT + " characters"));
      }
      out.add(
          new TemplateVariable(
              x.name(),
              tag ? x.tag().strip() : null,
              attr ? x.eventAttribute().strip() : null,
              policy,
              policy == EmptyValuePolicy.REPLACE ? replacement : null));
    }
    return List.copyOf(out);
  }

  private static void text(
      List<Violation> v,
      String field,
      String text,
      int max,
      boolean required,
      Map<String, String> texts) {
    if (text == null || text.isBlank()) {
      if (required) {
        v.add(new Violation(field, "must not be empty"));
      }
      return;
    }
    if (text.length() > max) {
      v.add(new Violation(field, "at most " + max + " characters (got " + text.length() + ")"));
      return;
    }
    texts.put(field, text);
  }

  private static void bounded(List<Violation> v, String field, String text, int max) {
    if (text != null && text.strip().length() > max) {
      v.add(new Violation(field, "at most " + max + " characters"));
    }
  }

  private static String abbreviated(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }

  private static InvalidInputException invalid(List<Violation> v) {
    return new InvalidInputException("invalid-template", "the template is not valid", v);
  }
}
