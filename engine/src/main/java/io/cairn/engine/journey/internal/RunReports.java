package io.cairn.engine.journey.internal;

import io.cairn.engine.delivery.DeliveryLedger;
import io.cairn.engine.journey.BranchStats;
import io.cairn.engine.journey.JourneyRun;
import io.cairn.engine.journey.NodeStats;
import io.cairn.engine.journey.RunEntry;
import io.cairn.engine.journey.RunPage;
import io.cairn.engine.journey.RunPath;
import io.cairn.engine.journey.RunStats;
import io.cairn.engine.problem.NotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Runs and per-run statistics, read only from Cairn's tables (runs, node and branch counts, the
 * ledger, stored versions): nothing here asks Camunda, so it all answers after Camunda's history
 * cleanup.
 */
@Component
public class RunReports {

  private static final String RUN_COLUMNS = JourneyStore.RUN_COLUMNS + ", definition_id";

  private final JdbcTemplate jdbc;
  private final JourneyStore store;
  private final VersionStore versions;
  private final DeliveryLedger ledger;

  RunReports(JdbcTemplate jdbc, JourneyStore store, VersionStore versions, DeliveryLedger ledger) {
    this.jdbc = jdbc;
    this.store = store;
    this.versions = versions;
    this.ledger = ledger;
  }

  /** Runs of a journey, newest first. */
  public RunPage runs(long journeyId, int page, int size) {
    List<VersionStore.StoredVersion> all = versions.versions(journeyId);
    long total =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM cairn_journey_run WHERE journey_id = ?", Long.class, journeyId);
    List<RunEntry> items =
        jdbc.query(
            "SELECT " + RUN_COLUMNS + " FROM cairn_journey_run WHERE journey_id = ?"
                + " ORDER BY id DESC LIMIT ? OFFSET ?",
            (rs, i) -> new RunEntry(run(rs), versionOf(all, rs.getString("definition_id")).version()),
            journeyId,
            size,
            (long) page * size);
    return new RunPage(items, total, page, size);
  }

  /**
   * Statistics of a run, or of the latest one when {@code runId} is null.
   *
   * @throws NotFoundException when the journey has no such run
   */
  public RunStats stats(long journeyId, Long runId) {
    List<VersionStore.StoredVersion> all = versions.versions(journeyId);
    Optional<RunRow> found =
        jdbc.query(
                "SELECT " + RUN_COLUMNS + " FROM cairn_journey_run WHERE journey_id = ?"
                    // the latest run is the latest that ran: a SKIPPED period has no figures
                    + (runId == null
                        ? " AND status <> 'SKIPPED' ORDER BY id DESC LIMIT 1"
                        : " AND id = ?"),
                (rs, i) -> new RunRow(run(rs), rs.getString("definition_id")),
                runId == null ? new Object[] {journeyId} : new Object[] {journeyId, runId})
            .stream()
            .findFirst();
    if (found.isEmpty() && runId != null) {
      throw new NotFoundException("run", runId);
    }
    VersionStore.StoredVersion version =
        versionOf(all, found.map(RunRow::definitionId).orElse(null));
    JourneyModel model = JourneyModel.parse(version.bpmn());
    if (found.isEmpty()) {
      return new RunStats(
          journeyId,
          null,
          version.version(),
          nodes(model, Map.of(), all),
          branches(model, Map.of(), all),
          List.of(),
          new RunPath(List.of(), List.of()));
    }
    JourneyRun run = found.get().run();
    Map<String, long[]> nodeCounts = store.nodeCounts(run.id());
    Map<String, Long> flowCounts = flowCounts(run.id());
    return new RunStats(
        journeyId,
        run,
        version.version(),
        nodes(model, nodeCounts, all),
        branches(model, flowCounts, all),
        ledger.stats(run.id()),
        path(model, nodeCounts, flowCounts, all));
  }

  /** Element id → name of every node the journey has or had, the current version's names first. */
  public Map<String, String> nodeNames(long journeyId) {
    Map<String, String> names = new LinkedHashMap<>();
    List<VersionStore.StoredVersion> all = versions.versions(journeyId);
    for (int i = all.size() - 1; i >= 0; i--) {
      JourneyModel.parse(all.get(i).bpmn()).nodes().values().forEach(n -> names.putIfAbsent(n.id(), n.name()));
    }
    return names;
  }

