package io.cairn.engine.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.connectors.channel.Channel;
import io.cairn.connectors.sandbox.SandboxMessage;
import io.cairn.connectors.sandbox.SandboxOutbox;
import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.testing.EngineTestApplication;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The JDBC sandbox outbox stores each idempotency key once; the listing pages and filters. */
@SpringBootTest(classes = EngineTestApplication.class)
class SandboxOutboxIT {

  @Autowired SandboxOutbox outbox;
  @Autowired SandboxMessages messages;

  /** A prefix no other test uses, so tests sharing the database do not see each other. */
  private static String run() {
    return "t" + UUID.randomUUID().toString().substring(0, 8) + ":";
  }

  private static SandboxMessage sms(String key, String recipient, String body) {
    return new SandboxMessage(
        "sms.sandbox", Channel.SMS, key, recipient, null, body, Instant.parse("2026-11-24T10:15:30Z"));
  }

  private static SandboxQuery byPrefix(String prefix, int page, int size) {
    return new SandboxQuery(null, null, prefix, page, size);
  }

  @Test
  void shouldStoreEachKeyOnceWhenABatchIsRedeliveredOrRepeatsAKey() {
    String run = run();
    List<SandboxMessage> batch = new ArrayList<>();
    for (int i = 0; i < 1_500; i++) {
      batch.add(sms(run + i, "+86138" + i, "first " + i));
    }
    outbox.record(batch);
    assertThat(messages.count(byPrefix(run, 0, 1))).isEqualTo(1_500);

    List<SandboxMessage> redelivered = new ArrayList<>();
    for (SandboxMessage m : batch) {
      redelivered.add(sms(m.idempotencyKey(), m.recipient(), "second"));
    }
    redelivered.add(sms(run + "new", "+8613900000000", "new"));
    redelivered.add(sms(run + "new", "+8613900000000", "new again"));
    outbox.record(redelivered);

    assertThat(messages.count(byPrefix(run, 0, 1))).isEqualTo(1_501);
    List<SandboxMessage> all = messages.list(byPrefix(run, 0, 10_000)).items();
    assertThat(all).extracting(SandboxMessage::idempotencyKey).doesNotHaveDuplicates();
    assertThat(all).extracting(SandboxMessage::body).doesNotContain("second", "new again");
  }

  @Test
  void shouldAcceptAnEmptyBatch() {
    String run = run();
    outbox.record(List.of());
    assertThat(messages.count(byPrefix(run, 0, 1))).isZero();
  }

  @Test
  void shouldPageNewestFirstAndFilterByChannelRecipientAndKeyPrefix() {
    String run = run();
    List<SandboxMessage> batch = new ArrayList<>();
    IntStream.range(0, 25)
        .forEach(i -> batch.add(sms(run + "sms-" + i, i % 2 == 0 ? "+8613800000001" : "+8613800000002", "sms " + i)));
    IntStream.range(0, 5)
        .forEach(
            i ->
                batch.add(
                    new SandboxMessage(
                        "email.sandbox", Channel.EMAIL, run + "mail-" + i, "a" + i + "@example.com",
                        "Hello", "mail " + i, Instant.parse("2026-11-24T10:15:30Z"))));
    outbox.record(batch);

    SandboxMessages.Page first = messages.list(new SandboxQuery(Channel.SMS, null, run, 0, 10));
    assertThat(first.total()).isEqualTo(25);
    assertThat(first.page()).isZero();
    assertThat(first.size()).isEqualTo(10);
    assertThat(first.items()).extracting(SandboxMessage::body)
        .containsExactly("sms 24", "sms 23", "sms 22", "sms 21", "sms 20", "sms 19", "sms 18", "sms 17", "sms 16", "sms 15");
    SandboxMessages.Page last = messages.list(new SandboxQuery(Channel.SMS, null, run, 2, 10));
    assertThat(last.items()).extracting(SandboxMessage::body)
        .containsExactly("sms 4", "sms 3", "sms 2", "sms 1", "sms 0");
    assertThat(messages.list(new SandboxQuery(Channel.SMS, null, run, 3, 10)).items()).isEmpty();

    SandboxQuery one = new SandboxQuery(Channel.SMS, "+8613800000001", run, 0, 100);
    assertThat(messages.count(one)).isEqualTo(13);
    assertThat(messages.list(one).items()).allMatch(m -> m.recipient().equals("+8613800000001"));

    SandboxMessages.Page mail = messages.list(new SandboxQuery(Channel.EMAIL, null, run, 0, 100));
    assertThat(mail.total()).isEqualTo(5);
    SandboxMessage newest = mail.items().get(0);
    assertThat(newest.connectorId()).isEqualTo("email.sandbox");
    assertThat(newest.subject()).isEqualTo("Hello");
    assertThat(newest.recipient()).isEqualTo("a4@example.com");
    assertThat(Duration.between(Instant.parse("2026-11-24T10:15:30Z"), newest.recordedAt()).abs())
        .isLessThanOrEqualTo(Duration.ofSeconds(1));

    assertThat(messages.count(byPrefix(run + "mail-", 0, 1))).isEqualTo(5);
    assertThat(messages.count(byPrefix(run, 0, 1))).isEqualTo(30);
  }

  @Test
  void shouldMatchKeyPrefixesLiterally() {
    String run = run();
    outbox.record(
        List.of(sms(run + "a%b_c!d-1", "+1", "x"), sms(run + "aXbYc!d-2", "+1", "y"), sms(run + "a%b_c!d-3", "+1", "z")));
    assertThat(messages.count(byPrefix(run + "a%b_c!d", 0, 1))).isEqualTo(2);
    assertThat(messages.count(byPrefix(run + "a", 0, 1))).isEqualTo(3);
    assertThat(messages.count(byPrefix(run + "a_", 0, 1))).isZero();
  }

  @Test
  void shouldKeepAPreviewOfVeryLongBodies() {
    String run = run();
    outbox.record(List.of(sms(run + "long", "+1", "y".repeat(20_000))));
    String stored = messages.list(byPrefix(run, 0, 1)).items().get(0).body();
    assertThat(stored).hasSize(8_000).startsWith("yyyy").endsWith("…");
  }

  @Test
  void shouldRefuseInvalidPaging() {
    assertThatThrownBy(() -> new SandboxQuery(null, null, null, -1, 10))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new SandboxQuery(null, null, null, 0, 0))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new SandboxQuery(null, null, null, 0, SandboxQuery.MAX_SIZE + 1))
        .isInstanceOf(InvalidInputException.class);
  }
}
