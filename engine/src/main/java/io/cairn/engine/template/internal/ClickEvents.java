package io.cairn.engine.template.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.engine.event.AttributeType;
import io.cairn.engine.event.EventAttribute;
import io.cairn.engine.event.EventIngestion;
import io.cairn.engine.event.EventSource;
import io.cairn.engine.event.EventSources;
import io.cairn.engine.event.EventType;
import io.cairn.engine.event.EventTypes;
import io.cairn.engine.event.IngestReport;
import io.cairn.engine.event.NewEventSource;
import io.cairn.engine.event.NewEventType;
import io.cairn.engine.problem.ConflictException;
import io.cairn.engine.problem.NotFoundException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Clicks as events: each verified click goes through Cairn's own event ingestion as a {@value
 * #TYPE} event of the built-in source {@value #SOURCE}, with attributes {@code link} (the code) and
 * {@code action_id}, so that behaviour rules and journeys use clicks like any other event. The
 * source and type are created on startup when absent (idempotent; an attribute missing from an
 * existing type is added). Events belong to {@code user} entities, so clicks of other entity
 * types are counted but not stored as events.
 */
@Component
public class ClickEvents {

  public static final String SOURCE = "cairn";
  public static final String TYPE = "link_click";
  public static final String EVENT_ENTITY_TYPE = "user";

  private static final List<EventAttribute> ATTRIBUTES =
      List.of(
          new EventAttribute("link", "Short link code", AttributeType.TEXT),
          new EventAttribute("action_id", "Action execution", AttributeType.NUMBER));

  private final EventSources sources;
  private final EventTypes types;
  private final EventIngestion ingestion;
  private final Clock clock;

  ClickEvents(EventSources sources, EventTypes types, EventIngestion ingestion, Clock clock) {
    this.sources = sources;
    this.types = types;
    this.ingestion = ingestion;
    this.clock = clock;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void ensureOnStartup() {
    ensure();
  }

  /** Creates the source and the event type when absent; safe to call concurrently and again. */
  public EventSource ensure() {
    try {
      sources.create(new NewEventSource(SOURCE, "Cairn", "cairn", null));
    } catch (ConflictException exists) {
      // created before, by this node or another
    } catch (org.springframework.dao.DuplicateKeyException raced) {
      // another node created it at the same moment
    }
    Optional<EventType> type = types.find(TYPE);
    if (type.isEmpty()) {
      try {
        types.create(new NewEventType(TYPE, "Short link click", "A recipient followed a short link", ATTRIBUTES));
      } catch (ConflictException | org.springframework.dao.DuplicateKeyException raced) {
        // another node created it
      }
    } else {
      List<EventAttribute> attributes = new ArrayList<>(type.get().attributes());
      boolean missing = false;
      for (EventAttribute a : ATTRIBUTES) {
        if (attributes.stream().noneMatch(x -> x.name().equals(a.name()))) {
          attributes.add(a);
          missing = true;
        }
      }
      if (missing) {
        types.update(
            TYPE, new NewEventType(TYPE, type.get().name(), type.get().description(), attributes));
      }
    }
    return sources.get(SOURCE);
  }

  /** Ingests one click event of a user; the report says whether it was accepted. */
  IngestReport record(String externalId, String code, long actionId) {
    EventSource source;
    try {
      source = sources.get(SOURCE);
    } catch (NotFoundException deleted) {
      source = ensure();
    }
    if (types.find(TYPE).isEmpty()) {
      ensure();
    }
    ObjectNode item = JsonNodeFactory.instance.objectNode();
    item.put("customerId", externalId);
    item.put("eventCode", TYPE);
    item.put("eventTime", clock.millis());
    ObjectNode attributes = item.putObject("attributes");
    attributes.put("link", code);
    attributes.put("action_id", actionId);
    ArrayNode batch = JsonNodeFactory.instance.arrayNode();
    batch.add(item);
    return ingestion.ingest(source, batch);
  }
}
