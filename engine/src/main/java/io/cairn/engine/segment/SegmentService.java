package io.cairn.engine.segment;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.engine.problem.ConflictException;
import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.problem.NotFoundException;
import io.cairn.engine.profile.EntityTypes;
import io.cairn.engine.segment.internal.SegmentEngine;
import io.cairn.engine.segment.internal.SegmentStore;
import jakarta.annotation.PreDestroy;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.roaringbitmap.RoaringBitmap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Segments: create one from a rule (validated now, evaluated in the background), read its state,
 * estimate a rule without saving it, and hand its members to journeys. Thread-safe.
 */
@Service
public class SegmentService {

  private static final Logger log = LoggerFactory.getLogger(SegmentService.class);

  private final SegmentEngine engine;
  private final SegmentStore store;
  private final ExecutorService evaluations =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "cairn-segments");
            t.setDaemon(true);
            return t;
          });

  SegmentService(SegmentEngine engine, SegmentStore store) {
    this.engine = engine;
    this.store = store;
  }

  /**
   * Creates a rule segment in status GENERATING and evaluates it in the background (ACTIVE or
   * FAILED when done). Nothing is created when the input is invalid.
   *
   * @throws InvalidInputException naming the offending field
   */
  public Segment create(String name, String entityType, JsonNode rule) {
    if (name == null || name.isBlank() || name.length() > 128) {
      throw new InvalidInputException("invalid-segment", "name", "a name has 1 to 128 characters");
    }
    EntityTypes.require(entityType, "entityType");
    SegmentEngine.Compiled compiled = engine.compile(entityType, rule);
    long id = store.insert(name.trim(), entityType, rule.toString());
    evaluations.execute(() -> evaluate(id, compiled));
    return get(id);
  }

  private void evaluate(long id, SegmentEngine.Compiled compiled) {
    try {
      store.saveSnapshot(id, engine.evaluate(compiled));
    } catch (RuntimeException e) {
      log.error("segment {} failed to evaluate", id, e);
      store.markFailed(id, "evaluation failed: " + e.getClass().getSimpleName());
    }
  }

  /** @throws NotFoundException when there is no such segment */
  public Segment get(long id) {
    return store.find(id).orElseThrow(() -> new NotFoundException("segment", id));
  }

  /** Newest first. */
  public List<Segment> list(int page, int size) {
    return store.list(page, size);
  }

  public long count() {
    return store.count();
  }

  /** Size and SQL of a rule now, without saving anything. */
  public SegmentEstimate estimate(String entityType, JsonNode rule) {
    EntityTypes.require(entityType, "entityType");
    SegmentEngine.Compiled compiled = engine.compile(entityType, rule);
    return new SegmentEstimate(engine.evaluate(compiled).getLongCardinality(), engine.sql(compiled));
  }

  /**
   * The members of the latest snapshot (dense entity ids).
   *
   * @throws NotFoundException when there is no such segment
   * @throws ConflictException when the segment is not ACTIVE
   */
  public RoaringBitmap members(long id) {
    Segment segment = get(id);
    if (segment.status() != SegmentStatus.ACTIVE) {
      throw new ConflictException(
          "segment-not-active", "segment " + id + " is " + segment.status() + ", not ACTIVE");
    }
    return store.latestSnapshot(id).orElseThrow(() -> new NotFoundException("segment snapshot", id));
  }

  @PreDestroy
  void stop() {
    evaluations.shutdownNow();
  }
}
