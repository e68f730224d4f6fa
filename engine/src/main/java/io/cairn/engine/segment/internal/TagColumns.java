package io.cairn.engine.segment.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import io.cairn.engine.profile.TagType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.roaringbitmap.RangeBitmap;
import org.roaringbitmap.RoaringBitmap;

/** Builds {@link TagColumn}s from values, and stores them as bytes (the form kept in the database). */
final class TagColumns {

  /** Kind byte of a values column that stores presence and every value (older columns). */
  private static final byte VALUES = 1;

  private static final byte NUMBERS = 2;

  /** Kind byte of a values column that may leave presence or a boolean value out. */
  private static final byte COMPACT_VALUES = 3;

  /**
   * A column is sparse, and derives its presence from its values, when fewer than one in this
   * many ids up to its highest holds a value: the union is then cheap and presence would cost as
   * much again as the values.
   */
  private static final int SPARSE = 16;

  private TagColumns() {}

  /** Collects the values of one tag on one date, entity by entity, in any order. */
  static final class Builder {
    private final boolean numeric;
    private final boolean bool;
    private final RoaringBitmap present = new RoaringBitmap();
    private final Map<String, RoaringBitmap> byValue = new HashMap<>();
    private int[] entities = new int[1024];
    private double[] numbers = new double[1024];
    private int count;

    Builder(TagType type) {
      this.numeric = type == TagType.NUMBER || type == TagType.DATE;
      this.bool = type == TagType.BOOLEAN;
    }

    void add(int entity, String text, double number) {
      present.add(entity);
      if (!numeric) {
        byValue.computeIfAbsent(text, k -> new RoaringBitmap()).add(entity);
        return;
      }
      if (count == entities.length) {
        entities = Arrays.copyOf(entities, count * 2);
        numbers = Arrays.copyOf(numbers, count * 2);
      }
      entities[count] = entity;
      numbers[count++] = number;
    }

    TagColumn build() {
      present.runOptimize();
      if (!numeric) {
        byValue.values().forEach(RoaringBitmap::runOptimize);
        return compact(present, byValue, bool);
      }
      double[] distinct = Arrays.stream(numbers, 0, count).sorted().distinct().toArray();
      int rows = count == 0 ? 0 : present.last() + 1;
      int[] rank = new int[rows];
      Arrays.fill(rank, distinct.length); // no value: a rank no range reaches
      for (int i = 0; i < count; i++) {
        rank[entities[i]] = Arrays.binarySearch(distinct, numbers[i]);
      }
      RangeBitmap.Appender appender = RangeBitmap.appender(Math.max(1, distinct.length));
      for (int r : rank) {
        appender.add(r);
      }
      // The appender is the only way to serialise a RangeBitmap, so the column keeps its bytes.
      ByteBuffer encoded = ByteBuffer.allocate(appender.serializedSizeInBytes());
      appender.serialize(encoded);
      return TagColumn.Numbers.of(present, distinct, encoded.array());
    }
  }

  /** The values column without what can be derived (see {@link TagColumn.Values}). */
  static TagColumn.Values compact(
      RoaringBitmap present, Map<String, RoaringBitmap> byValue, boolean bool) {
    if (bool && byValue.size() == 2) {
      // A boolean has one value per entity, so either value is presence minus the other: keep
      // the smaller one.
      List<Map.Entry<String, RoaringBitmap>> two = new ArrayList<>(byValue.entrySet());
      two.sort(Comparator.comparingLong(e -> e.getValue().getLongCardinality()));
      return new TagColumn.Values(
          present, Map.of(two.get(0).getKey(), two.get(0).getValue()), two.get(1).getKey());
    }
    long span = present.isEmpty() ? 0 : Integer.toUnsignedLong(present.last()) + 1;
    boolean derive = byValue.size() == 1 || present.getLongCardinality() * SPARSE < span;
    return new TagColumn.Values(derive ? null : present, Map.copyOf(byValue), null);
  }

  static byte[] serialize(TagColumn column) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      if (column instanceof TagColumn.Values v) {
        out.writeByte(COMPACT_VALUES);
        out.writeBoolean(v.storedPresent() != null);
        if (v.storedPresent() != null) {
          v.storedPresent().serialize(out);
        }
        out.writeUTF(v.implicit() == null ? "" : v.implicit());
        out.writeBoolean(v.implicit() != null);
        writeValues(out, v.stored());
      } else {
        TagColumn.Numbers n = (TagColumn.Numbers) column;
        out.writeByte(NUMBERS);
        n.present().serialize(out);
        out.writeInt(n.distinct().length);
        for (double d : n.distinct()) {
          out.writeDouble(d);
        }
        out.writeInt(n.encodedRanks().length);
        out.write(n.encodedRanks());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Reads what {@link #serialize} wrote; throws {@link UncheckedIOException} when corrupt. */
  static TagColumn deserialize(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      byte kind = in.readByte();
      if (kind == COMPACT_VALUES) {
        RoaringBitmap present = in.readBoolean() ? read(in) : null;
        String implicit = in.readUTF();
        boolean hasImplicit = in.readBoolean();
        if (hasImplicit && present == null) {
          throw new IOException("an implicit value without a presence bitmap");
        }
        return new TagColumn.Values(present, readValues(in), hasImplicit ? implicit : null);
      }
      RoaringBitmap present = read(in);
      if (kind == VALUES) {
        return TagColumn.Values.full(present, readValues(in));
      }
      int n = in.readInt();
      if (kind != NUMBERS) {
        throw new IOException("unknown column kind " + kind);
      }
      double[] distinct = new double[n];
      for (int i = 0; i < n; i++) {
        distinct[i] = in.readDouble();
      }
      byte[] ranks = new byte[in.readInt()];
      in.readFully(ranks);
      return TagColumn.Numbers.of(present, distinct, ranks);
    } catch (IOException e) {
      throw new UncheckedIOException("corrupt tag column", e);
    }
  }

  private static void writeValues(DataOutputStream out, Map<String, RoaringBitmap> byValue)
      throws IOException {
    out.writeInt(byValue.size());
    for (Map.Entry<String, RoaringBitmap> e : byValue.entrySet()) {
      out.writeUTF(e.getKey());
      e.getValue().serialize(out);
    }
  }

  private static Map<String, RoaringBitmap> readValues(DataInputStream in) throws IOException {
    int n = in.readInt();
    Map<String, RoaringBitmap> byValue = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      String value = in.readUTF();
      byValue.put(value, read(in));
    }
    return Map.copyOf(byValue);
  }

  private static RoaringBitmap read(DataInputStream in) throws IOException {
    RoaringBitmap b = new RoaringBitmap();
    b.deserialize(in);
    return b;
  }
}
