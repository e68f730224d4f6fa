package io.cairn.engine.profile.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.connectors.channel.IdType;
import io.cairn.engine.profile.IdForm;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Golden vectors: the expected digests were computed with {@code printf %s … | sha256sum}. */
class IdentitiesTest {

  @ParameterizedTest
  @CsvSource({
    "email,  ' Jane.Doe@EXAMPLE.com ', 86e0b9e56c17cc4d12387e1949b85053fbe73bc3ce5a1188713a9d300cc6133d",
    "mobile, '+86 138-0013-8000',      ec61f3c620a98bdead8c1f1f0ae747abd1b62a0c2dba4fd4bc22cf0d1d8653e5",
    "mobile, '0086 (138) 0013.8000',   ec61f3c620a98bdead8c1f1f0ae747abd1b62a0c2dba4fd4bc22cf0d1d8653e5",
    "mobile, '8613800138000',          bf08aacce7f9b2452863cf99373043c3333f0e3127f1f787c4abb46ab6cf2b83",
    "idfa,   'AB12CD34-0000-1111-2222-333344445555', 7c216ce845705ff3ac043607c52d3cffa4da942a9b3d9edff53d99b7f8922a02",
    "openid, ' oOpenId_ABC ',          fa8bc25217e930268c1c1e40bf07db51d1438bb64cf306a59b8661d8caa3f836"
  })
  void shouldHashTheCanonicalForm(String type, String raw, String sha256) {
    IdType t = IdType.fromCode(type);
    assertThat(Identities.sha256(t, Identities.normalise(t, raw))).isEqualTo(sha256);
  }

  @ParameterizedTest
  @CsvSource({"sha256, 64", "md5, 32"})
  void shouldAcceptOnlyHexOfTheFormsLengthAndLowerCaseIt(String form, int length) {
    IdForm f = IdForm.parse(form, "form");
    assertThat(Identities.hex(f, " " + "AB".repeat(length / 2) + " ")).isEqualTo("ab".repeat(length / 2));
    assertThatThrownBy(() -> Identities.hex(f, "ab".repeat(length / 2 - 1)))
        .hasMessageContaining(length + " hex");
    assertThatThrownBy(() -> Identities.hex(f, "zz".repeat(length / 2)))
        .hasMessageContaining(length + " hex");
  }

  @ParameterizedTest
  @CsvSource({"mobile, 'call me: 12345'", "email, 'secret.person.example.com'"})
  void shouldRejectInvalidRawValuesWithoutEchoingThem(String type, String raw) {
    assertThatThrownBy(() -> Identities.normalise(IdType.fromCode(type), raw))
        .isInstanceOf(IllegalArgumentException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(raw));
  }
}
