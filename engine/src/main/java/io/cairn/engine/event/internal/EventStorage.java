package io.cairn.engine.event.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.engine.event.EventSource;
import io.cairn.engine.event.IngestReport;
import io.cairn.engine.event.IngestReport.ItemResult;
import io.cairn.engine.event.IngestReport.Status;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Validates a batch item by item, then stores the valid ones (in a group commit). */
@Component
public class EventStorage {

  private final EventItems items;
  private final GroupCommit groupCommit;
  private final Clock clock;

  EventStorage(
      EventCatalogStore catalog,
      GroupCommit groupCommit,
      Clock clock,
      @Value("${cairn.events.time-zone:UTC}") String zone) {
    this.items = new EventItems(catalog, ZoneId.of(zone));
    this.groupCommit = groupCommit;
    this.clock = clock;
  }

  public IngestReport store(EventSource source, JsonNode batch) {
    long now = clock.millis();
    ItemResult[] results = new ItemResult[batch.size()];
    List<ValidEvent> valid = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      try {
        valid.add(items.validate(i, batch.get(i), source, now));
      } catch (EventItems.Rejected r) {
        results[i] = new ItemResult(i, Status.REJECTED, clientId(batch.get(i)), r.field, r.getMessage());
      }
    }
    Set<Integer> stored = valid.isEmpty() ? Set.of() : groupCommit.write(source.code(), valid, now);
    int accepted = 0;
    int duplicates = 0;
    for (ValidEvent e : valid) {
      boolean fresh = stored.contains(e.index());
      results[e.index()] = ItemResult.ok(e.index(), fresh ? Status.ACCEPTED : Status.DUPLICATE, e.clientId());
      if (fresh) {
        accepted++;
      } else {
        duplicates++;
      }
    }
    return new IngestReport(accepted, duplicates, batch.size() - accepted - duplicates, List.of(results));
  }

  private static String clientId(JsonNode item) {
    JsonNode id = item == null ? null : item.get("id");
    return id != null && id.isValueNode() && !id.isNull() ? id.asText() : null;
  }
}
