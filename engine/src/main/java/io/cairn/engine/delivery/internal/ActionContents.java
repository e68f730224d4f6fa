package io.cairn.engine.delivery.internal;

import io.cairn.connectors.channel.Channel;
import io.cairn.engine.delivery.ActionContent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import org.springframework.stereotype.Component;

/** Every {@link ActionContent} bean, asked in turn. */
@Component
public class ActionContents {

  private final List<ActionContent> contents;

  ActionContents(List<ActionContent> contents) {
    this.contents = List.copyOf(contents);
  }

  /** Settings resolved by every content feature, and the callback for the recorded action's id. */
  public record Resolution(Map<String, String> settings, LongConsumer recorded) {}

  public Resolution resolve(Channel channel, Map<String, String> settings) {
    Map<String, String> current = settings;
    List<ActionContent.Resolved> done = new ArrayList<>();
    for (ActionContent c : contents) {
      var r = c.resolve(channel, current);
      if (r.isPresent()) {
        current = r.get().settings();
        done.add(r.get());
      }
    }
    return new Resolution(current, id -> done.forEach(d -> d.recorded(id)));
  }

  Map<String, String> recipientValues(
      long actionId, int entityId, Set<String> variables, Map<String, String> own) {
    Map<String, String> out = null;
    for (ActionContent c : contents) {
      Map<String, String> v = c.recipientValues(actionId, entityId, variables, own);
      if (!v.isEmpty()) {
        if (out == null) {
          out = new HashMap<>();
        }
        out.putAll(v);
      }
    }
    return out == null ? Map.of() : out;
  }
}
