package io.cairn.engine.template.internal;

import io.cairn.connectors.channel.Channel;
import io.cairn.connectors.content.TextTemplate;
import io.cairn.engine.delivery.ActionContent;
import io.cairn.engine.template.Template;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Templates and short links in the delivery ledger: copies a node's template into the action's
 * settings when the action is recorded, and adds per-recipient values when it is dispatched (the
 * replacement texts of the template's REPLACE variables, and one tracked URL per {@code
 * ${link:<code>}}).
 */
@Component
class TemplateContent implements ActionContent {

  /** Snapshots never change, so they are cached by action id; the bound keeps memory flat. */
  private static final int CACHED_ACTIONS = 10_000;

  private final TemplateStore store;
  private final LinkTokens tokens;
  private final Map<Long, Map<String, String>> replacements = new ConcurrentHashMap<>();

  TemplateContent(TemplateStore store, LinkTokens tokens) {
    this.store = store;
    this.tokens = tokens;
  }

  @Override
  public Optional<Resolved> resolve(Channel channel, Map<String, String> settings) {
    String ref = settings.get("templateId");
    if (ref == null || ref.isBlank()) {
      return Optional.empty();
    }
    Template t = find(ref.strip()).orElseThrow(
        () -> new IllegalArgumentException("template " + ref.strip() + " does not exist"));
    if (t.channel() != channel) {
      throw new IllegalArgumentException(
          "template " + t.id() + " is a " + t.channel() + " template, not " + channel);
    }
    Map<String, String> snapshot = TemplateRendering.settings(t, settings);
    Map<String, String> replace = TemplateRendering.replacements(t);
    return Optional.of(
        new Resolved() {
          @Override
          public Map<String, String> settings() {
            return snapshot;
          }

          @Override
          public void recorded(long actionId) {
            store.recordUse(actionId, t.id(), t.version(), replace);
          }
        });
  }

  Optional<Template> find(String ref) {
    if (!ref.matches("[0-9]{1,18}")) {
      return Optional.empty();
    }
    return store.find(Long.parseLong(ref));
  }

  @Override
  public Map<String, String> recipientValues(
      long actionId, int entityId, Set<String> variables, Map<String, String> own) {
    Map<String, String> out = null;
    for (String v : variables) {
      if (v.startsWith(TextTemplate.LINK_PREFIX)) {
        if (out == null) {
          out = new HashMap<>();
        }
        out.put(v, tokens.url(v.substring(TextTemplate.LINK_PREFIX.length()), actionId, entityId));
      }
    }
    Map<String, String> replace = replacementsOf(actionId);
    for (Map.Entry<String, String> r : replace.entrySet()) {
      String value = own.get(r.getKey());
      if (value == null || value.isBlank()) {
        if (out == null) {
          out = new HashMap<>();
        }
        out.put(r.getKey(), r.getValue());
      }
    }
    return out == null ? Map.of() : out;
  }

  private Map<String, String> replacementsOf(long actionId) {
    Map<String, String> cached = replacements.get(actionId);
    if (cached != null) {
      return cached;
    }
    Map<String, String> loaded = store.replacements(actionId);
    if (replacements.size() >= CACHED_ACTIONS) {
      replacements.clear();
    }
    replacements.put(actionId, loaded);
    return loaded;
  }
}
