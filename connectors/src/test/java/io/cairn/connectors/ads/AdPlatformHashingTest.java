package io.cairn.connectors.ads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.connectors.channel.IdType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Golden vectors: for each literal input, the canonical form each platform hashes and the expected
 * hex digest, stated as a literal (computed outside Java with {@code sha256sum}/{@code md5sum}) and
 * checked again here with {@link MessageDigest} directly.
 */
class AdPlatformHashingTest {

  private static final String EMAIL = " John.Doe+promo@GMail.com ";
  private static final String PHONE = "+86 138-0000-0001";

  @Test
  void shouldHashAGmailAddressForGoogleWithoutDotsAndPlusSuffix() throws Exception {
    assertThat(AdPlatform.GOOGLE_ADS.normalise(IdType.EMAIL, EMAIL, null))
        .isEqualTo("johndoe@gmail.com");
    assertGolden(
        AdPlatform.GOOGLE_ADS.hash(IdType.EMAIL, EMAIL, null),
        "SHA-256",
        "johndoe@gmail.com",
        "06a240d11cc201676da976f7b49341181fd180da37cbe40a77432c0a366c80c3");
  }

  @Test
  void shouldHashTheSameAddressForMetaOnlyTrimmedAndLowerCased() throws Exception {
    assertThat(AdPlatform.META.normalise(IdType.EMAIL, EMAIL, null))
        .isEqualTo("john.doe+promo@gmail.com");
    assertGolden(
        AdPlatform.META.hash(IdType.EMAIL, EMAIL, null),
        "SHA-256",
        "john.doe+promo@gmail.com",
        "80f9126efd0446cb338c54ea6fe3d4af8fa3fe93db0024b14150441550e632a2");
  }

  @Test
  void shouldHashAPhoneNumberInEachPlatformsForm() throws Exception {
    assertGolden(
        AdPlatform.GOOGLE_ADS.hash(IdType.MOBILE, PHONE, null),
        "SHA-256",
        "+8613800000001",
        "75b0b350d13fa7dacb9d1ffac898747465beeccb39f85b382f8a51521fb531ba");
    assertGolden(
        AdPlatform.META.hash(IdType.MOBILE, PHONE, null),
        "SHA-256",
        "8613800000001",
        "5aa40fcbf4d463bb9b0e191ba25b386954c5fe3cd606f0c958392b33a67ee8cc");
    assertGolden(
        AdPlatform.OCEAN_ENGINE.hash(IdType.MOBILE, PHONE, null),
        "SHA-256",
        "13800000001",
        "b1c4769e3ad14f68ea1a96b73bbe5a83d90792f044828c5daf9d908b0738b177");
    assertGolden(
        AdPlatform.TENCENT_ADS.hash(IdType.MOBILE, PHONE, null),
        "SHA-256",
        "13800000001",
        "b1c4769e3ad14f68ea1a96b73bbe5a83d90792f044828c5daf9d908b0738b177");
    assertGolden(
        AdPlatform.TENCENT_ADS.hash(IdType.MOBILE, PHONE, Digest.MD5, null),
        "MD5",
        "13800000001",
        "4d009f30087e9aa9f5b5806d5f350017");
  }

  @Test
  void shouldHashDeviceIdsWithMd5ForTheChinesePlatforms() throws Exception {
    for (AdPlatform platform : new AdPlatform[] {AdPlatform.OCEAN_ENGINE, AdPlatform.TENCENT_ADS}) {
      assertGolden(
          platform.hash(IdType.IMEI, " 86-0000000000001 ", null),
          "MD5",
          "860000000000001",
          "40bab137c0b007a222fa3fa1782c5ea7");
      assertGolden(
          platform.hash(IdType.IDFA, "6d92078a-8246-4ba4-ae5b-76104861e7dc", null),
          "MD5",
          "6D92078A-8246-4BA4-AE5B-76104861E7DC",
          "f2d1311ca5c1ecb214c19a26e9ddbad0");
      assertGolden(
          platform.hash(IdType.OAID, " a1b2c3d4-oaid ", null),
          "MD5",
          "a1b2c3d4-oaid",
          "f0c7558150f53584210fe301b32fd024");
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "+86 138-0000-0001 | 86 | +8613800000001",
        "0086 138 0000 0001 | | +8613800000001",
        "138 0000 0001 | 86 | +8613800000001",
        "(020) 7946 0018 | 44 | +442079460018",
        "+1 (650) 555-1234 | 86 | +16505551234"
      })
  void shouldWriteNumbersInE164(String raw, String callingCode, String expected) {
    assertThat(IdentityNormalisation.e164(raw, callingCode)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Ann.Lee+x@Example.com | ann.lee+x@example.com",
        "j.o.h.n@googlemail.com | john@googlemail.com",
        "JOHN+@gmail.com | john@gmail.com"
      })
  void shouldOnlyFoldGmailAddressesForGoogle(String raw, String expected) {
    assertThat(IdentityNormalisation.googleEmail(raw)).isEqualTo(expected);
  }

  @Test
  void shouldRefuseValuesThatAreNotOfTheTypeWithoutNamingThem() {
    assertThatThrownBy(() -> AdPlatform.META.hash(IdType.EMAIL, "ann.example.com", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("ann");
    assertThatThrownBy(() -> AdPlatform.GOOGLE_ADS.hash(IdType.MOBILE, "138 0000 0001", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AdPlatform.OCEAN_ENGINE.hash(IdType.MOBILE, "+1 650 555 1234", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AdPlatform.TENCENT_ADS.hash(IdType.IDFA, "not-a-uuid", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AdPlatform.META.hash(IdType.EMAIL, " ", null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldKnowWhichTypesAndDigestsEachPlatformTakes() {
    assertThat(AdPlatform.GOOGLE_ADS.acceptedIds()).containsOnly(IdType.EMAIL, IdType.MOBILE);
    assertThat(AdPlatform.OCEAN_ENGINE.acceptedIds())
        .containsOnly(IdType.IMEI, IdType.IDFA, IdType.OAID, IdType.MOBILE);
    assertThat(AdPlatform.OCEAN_ENGINE.digests(IdType.MOBILE)).containsExactly(Digest.SHA256);
    assertThat(AdPlatform.TENCENT_ADS.digests(IdType.MOBILE))
        .containsExactly(Digest.SHA256, Digest.MD5);
    assertThatThrownBy(() -> AdPlatform.OCEAN_ENGINE.hash(IdType.MOBILE, PHONE, Digest.MD5, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AdPlatform.META.hash(IdType.IMEI, "860000000000001", null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** The connector's digest, the stated literal and MessageDigest's own must all agree. */
  private static void assertGolden(String actual, String algorithm, String canonical, String hex)
      throws Exception {
    String independent =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance(algorithm)
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
    assertThat(independent).isEqualTo(hex);
    assertThat(actual).isEqualTo(hex);
  }
}
