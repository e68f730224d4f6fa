package io.cairn.engine.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.connectors.channel.Channel;
import io.cairn.connectors.content.EmptyValuePolicy;
import io.cairn.connectors.sandbox.SandboxMessage;
import io.cairn.connectors.sms.SmsType;
import io.cairn.engine.delivery.ActionRequest;
import io.cairn.engine.delivery.DeliveryLedger;
import io.cairn.engine.problem.ConflictException;
import io.cairn.engine.profile.ProfileImporter;
import io.cairn.engine.profile.ProfileReader;
import io.cairn.engine.profile.TagCatalog;
import io.cairn.engine.profile.TagDefinition;
import io.cairn.engine.profile.TagType;
import io.cairn.engine.sandbox.SandboxMessages;
import io.cairn.engine.template.internal.LinkTokens;
import io.cairn.engine.testing.EngineTestApplication;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A template used by a send action on the real ledger, dispatcher and sandbox connector: the
 * content is copied when the action is recorded (an edit in the same transaction, before any
 * dispatch, does not reach the recipients), per-variable policies skip or replace, short links
 * become signed per-recipient URLs, and the template cannot be deleted while the send is open.
 * Users tp0 (Ann, Paris), tp1 (Bob, no city), tp2 (no first name, Rome).
 */
@SpringBootTest(classes = EngineTestApplication.class, properties = "cairn.dispatch.poll-interval=50ms")
class TemplateSnapshotIT {

  private static final AtomicLong ACTIONS = new AtomicLong();
  private static final Pattern LINK = Pattern.compile("https?://[^/]+/s/([A-Za-z0-9]+)/([A-Za-z0-9_-]+)");

  @Autowired Templates templates;
  @Autowired ShortLinks links;
  @Autowired LinkTokens tokens;
  @Autowired DeliveryLedger ledger;
  @Autowired ProfileImporter importer;
  @Autowired ProfileReader profiles;
  @Autowired TagCatalog catalog;
  @Autowired SandboxMessages sandbox;
  @Autowired TransactionTemplate tx;
  @Autowired JdbcTemplate jdbc;

  private static Map<String, Integer> ids;

