package io.cairn.engine.segment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.engine.problem.ConflictException;
import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.problem.NotFoundException;
import io.cairn.engine.problem.Violation;
import io.cairn.engine.profile.EntityTypes;
import io.cairn.engine.segment.internal.Definition;
import io.cairn.engine.segment.internal.Definitions;
import io.cairn.engine.segment.internal.Materializer;
import io.cairn.engine.segment.internal.SegmentEngine;
import io.cairn.engine.segment.internal.SegmentStore;
import io.cairn.engine.segment.internal.SettingsParser;
import io.cairn.engine.workspace.Owned;
import io.cairn.engine.workspace.Workspaces;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.roaringbitmap.RoaringBitmap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Segments: create (validated now, computed in the background), redefine, refresh, extend,
 * delete, list, and hand members to journeys. Thread-safe. Nothing is stored when the input is
 * invalid.
 */
@Service
public class SegmentService {

  private static final Logger log = LoggerFactory.getLogger(SegmentService.class);

  private final SegmentEngine engine;
  private final SegmentStore store;
  private final Definitions definitions;
  private final Materializer materializer;
  private final SettingsParser settingsParser;
  private final List<SegmentUsage> usages;
  private final ApplicationEventPublisher events;
  private final Workspaces workspaces;
  private final Clock clock;
  private final ExecutorService evaluations =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "cairn-segments");
            t.setDaemon(true);
            return t;
          });

  SegmentService(
      SegmentEngine engine,
      SegmentStore store,
      Definitions definitions,
      Materializer materializer,
      SettingsParser settingsParser,
      List<SegmentUsage> usages,
      ApplicationEventPublisher events,
      Workspaces workspaces,
      Clock clock) {
    this.engine = engine;
    this.store = store;
    this.definitions = definitions;
    this.materializer = materializer;
    this.settingsParser = settingsParser;
    this.usages = usages;
    this.events = events;
    this.workspaces = workspaces;
    this.clock = clock;
  }

  /** A rule segment with default settings (kept for callers that only have a rule). */
  public Segment create(String name, String entityType, JsonNode rule) {
    return create(new NewSegment(name, entityType, "RULE", rule, null));
  }

  /** {@link #create(long, NewSegment)} in the default workspace. */
  public Segment create(NewSegment request) {
    return create(Workspaces.DEFAULT, request);
  }

  /**
   * Creates a segment in status GENERATING and computes it in the background (ACTIVE or FAILED
   * when done). Segments its definition takes as inputs must be of the same workspace.
   *
   * @throws InvalidInputException naming the offending field; nothing is stored
   */
  public Segment create(long workspaceId, NewSegment request) {
    List<Violation> v = new ArrayList<>();
    String name = name(request.name(), v);
    EntityTypes.require(request.entityType(), "entityType");
    SegmentKind kind = kind(request.kind());
    SegmentSettings settings =
        settingsParser.parse(request.settings(), SegmentSettings.defaults(), clock.instant(), v);
    throwIfAny(v);
    Definition definition = definitions.parse(kind, request.entityType(), request.definition(), null);
    requireInputsIn(workspaceId, kind, request.definition().toString());
    long id =
        store.insert(
            workspaceId, name, request.entityType(), kind, request.definition().toString(), settings);
    store.setNextRefresh(id, SettingsParser.nextRefresh(settings, clock.instant()));
    Segment created = get(id);
    evaluations.execute(() -> compute(created, definition));
    return created;
  }

  /**
   * Replaces a segment's name, definition (recomputable kinds) and settings, then recomputes it.
   * A definition that would make the segment depend on itself is refused.
   */
  public Segment update(long id, NewSegment request) {
    Segment old = get(id);
    List<Violation> v = new ArrayList<>();
    String name = request.name() == null ? old.name() : name(request.name(), v);
    if (request.entityType() != null && !request.entityType().equals(old.entityType())) {
      v.add(new Violation("entityType", "a segment's entity type cannot change"));
    }
    if (request.kind() != null && !request.kind().equalsIgnoreCase(old.kind().name())) {
      v.add(new Violation("kind", "a segment's kind cannot change"));
    }
    if (request.definition() != null && !old.kind().recomputable()) {
      v.add(new Violation("definition", old.kind() + " segments keep the members they were made with"));
    }
    SegmentSettings settings =
        settingsParser.parse(request.settings(), old.settings(), clock.instant(), v);
    checkExpiry(id, settings.expiresAt(), v);
    throwIfAny(v);
    String json = request.definition() == null ? old.definition() : request.definition().toString();
    requireInputsIn(
        workspaces.workspaceOf(Owned.SEGMENT, id).orElse(Workspaces.DEFAULT), old.kind(), json);
    Definition definition =
        request.definition() == null
            ? definitions.stored(old)
            : definitions.parse(old.kind(), old.entityType(), request.definition(), id);
    store.update(id, name, json, settings);
    store.setNextRefresh(id, SettingsParser.nextRefresh(settings, clock.instant()));
    Segment updated = get(id);
    evaluations.execute(() -> compute(updated, definition));
    return updated;
  }

  /**
   * A segment whose members are given (journey outputs such as "SMS failed"); ACTIVE at once and
   * never recomputed.
   *
   * @param source what produced it, e.g. {@code journey 12, node sms_failed}
   */
  public Segment createStatic(String name, String entityType, RoaringBitmap members, String source) {
    return createStatic(Workspaces.DEFAULT, name, entityType, members, source);
  }

  /** {@link #createStatic(String, String, RoaringBitmap, String)} in a workspace. */
  public Segment createStatic(
      long workspaceId, String name, String entityType, RoaringBitmap members, String source) {
    List<Violation> v = new ArrayList<>();
    String n = name(name, v);
    EntityTypes.require(entityType, "entityType");
    throwIfAny(v);
    ObjectNode definition = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    definition.put("source", source);
    long id =
        store.insert(
            workspaceId,
            n,
            entityType,
            SegmentKind.STATIC,
            definition.toString(),
            SegmentSettings.defaults());
    store.saveSnapshot(id, members, null);
    return get(id);
  }

  /** Stores a segment with fixed members (custom lists). */
  Segment createFixed(
      long workspaceId, String name, String entityType, SegmentKind kind, String definition,
      SegmentSettings settings, RoaringBitmap members, String report) {
    long id = store.insert(workspaceId, name, entityType, kind, definition, settings);
    store.saveSnapshot(id, members, report);
    return get(id);
  }

  /** Recomputes now (in the background); the segment is GENERATING until done. */
  public Segment refresh(long id) {
    Segment s = get(id);
    if (s.status() == SegmentStatus.GENERATING) {
      throw new ConflictException("segment-generating", "segment " + id + " is being computed already");
    }
    if (s.status() == SegmentStatus.EXPIRED) {
      throw new ConflictException("segment-expired", "segment " + id + " has expired; extend it first");
    }
    Definition definition = definitions.stored(s);
    store.setStatus(id, SegmentStatus.GENERATING);
    Segment generating = get(id);
    evaluations.execute(() -> compute(generating, definition));
    return generating;
  }

  /** Recomputes on the caller's thread (the daily scheduler's). */
  void refreshNow(Segment s) {
    Definition definition;
    try {
      definition = definitions.stored(s);
    } catch (InvalidInputException e) {
      // what was valid when stored no longer is (a referenced tag or segment changed): the
      // refresh fails instead of throwing on the scheduler's thread
      fail(s, e.getMessage());
      return;
    }
    compute(s, definition);
  }

  private void compute(Segment s, Definition definition) {
    try {
      Materializer.Outcome outcome = materializer.compute(s, definition);
      store.saveSnapshot(s.id(), outcome.members(), outcome.report());
    } catch (Materializer.InputUnavailable e) {
      fail(s, e.getMessage());
    } catch (RuntimeException e) {
      log.error("segment {} failed to compute", s.id(), e);
      fail(s, "computation failed: " + e.getClass().getSimpleName());
    }
  }

  private void fail(Segment s, String error) {
    store.markFailed(s.id(), error);
    events.publishEvent(new SegmentFailed(s.id(), s.name(), s.settings().notifyEmail(), error));
  }

  /** Segments left GENERATING by a stopped process are computed again. */
  @EventListener(ApplicationReadyEvent.class)
  void resumeGenerating() {
    store.list(new SegmentFilter(null, null, SegmentStatus.GENERATING, null, null), 0, 10_000)
        .forEach(s -> evaluations.execute(() -> refreshNow(s)));
  }

  /**
   * Moves the expiry later (or sets one).
   *
   * @throws InvalidInputException when it is not later than now and than the current expiry, or
   *     earlier than a journey using the segment ends
   */
  public Segment extend(long id, String expiresAt) {
    Segment s = get(id);
    List<Violation> v = new ArrayList<>();
    Instant at = expiresAt == null ? null : SettingsParser.instant("expiresAt", expiresAt, clock.instant(), v);
    if (expiresAt == null) {
      v.add(new Violation("expiresAt", "required"));
    } else if (at != null && s.settings().expiresAt() != null && !at.isAfter(s.settings().expiresAt())) {
      v.add(new Violation("expiresAt", "must be later than the current expiry " + s.settings().expiresAt()));
    }
    checkExpiry(id, at, v);
    throwIfAny(v);
    store.setExpiresAt(id, at);
    if (s.status() == SegmentStatus.EXPIRED) {
      store.setStatus(id, s.size() == null ? SegmentStatus.FAILED : SegmentStatus.ACTIVE);
      store.setNextRefresh(id, SettingsParser.nextRefresh(s.settings(), clock.instant()));
    }
    return get(id);
  }

  private void checkExpiry(long id, Instant expiresAt, List<Violation> v) {
    if (expiresAt == null) {
      return;
    }
    for (SegmentUsage.Use use : uses(id)) {
      if (use.endsAt() != null && use.endsAt().isAfter(expiresAt)) {
        v.add(new Violation("expiresAt", "earlier than the end of " + use.what() + " (" + use.endsAt() + ")"));
      }
    }
  }

  /** Who uses the segment now (journeys; other segments taking it as an input). */
  public List<SegmentUsage.Use> uses(long id) {
    List<SegmentUsage.Use> all = new ArrayList<>();
    usages.forEach(u -> all.addAll(u.uses(id)));
    store.referencing(id).forEach(other -> all.add(new SegmentUsage.Use("segment " + other, null)));
    return all;
  }

  /**
   * Deletes a segment that nothing uses, keeping an audit record.
   *
   * @throws ConflictException naming the users when it is in use
   */
  public void delete(long id, String deletedBy) {
    Segment s = get(id);
    List<SegmentUsage.Use> uses = uses(id);
    if (!uses.isEmpty()) {
      throw new ConflictException("segment-in-use", "segment " + id + " is used by "
          + String.join(", ", uses.stream().map(SegmentUsage.Use::what).toList()));
    }
    store.delete(s, deletedBy);
  }

  /** @throws NotFoundException when there is no such segment */
  public Segment get(long id) {
    return store.find(id).orElseThrow(() -> new NotFoundException("segment", id));
  }

  /** The segment with its size history, uses and (rules) generated SQL. */
  public SegmentDetails details(long id) {
    Segment s = get(id);
    String sql = null;
    if (s.kind() == SegmentKind.RULE) {
      sql = engine.sql(((Definition.RuleDef) definitions.stored(s)).rule());
    }
    return new SegmentDetails(s, store.sizeHistory(id, 90), uses(id), sql);
  }

  /** Newest first. */
  public List<Segment> list(SegmentFilter filter, int page, int size) {
    return store.list(filter, page, size);
  }

  public long count(SegmentFilter filter) {
    return store.count(filter);
  }

  /** {@link #estimate(long, String, JsonNode)} in the default workspace. */
  public SegmentEstimate estimate(String entityType, JsonNode rule) {
    return estimate(Workspaces.DEFAULT, entityType, rule);
  }

  /**
   * Size and SQL of a rule (with its {@code combine} steps, which take segments of the workspace)
   * now, without saving anything.
   */
  public SegmentEstimate estimate(long workspaceId, String entityType, JsonNode rule) {
    EntityTypes.require(entityType, "entityType");
    Definition.RuleDef d = (Definition.RuleDef) definitions.parse(SegmentKind.RULE, entityType, rule, null);
    requireInputsIn(workspaceId, SegmentKind.RULE, rule.toString());
    Segment unsaved = new Segment(-1, "estimate", entityType, SegmentKind.RULE, SegmentStatus.GENERATING,
        null, rule.toString(), null, clock.instant(), null, SegmentSettings.defaults(), null);
    RoaringBitmap members = d.combine().isEmpty() ? null : materializer.compute(unsaved, d).members();
    long size = members == null ? engine.count(d.rule()) : members.getLongCardinality();
    return new SegmentEstimate(size, engine.sql(d.rule()));
  }

  /**
   * The members of the latest snapshot (dense entity ids).
   *
   * @throws NotFoundException when there is no such segment
   * @throws ConflictException when the segment is not ACTIVE, or is time-sensitive and its
   *     snapshot is older than its latest scheduled refresh
   */
  public RoaringBitmap members(long id) {
    Segment segment = get(id);
    if (segment.status() != SegmentStatus.ACTIVE) {
      throw new ConflictException(
          "segment-not-active", "segment " + id + " is " + segment.status() + ", not ACTIVE");
    }
    SegmentSettings s = segment.settings();
    if (s.timeSensitive()
        && segment.refreshedAt().isBefore(SettingsParser.lastScheduled(s, clock.instant()))) {
      throw new ConflictException("segment-stale", "segment " + id
          + " is time-sensitive and its latest refresh (" + segment.refreshedAt()
          + ") is older than its scheduled one");
    }
    return store.latestSnapshot(id).orElseThrow(() -> new NotFoundException("segment snapshot", id));
  }

  /**
   * A definition may only take segments of its own workspace as inputs; one of another workspace
   * is reported as not existing, as it would be for a request in that workspace.
   */
  private void requireInputsIn(long workspaceId, SegmentKind kind, String definitionJson) {
    List<Violation> v = new ArrayList<>();
    for (long input : Definitions.references(kind, definitionJson)) {
      if (workspaces.workspaceOf(Owned.SEGMENT, input).filter(w -> w != workspaceId).isPresent()) {
        v.add(new Violation("definition", "segment " + input + " does not exist"));
      }
    }
    throwIfAny(v);
  }

  private static String name(String name, List<Violation> v) {
    if (name == null || name.isBlank() || name.trim().length() > 128) {
      v.add(new Violation("name", "a name has 1 to 128 characters"));
      return null;
    }
    return name.trim();
  }

  private static SegmentKind kind(String kind) {
    try {
      return SegmentKind.valueOf((kind == null ? "RULE" : kind).toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("invalid-segment", "kind", "one of RULE, SET, SAMPLE, LOOKALIKE");
    }
  }

  static void throwIfAny(List<Violation> v) {
    if (!v.isEmpty()) {
      throw new InvalidInputException("invalid-segment", "The segment is not valid", v);
    }
  }

  // --- rules and outputs for journeys (tag branches, "save as audience")

  /**
   * The entities of {@code entityType} a rule selects now: tag conditions read the latest snapshot
   * unless the rule names one ({@code at}), behaviour windows are relative to now. Nothing is
   * stored. For journeys' tag branches, so {@code combine} (other segments) is not accepted.
   *
   * @throws InvalidInputException naming the offending field when the rule is not valid (for
   *     example a tag the catalog does not have, or an operator its type does not take)
   */
  public RoaringBitmap evaluate(String entityType, JsonNode rule) {
    return engine.evaluate(compileBranchRule(entityType, rule));
  }

  /**
   * Whether one entity satisfies a rule now, read as {@link #evaluate} reads it (event-mode tag
   * branches). Costs the rule's conditions on one entity, not on the whole index.
   *
   * @throws InvalidInputException as {@link #evaluate}
   */
  public boolean matches(String entityType, JsonNode rule, int entityId) {
    return engine.explain(compileBranchRule(entityType, rule), entityId).member();
  }

  /**
   * Checks a rule as {@link #evaluate} would read it, without evaluating it.
   *
   * @throws InvalidInputException naming the offending field
   */
  public void checkRule(String entityType, JsonNode rule) {
    compileBranchRule(entityType, rule);
  }

  private SegmentEngine.Compiled compileBranchRule(String entityType, JsonNode rule) {
    if (rule != null && rule.has("combine")) {
      throw new InvalidInputException(
          "invalid-rule", "rule.combine", "a branch rule tests tags and behaviour only, not segments");
    }
    return engine.compile(entityType, rule);
  }

  /**
   * A STATIC segment made by a journey node ("save as audience"): ACTIVE at once, never
   * recomputed, filed in {@code groupId} (null: no folder).
   *
   * @param workspaceId the workspace of the journey that makes it
   * @param origin the definition stored with it: where it came from ({@code source} at least) and
   *     what the marketer chose for it (for example {@code visibility})
   * @param remark free text shown as its usage scenario, or null
   * @throws InvalidInputException on a bad name or a folder that does not exist
   */
  public Segment createStatic(
      long workspaceId,
      String name,
      String entityType,
      RoaringBitmap members,
      ObjectNode origin,
      Long groupId,
      String remark) {
    List<Violation> v = new ArrayList<>();
    String n = name(name, v);
    EntityTypes.require(entityType, "entityType");
    if (groupId != null && store.group(groupId).isEmpty()) {
      v.add(new Violation("groupId", "segment group " + groupId + " does not exist"));
    }
    throwIfAny(v);
    SegmentSettings d = SegmentSettings.defaults();
    SegmentSettings settings =
        new SegmentSettings(
            groupId, d.refresh(), d.refreshAt(), d.timeZone(), remark, null, false, null);
    long id =
        store.insert(workspaceId, n, entityType, SegmentKind.STATIC, origin.toString(), settings);
    store.saveSnapshot(id, members, null);
    return get(id);
  }

  /**
   * Adds members to a STATIC segment: a new snapshot holding the union, written only when it adds
   * someone, so adding the same members again changes nothing.
   *
   * @throws NotFoundException when there is no such segment
   * @throws ConflictException when the segment is not STATIC
   */
  public Segment addStaticMembers(long id, RoaringBitmap members) {
    Segment s = get(id);
    if (s.kind() != SegmentKind.STATIC) {
      throw new ConflictException(
          "segment-not-static", "segment " + id + " is " + s.kind() + "; only STATIC ones take members");
    }
    RoaringBitmap current =
        store.latestSnapshot(id).orElseGet(RoaringBitmap::new);
    RoaringBitmap union = RoaringBitmap.or(current, members);
    if (union.getLongCardinality() != current.getLongCardinality()) {
      store.saveSnapshot(id, union, null);
    }
    return get(id);
  }

  @PreDestroy
  void stop() {
    evaluations.shutdownNow();
  }
}
