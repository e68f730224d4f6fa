package io.cairn.engine.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.connectors.content.EmptyValuePolicy;
import io.cairn.connectors.email.EmailSettings;
import io.cairn.connectors.sms.SmsSettings;
import io.cairn.connectors.sms.SmsType;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageRendererTest {

  @Test
  void shouldPassEachRecipientsValuesAndTheTextToAPlatformTemplateNode() {
    SmsSettings platform =
        new SmsSettings(
            "Hi ${name} in ${city}",
            EmptyValuePolicy.SKIP,
            "",
            "Cairn",
            SmsType.NOTIFICATION,
            null,
            "SMS_1");

    MessageRenderer.Rendered r =
        MessageRenderer.of(platform).render(Map.of("name", "Ann", "city", "Oslo", "other", "x"));

    assertThat(r.body()).isEqualTo("Hi Ann in Oslo");
    assertThat(r.variables()).isEqualTo(Map.of("name", "Ann", "city", "Oslo"));
  }

  @Test
  void shouldKeepValuesOutOfMessagesOfNodesThatSendTheirOwnText() {
    SmsSettings own = new SmsSettings("Hi ${name}", EmptyValuePolicy.SKIP, "", "Cairn");

    MessageRenderer.Rendered r = MessageRenderer.of(own).render(Map.of("name", "Ann"));

    assertThat(r.body()).isEqualTo("Hi Ann");
    assertThat(r.variables()).isEmpty();
  }

  @Test
  void shouldSkipAPlatformRecipientWithoutAValueUnderSkip() {
    SmsSettings platform =
        new SmsSettings(
            "Hi ${name}", EmptyValuePolicy.SKIP, "", "C", SmsType.NOTIFICATION, null, "S");

    assertThat(MessageRenderer.of(platform).render(Map.of()).skipped()).isTrue();
  }

  @Test
  void shouldEscapeValuesInTheHtmlPartButNotInTheTextOrTheTemplatesOwnMarkup() {
    EmailSettings email =
        new EmailSettings(
            "news@cairn.example",
            "Hi ${name}",
            "Dear ${name}",
            EmptyValuePolicy.REPLACE,
            "<friend>",
            null,
            "<p>Dear <b>${name}</b> from ${city}</p>");

    MessageRenderer.Rendered r =
        MessageRenderer.of(email).render(Map.of("name", "<script>x</script> & \"co\""));

    assertThat(r.body()).isEqualTo("Dear <script>x</script> & \"co\"");
    assertThat(r.html())
        .isEqualTo(
            "<p>Dear <b>&lt;script&gt;x&lt;/script&gt; &amp; &quot;co&quot;</b>"
                + " from &lt;friend&gt;</p>");
  }

  @Test
  void shouldSkipARecipientWhoseHtmlPartLacksAValueUnderSkip() {
    EmailSettings email =
        new EmailSettings(
            "news@cairn.example", "Hi", "Hello", EmptyValuePolicy.SKIP, "", null, "<p>${name}</p>");

    assertThat(MessageRenderer.of(email).render(Map.of()).skipReason()).isEqualTo("empty variable name");
    assertThat(
            MessageRenderer.of(new EmailSettings("a@b.c", "Hi", "Hello", EmptyValuePolicy.SKIP, ""))
                .render(Map.of())
                .html())
        .isNull();
  }
}
