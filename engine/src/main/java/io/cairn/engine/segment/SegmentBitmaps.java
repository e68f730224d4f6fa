package io.cairn.engine.segment;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.roaringbitmap.RoaringBitmap;

/** The stored form of member sets (segment snapshots, journey cohorts): portable Roaring format. */
public final class SegmentBitmaps {

  private SegmentBitmaps() {}

  /** Serialises in RoaringBitmap's portable format (run-optimised first). */
  public static byte[] serialize(RoaringBitmap bitmap) {
    bitmap.runOptimize();
    ByteArrayOutputStream out = new ByteArrayOutputStream(bitmap.serializedSizeInBytes());
    try (DataOutputStream data = new DataOutputStream(out)) {
      bitmap.serialize(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Reads what {@link #serialize} wrote; throws {@link UncheckedIOException} when corrupt. */
  public static RoaringBitmap deserialize(byte[] bytes) {
    RoaringBitmap bitmap = new RoaringBitmap();
    try {
      bitmap.deserialize(ByteBuffer.wrap(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException("corrupt bitmap", e);
    }
    return bitmap;
  }
}
