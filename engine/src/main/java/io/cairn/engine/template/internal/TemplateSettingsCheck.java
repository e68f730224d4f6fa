package io.cairn.engine.template.internal;

import io.cairn.connectors.channel.Channel;
import io.cairn.connectors.content.TextTemplate;
import io.cairn.connectors.email.EmailSettings;
import io.cairn.connectors.push.PushSettings;
import io.cairn.connectors.sms.SmsSettings;
import io.cairn.engine.delivery.SettingsCheck;
import io.cairn.engine.template.Template;
import io.cairn.engine.template.TemplateVariable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A send node that names a template is deployable when the template exists, is of the node's
 * channel, and binds no variable to an event attribute (journeys today are cohort journeys: there
 * is no triggering event to read it from). A node with inline content is deployable when every
 * {@code ${link:<code>}} in it names an existing short link.
 */
@Component
class TemplateSettingsCheck implements SettingsCheck {

  private final TemplateContent content;
  private final ShortLinkStore links;

  TemplateSettingsCheck(TemplateContent content, ShortLinkStore links) {
    this.content = content;
    this.links = links;
  }

  @Override
  public List<String> problems(Record settings) {
    String ref;
    Channel channel;
    List<String> texts;
    if (settings instanceof SmsSettings s) {
      ref = s.templateId();
      channel = Channel.SMS;
      texts = List.of(nonNull(s.template()));
    } else if (settings instanceof EmailSettings e) {
      ref = e.templateId();
      channel = Channel.EMAIL;
      texts = List.of(nonNull(e.subject()), nonNull(e.body()));
    } else if (settings instanceof PushSettings p) {
      ref = p.templateId();
      channel = Channel.PUSH;
      texts = List.of(p.title(), p.body());
    } else {
      return List.of();
    }
    if (ref == null) {
      return linkProblems(texts);
    }
    Optional<Template> found = content.find(ref);
    if (found.isEmpty()) {
      return List.of("template " + abbreviated(ref) + " does not exist");
    }
    Template t = found.get();
    List<String> problems = new ArrayList<>();
    if (t.channel() != channel) {
      problems.add("template " + t.id() + " is a " + t.channel() + " template, not " + channel);
    }
    for (TemplateVariable v : t.variables()) {
      if (v.eventAttribute() != null) {
        problems.add(
            "template "
                + t.id()
                + " binds ${"
                + v.name()
                + "} to an event attribute, which only event journeys have");
      }
    }
    return problems;
  }

  private List<String> linkProblems(List<String> texts) {
    List<String> problems = new ArrayList<>();
    for (String text : texts) {
      for (String v : TextTemplate.parse(text).variables()) {
        if (v.startsWith(TextTemplate.LINK_PREFIX)) {
          String code = v.substring(TextTemplate.LINK_PREFIX.length());
          if (!links.exists(code)) {
            problems.add("short link " + abbreviated(code) + " does not exist");
          }
        }
      }
    }
    return problems;
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }

  private static String abbreviated(String s) {
    return s.length() <= 20 ? s : s.substring(0, 20) + "…";
  }
}
