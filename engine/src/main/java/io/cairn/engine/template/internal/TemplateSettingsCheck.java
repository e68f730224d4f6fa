package io.cairn.engine.template.internal;

import io.cairn.connectors.channel.Channel;
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
 * is no triggering event to read it from).
 */
@Component
class TemplateSettingsCheck implements SettingsCheck {

  private final TemplateContent content;

  TemplateSettingsCheck(TemplateContent content) {
    this.content = content;
  }

  @Override
  public List<String> problems(Record settings) {
    String ref;
    Channel channel;
    if (settings instanceof SmsSettings s) {
      ref = s.templateId();
      channel = Channel.SMS;
    } else if (settings instanceof EmailSettings e) {
      ref = e.templateId();
      channel = Channel.EMAIL;
    } else if (settings instanceof PushSettings p) {
      ref = p.templateId();
      channel = Channel.PUSH;
    } else {
      return List.of();
    }
    if (ref == null) {
      return List.of();
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

  private static String abbreviated(String s) {
    return s.length() <= 20 ? s : s.substring(0, 20) + "…";
  }
}
