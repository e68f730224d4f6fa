package io.cairn.engine.segment.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.problem.Violation;
import io.cairn.engine.segment.Segment;
import io.cairn.engine.segment.SegmentKind;
import io.cairn.engine.segment.internal.Definition.Combine;
import io.cairn.engine.segment.internal.Definition.Op;
import io.cairn.engine.segment.internal.Definition.Ref;
import io.cairn.engine.segment.internal.Definition.SetNode;
import io.cairn.engine.segment.internal.Definition.SetOp;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Validates the definition JSON of each segment kind (paths in errors start at {@code definition})
 * and checks the segments it refers to: they exist, have the same entity type, and following
 * references never leads back to the segment being defined.
 *
 * <pre>
 * RULE      the rule, optionally with "combine": [{"op": "minus", "segment": 12}]
 * SET       {"op": "union|intersect|minus", "inputs": [{"segment": 1}, {"op": …, "inputs": […]}]}
 *           2–3 inputs per operation, at most 3 levels
 * SAMPLE    {"segment": 1, "size": 1000} or {"segment": 1, "percent": 10}, optional "seed"
 * LOOKALIKE {"seed": 1, "targetSize": 50000, "tier": "precise|moderate|expanded"}
 * TABLE     {"source": "dw", "table": "vip" | "query": "SELECT …", "column": "user_unique_id"}
 * </pre>
 */
@Component
public class Definitions {

  static final int MAX_SET_INPUTS = 3;
  static final int MAX_SET_LEVELS = 3;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SegmentEngine engine;
  private final SegmentStore store;
  private final io.cairn.engine.profile.ExternalTables tables;

  Definitions(SegmentEngine engine, SegmentStore store, io.cairn.engine.profile.ExternalTables tables) {
    this.tables = tables;
    this.engine = engine;
    this.store = store;
  }

  /**
   * Parses a definition of a recomputable kind.
   *
   * @param self the id of the segment being redefined, or null when it is new
   * @throws InvalidInputException naming the offending field
   */
  public Definition parse(SegmentKind kind, String entityType, JsonNode json, Long self) {
    return parse(kind, entityType, json, self, true);
  }

  /** @param probe whether a TABLE definition's source is read once to check it */
  private Definition parse(SegmentKind kind, String entityType, JsonNode json, Long self, boolean probe) {
    List<Violation> v = new ArrayList<>();
    if (json == null || !json.isObject()) {
      throw new InvalidInputException(
          "invalid-segment", "definition", "a " + kind + " segment needs a definition object");
    }
    Definition d =
        switch (kind) {
          case RULE -> rule(entityType, json, self, v);
          case SET -> new Definition.SetDef(setNode(json, "definition", 1, entityType, self, v));
          case SAMPLE -> sample(json, entityType, self, v);
          case LOOKALIKE -> lookalike(json, entityType, self, v);
          case TABLE -> table(json, v, probe);
          default -> throw new InvalidInputException(
              "invalid-segment", "kind", kind + " segments are not created from a definition");
        };
    if (!v.isEmpty()) {
      throw new InvalidInputException("invalid-segment", "The segment definition is not valid", v);
    }
    return d;
  }

  /** Re-parses a stored definition (it was valid when stored; inputs are checked at refresh). */
  public Definition stored(Segment s) {
    if (!s.kind().recomputable()) {
      return new Definition.Fixed();
    }
    // no probe: a refresh reads the source anyway (and fails the segment if it cannot), and
    // membership explanations must not query an external database
    return parse(s.kind(), s.entityType(), tree(s.definition()), s.id(), false);
  }

