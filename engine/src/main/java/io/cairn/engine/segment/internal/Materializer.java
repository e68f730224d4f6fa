package io.cairn.engine.segment.internal;

import io.cairn.engine.segment.Segment;
import io.cairn.engine.segment.SegmentStatus;
import io.cairn.engine.segment.internal.Definition.SetNode;
import java.util.List;
import org.roaringbitmap.FastAggregation;
import org.roaringbitmap.RoaringBitmap;
import org.springframework.stereotype.Component;

/** Computes the members of a segment from its definition and the latest snapshots of its inputs. */
@Component
public class Materializer {

  /**
   * Members and, where the kind reports something, a JSON report.
   *
   * @param report JSON or null
   */
  public record Outcome(RoaringBitmap members, String report) {}

  /** An input segment cannot be used now; the refresh fails with this message. */
  public static final class InputUnavailable extends RuntimeException {
    InputUnavailable(String message) {
      super(message);
    }
  }

  private final SegmentEngine engine;
  private final SegmentStore store;
  private final TagIndexes indexes;
  private final io.cairn.engine.profile.ExternalTables tables;
  private final io.cairn.engine.profile.ProfileReader profiles;
  private static final int CHUNK = 1_000;

  Materializer(SegmentEngine engine, SegmentStore store, TagIndexes indexes,
      io.cairn.engine.profile.ExternalTables tables, io.cairn.engine.profile.ProfileReader profiles) {
    this.tables = tables;
    this.profiles = profiles;
    this.engine = engine;
    this.store = store;
    this.indexes = indexes;
  }

  public Outcome compute(Segment segment, Definition definition) {
    if (definition instanceof Definition.RuleDef rule) {
      RoaringBitmap members = engine.evaluate(rule.rule());
      for (Definition.Combine step : rule.combine()) {
        members = apply(step.op(), List.of(members, input(step.segment())));
      }
      return new Outcome(members, null);
    }
    if (definition instanceof Definition.SetDef set) {
      return new Outcome(evaluate(set.root()), null);
    }
    if (definition instanceof Definition.SampleDef s) {
      RoaringBitmap from = input(s.segment());
      return new Outcome(
          s.size() != null
              ? Sampling.first(from, s.size(), s.seed())
              : Sampling.percent(from, s.percent(), s.seed()),
          null);
    }
    if (definition instanceof Definition.LookalikeDef l) {
      Lookalike.Result r;
      try {
        r = Lookalike.expand(indexes.get(segment.entityType()), input(l.seed()), l.targetSize(), l.tier());
      } catch (IllegalArgumentException e) {
        throw new InputUnavailable(e.getMessage());
      }
      String report = String.format(java.util.Locale.ROOT,
          "{\"tiers\":{\"precise\":%d,\"moderate\":%d,\"expanded\":%d},\"tier\":\"%s\","
              + "\"holdout\":%d,\"recovered\":%d,\"lift\":%.3f}",
          r.tierSizes()[0], r.tierSizes()[1], r.tierSizes()[2], l.tier().name().toLowerCase(),
          r.holdout(), r.recovered(), r.lift());
      return new Outcome(r.members(), report);
    }
    if (definition instanceof Definition.TableDef t) {
      return table(segment.entityType(), t);
    }
    // fixed members: keep the latest snapshot
    return new Outcome(
        store.latestSnapshot(segment.id()).orElseThrow(
            () -> new InputUnavailable("segment " + segment.id() + " has no members stored")),
        null);
  }

  /** Streams the source's ids in chunks and maps them; ids matching no entity are counted. */
  private Outcome table(String entityType, Definition.TableDef t) {
    RoaringBitmap members = new RoaringBitmap();
    long[] read = new long[2]; // rows read, rows whose id matched no entity
    List<String> chunk = new java.util.ArrayList<>(CHUNK);
    java.util.function.Consumer<List<String>> map = ids -> {
      java.util.Map<String, Integer> found = profiles.entityIds(entityType, ids);
      found.values().forEach(members::add);
      read[1] += ids.stream().filter(id -> !found.containsKey(id)).count();
      ids.clear();
    };
    try (java.util.stream.Stream<String> ids = tables.ids(t.source(), t.tableOrQuery(), t.column())) {
      ids.forEach(id -> {
        read[0]++;
        chunk.add(id);
        if (chunk.size() == CHUNK) {
          map.accept(chunk);
        }
      });
    } catch (io.cairn.engine.problem.InvalidInputException e) {
      throw new InputUnavailable("source '" + t.source() + "': " + e.getMessage());
    }
    map.accept(chunk);
    return new Outcome(members, String.format(java.util.Locale.ROOT,
        "{\"rows\":%d,\"members\":%d,\"unmatched\":%d}", read[0], members.getLongCardinality(), read[1]));
  }

  private RoaringBitmap evaluate(SetNode node) {
    if (node instanceof Definition.Ref ref) {
      return input(ref.segment());
    }
    Definition.Op op = (Definition.Op) node;
    return apply(op.op(), op.inputs().stream().map(this::evaluate).toList());
  }

  private static RoaringBitmap apply(Definition.SetOp op, List<RoaringBitmap> inputs) {
    return switch (op) {
      case UNION -> FastAggregation.or(inputs.iterator());
      case INTERSECT -> FastAggregation.and(inputs.iterator());
      case MINUS -> {
        RoaringBitmap out = inputs.get(0).clone();
        inputs.subList(1, inputs.size()).forEach(out::andNot);
        yield out;
      }
    };
  }

  /** The latest members of an ACTIVE input segment. */
  private RoaringBitmap input(long id) {
    Segment s = store.find(id).orElseThrow(() -> new InputUnavailable("input segment " + id + " was deleted"));
    if (s.status() != SegmentStatus.ACTIVE) {
      throw new InputUnavailable("input segment " + id + " is " + s.status() + ", not ACTIVE");
    }
    return store.latestSnapshot(id).orElseThrow(() -> new InputUnavailable("input segment " + id + " has no members"));
  }

}
