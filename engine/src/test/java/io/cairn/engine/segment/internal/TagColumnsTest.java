package io.cairn.engine.segment.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.engine.profile.TagType;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

class TagColumnsTest {

  private static final int USERS = 200_000;

  @Test
  void shouldStoreOneBitmapForABooleanAndDeriveTheOtherValue() {
    Random random = new Random(7);
    RoaringBitmap yes = new RoaringBitmap();
    RoaringBitmap no = new RoaringBitmap();
    TagColumns.Builder builder = new TagColumns.Builder(TagType.BOOLEAN);
    for (int u = 0; u < USERS; u++) {
      if (u % 50 == 0) {
        continue; // no value
      }
      boolean v = random.nextInt(10) < 3;
      builder.add(u, Boolean.toString(v), 0);
      (v ? yes : no).add(u);
    }
    TagColumn.Values column = (TagColumn.Values) builder.build();

    assertThat(column.stored()).containsOnlyKeys("true"); // the smaller of the two
    assertThat(column.implicit()).isEqualTo("false");
    assertThat(column.equal("true")).isEqualTo(yes);
    assertThat(column.equal("false")).isEqualTo(no);
    assertThat(column.present()).isEqualTo(RoaringBitmap.or(yes, no));
    assertThat(column.byValue()).isEqualTo(Map.of("true", yes, "false", no));
    assertSameAfterRoundTrip(column);
  }

  @Test
  void shouldDerivePresenceOfASparseColumnFromItsValues() {
    TagColumns.Builder builder = new TagColumns.Builder(TagType.MULTI);
    RoaringBitmap present = new RoaringBitmap();
    for (int u = 0; u < USERS; u += 97) {
      builder.add(u, "a", 0);
      if (u % 3 == 0) {
        builder.add(u, "b", 0); // multi-value: in both bitmaps
      }
      present.add(u);
    }
    builder.add(USERS * 10, "c", 0);
    present.add(USERS * 10);
    TagColumn.Values column = (TagColumn.Values) builder.build();

    assertThat(column.storedPresent()).isNull();
    assertThat(column.present()).isEqualTo(present);
    assertThat(column.equal("c")).isEqualTo(RoaringBitmap.bitmapOf(USERS * 10));
    assertSameAfterRoundTrip(column);
  }

  @Test
  void shouldKeepPresenceOfADenseEnumAndAliasASingleValue() {
    TagColumns.Builder dense = new TagColumns.Builder(TagType.ENUM);
    TagColumns.Builder single = new TagColumns.Builder(TagType.ENUM);
    for (int u = 0; u < USERS; u++) {
      dense.add(u, "v" + (u % 3), 0);
      single.add(u, "only", 0);
    }
    TagColumn.Values three = (TagColumn.Values) dense.build();
    TagColumn.Values one = (TagColumn.Values) single.build();

    assertThat(three.storedPresent()).isNotNull();
    assertThat(three.present().getCardinality()).isEqualTo(USERS);
    assertThat(one.storedPresent()).isNull();
    assertThat(one.present()).isSameAs(one.equal("only"));
    assertSameAfterRoundTrip(three);
  }

  @Test
  void shouldReadColumnsStoredBeforeTheCompactForm() throws IOException {
    RoaringBitmap present = RoaringBitmap.bitmapOf(1, 2, 3);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(1); // the first values format: presence, then every value
      present.serialize(out);
      out.writeInt(2);
      out.writeUTF("true");
      RoaringBitmap.bitmapOf(1, 2).serialize(out);
      out.writeUTF("false");
      RoaringBitmap.bitmapOf(3).serialize(out);
    }
    TagColumn.Values column = (TagColumn.Values) TagColumns.deserialize(bytes.toByteArray());

    assertThat(column.present()).isEqualTo(present);
    assertThat(column.equal("false")).isEqualTo(RoaringBitmap.bitmapOf(3));
  }

  @Test
  void shouldRefuseCorruptBytes() {
    byte[] bytes = TagColumns.serialize(TagColumns.compact(RoaringBitmap.bitmapOf(1, 2), Map.of("x", RoaringBitmap.bitmapOf(1, 2)), false));
    byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 3);

    assertThatThrownBy(() -> TagColumns.deserialize(truncated)).isInstanceOf(UncheckedIOException.class);
    assertThatThrownBy(() -> TagColumns.deserialize(new byte[] {9})).isInstanceOf(UncheckedIOException.class);
  }

  private static void assertSameAfterRoundTrip(TagColumn.Values column) {
    TagColumn.Values back = (TagColumn.Values) TagColumns.deserialize(TagColumns.serialize(column));
    assertThat(back.storedPresent()).isEqualTo(column.storedPresent());
    assertThat(back.stored()).isEqualTo(column.stored());
    assertThat(back.implicit()).isEqualTo(column.implicit());
  }
}
