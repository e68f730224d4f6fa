package io.cairn.engine.template;

import io.cairn.connectors.channel.Channel;
import java.util.List;

/**
 * What a client sends to create or replace a template: the content of its channel only.
 *
 * @param entityType whose tags the variables bind to; {@code null} means {@code user}
 */
public record TemplateDraft(
    String name,
    Channel channel,
    String entityType,
    SmsContent sms,
    EmailContent email,
    PushContent push,
    List<TemplateVariable> variables) {}
