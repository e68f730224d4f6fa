package io.cairn.engine.segment.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import org.roaringbitmap.BitmapContainer;

/**
 * Read access to the 1,024 words of a RoaringBitmap bitmap container, for {@link AndCardinality}
 * and {@link ChunkWords}.
 *
 * <p>Why not only the public {@link BitmapContainer#copyBitmapTo}: counting an AND of dense tags is
 * bound by memory bandwidth, and copying every operand first doubles the bytes moved (a throwaway
 * microbenchmark on the 2-core machine, 10 M users × 10 dense operands: 0.65 ms with copies, 0.30
 * ms reading the words in place). The words live in the container's package-private field {@code
 * bitmap}; RoaringBitmap sits on the class path, so a private lookup may read it. Should a
 * RoaringBitmap upgrade rename the field, or modules forbid the access, {@link #best()} falls back
 * to copying: slower, never wrong. Callers must treat a returned array as read-only: it may be the
 * index's own.
 */
abstract class ContainerWords {

  static final int WORDS = 1 << 10;

  /** Copies the words into the caller's buffer; works with any RoaringBitmap version. */
  static final ContainerWords COPY =
      new ContainerWords() {
        @Override
        long[] words(BitmapContainer c, long[] scratch) {
          c.copyBitmapTo(scratch, 0);
          return scratch;
        }
      };

  private static final ContainerWords BEST = inPlaceOr(COPY);

  /** The words of {@code c}: its own array, or {@code scratch} (1,024 words) filled with them. */
  abstract long[] words(BitmapContainer c, long[] scratch);

  /** Reading in place where the library allows it, else {@link #COPY}. */
  static ContainerWords best() {
    return BEST;
  }

  private static ContainerWords inPlaceOr(ContainerWords fallback) {
    MethodHandle getter;
    try {
      getter =
          MethodHandles.privateLookupIn(BitmapContainer.class, MethodHandles.lookup())
              .findGetter(BitmapContainer.class, "bitmap", long[].class);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return fallback;
    }
    return new ContainerWords() {
      @Override
      long[] words(BitmapContainer c, long[] scratch) {
        try {
          return (long[]) getter.invokeExact(c);
        } catch (Throwable t) {
          throw new IllegalStateException("cannot read a bitmap container", t);
        }
      }
    };
  }
}
