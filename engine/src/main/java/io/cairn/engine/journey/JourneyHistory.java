package io.cairn.engine.journey;

import io.cairn.engine.delivery.DeliveryIncident;
import io.cairn.engine.delivery.DeliveryIncidents;
import io.cairn.engine.journey.internal.EngineIncidents;
import io.cairn.engine.journey.internal.IncidentStore;
import io.cairn.engine.journey.internal.JourneyStore;
import io.cairn.engine.journey.internal.RunReports;
import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.problem.NotFoundException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a journey did: its runs, per-run statistics and path, and its incidents with a retry
 * operation. Answered from Cairn's own tables, so it stays available after Camunda's history
 * cleanup. Thread-safe.
 *
 * <p>Errors: {@link NotFoundException} for an unknown journey, run or incident; {@link
 * InvalidInputException} for bad paging or a malformed incident id; {@link
 * io.cairn.engine.problem.ConflictException} when retrying an incident that is no longer open.
 */
@Service
public class JourneyHistory {

  private static final int MAX_PAGE = 200;

  private final JourneyStore store;
  private final RunReports reports;
  private final IncidentStore incidents;
  private final EngineIncidents engine;
  private final DeliveryIncidents deliveries;
  private final TransactionTemplate tx;

  JourneyHistory(
      JourneyStore store,
      RunReports reports,
      IncidentStore incidents,
      EngineIncidents engine,
      DeliveryIncidents deliveries,
      TransactionTemplate tx) {
    this.store = store;
    this.reports = reports;
    this.incidents = incidents;
    this.engine = engine;
    this.deliveries = deliveries;
    this.tx = tx;
  }

  /** A page of the journey's runs, newest first. */
  public RunPage runs(long journeyId, int page, int size) {
    if (page < 0 || size < 1 || size > MAX_PAGE) {
      throw new InvalidInputException(
          "invalid-paging", "size", "page ≥ 0 and 1 ≤ size ≤ " + MAX_PAGE + " are required");
    }
    return tx.execute(
        s -> {
          requireJourney(journeyId);
          return reports.runs(journeyId, page, size);
        });
  }

  /** Statistics of one run ({@code runId}), or of the latest run when it is null. */
  public RunStats stats(long journeyId, Long runId) {
    return tx.execute(
        s -> {
          requireJourney(journeyId);
          return reports.stats(journeyId, runId);
        });
  }

  /** Engine and delivery incidents of the journey, open or not, newest first. */
  public List<JourneyIncident> incidents(long journeyId) {
    requireJourney(journeyId);
    List<JourneyIncident> out = new ArrayList<>();
    for (IncidentStore.StoredIncident i : incidents.ofJourney(journeyId)) {
      out.add(engineIncident(i));
    }
    Map<String, String> names = reports.nodeNames(journeyId);
    for (DeliveryIncident d : deliveries.list(false, journeyId)) {
      out.add(deliveryIncident(d, names, incidents.runOfAction(d.actionId())));
    }
    out.sort(Comparator.comparing(JourneyIncident::createdAt).reversed());
    return out;
  }

  /**
   * Retries an incident: an engine incident's failed step runs again (the run returns to RUNNING
   * when it succeeds); a delivery incident's recipients are queued again.
   */
  public JourneyIncident retry(long journeyId, String incidentId) {
    requireJourney(journeyId);
    String[] parts = incidentId == null ? new String[0] : incidentId.split("-", 2);
    long number;
    try {
      number = Long.parseLong(parts.length == 2 ? parts[1] : "");
    } catch (NumberFormatException e) {
      throw new InvalidInputException(
          "invalid-incident", "incidentId", "an incident id is engine-<n> or delivery-<n>");
    }
    switch (parts[0]) {
      case "engine" -> {
        return engineIncident(tx.execute(s -> engine.retry(journeyId, number)));
      }
      case "delivery" -> {
        DeliveryIncident found =
            deliveries.list(false, journeyId).stream()
                .filter(d -> d.id() == number)
                .findFirst()
                .orElseThrow(() -> new NotFoundException("incident", incidentId));
        deliveries.replay(found.id());
        return incidents(journeyId).stream()
            .filter(i -> i.id().equals(incidentId))
            .findFirst()
            .orElseThrow();
      }
      default ->
          throw new InvalidInputException(
              "invalid-incident", "incidentId", "an incident id is engine-<n> or delivery-<n>");
    }
  }

  private void requireJourney(long journeyId) {
    store.find(journeyId).orElseThrow(() -> new NotFoundException("journey", journeyId));
  }

  private static JourneyIncident engineIncident(IncidentStore.StoredIncident i) {
    return new JourneyIncident(
        "engine-" + i.id(),
        "ENGINE",
        i.runId(),
        i.elementId(),
        i.elementName(),
        i.cause(),
        i.createdAt(),
        i.resolvedAt() == null,
        i.resolvedAt(),
        i.resolution(),
        i.outcome(),
        null,
        null);
  }

  private static JourneyIncident deliveryIncident(
      DeliveryIncident d, Map<String, String> names, Long runId) {
    return new JourneyIncident(
        "delivery-" + d.id(),
        "DELIVERY",
        runId,
        d.elementId(),
        names.getOrDefault(d.elementId(), d.elementId()),
        d.reason(),
        d.createdAt(),
        d.replayedAt() == null,
        d.replayedAt(),
        d.replayedAt() == null ? null : "REPLAYED",
        null,
        d.recipients(),
        d.channel());
  }
}