  /** Users per flow of a run, in the order the flows were first taken. */
  private Map<String, Long> flowCounts(long runId) {
    Map<String, Long> out = new LinkedHashMap<>();
    jdbc.query(
        "SELECT flow_id, taken FROM cairn_flow_stat WHERE run_id = ? ORDER BY first_at, flow_id",
        rs -> {
          out.put(rs.getString(1), rs.getLong(2));
        },
        runId);
    return out;
  }

  private static List<NodeStats> nodes(
      JourneyModel model, Map<String, long[]> counts, List<VersionStore.StoredVersion> all) {
    List<NodeStats> out = new ArrayList<>();
    model
        .nodes()
        .values()
        .forEach(
            n -> {
              long[] c = counts.getOrDefault(n.id(), new long[2]);
              out.add(new NodeStats(n.id(), n.name(), c[0], c[1]));
            });
    counts.forEach(
        (id, c) -> {
          if (!model.nodes().containsKey(id)) { // counted on a version the run migrated from
            out.add(new NodeStats(id, olderNode(all, id).map(JourneyModel.Step::name).orElse(id), c[0], c[1]));
          }
        });
    return out;
  }

  private static List<BranchStats> branches(
      JourneyModel model, Map<String, Long> counts, List<VersionStore.StoredVersion> all) {
    List<BranchStats> out = new ArrayList<>();
    for (JourneyModel.Flow f : model.flows().values()) {
      out.add(new BranchStats(f.id(), f.name(), f.sourceId(), f.targetId(), counts.getOrDefault(f.id(), 0L)));
    }
    counts.forEach(
        (id, users) -> {
          if (!model.flows().containsKey(id)) {
            JourneyModel.Flow f =
                olderFlow(all, id).orElse(new JourneyModel.Flow(id, id, null, null));
            out.add(new BranchStats(id, f.name(), f.sourceId(), f.targetId(), users));
          }
        });
    return out;
  }

  /** Nodes in the order first reached: the entry, then the ends of flows as they were taken. */
  private static RunPath path(
      JourneyModel model,
      Map<String, long[]> nodeCounts,
      Map<String, Long> flowCounts,
      List<VersionStore.StoredVersion> all) {
    Set<String> elements = new LinkedHashSet<>();
    Set<String> targets = new LinkedHashSet<>();
    for (String flowId : flowCounts.keySet()) {
      JourneyModel.Flow f = model.flows().get(flowId);
      if (f == null) {
        f = olderFlow(all, flowId).orElse(null);
      }
      if (f != null) {
        targets.add(f.targetId());
      }
    }
    for (String id : nodeCounts.keySet()) {
      if (!targets.contains(id)) {
        elements.add(id); // reached without a counted flow: the entry
      }
    }
    for (String flowId : flowCounts.keySet()) {
      JourneyModel.Flow f = model.flows().get(flowId);
      if (f == null) {
        f = olderFlow(all, flowId).orElse(null);
      }
      if (f != null) {
        elements.add(f.sourceId());
        elements.add(f.targetId());
      }
    }
    elements.addAll(nodeCounts.keySet());
    return new RunPath(List.copyOf(elements), List.copyOf(flowCounts.keySet()));
  }

  private static Optional<JourneyModel.Step> olderNode(
      List<VersionStore.StoredVersion> all, String id) {
    for (int i = all.size() - 1; i >= 0; i--) {
      JourneyModel.Step s = JourneyModel.parse(all.get(i).bpmn()).nodes().get(id);
      if (s != null) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  private static Optional<JourneyModel.Flow> olderFlow(
      List<VersionStore.StoredVersion> all, String id) {
    for (int i = all.size() - 1; i >= 0; i--) {
      JourneyModel.Flow f = JourneyModel.parse(all.get(i).bpmn()).flows().get(id);
      if (f != null) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** The version of a definition id; the current one when unknown (runs older than versions). */
  private static VersionStore.StoredVersion versionOf(
      List<VersionStore.StoredVersion> all, String definitionId) {
    return all.stream()
        .filter(v -> v.definitionId().equals(definitionId))
        .findFirst()
        .orElse(all.get(all.size() - 1));
  }

  private record RunRow(JourneyRun run, String definitionId) {}

  private static JourneyRun run(ResultSet rs) throws SQLException {
    return JourneyStore.run(rs, 0);
  }
}
