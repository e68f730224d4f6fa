package io.cairn.engine.template;

import io.cairn.connectors.channel.Channel;
import java.time.Instant;
import java.util.List;

/**
 * A stored message template. Exactly the content of its channel is set.
 *
 * @param version grows by one with every change
 */
public record Template(
    long id,
    String name,
    Channel channel,
    String entityType,
    SmsContent sms,
    EmailContent email,
    PushContent push,
    List<TemplateVariable> variables,
    int version,
    Instant createdAt,
    Instant updatedAt) {

  /** One page of templates, {@code page} from 0. */
  public record Page(List<Template> items, long total, int page, int size) {}
}