  /**
   * {@code {"source", "table" | "query", "column"?}}; the column defaults to {@code
   * user_unique_id} (the reference product's id column). When creating or changing the segment the
   * source is read once, so a bad table, query or column is refused now, naming the field.
   */
  private Definition table(JsonNode json, List<Violation> v, boolean probe) {
    for (java.util.Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!java.util.Set.of("source", "table", "query", "column").contains(f)) {
        v.add(new Violation("definition." + f, "unknown field (source, table or query, column)"));
      }
    }
    String source = json.path("source").asText(null);
    String table = json.path("table").asText(null);
    String query = json.path("query").asText(null);
    String column = json.path("column").asText("user_unique_id");
    if (source == null || source.isBlank()) {
      v.add(new Violation("definition.source", "the name of a configured source (cairn.sources.<name>)"));
    }
    if ((table == null) == (query == null)) {
      v.add(new Violation("definition.table", "give a table or a query, not both"));
    }
    if (!v.isEmpty()) {
      return null;
    }
    Definition.TableDef d = new Definition.TableDef(source, table, query, column);
    if (!probe) {
      return d;
    }
    try (java.util.stream.Stream<String> ids = tables.ids(source, d.tableOrQuery(), column)) {
      ids.findFirst(); // opens, runs and reads the column: every mistake surfaces here
    } catch (InvalidInputException e) {
      e.violations().forEach(x -> v.add(new Violation("definition." + x.field(), x.message())));
    }
    return d;
  }

  private Definition rule(String entityType, JsonNode json, Long self, List<Violation> v) {
    List<Combine> combine = new ArrayList<>();
    JsonNode steps = json.get("combine");
    if (steps != null && !steps.isNull()) {
      if (!steps.isArray() || steps.size() > MAX_SET_INPUTS) {
        v.add(new Violation("definition.combine", "a list of at most 3 {op, segment} steps"));
      } else {
        for (int i = 0; i < steps.size(); i++) {
          String path = "definition.combine[" + i + "]";
          SetOp op = op(steps.get(i), path, v);
          Long seg = reference(steps.get(i), "segment", path, entityType, self, v);
          if (op != null && seg != null) {
            combine.add(new Combine(op, seg));
          }
        }
      }
    }
    SegmentEngine.Compiled compiled;
    try {
      compiled = engine.compile(entityType, json);
    } catch (InvalidInputException e) {
      e.violations().forEach(x -> v.add(new Violation("definition." + x.field(), x.message())));
      return null;
    }
    return new Definition.RuleDef(compiled, combine);
  }

  private SetNode setNode(
      JsonNode node, String path, int level, String entityType, Long self, List<Violation> v) {
    if (node != null && node.has("segment")) {
      Long seg = reference(node, "segment", path, entityType, self, v);
      return seg == null ? null : new Ref(seg);
    }
    if (level > MAX_SET_LEVELS) {
      v.add(new Violation(path, "set operations nest at most " + MAX_SET_LEVELS + " levels"));
      return null;
    }
    SetOp op = op(node, path, v);
    JsonNode inputs = node == null ? null : node.get("inputs");
    if (inputs == null || !inputs.isArray() || inputs.size() < 2 || inputs.size() > MAX_SET_INPUTS) {
      v.add(new Violation(path + ".inputs", "2 to " + MAX_SET_INPUTS + " inputs"));
      return null;
    }
    List<SetNode> children = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      children.add(setNode(inputs.get(i), path + ".inputs[" + i + "]", level + 1, entityType, self, v));
    }
    return op == null || children.contains(null) ? null : new Op(op, children);
  }

  private Definition sample(JsonNode json, String entityType, Long self, List<Violation> v) {
    Long seg = reference(json, "segment", "definition", entityType, self, v);
    JsonNode size = json.get("size");
    JsonNode percent = json.get("percent");
    if ((size == null) == (percent == null)) {
      v.add(new Violation("definition.size", "give either size (members) or percent"));
    } else if (size != null && (!size.canConvertToLong() || size.asLong() < 1)) {
      v.add(new Violation("definition.size", "a whole number of members ≥ 1"));
    } else if (percent != null
        && (!percent.isNumber() || percent.asDouble() <= 0 || percent.asDouble() > 100)) {
      v.add(new Violation("definition.percent", "a number in (0, 100]"));
    }
    JsonNode seed = json.get("seed");
    if (seed != null && !seed.canConvertToLong()) {
      v.add(new Violation("definition.seed", "a whole number"));
    }
    return seg == null
        ? null
        : new Definition.SampleDef(
            seg,
            size == null ? null : size.asLong(),
            percent == null ? null : percent.asDouble(),
            seed == null ? 0 : seed.asLong());
  }

  private Definition lookalike(JsonNode json, String entityType, Long self, List<Violation> v) {
    Long seed = reference(json, "seed", "definition", entityType, self, v);
    JsonNode target = json.get("targetSize");
    if (target == null || !target.canConvertToInt() || target.asInt() < 1) {
      v.add(new Violation("definition.targetSize", "a whole number of entities ≥ 1"));
    }
    Lookalike.Tier tier = Lookalike.Tier.MODERATE;
    if (json.hasNonNull("tier")) {
      try {
        tier = Lookalike.Tier.valueOf(json.get("tier").asText().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        v.add(new Violation("definition.tier", "one of precise, moderate, expanded"));
      }
    }
    return seed == null || target == null
        ? null
        : new Definition.LookalikeDef(seed, target.asInt(), tier);
  }

  private static SetOp op(JsonNode node, String path, List<Violation> v) {
    String op = node == null ? "" : node.path("op").asText("");
    try {
      return SetOp.valueOf(op.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      v.add(new Violation(path + ".op", "one of union, intersect, minus"));
      return null;
    }
  }

  /** Reads and checks {@code node.field} as a segment id. */
  private Long reference(
      JsonNode node, String field, String path, String entityType, Long self, List<Violation> v) {
    JsonNode id = node == null ? null : node.get(field);
    String at = path + "." + field;
    if (id == null || !id.canConvertToLong()) {
      v.add(new Violation(at, "a segment id"));
      return null;
    }
    long seg = id.asLong();
    Optional<Segment> target = store.find(seg);
    if (target.isEmpty()) {
      v.add(new Violation(at, "segment " + seg + " does not exist"));
      return null;
    }
    if (!target.get().entityType().equals(entityType)) {
      v.add(new Violation(at, "segment " + seg + " holds " + target.get().entityType()
          + " entities, not " + entityType));
      return null;
    }
    if (self != null && reaches(seg, self)) {
      v.add(new Violation(at, "segment " + seg + " depends on this segment: that is a cycle"));
      return null;
    }
    return seg;
  }

  /** Whether following inputs from {@code from} arrives at {@code target}. */
  private boolean reaches(long from, long target) {
    Deque<Long> todo = new ArrayDeque<>(List.of(from));
    Set<Long> seen = new HashSet<>();
    while (!todo.isEmpty()) {
      long id = todo.pop();
      if (id == target) {
        return true;
      }
      if (seen.add(id)) {
        store.find(id).ifPresent(s -> todo.addAll(references(s.kind(), s.definition())));
      }
    }
    return false;
  }

  /** The ids of the segments a stored definition takes as inputs. */
  public static Set<Long> references(SegmentKind kind, String definition) {
    Set<Long> ids = new LinkedHashSet<>();
    if (kind.recomputable() && definition != null) {
      collect(tree(definition), kind == SegmentKind.LOOKALIKE ? "seed" : "segment", ids);
    }
    return ids;
  }

  static Set<Long> references(Segment s) {
    return references(s.kind(), s.definition());
  }

  private static void collect(JsonNode node, String field, Set<Long> ids) {
    if (node.isObject()) {
      JsonNode id = node.get(field);
      if (id != null && id.canConvertToLong()) {
        ids.add(id.asLong());
      }
    }
    node.forEach(child -> collect(child, field, ids));
  }

  private static JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored segment definition is not JSON", e);
    }
  }
}
