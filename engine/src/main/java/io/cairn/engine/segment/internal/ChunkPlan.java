package io.cairn.engine.segment.internal;

import java.util.List;
import org.roaringbitmap.Container;
import org.roaringbitmap.ContainerPointer;
import org.roaringbitmap.RoaringBitmap;

/**
 * A rule reduced to bitmaps that already exist, evaluated one chunk of 65,536 ids at a time: groups
 * OR'ed, a group the AND of its terms minus its exclusion terms, a term the union of some bitmaps
 * or one bitmap minus that union (a negation). Each chunk's result is built in one array of 1,024
 * words ({@link ChunkWords}) and then counted, or turned into a container once; no intermediate
 * bitmap is built for a multi-value {@code in}, a {@code not_in}, a group or an exclusion.
 *
 * <p>{@link BitmapEvaluator} plans rules into this form. A plan reads its operands with cursors:
 * it is evaluated (or counted) once, by one thread.
 */
final class ChunkPlan {

  /** A group: every term of {@code all}, none of {@code none}. {@code all} is never empty. */
  record Group(List<Term> all, List<Term> none) {}

  private final List<Group> groups;

  ChunkPlan(List<Group> groups) {
    this.groups = groups;
  }

  /** The size of the result. */
  long count() {
    Buffers b = new Buffers();
    long total = 0;
    for (int key = 0, last = lastKey(); key <= last; key++) {
      if (chunk(key, b.out, b)) {
        total += ChunkWords.count(b.out);
      }
    }
    return total;
  }

  /** The result, a new bitmap. */
  RoaringBitmap evaluate() {
    Buffers b = new Buffers();
    ChunkWords.Builder result = new ChunkWords.Builder();
    for (int key = 0, last = lastKey(); key <= last; key++) {
      long[] words = result.words();
      if (chunk(key, words, b)) {
        result.append((char) key, ChunkWords.count(words));
      }
    }
    return result.build();
  }

  /** The highest key where some group may hold ids (-1 = none). */
  private int lastKey() {
    int last = -1;
    for (Group g : groups) {
      int groupLast = g.all().isEmpty() ? -1 : Integer.MAX_VALUE;
      for (Term t : g.all()) {
        groupLast = Math.min(groupLast, t.lastKey());
      }
      last = Math.max(last, groupLast);
    }
    return last;
  }

  /** Chunk {@code key} of the rule into {@code out}; false when it is certainly empty. */
  private boolean chunk(int key, long[] out, Buffers b) {
    boolean any = false;
    for (Group g : groups) {
      long[] target = any ? b.group : out;
      if (group(g, key, target, b)) {
        if (any) {
          for (int i = 0; i < ChunkWords.WORDS; i++) {
            out[i] |= target[i];
          }
        }
        any = true;
      }
    }
    return any;
  }

  private static boolean group(Group g, int key, long[] words, Buffers b) {
    List<Term> all = g.all();
    for (int i = 0; i < all.size(); i++) {
      if (!all.get(i).andInto(key, words, i == 0, b)) {
        return false;
      }
    }
    for (Term t : g.none()) {
      t.removeFrom(key, words, b);
    }
    return true;
  }

  /** Work arrays of one evaluation, 1,024 words each. */
  private static final class Buffers {
    final long[] out = new long[ChunkWords.WORDS];
    final long[] group = new long[ChunkWords.WORDS];
    final long[] union = new long[ChunkWords.WORDS];
    final long[] scratch = new long[ChunkWords.WORDS];
  }

  /** A bitmap read chunk by chunk, keys ascending. */
  static final class Operand {
    final RoaringBitmap bitmap;
    private final ContainerPointer at;

    Operand(RoaringBitmap bitmap) {
      this.bitmap = bitmap;
      this.at = bitmap.getContainerPointer();
    }

    /** The container of {@code key}, or null; keys must not decrease between calls. */
    Container at(int key) {
      Container c = at.getContainer();
      while (c != null && at.key() < key) {
        at.advance();
        c = at.getContainer();
      }
      return c != null && at.key() == key ? c : null;
    }

    int lastKey() {
      return bitmap.isEmpty() ? -1 : (int) (Integer.toUnsignedLong(bitmap.last()) >>> 16);
    }

    /** How many chunks hold ids. */
    int chunks() {
      int n = 0;
      for (ContainerPointer p = bitmap.getContainerPointer(); p.getContainer() != null; p.advance()) {
        n++;
      }
      return n;
    }
  }

  /**
   * One condition: the union of {@code anyOf}, or, when {@code within} is set, {@code within}
   * minus that union ({@code not_in}, absent: "has a value and none matches").
   */
  static final class Term {
    final Operand within;
    final Operand[] anyOf;

    private Term(RoaringBitmap within, RoaringBitmap[] anyOf) {
      this.within = within == null ? null : new Operand(within);
      this.anyOf = new Operand[anyOf.length];
      for (int i = 0; i < anyOf.length; i++) {
        this.anyOf[i] = new Operand(anyOf[i]);
      }
    }

    static Term anyOf(RoaringBitmap... bitmaps) {
      return new Term(null, bitmaps);
    }

    static Term butNot(RoaringBitmap within, RoaringBitmap... bitmaps) {
      return new Term(within, bitmaps);
    }

    /** The highest key where the term may hold ids (-1 = none). */
    int lastKey() {
      if (within != null) {
        return within.lastKey();
      }
      int last = -1;
      for (Operand o : anyOf) {
        last = Math.max(last, o.lastKey());
      }
      return last;
    }

    /** At most how many chunks the term covers. */
    int chunks() {
      if (within != null) {
        return within.chunks();
      }
      int n = 0;
      for (Operand o : anyOf) {
        n += o.chunks();
      }
      return n;
    }

    /**
     * {@code words &= term} on chunk {@code key} ({@code first}: {@code words = term}); false
     * when the term holds nothing there, and {@code words} is then undefined.
     */
    boolean andInto(int key, long[] words, boolean first, Buffers b) {
      if (within != null) {
        Container c = within.at(key);
        if (c == null) {
          return false;
        }
        apply(c, words, first, b);
        for (Operand o : anyOf) {
          Container not = o.at(key);
          if (not != null) {
            ChunkWords.andNot(not, words, b.scratch);
          }
        }
        return true;
      }
      Container only = null;
      int found = 0;
      for (Operand o : anyOf) {
        Container c = o.at(key);
        if (c != null) {
          only = c;
          found++;
        }
      }
      if (found <= 1) {
        if (only != null) {
          apply(only, words, first, b);
        }
        return only != null;
      }
      long[] union = first ? words : b.union;
      unionInto(key, union, b);
      if (!first) {
        ChunkWords.and(union, words);
      }
      return true;
    }

    /** {@code words &= ~term} on chunk {@code key}. */
    void removeFrom(int key, long[] words, Buffers b) {
      if (within == null) {
        for (Operand o : anyOf) {
          Container c = o.at(key);
          if (c != null) {
            ChunkWords.andNot(c, words, b.scratch);
          }
        }
        return;
      }
      if (andInto(key, b.union, true, b)) {
        ChunkWords.andNot(b.union, words);
      }
    }

    private static void apply(Container c, long[] words, boolean first, Buffers b) {
      if (first) {
        ChunkWords.set(c, words);
      } else {
        ChunkWords.and(c, words, b.scratch);
      }
    }

    private void unionInto(int key, long[] union, Buffers b) {
      java.util.Arrays.fill(union, 0L);
      for (Operand o : anyOf) {
        Container c = o.at(key);
        if (c != null) {
          ChunkWords.or(c, union, b.scratch);
        }
      }
    }
  }
}
