package io.cairn.web.journey;

import io.cairn.engine.journey.JourneyHistory;
import io.cairn.engine.journey.JourneyIncident;
import io.cairn.engine.journey.RunPage;
import io.cairn.engine.journey.RunStats;
import java.util.List;
import io.cairn.engine.workspace.Owned;
import io.cairn.web.security.CurrentWorkspace;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a journey did: its runs (execution records), per-run statistics and path, and its
 * incidents with a retry operation. Answered from Cairn's tables, also after Camunda's history
 * cleanup.
 */
@RestController
@RequestMapping("/api/journeys/{id}")
class JourneyHistoryController {

  private final JourneyHistory history;

  private final CurrentWorkspace workspace;

  JourneyHistoryController(JourneyHistory history, CurrentWorkspace workspace) {
    this.history = history;
    this.workspace = workspace;
  }

  /** Every route here names a journey: one of another workspace answers 404. */
  @ModelAttribute
  void inWorkspace(@PathVariable long id) {
    workspace.require(Owned.JOURNEY, id);
  }

  /** Runs, newest first, each with the version it runs on. */
  @GetMapping("/runs")
  RunPage runs(
      @PathVariable long id,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size) {
    return history.runs(id, page, size);
  }

  /** Per node, per branch and per action figures and the path of a run (default: the latest). */
  @GetMapping("/stats")
  RunStats stats(@PathVariable long id, @RequestParam(name = "run", required = false) Long run) {
    return history.stats(id, run);
  }

  /** Engine and delivery incidents, newest first, open or not. */
  @GetMapping("/incidents")
  List<JourneyIncident> incidents(@PathVariable long id) {
    return history.incidents(id);
  }

  /** {@code engine-<n>}: the failed step runs again; {@code delivery-<n>}: recipients requeued. */
  @PostMapping("/incidents/{incidentId}/retry")
  JourneyIncident retry(@PathVariable long id, @PathVariable String incidentId) {
    return history.retry(id, incidentId);
  }
}
