package io.cairn.engine.journey.internal;

import io.cairn.engine.journey.MigrationMove;
import io.cairn.engine.journey.MigrationPolicy;
import io.cairn.engine.journey.MigrationReport;
import io.cairn.engine.problem.ConflictException;
import io.cairn.engine.problem.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.migration.MigrationInstructionValidationReport;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanBuilder;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.TransitionInstance;
import org.springframework.stereotype.Component;

/**
 * Works out where the users in flight of a journey go when its current version is applied, and
 * moves them with Camunda's migration API. Preview and apply run the same computation, so the
 * numbers a marketer is shown are the numbers that move.
 *
 * <p>A process instance moves as a whole or not at all: it moves when every node it has a token
 * at exists unchanged in the new version (same component and configuration, see {@link
 * JourneyModel}) and the engine can map that node; otherwise all its tokens stay on their version.
 * Users are counted per token: the size of the cohort it carries (cohort mode), or one (event
 * mode, one user per instance).
 */
@Component
public class MigrationPlanner {

  private static final String SAME_INSTANCE = "its process instance also waits at a changed node";

  private final RuntimeService runtime;
  private final VersionStore versions;
  private final CohortStore cohorts;
  private final Clock clock;

  MigrationPlanner(
      RuntimeService runtime, VersionStore versions, CohortStore cohorts, Clock clock) {
    this.runtime = runtime;
    this.versions = versions;
    this.cohorts = cohorts;
    this.clock = clock;
  }

  /** What applying {@code version} would do now; changes nothing. */
  public MigrationReport preview(long journeyId, int version) {
    return plan(journeyId, version).report(null, null);
  }

  /**
   * Moves the users that can move, in the caller's transaction (the journey row locked), and
   * records what moved.
   *
   * @throws ConflictException when the version was published with STAY, is not the current one,
   *     or tokens moved while the migration ran (preview and apply again)
   */
  public MigrationReport apply(long journeyId, int version) {
    Plan plan = plan(journeyId, version);
    if (plan.policy != MigrationPolicy.MIGRATE) {
      throw new ConflictException(
          "version-stays",
          "version " + version + " was published with STAY: users in flight stay where they are");
    }
    List<String> moved = new ArrayList<>();
    try {
      for (SourcePlan source : plan.sources) {
        if (!source.moving.isEmpty()) {
          runtime
              .newMigration(source.engine)
              .processInstanceIds(source.moving)
              .skipCustomListeners()
              .skipIoMappings()
              .execute();
          moved.addAll(source.moving);
        }
      }
    } catch (OptimisticLockingException raced) {
      throw new ConflictException(
          "migration-raced",
          "users of journey " + journeyId + " moved on while migrating; preview and apply again");
    }
    versions.moveRuns(moved, plan.targetDefinitionId);
    Instant now = clock.instant();
    MigrationReport report = plan.report(null, null);
    long id = versions.insertMigration(report, now);
    return plan.report(id, now);
  }

  private Plan plan(long journeyId, int version) {
    List<VersionStore.StoredVersion> all = versions.versions(journeyId);
    VersionStore.StoredVersion target =
        all.stream()
            .filter(v -> v.version() == version)
            .findFirst()
            .orElseThrow(() -> new NotFoundException("version", journeyId + "/v" + version));
    VersionStore.StoredVersion current = all.get(all.size() - 1);
    if (current.version() != version) {
      throw new ConflictException(
          "version-not-current",
          "only the current version (v" + current.version() + ") takes users in flight");
    }
    Plan plan = new Plan(journeyId, target);
    JourneyModel targetModel = JourneyModel.parse(target.bpmn());
    for (VersionStore.StoredVersion source : all) {
      if (source.version() >= version) {
        continue;
      }
      List<ProcessInstance> instances =
          runtime.createProcessInstanceQuery().processDefinitionId(source.definitionId()).list();
      if (!instances.isEmpty()) {
        plan.sources.add(planSource(plan, source, JourneyModel.parse(source.bpmn()), targetModel, instances));
      }
    }
    return plan;
  }

  private SourcePlan planSource(
      Plan plan,
      VersionStore.StoredVersion source,
      JourneyModel sourceModel,
      JourneyModel targetModel,
      List<ProcessInstance> instances) {
    boolean migrate = plan.policy == MigrationPolicy.MIGRATE;
    Mapping mapping =
        migrate ? map(source, plan.target, sourceModel, targetModel) : Mapping.NONE;
    SourcePlan sp = new SourcePlan(mapping.engine);
    for (ProcessInstance instance : instances) {
      List<Token> tokens = tokens(instance.getId());
      Map<Token, String> reasons = new LinkedHashMap<>();
      boolean stays = false;
      for (Token t : tokens) {
        String reason =
            migrate ? whyStays(t.activityId, sourceModel, targetModel, mapping) : "published with STAY";
        reasons.put(t, reason);
        stays |= reason != null;
      }
      for (Token t : tokens) {
        String reason = stays && reasons.get(t) == null ? SAME_INSTANCE : reasons.get(t);
        plan.count(source.version(), sourceModel.nodeName(t.activityId), t, reason, instance.getId(), users(t, plan.cohortSizes));
      }
      plan.countInstance(!stays);
      if (!stays && !tokens.isEmpty()) {
        sp.moving.add(instance.getId());
      }
    }
    return sp;
  }

  private static String whyStays(
      String activityId, JourneyModel sourceModel, JourneyModel targetModel, Mapping mapping) {
    String change = sourceModel.changeIn(targetModel, activityId, mapping.targetVersion);
    if (change != null) {
      return change;
    }
    if (!mapping.mapped.contains(activityId)) {
      String why = mapping.refused.getOrDefault(activityId, "not a node users can rest at");
      return truncate("the engine cannot move users resting here: " + why);
    }
    return null;
  }

