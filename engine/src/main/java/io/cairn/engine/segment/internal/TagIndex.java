package io.cairn.engine.segment.internal;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.roaringbitmap.RoaringBitmap;

/**
 * Every retained snapshot of every tag of one entity type, as {@link TagColumn}s, plus the set of
 * all entities. Immutable: an import produces a new index sharing the untouched columns, so
 * evaluations running on the old one are never disturbed.
 */
final class TagIndex {

  private final RoaringBitmap universe;
  private final Map<String, NavigableMap<LocalDate, TagColumn>> columns;

  TagIndex(RoaringBitmap universe, Map<String, NavigableMap<LocalDate, TagColumn>> columns) {
    this.universe = universe;
    this.columns = columns;
  }

  static TagIndex empty() {
    return new TagIndex(new RoaringBitmap(), Map.of());
  }

  /** Every entity of the type. Never modify it. */
  RoaringBitmap universe() {
    return universe;
  }

  /** The tags that have at least one column. */
  java.util.Set<String> tags() {
    return columns.keySet();
  }

  /** The newest column on or before {@code date} (null = the newest of all), or null if none. */
  TagColumn column(String tag, LocalDate date) {
    NavigableMap<LocalDate, TagColumn> byDate = columns.get(tag);
    if (byDate == null) {
      return null;
    }
    Map.Entry<LocalDate, TagColumn> e = date == null ? byDate.lastEntry() : byDate.floorEntry(date);
    return e == null ? null : e.getValue();
  }

  /** The column a condition reads (for a change: its later date). */
  TagColumn column(String tag, Rule.Snapshot at) {
    if (at instanceof Rule.AsOf asOf) {
      return column(tag, asOf.date());
    }
    if (at instanceof Rule.Change change) {
      return column(tag, change.to());
    }
    return column(tag, (LocalDate) null);
  }

  /** A copy with the tag's column of {@code date} replaced (or added). */
  TagIndex with(String tag, LocalDate date, TagColumn column) {
    Map<String, NavigableMap<LocalDate, TagColumn>> copy = new HashMap<>(columns);
    NavigableMap<LocalDate, TagColumn> dates = new TreeMap<>(copy.getOrDefault(tag, new TreeMap<>()));
    dates.put(date, column);
    copy.put(tag, dates);
    return new TagIndex(universe, Map.copyOf(copy));
  }

  /** A copy without the columns of these dates (dates it does not hold are ignored). */
  TagIndex without(String tag, java.util.Collection<LocalDate> dates) {
    if (!columns.containsKey(tag)) {
      return this;
    }
    Map<String, NavigableMap<LocalDate, TagColumn>> copy = new HashMap<>(columns);
    NavigableMap<LocalDate, TagColumn> kept = new TreeMap<>(columns.get(tag));
    dates.forEach(kept::remove);
    if (kept.isEmpty()) {
      copy.remove(tag);
    } else {
      copy.put(tag, kept);
    }
    return new TagIndex(universe, Map.copyOf(copy));
  }

  TagIndex withUniverse(RoaringBitmap newUniverse) {
    return new TagIndex(newUniverse, columns);
  }

  /** Bytes held by the bitmaps of one tag (all dates), for memory reports. */
  long sizeInBytes(String tag) {
    long bytes = 0;
    for (TagColumn c : columns.getOrDefault(tag, new TreeMap<>()).values()) {
      if (c instanceof TagColumn.Values v) {
        bytes += v.storedPresent() == null ? 0 : v.storedPresent().getLongSizeInBytes();
        for (RoaringBitmap b : v.stored().values()) {
          bytes += b.getLongSizeInBytes();
        }
      } else {
        TagColumn.Numbers n = (TagColumn.Numbers) c;
        bytes += n.present().getLongSizeInBytes() + n.encodedRanks().length + 8L * n.distinct().length;
      }
    }
    return bytes;
  }
}
