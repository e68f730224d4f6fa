package io.cairn.engine.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {

  private static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

  @Test
  void shouldOpenWhatItSealedAndNothingElse() {
    SecretBox box = new SecretBox(KEY, "jdbc:mysql://db/cairn", "unused");

    String sealed = box.seal("whsec_top-secret", "webhook-secret");

    assertThat(sealed).startsWith("v1:").doesNotContain("top-secret");
    assertThat(box.seal("whsec_top-secret", "webhook-secret"))
        .as("fresh nonce")
        .isNotEqualTo(sealed);
    assertThat(box.open(sealed, "webhook-secret")).isEqualTo("whsec_top-secret");
    assertThatThrownBy(() -> box.open(sealed, "push-token"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageNotContaining("top-secret");
    String tampered = sealed.substring(0, sealed.length() - 3) + "AAA";
    assertThatThrownBy(() -> box.open(tampered, "webhook-secret"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void shouldNameTheKeyWhenAnotherKeySealedTheValue() {
    String sealed = new SecretBox(KEY, "", "unused").seal("s", "p");
    SecretBox other = new SecretBox(SecretBox.newKey(), "", "unused");

    assertThatThrownBy(() -> other.open(sealed, "p"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("sealed under key " + sealed.split(":")[1]);
  }

  @Test
  void shouldGenerateAndKeepAKeyInTheDataDirOfTheEmbeddedDatabase(@TempDir Path dir)
      throws Exception {
    String url = "jdbc:h2:file:" + dir + "/cairn;MODE=MySQL";
    SecretBox first = new SecretBox("", url, dir.toString());
    String sealed = first.seal("kept", "p");

    assertThat(Files.readString(dir.resolve(SecretBox.KEY_FILE)).strip()).hasSize(44);
    assertThat(new SecretBox("", url, dir.toString()).open(sealed, "p"))
        .as("the next start reads the same key")
        .isEqualTo("kept");
  }

  @Test
  void shouldRefuseToWorkWithoutAKeyOnAnExternalDatabase() {
    SecretBox none = new SecretBox("", "jdbc:mysql://db/cairn", "unused");

    assertThat(none.isAvailable()).isFalse();
    assertThatThrownBy(() -> none.seal("s", "p")).hasMessageContaining("CAIRN_SECRETS_KEY");
    assertThatThrownBy(() -> new SecretBox("c2hvcnQ=", "", "unused"))
        .hasMessageContaining("32 bytes");
  }
}
