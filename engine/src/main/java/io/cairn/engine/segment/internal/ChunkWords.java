package io.cairn.engine.segment.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.util.Arrays;
import org.roaringbitmap.ArrayContainer;
import org.roaringbitmap.BitmapContainer;
import org.roaringbitmap.Container;
import org.roaringbitmap.PeekableCharIterator;
import org.roaringbitmap.RoaringArray;
import org.roaringbitmap.RoaringBitmap;
import org.roaringbitmap.RunContainer;
import org.roaringbitmap.buffer.MappeableArrayContainer;
import org.roaringbitmap.buffer.MappeableBitmapContainer;
import org.roaringbitmap.buffer.MutableRoaringBitmap;

/**
 * The word kernels of {@link ChunkPlan}: one chunk of 65,536 ids as 1,024 words, combined in place
 * with the containers of the same chunk, whatever their kind, and turned back into a container
 * once.
 *
 * <p>Why words and not the library's container operations: {@code and}, {@code or} and {@code
 * andNot} on containers each allocate a result, and {@code FastAggregation} builds whole
 * intermediate bitmaps per group; a rule of ten dense operands then moves every id through memory
 * several times. Here the chunk's words stay in the L1 cache while each operand is read once. Bitmap
 * containers are read in place ({@link ContainerWords}); a run container clears its gaps (AND) or
 * its runs (AND NOT) without being expanded; an array container sets or clears its few bits (for an
 * AND it is expanded into a scratch array first).
 */
final class ChunkWords {

  static final int WORDS = ContainerWords.WORDS;

  /** Array containers hold at most this many ids; above it a chunk is a bitmap container. */
  private static final int ARRAY_MAX = 4_096;

  private static final ContainerWords ACCESS = ContainerWords.best();
  private static final Output OUTPUT = Output.best();

  private ChunkWords() {}

  /** {@code words = c}. */
  static void set(Container c, long[] words) {
    if (c instanceof BitmapContainer b) {
      System.arraycopy(ACCESS.words(b, words), 0, words, 0, WORDS);
    } else if (c instanceof RunContainer) {
      Arrays.fill(words, -1L);
      and(c, words, null); // clears the gaps
    } else {
      Arrays.fill(words, 0L);
      c.copyBitmapTo(words, 0); // an array ORs its bits in
    }
  }

  /** {@code words |= c}; {@code scratch} (1,024 words) may be overwritten. */
  static void or(Container c, long[] words, long[] scratch) {
    if (c instanceof BitmapContainer b) {
      long[] w = ACCESS.words(b, scratch);
      for (int i = 0; i < WORDS; i++) {
        words[i] |= w[i];
      }
    } else {
      c.copyBitmapTo(words, 0);
    }
  }

  /** {@code words &= c}; {@code scratch} (1,024 words) may be overwritten. */
  static void and(Container c, long[] words, long[] scratch) {
    if (c instanceof BitmapContainer b) {
      long[] w = ACCESS.words(b, scratch);
      for (int i = 0; i < WORDS; i++) {
        words[i] &= w[i];
      }
    } else if (c instanceof RunContainer r) {
      int from = 0; // clear every gap between runs
      for (int i = 0; i < r.numberOfRuns(); i++) {
        int start = r.getValue(i);
        clear(words, from, start);
        from = start + r.getLength(i) + 1;
      }
      clear(words, from, 1 << 16);
    } else {
      set(c, scratch);
      for (int i = 0; i < WORDS; i++) {
        words[i] &= scratch[i];
      }
    }
  }

  /** {@code words &= ~c}; {@code scratch} (1,024 words) may be overwritten. */
  static void andNot(Container c, long[] words, long[] scratch) {
    if (c instanceof BitmapContainer b) {
      long[] w = ACCESS.words(b, scratch);
      for (int i = 0; i < WORDS; i++) {
        words[i] &= ~w[i];
      }
    } else if (c instanceof RunContainer r) {
      for (int i = 0; i < r.numberOfRuns(); i++) {
        int start = r.getValue(i);
        clear(words, start, start + r.getLength(i) + 1);
      }
    } else {
      for (PeekableCharIterator it = c.getCharIterator(); it.hasNext(); ) {
        int v = it.next();
        words[v >>> 6] &= ~(1L << v);
      }
    }
  }

