package io.cairn.engine.template.internal;

import io.cairn.engine.event.IngestReport;
import io.cairn.engine.profile.ProfileReader;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Verifies a click, counts it, and stores it as a {@code link_click} event. */
@Component
public class ShortLinkClicks {

  private static final Logger log = LoggerFactory.getLogger(ShortLinkClicks.class);

  private final ShortLinkStore store;
  private final LinkTokens tokens;
  private final ClickEvents events;
  private final ProfileReader profiles;
  private final Clock clock;

  ShortLinkClicks(
      ShortLinkStore store,
      LinkTokens tokens,
      ClickEvents events,
      ProfileReader profiles,
      Clock clock) {
    this.store = store;
    this.tokens = tokens;
    this.events = events;
    this.profiles = profiles;
    this.clock = clock;
  }

  /** The target of a valid click of an enabled link, after recording it; else empty. */
  public Optional<String> click(String code, String token) {
    Optional<ShortLinkStore.Target> link = store.target(code);
    if (link.isEmpty() || !link.get().enabled()) {
      return Optional.empty();
    }
    Optional<LinkTokens.Recipient> who = tokens.verify(code, token);
    if (who.isEmpty()) {
      return Optional.empty();
    }
    long actionId = who.get().actionId();
    int entityId = who.get().entityId();
    Optional<String> entityType = store.actionEntityType(actionId);
    if (entityType.isEmpty()) {
      return Optional.empty(); // signed, but its action was erased
    }
    store.insertClick(link.get().id(), actionId, entityType.get(), entityId, clock.instant());
    if (ClickEvents.EVENT_ENTITY_TYPE.equals(entityType.get())) {
      String external =
          profiles.externalIds(entityType.get(), new int[] {entityId}).get(entityId);
      if (external != null) {
        IngestReport report = events.record(external, code, actionId);
        if (report.accepted() != 1) {
          // ids only: the report's item message names fields, never values
          log.warn("click on link {} of action {} was not stored as an event", code, actionId);
        }
      }
    }
    return Optional.of(link.get().url());
  }
}
