package io.cairn.engine.segment.internal;

import com.fasterxml.jackson.databind.JsonNode;
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
}