  /** {@code words &= ~other}. */
  static void andNot(long[] other, long[] words) {
    for (int i = 0; i < WORDS; i++) {
      words[i] &= ~other[i];
    }
  }

  /** {@code words &= other}. */
  static void and(long[] other, long[] words) {
    for (int i = 0; i < WORDS; i++) {
      words[i] &= other[i];
    }
  }

  static int count(long[] words) {
    int bits = 0;
    for (int i = 0; i < WORDS; i++) {
      bits += Long.bitCount(words[i]);
    }
    return bits;
  }

  /**
   * Clears bits {@code from} (inclusive) to {@code to} (exclusive). Inlines the usual case of a
   * dense tag's run container, a gap or run within one word, which the library's general
   * range method spends more on than the AND itself.
   */
  private static void clear(long[] words, int from, int to) {
    if (from >= to) {
      return;
    }
    int first = from >>> 6;
    if (first == (to - 1) >>> 6) {
      words[first] &= ~((-1L << from) & (-1L >>> -to)); // shifts count modulo 64
    } else {
      org.roaringbitmap.Util.resetBitmapRange(words, from, to);
    }
  }

  /**
   * A bitmap being assembled chunk by chunk, keys ascending. A chunk is computed in {@link
   * #words()}; a dense chunk keeps that array as its container, and the next chunk gets a new one,
   * so no chunk is copied.
   */
  static final class Builder {
    private final RoaringBitmap bitmap = new RoaringBitmap();
    private final MutableRoaringBitmap copied;
    private long[] words = new long[WORDS];

    Builder() {
      this(OUTPUT != null);
    }

    /** {@code inPlace} false: through public methods and one copy, as without private access. */
    Builder(boolean inPlace) {
      copied = inPlace ? null : new MutableRoaringBitmap();
    }

    /** The array to compute the next chunk in. */
    long[] words() {
      return words;
    }

    /** Appends {@link #words()} as the chunk {@code key} ({@code bits} set; 0 = skip). */
    void append(char key, int bits) {
      if (bits == 0) {
        return;
      }
      Container c;
      if (bits <= ARRAY_MAX) {
        c = new ArrayContainer(bits, ids(words, bits));
      } else {
        c = new BitmapContainer(words, bits);
        words = new long[WORDS];
      }
      if (copied == null) {
        OUTPUT.append(bitmap, key, c);
      } else {
        copied
            .getMappeableRoaringArray()
            .append(
                key,
                c instanceof ArrayContainer a
                    ? new MappeableArrayContainer(a)
                    : new MappeableBitmapContainer((BitmapContainer) c));
      }
    }

    RoaringBitmap build() {
      return copied != null ? copied.toRoaringBitmap() : bitmap;
    }

    /** The low 16 bits of every id set in {@code words}, ascending. */
    private static char[] ids(long[] words, int bits) {
      char[] out = new char[bits];
      int n = 0;
      for (int i = 0; i < WORDS; i++) {
        for (long w = words[i]; w != 0; w &= w - 1) {
          out[n++] = (char) ((i << 6) + Long.numberOfTrailingZeros(w));
        }
      }
      return out;
    }
  }

  /**
   * Appends a container to a bitmap in place, through the bitmap's package-private container
   * array (as {@link ContainerWords} reads container words); null when the library does not allow
   * it, and then {@link Builder} assembles a {@link MutableRoaringBitmap} through public methods
   * and copies it once: slower, never wrong.
   */
  private static final class Output {
    private final MethodHandle containers;

    private Output(MethodHandle containers) {
      this.containers = containers;
    }

    static Output best() {
      try {
        return new Output(
            MethodHandles.privateLookupIn(RoaringBitmap.class, MethodHandles.lookup())
                .findGetter(RoaringBitmap.class, "highLowContainer", RoaringArray.class));
      } catch (ReflectiveOperationException | RuntimeException e) {
        return null;
      }
    }

    void append(RoaringBitmap bitmap, char key, Container c) {
      try {
        ((RoaringArray) containers.invokeExact(bitmap)).append(key, c);
      } catch (Throwable t) {
        throw new IllegalStateException("cannot append a container", t);
      }
    }
  }
}