  @BeforeEach
  void users() {
    if (ids != null) {
      return;
    }
    catalog.define(new TagDefinition("tpl_first", "First name", TagType.TEXT, "user", null));
    catalog.define(new TagDefinition("tpl_city", "City", TagType.TEXT, "user", null));
    String csv =
        "id,mobile,tpl_first,tpl_city\n"
            + "tp0,+8613900000100,Ann,Paris\n"
            + "tp1,+8613900000101,Bob,\n"
            + "tp2,+8613900000102,,Rome\n";
    importer.importCsv(
        "user", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), null);
    ids = profiles.entityIds("user", List.of("tp0", "tp1", "tp2"));
  }

  @Test
  void shouldSendTheContentCopiedAtEnqueueNotTheTemplateEditedAfterwards() throws Exception {
    ShortLink link = links.create(new NewShortLink("Offer", "https://shop.example/offer?x=1"));
    Template t = templates.create(sms("Snapshot", "Hi ${name} from ${town}: ${link:" + link.code() + "}"));
    RoaringBitmap audience = RoaringBitmap.bitmapOf(ids.get("tp0"), ids.get("tp1"), ids.get("tp2"));

    long action =
        tx.execute(
            s -> {
              long id = enqueue(t.id(), audience);
              templates.update(t.id(), sms("Snapshot", "CHANGED ${name}"));
              assertThatThrownBy(() -> templates.delete(t.id()))
                  .isInstanceOf(ConflictException.class)
                  .hasMessageContaining("action execution " + id);
              return id;
            });
    awaitDispatched(action);

    String ann = onlyMessage("+8613900000100").body();
    assertThat(ann).startsWith("【Cairn】Hi Ann from Paris: ").doesNotContain("CHANGED");
    String bob = onlyMessage("+8613900000101").body();
    assertThat(bob).as("REPLACE").startsWith("【Cairn】Hi Bob from your city: ");
    assertThat(sandbox.list(Channel.SMS, "+8613900000102", 0, 10).items()).as("SKIP").isEmpty();
    assertThat(
            jdbc.queryForObject(
                "SELECT reason FROM cairn_delivery WHERE action_id = ? AND entity_id = ?",
                String.class,
                action,
                ids.get("tp2")))
        .isEqualTo("empty variable tpl_first");

    Matcher annLink = LINK.matcher(ann);
    Matcher bobLink = LINK.matcher(bob);
    assertThat(annLink.find()).isTrue();
    assertThat(bobLink.find()).isTrue();
    assertThat(annLink.group(1)).isEqualTo(link.code());
    assertThat(annLink.group(2)).as("per recipient").isNotEqualTo(bobLink.group(2));
    assertThat(annLink.group(2).length()).as("compact for SMS").isLessThanOrEqualTo(24);
    assertThat(tokens.verify(link.code(), annLink.group(2)))
        .contains(new LinkTokens.Recipient(action, ids.get("tp0")));
    assertThat(tokens.verify(link.code() + "x", annLink.group(2))).as("other link").isEmpty();
    assertThat(tokens.verify(link.code(), tampered(annLink.group(2)))).isEmpty();

    // a send recorded after the edit uses the new content; then nothing uses the template
    long later = tx.execute(s -> enqueue(t.id(), RoaringBitmap.bitmapOf(ids.get("tp1"))));
    awaitDispatched(later);
    assertThat(sandbox.list(Channel.SMS, "+8613900000101", 0, 10).items())
        .extracting(SandboxMessage::body)
        .contains("【Cairn】CHANGED Bob");
    templates.delete(t.id());
    assertThatThrownBy(() -> templates.get(t.id())).hasMessageContaining("does not exist");
  }

  @Test
  void shouldRefuseAMissingTemplateAnotherChannelsOrAnUnknownShortLink() {
    Template push =
        templates.create(
            new TemplateDraft(
                "A push", Channel.PUSH, null, null, null, new PushContent("Hi", "There", null), List.of()));
    assertThatThrownBy(() -> tx.execute(s -> enqueue(999_999_999L, new RoaringBitmap())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("template 999999999 does not exist");
    assertThatThrownBy(() -> tx.execute(s -> enqueue(push.id(), new RoaringBitmap())))
        .hasMessageContaining("is a PUSH template, not SMS");
    assertThat(ledger.settingsProblems(Channel.SMS, Map.of("templateId", String.valueOf(push.id()))))
        .containsExactly("template " + push.id() + " is a PUSH template, not SMS");
    assertThat(ledger.settingsProblems(Channel.SMS, Map.of("templateId", "42424242")))
        .containsExactly("template 42424242 does not exist");

    ShortLink link = links.create(new NewShortLink("Inline", "http://shop.example/"));
    assertThat(ledger.settingsProblems(Channel.SMS, Map.of("template", "Go ${link:nolink}")))
        .containsExactly("short link nolink does not exist");
    assertThat(ledger.settingsProblems(Channel.SMS, Map.of("template", "Go ${link:" + link.code() + "}")))
        .isEmpty();
  }

  private long enqueue(long templateId, RoaringBitmap audience) {
    long n = ACTIONS.incrementAndGet();
    return ledger.enqueue(
        new ActionRequest(
            1,
            7000 + n,
            "send",
            "template-" + n,
            Channel.SMS,
            "user",
            Map.of("templateId", String.valueOf(templateId), "template", "inline text is ignored"),
            audience));
  }

  private static TemplateDraft sms(String name, String text) {
    return new TemplateDraft(
        name,
        Channel.SMS,
        "user",
        new SmsContent(SmsType.NOTIFICATION, "Cairn", text),
        null,
        null,
        List.of(
            new TemplateVariable("name", "tpl_first", null, EmptyValuePolicy.SKIP, null),
            new TemplateVariable("town", "tpl_city", null, EmptyValuePolicy.REPLACE, "your city")));
  }

  private SandboxMessage onlyMessage(String mobile) {
    List<SandboxMessage> items = sandbox.list(Channel.SMS, mobile, 0, 10).items();
    assertThat(items).as(mobile).hasSize(1);
    return items.get(0);
  }

  private static String tampered(String token) {
    char last = token.charAt(token.length() - 2);
    return token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
  }

  private void awaitDispatched(long action) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (true) {
      Integer open =
          jdbc.queryForObject(
              "SELECT COUNT(*) FROM cairn_delivery WHERE action_id = ? AND status IN ('PENDING', 'IN_FLIGHT')",
              Integer.class,
              action);
      if (open == 0) {
        return;
      }
      assertThat(Instant.now()).as("action " + action + " dispatched").isBefore(deadline);
      Thread.sleep(50);
    }
  }
}
