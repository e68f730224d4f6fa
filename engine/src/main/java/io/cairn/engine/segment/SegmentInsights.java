package io.cairn.engine.segment;

import io.cairn.engine.problem.ConflictException;
import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.problem.NotFoundException;
import io.cairn.engine.profile.ProfileReader;
import io.cairn.engine.profile.TagCatalog;
import io.cairn.engine.profile.TagDefinition;
import io.cairn.engine.profile.TagType;
import io.cairn.engine.segment.internal.Definition;
import io.cairn.engine.segment.internal.Definitions;
import io.cairn.engine.segment.internal.SegmentEngine;
import io.cairn.engine.segment.internal.SegmentStore;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.roaringbitmap.RoaringBitmap;
import org.springframework.stereotype.Service;

/**
 * Reading a segment's members: membership of one entity (with why), CSV export, and tag insight
 * against all entities. Snapshots are cached in memory per segment and refresh time, so a
 * membership lookup costs one primary-key read and a bitmap probe.
 */
@Service
public class SegmentInsights {

  /** How many tags one insight request may compare. */
  public static final int MAX_INSIGHT_TAGS = 10;

  private static final int EXPORT_BATCH = 10_000;

  private record Cached(java.time.Instant refreshedAt, RoaringBitmap members) {}

  private final SegmentService segments;
  private final SegmentStore store;
  private final SegmentEngine engine;
  private final Definitions definitions;
  private final ProfileReader profiles;
  private final TagCatalog catalog;
  private final Map<Long, Cached> snapshots = new ConcurrentHashMap<>();

  SegmentInsights(
      SegmentService segments,
      SegmentStore store,
      SegmentEngine engine,
      Definitions definitions,
      ProfileReader profiles,
      TagCatalog catalog) {
    this.segments = segments;
    this.store = store;
    this.engine = engine;
    this.definitions = definitions;
    this.profiles = profiles;
    this.catalog = catalog;
  }

  /**
   * Whether the entity with this external id is in the segment's latest snapshot; with {@code
   * explain}, which rule groups and conditions hold for it now (or which inputs contain it).
   */
  public Membership membership(long id, String externalId, boolean explain) {
    Segment s = segments.get(id);
    RoaringBitmap members = latest(s);
    OptionalInt entity = profiles.entityId(s.entityType(), externalId);
    if (entity.isEmpty()) {
      return new Membership(false, false, s.refreshedAt(), List.of(), List.of());
    }
    int e = entity.getAsInt();
    boolean member = members.contains(e);
    if (!explain) {
      return new Membership(member, true, s.refreshedAt(), List.of(), List.of());
    }
    List<Membership.Group> groups = new ArrayList<>();
    Definition d = definitions.stored(s);
    if (d instanceof Definition.RuleDef rule) {
      SegmentEngine.Explanation x = engine.explain(rule.rule(), e);
      for (int g = 0; g < x.groups().size(); g++) {
        SegmentEngine.Explanation.Group group = x.groups().get(g);
        groups.add(new Membership.Group(g, group.matched(),
            group.checks().stream().map(c -> new Membership.Check(c.path(), c.holds())).toList()));
      }
    }
    List<Membership.Input> inputs = new ArrayList<>();
    for (long input : Definitions.references(s.kind(), s.definition())) {
      store.find(input).ifPresent(in -> inputs.add(new Membership.Input(input, latestOrEmpty(in).contains(e))));
    }
    return new Membership(member, true, s.refreshedAt(), groups, inputs);
  }

  /**
   * Writes the members' external ids as CSV ({@code id} header), streaming in batches. Cells
   * that a spreadsheet would run as a formula are prefixed with an apostrophe.
   */
  public void export(long id, Writer out) throws IOException {
    Segment s = segments.get(id);
    int[] ids = latest(s).toArray();
    out.write("id\r\n");
    for (int from = 0; from < ids.length; from += EXPORT_BATCH) {
      int[] batch = Arrays.copyOfRange(ids, from, Math.min(ids.length, from + EXPORT_BATCH));
      Map<Integer, String> external = profiles.externalIds(s.entityType(), batch);
      for (int e : batch) {
        String x = external.get(e);
        if (x != null) {
          out.write(csvCell(x));
          out.write("\r\n");
        }
      }
    }
    out.flush();
  }

  /** A CSV cell, quoted when needed and defused against formula injection. */
  static String csvCell(String value) {
    String v = value;
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
      v = '"' + v.replace("\"", "\"\"") + '"';
    }
    return v;
  }

  /**
   * Distribution of the given tags' values in the segment vs all entities, with TGI.
   *
   * @throws InvalidInputException naming {@code tags} when empty, too many, unknown, or of a type
   *     without distinct values (number, date)
   */
  public Insight insight(long id, List<String> tags) {
    Segment s = segments.get(id);
    if (tags == null || tags.isEmpty() || tags.size() > MAX_INSIGHT_TAGS) {
      throw new InvalidInputException("invalid-insight", "tags", "name 1 to " + MAX_INSIGHT_TAGS + " tags");
    }
    Map<String, TagDefinition> known = new java.util.HashMap<>();
    catalog.list(s.entityType()).forEach(t -> known.put(t.code(), t));
    for (String tag : tags) {
      TagDefinition t = known.get(tag);
      if (t == null) {
        throw new InvalidInputException("invalid-insight", "tags", "unknown tag '" + tag + "'");
      }
      if (t.type() == TagType.NUMBER || t.type() == TagType.DATE) {
        throw new InvalidInputException("invalid-insight", "tags",
            "'" + tag + "' is a " + t.type() + " tag; insight compares values of enum, boolean, multi and text tags");
      }
    }
    RoaringBitmap members = latest(s);
    long size = members.getLongCardinality();
    long population = engine.universe(s.entityType()).getLongCardinality();
    List<Insight.TagInsight> out = new ArrayList<>();
    for (String tag : tags) {
      List<Insight.ValueShare> values = new ArrayList<>();
      for (SegmentEngine.ValueCount c : engine.distribution(s.entityType(), tag, members)) {
        double share = size == 0 ? 0 : (double) c.members() / size;
        double overall = population == 0 ? 0 : (double) c.all() / population;
        values.add(new Insight.ValueShare(c.value(), c.members(), share, overall,
            overall == 0 ? null : Math.round(share / overall * 1000) / 10.0));
      }
      out.add(new Insight.TagInsight(tag, values));
    }
    return new Insight(size, population, out);
  }

  /** The latest snapshot of a segment that has one and is not expired. */
  private RoaringBitmap latest(Segment s) {
    if (s.refreshedAt() == null || s.status() == SegmentStatus.EXPIRED) {
      throw new ConflictException("segment-not-active",
          "segment " + s.id() + " is " + s.status() + " and has no members to read");
    }
    return latestOrEmpty(s);
  }

  private RoaringBitmap latestOrEmpty(Segment s) {
    if (s.refreshedAt() == null) {
      return new RoaringBitmap();
    }
    Cached c = snapshots.get(s.id());
    if (c == null || !c.refreshedAt().equals(s.refreshedAt())) {
      Optional<RoaringBitmap> b = store.latestSnapshot(s.id());
      if (b.isEmpty()) {
        throw new NotFoundException("segment snapshot", s.id());
      }
      c = new Cached(s.refreshedAt(), b.get());
      snapshots.put(s.id(), c);
    }
    return c.members();
  }

}
