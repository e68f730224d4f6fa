package io.cairn.engine.segment.internal;

import io.cairn.engine.profile.ProfilesImported;
import io.cairn.engine.profile.SnapshotsPurged;
import io.cairn.engine.profile.TagCatalog;
import io.cairn.engine.profile.TagDefinition;
import io.cairn.engine.profile.TagType;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.roaringbitmap.RoaringBitmap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.stereotype.Component;

/**
 * One {@link TagIndex} per entity type. Loaded from the stored columns on first use (never from
 * profile rows, except once for data that predates stored columns); when an import commits, the
 * columns it wrote (its tags on its date) are rebuilt from their rows, stored and swapped in, and
 * the other columns are kept. Entities created since (by imports or events) join the universe at
 * the next {@link #get}.
 */
@Component
class TagIndexes {

  private static final Logger log = LoggerFactory.getLogger(TagIndexes.class);

  /** An index and the first entity id its universe does not cover. */
  private record Loaded(TagIndex index, int coversBelow) {}

  private final TagIndexStore store;
  private final TagCatalog catalog;
  private final Map<String, Loaded> loaded = new ConcurrentHashMap<>();

  TagIndexes(TagIndexStore store, TagCatalog catalog) {
    this.store = store;
    this.catalog = catalog;
  }

  TagIndex get(String entityType) {
    Loaded l = loaded.get(entityType);
    if (l == null) {
      l = loadOnce(entityType);
    }
    if (store.nextEntityId(entityType) > l.coversBelow()) {
      l = extend(entityType);
    }
    return l.index();
  }

  private synchronized Loaded loadOnce(String entityType) {
    Loaded l = loaded.get(entityType);
    if (l == null) {
      l = load(entityType);
      loaded.put(entityType, l);
    }
    return l;
  }

  /** Adds entities created since the universe was read. */
  private synchronized Loaded extend(String entityType) {
    Loaded l = loaded.get(entityType);
    int next = store.nextEntityId(entityType);
    if (next <= l.coversBelow()) {
      return l;
    }
    RoaringBitmap universe = RoaringBitmap.or(l.index().universe(), store.entityIds(entityType, l.coversBelow()));
    Loaded extended = new Loaded(l.index().withUniverse(universe), next);
    loaded.put(entityType, extended);
    return extended;
  }

  private Loaded load(String entityType) {
    long started = System.nanoTime();
    if (store.hasRowsWithoutColumns(entityType)) {
      log.info("building the {} tag index from profile rows (first start on older data)", entityType);
      for (Map.Entry<String, LocalDate> s : store.snapshots(entityType)) {
        rebuild(entityType, s.getKey(), s.getValue());
      }
      saveUniverse(entityType);
    }
    Map<String, TreeMap<LocalDate, TagColumn>> columns = store.loadColumns(entityType);
    TagIndexStore.Universe stored = store.loadUniverse(entityType);
    RoaringBitmap universe = RoaringBitmap.or(stored.ids(), store.entityIds(entityType, stored.coversBelow()));
    int next = Math.max(stored.coversBelow(), store.nextEntityId(entityType));
    log.info(
        "loaded the {} tag index: {} tags, {} entities in {} ms",
        entityType,
        columns.size(),
        universe.getLongCardinality(),
        (System.nanoTime() - started) / 1_000_000);
    return new Loaded(new TagIndex(universe, Map.copyOf(columns)), next);
  }

  /**
   * Rebuilds what an import wrote. Runs in the importing thread after its rows committed (after
   * the caller's transaction, if it ran in one: the index must not read or lock rows of an import
   * still open), so an import's caller sees its data in segments as soon as the import returns.
   */
  @TransactionalEventListener(fallbackExecution = true)
  synchronized void onImport(ProfilesImported event) {
    String type = event.entityType();
    Loaded current = loaded.get(type);
    TagIndex index = current == null ? null : current.index();
    for (String tag : event.tags()) {
      TagColumn column = rebuild(type, tag, event.snapshotDate());
      index = index == null ? null : index.with(tag, event.snapshotDate(), column);
    }
    TagIndexStore.Universe universe = saveUniverse(type);
    if (index != null) {
      loaded.put(type, new Loaded(index.withUniverse(universe.ids()), universe.coversBelow()));
    }
  }

  /**
   * Snapshots past the retention were deleted: their stored columns go too, and the loaded index
   * forgets them (a rule reading "as of" such a date then finds no value there, as its SQL does).
   */
  @TransactionalEventListener(fallbackExecution = true)
  synchronized void onPurge(SnapshotsPurged event) {
    String type = event.entityType();
    Loaded current = loaded.get(type);
    TagIndex index = current == null ? null : current.index();
    for (Map.Entry<String, java.util.List<LocalDate>> e : event.datesByTag().entrySet()) {
      store.deleteColumns(type, e.getKey(), e.getValue());
      index = index == null ? null : index.without(e.getKey(), e.getValue());
    }
    if (current != null) {
      loaded.put(type, new Loaded(index, current.coversBelow()));
    }
  }

  private TagColumn rebuild(String entityType, String tag, LocalDate date) {
    TagType type = catalog.find(entityType, tag).map(TagDefinition::type).orElse(TagType.TEXT);
    TagColumn column = store.readColumn(entityType, tag, date, type);
    store.saveColumn(entityType, tag, date, column);
    return column;
  }

  /** Reads every entity id once and stores the universe (after imports, which add many). */
  private TagIndexStore.Universe saveUniverse(String entityType) {
    int next = store.nextEntityId(entityType);
    TagIndexStore.Universe universe = new TagIndexStore.Universe(store.entityIds(entityType, 0), next);
    universe.ids().runOptimize();
    store.saveUniverse(entityType, universe);
    return universe;
  }
}
