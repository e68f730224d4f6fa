package io.cairn.engine.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.connectors.channel.IdType;
import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.problem.NotFoundException;
import io.cairn.engine.testing.EngineTestApplication;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(classes = EngineTestApplication.class)
class IdentityDirectoryIT {

  // sha256("alice@example.com") and sha256("+8613800138000"), golden vectors from sha256sum
  static final String ALICE_SHA = "ff8d9819fc0e12bf0d24892e45987e249a28dce836a85cad60e28eaaa8c6d976";
  static final String MOBILE_SHA = "ec61f3c620a98bdead8c1f1f0ae747abd1b62a0c2dba4fd4bc22cf0d1d8653e5";

  @Autowired ProfileImporter importer;
  @Autowired IdentityDirectory directory;
  @Autowired ProfileReader reader;

  private ImportReport importCsv(String csv) {
    return importer.importCsv(
        "user", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), LocalDate.of(2024, 1, 1));
  }

  @Test
  void shouldFindRawImportedEntityByItsNormalisedSha256() {
    importCsv("id,email,mobile\nu-raw,  Alice@Example.COM ,0086 138-0013-8000\n");
    String emailSha = ALICE_SHA;
    String mobileSha = MOBILE_SHA;

    EntityIdentities byHash = directory.find("user", "email", "sha256", emailSha.toUpperCase());
    assertThat(byHash.externalId()).isEqualTo("u-raw");
    assertThat(byHash.identities())
        .containsExactly(
            new Identity("mobile", "raw", "008613800138000"),
            new Identity("mobile", "sha256", mobileSha),
            new Identity("email", "raw", "Alice@example.com"),
            new Identity("email", "sha256", emailSha));
    assertThat(directory.find("user", "mobile", "sha256", mobileSha).externalId()).isEqualTo("u-raw");
    assertThat(directory.find("user", "mobile", null, "0086 13800138000").externalId())
        .isEqualTo("u-raw");
    // the dispatcher still reads the raw address only
    int id = reader.entityId("user", "u-raw").orElseThrow();
    assertThat(reader.identities("user", new int[] {id}, IdType.EMAIL))
        .containsEntry(id, "Alice@example.com");
  }

  @Test
  void shouldFindHashOnlyImportsByRawLookupAndByTheirForm() {
    String bobSha = sha256("bob@example.com");
    String bobMd5 = md5("bob@example.com");
    ImportReport r = importCsv("id,email_sha256,email_md5\nu-hash," + bobSha + "," + bobMd5 + "\n");
    assertThat(r.imported()).isEqualTo(1);

    assertThat(directory.find("user", "email", "raw", " BOB@example.com").externalId())
        .isEqualTo("u-hash");
    assertThat(directory.find("user", "email", "md5", bobMd5).externalId()).isEqualTo("u-hash");
    assertThat(directory.of("user", "u-hash").identities())
        .containsExactly(
            new Identity("email", "sha256", bobSha), new Identity("email", "md5", bobMd5));
  }

  @Test
  void shouldRejectMalformedDigestsPerRowAndConflictingColumns() {
    ImportReport r = importCsv("id,mobile_sha256\nu-bad,abc123\n");
    assertThat(r.rejected()).isEqualTo(1);
    assertThat(r.errors().get(0).column()).isEqualTo("mobile_sha256");
    assertThat(r.errors().get(0).message()).contains("64 hex");

    assertThatThrownBy(() -> importCsv("id,mobile,mobile_sha256\nu1,+4912345678," + sha256("x") + "\n"))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.violations().get(0).field()).isEqualTo("mobile_sha256"));
  }

  @Test
  void shouldNameTheFieldAndNeverEchoTheValue() {
    assertThatThrownBy(() -> directory.find("user", "fax", null, "1"))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.violations().get(0).field()).isEqualTo("idType"));
    assertThatThrownBy(() -> directory.find("user", "email", "sha1", "1"))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.violations().get(0).field()).isEqualTo("form"));
    assertThatThrownBy(() -> directory.find("user", "email", null, "secret-not-an-email"))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.violations().get(0).field()).isEqualTo("value");
              assertThat(e.getMessage()).doesNotContain("secret-not-an-email");
            });
    assertThatThrownBy(() -> directory.find("user", "email", null, "nobody@example.com"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageNotContaining("nobody");
    assertThatThrownBy(() -> directory.of("user", "no-such-user"))
        .isInstanceOf(NotFoundException.class);
  }

  static String sha256(String s) {
    return digest("SHA-256", s);
  }

  static String md5(String s) {
    return digest("MD5", s);
  }

  private static String digest(String alg, String s) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance(alg).digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
