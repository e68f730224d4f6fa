package io.cairn.engine.segment.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.roaringbitmap.RoaringBitmap;
import org.springframework.stereotype.Component;

/** Parses rules and evaluates them on the bitmap index or compiles them to SQL. */
@Component
public class SegmentEngine {

  private final RuleParser parser;
  private final TagIndexes indexes;

  SegmentEngine(RuleParser parser, TagIndexes indexes) {
    this.parser = parser;
    this.indexes = indexes;
  }

  /** A validated rule, opaque outside this package. */
  public static final class Compiled {
    private final Rule rule;

    private Compiled(Rule rule) {
      this.rule = rule;
    }
  }

  /** Validates a rule; throws {@link io.cairn.engine.problem.InvalidInputException}. */
  public Compiled compile(String entityType, JsonNode rule) {
    return new Compiled(parser.parse(entityType, rule));
  }

  public RoaringBitmap evaluate(Compiled compiled) {
    return BitmapEvaluator.evaluate(compiled.rule, indexes.get(compiled.rule.entityType()));
  }

  public String sql(Compiled compiled) {
    return SqlCompiler.compile(compiled.rule);
  }

  /** Every entity of the type that exists now. Do not modify the returned bitmap. */
  public RoaringBitmap universe(String entityType) {
    return indexes.get(entityType).universe();
  }

  /**
   * How often each value of a tag occurs (latest snapshot) among {@code members} and among all
   * entities of the type, most frequent in the segment first; multi-value tags count each element.
   */
  public List<ValueCount> distribution(String entityType, String tag, RoaringBitmap members) {
    List<ValueCount> counts = new ArrayList<>();
    indexes
        .get(entityType)
        .values(tag)
        .forEach(
            (value, b) ->
                counts.add(
                    new ValueCount(value, RoaringBitmap.andCardinality(b, members), b.getLongCardinality())));
    counts.sort(Comparator.comparingLong(ValueCount::members).reversed().thenComparing(ValueCount::value));
    return counts;
  }

  /** One value of a tag: entities having it in a segment and overall. */
  public record ValueCount(String value, long members, long all) {}
}