  /**
   * The engine's plan: every node unchanged between the versions, minus those Camunda refuses to
   * map (start and end events, gateways users never rest at …), found by asking it.
   */
  private Mapping map(
      VersionStore.StoredVersion source,
      VersionStore.StoredVersion target,
      JourneyModel sourceModel,
      JourneyModel targetModel) {
    Set<String> mapped = new LinkedHashSet<>();
    for (String id : sourceModel.nodes().keySet()) {
      if (sourceModel.changeIn(targetModel, id, target.version()) == null) {
        mapped.add(id);
      }
    }
    Map<String, String> refused = new HashMap<>();
    while (!mapped.isEmpty()) {
      MigrationPlanBuilder builder =
          runtime.createMigrationPlan(source.definitionId(), target.definitionId());
      for (String id : mapped) {
        builder = builder.mapActivities(id, id);
      }
      try {
        return new Mapping(builder.build(), mapped, refused, target.version());
      } catch (MigrationPlanValidationException invalid) {
        boolean dropped = false;
        for (MigrationInstructionValidationReport r :
            invalid.getValidationReport().getInstructionReports()) {
          String id = r.getMigrationInstruction().getSourceActivityId();
          if (r.hasFailures() && mapped.remove(id)) {
            refused.put(id, String.join("; ", r.getFailures()));
            dropped = true;
          }
        }
        if (!dropped) {
          mapped.forEach(id -> refused.put(id, invalid.getMessage()));
          mapped.clear();
        }
      }
    }
    return new Mapping(null, mapped, refused, target.version());
  }

  /** Where an instance's users are: its leaf activity instances and waiting transitions. */
  private List<Token> tokens(String processInstanceId) {
    List<Token> out = new ArrayList<>();
    ActivityInstance root = runtime.getActivityInstance(processInstanceId);
    if (root != null) {
      collect(root, out);
    }
    return out;
  }

  private static void collect(ActivityInstance scope, List<Token> out) {
    for (TransitionInstance t : scope.getChildTransitionInstances()) {
      out.add(new Token(t.getActivityId(), t.getExecutionId(), t.getId()));
    }
    for (ActivityInstance child : scope.getChildActivityInstances()) {
      if (child.getChildActivityInstances().length == 0
          && child.getChildTransitionInstances().length == 0) {
        out.add(new Token(child.getActivityId(), child.getExecutionIds()[0], child.getId()));
      } else {
        collect(child, out);
      }
    }
  }

  /** Cohorts are immutable, so a plan remembers their sizes. */
  private long users(Token t, Map<Long, Long> sizes) {
    Object cohort = runtime.getVariable(t.executionId, CohortVariables.COHORT);
    if (cohort == null) {
      return 1; // event mode: one instance is one user
    }
    return sizes.computeIfAbsent(((Number) cohort).longValue(), cohorts::size);
  }

  private static String truncate(String s) {
    return s.length() <= 255 ? s : s.substring(0, 252) + "...";
  }

  private record Token(String activityId, String executionId, String instanceId) {}

  private record Mapping(
      MigrationPlan engine, Set<String> mapped, Map<String, String> refused, int targetVersion) {
    static final Mapping NONE = new Mapping(null, Set.of(), Map.of(), 0);
  }

  private static final class SourcePlan {
    final MigrationPlan engine;
    final List<String> moving = new ArrayList<>();

    SourcePlan(MigrationPlan engine) {
      this.engine = engine;
    }
  }

  /** The computation shared by preview and apply. */
  private static final class Plan {
    final long journeyId;
    final VersionStore.StoredVersion target;
    final MigrationPolicy policy;
    final String targetDefinitionId;
    final List<SourcePlan> sources = new ArrayList<>();
    final Map<Long, Long> cohortSizes = new HashMap<>();
    private final Map<List<Object>, long[]> rows = new LinkedHashMap<>();
    private final Map<List<Object>, Set<String>> rowInstances = new HashMap<>();
    private final Map<List<Object>, String> rowNames = new HashMap<>();
    private long movingInstances;
    private long stayingInstances;
    private long movingUsers;
    private long stayingUsers;

    Plan(long journeyId, VersionStore.StoredVersion target) {
      this.journeyId = journeyId;
      this.target = target;
      this.policy = target.policy();
      this.targetDefinitionId = target.definitionId();
    }

    void count(int fromVersion, String name, Token t, String reason, String instanceId, long users) {
      List<Object> key = java.util.Arrays.asList(fromVersion, t.activityId, reason);
      rows.computeIfAbsent(key, k -> new long[1])[0] += users;
      rowInstances.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(instanceId);
      rowNames.put(key, name);
      if (reason == null) {
        movingUsers += users;
      } else {
        stayingUsers += users;
      }
    }

    void countInstance(boolean moves) {
      if (moves) {
        movingInstances++;
      } else {
        stayingInstances++;
      }
    }

    MigrationReport report(Long migrationId, Instant appliedAt) {
      List<MigrationMove> moves = new ArrayList<>();
      rows.forEach(
          (key, users) -> {
            int from = (Integer) key.get(0);
            String element = (String) key.get(1);
            String reason = (String) key.get(2);
            moves.add(
                new MigrationMove(
                    from,
                    element,
                    rowNames.get(key),
                    reason == null ? element : null,
                    reason == null ? null : from,
                    rowInstances.get(key).size(),
                    users[0],
                    reason));
          });
      return new MigrationReport(
          journeyId,
          target.version(),
          policy,
          moves,
          movingInstances,
          movingUsers,
          stayingInstances,
          stayingUsers,
          migrationId,
          appliedAt);
    }
  }
}
