package io.cairn.engine.journey.internal;

import io.cairn.engine.event.EventTypes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The RUNNING event journeys and the events each enters on or waits for, read from their saved
 * BPMN once per run and refreshed every {@code cairn.journeys.event-refresh} (and at once when
 * this node activates one), so that ingestion can tell in memory which events to put in the entry
 * outbox. Thread-safe.
 */
@Component
class EventJourneys {

  private static final Logger log = LoggerFactory.getLogger(EventJourneys.class);

  /** A behaviour branch of an active journey: what it waits for, under which message name. */
  record Watch(String elementId, BehaviourSpec spec, String messageName) {}

  /** A RUNNING event journey's current run and what it reacts to. */
  record Active(
      long journeyId,
      long runId,
      String processKey,
      String definitionId,
      EntrySpec entry,
      List<Watch> watches) {

    String entryMessage() {
      return EventEntryCompiler.messageName(processKey);
    }

    Optional<Watch> watch(String elementId) {
      return watches.stream().filter(w -> w.elementId().equals(elementId)).findFirst();
    }
  }

  private final JdbcTemplate jdbc;
  private final EventTypes types;
  private final Map<Long, Active> parsedByRun = new ConcurrentHashMap<>();
  private volatile Map<Long, Active> byJourney = Map.of();
  private volatile Map<String, List<Active>> byEvent = Map.of();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "cairn-event-journeys");
            t.setDaemon(true);
            return t;
          });

  EventJourneys(
      JdbcTemplate jdbc,
      EventTypes types,
      @Value("${cairn.journeys.event-refresh:1s}") Duration refresh) {
    this.jdbc = jdbc;
    this.types = types;
    timer.scheduleWithFixedDelay(
        this::refreshQuietly, refresh.toMillis(), refresh.toMillis(), TimeUnit.MILLISECONDS);
  }

  @jakarta.annotation.PreDestroy
  void stop() {
    timer.shutdownNow();
  }

  /** The active journeys that enter on, or wait for, events of this source and code. */
  List<Active> interestedIn(String sourceCode, String eventCode) {
    return byEvent.getOrDefault(key(sourceCode, eventCode), List.of());
  }

  /** The journey, if it is a RUNNING event journey (as of the last refresh). */
  Optional<Active> get(long journeyId) {
    return Optional.ofNullable(byJourney.get(journeyId));
  }

  /** Every active journey. */
  List<Active> all() {
    return List.copyOf(byJourney.values());
  }

  private void refreshQuietly() {
    try {
      refresh();
    } catch (RuntimeException e) {
      log.warn("reading the running event journeys failed; retrying", e);
    }
  }

  /** Re-reads which event journeys run. */
  synchronized void refresh() {
    Map<Long, Active> journeys = new HashMap<>();
    jdbc.query(
        "SELECT j.id, MAX(r.id) FROM cairn_journey j JOIN cairn_journey_run r ON r.journey_id = j.id"
            + " WHERE j.mode = 'EVENT' AND j.status = 'RUNNING' AND r.status = 'RUNNING'"
            + " GROUP BY j.id",
        rs -> {
          long journeyId = rs.getLong(1);
          long runId = rs.getLong(2);
          Active a = parsedByRun.computeIfAbsent(runId, r -> load(journeyId, r));
          if (a != null) {
            journeys.put(journeyId, a);
          }
        });
    Map<String, List<Active>> events = new HashMap<>();
    for (Active a : journeys.values()) {
      EventFilter f = a.entry().filter();
      events.computeIfAbsent(key(f.sourceCode(), f.eventCode()), k -> new ArrayList<>()).add(a);
      for (Watch w : a.watches()) {
        List<Active> list =
            events.computeIfAbsent(
                key(w.spec().filter().sourceCode(), w.spec().filter().eventCode()),
                k -> new ArrayList<>());
        if (!list.contains(a)) {
          list.add(a);
        }
      }
    }
    parsedByRun.keySet().retainAll(journeys.values().stream().map(Active::runId).toList());
    byJourney = Map.copyOf(journeys);
    byEvent = Map.copyOf(events);
  }

  private Active load(long journeyId, long runId) {
    Map<String, Object> row =
        jdbc.queryForMap(
            "SELECT process_key, definition_id, bpmn FROM cairn_journey WHERE id = ?", journeyId);
    String processKey = (String) row.get("process_key");
    byte[] bpmn = ((String) row.get("bpmn")).getBytes(StandardCharsets.UTF_8);
    Document doc = JourneyValidator.parse(bpmn);
    EntrySpec entry = null;
    List<Watch> watches = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    NodeList all = doc.getElementsByTagNameNS("*", "*");
    for (int i = 0; i < all.getLength(); i++) {
      Node n = all.item(i);
      if (!(n instanceof Element el)) {
        continue;
      }
      String template = el.getAttributeNS(io.cairn.engine.journey.internal.Component.CAMUNDA_NS, "modelerTemplate");
      Map<String, String> props = JourneyValidator.properties(el);
      if (io.cairn.engine.journey.internal.Component.EVENT_ENTRY.templateId.equals(template)) {
        entry = EntrySpec.parse(props, types::find, s -> true, problems);
      } else if (io.cairn.engine.journey.internal.Component.BEHAVIOUR_BRANCH.templateId.equals(template)) {
        String id = el.getAttribute("id");
        BehaviourSpec spec = BehaviourSpec.parse(props, types::find, s -> true, problems);
        if (spec != null) {
          watches.add(new Watch(id, spec, EventBehaviourGateway.messageName(processKey, id)));
        }
      }
    }
    if (entry == null || !problems.isEmpty()) {
      log.error("event journey {} cannot take entries: {}", journeyId, problems);
      return null;
    }
    return new Active(
        journeyId, runId, processKey, (String) row.get("definition_id"), entry, List.copyOf(watches));
  }

  private static String key(String source, String code) {
    return source + '\u0000' + code;
  }
}
