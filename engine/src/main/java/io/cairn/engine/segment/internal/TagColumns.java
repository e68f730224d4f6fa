package io.cairn.engine.segment.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.roaringbitmap.RangeBitmap;
import org.roaringbitmap.RoaringBitmap;

/** Builds {@link TagColumn}s from values, and stores them as bytes (the form kept in the database). */
final class TagColumns {

  private static final byte VALUES = 1;
  private static final byte NUMBERS = 2;

  private TagColumns() {}

  /** Collects the values of one tag on one date, entity by entity, in any order. */
  static final class Builder {
    private final boolean numeric;
    private final RoaringBitmap present = new RoaringBitmap();
    private final Map<String, RoaringBitmap> byValue = new HashMap<>();
    private int[] entities = new int[1024];
    private double[] numbers = new double[1024];
    private int count;

    Builder(boolean numeric) {
      this.numeric = numeric;
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
        return new TagColumn.Values(present, Map.copyOf(byValue));
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

  static byte[] serialize(TagColumn column) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      if (column instanceof TagColumn.Values v) {
          out.writeByte(VALUES);
          v.present().serialize(out);
          out.writeInt(v.byValue().size());
          for (Map.Entry<String, RoaringBitmap> e : v.byValue().entrySet()) {
            out.writeUTF(e.getKey());
            e.getValue().serialize(out);
          }
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
      RoaringBitmap present = new RoaringBitmap();
      present.deserialize(in);
      int n = in.readInt();
      if (kind == VALUES) {
        Map<String, RoaringBitmap> byValue = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
          String value = in.readUTF();
          RoaringBitmap b = new RoaringBitmap();
          b.deserialize(in);
          byValue.put(value, b);
        }
        return new TagColumn.Values(present, Map.copyOf(byValue));
      }
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
}
