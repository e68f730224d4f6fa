package io.cairn.engine.journey.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.engine.journey.JourneyMode;
import io.cairn.connectors.channel.Channel;
import io.cairn.engine.delivery.ActionStats;
import io.cairn.engine.journey.JourneyService;
import io.cairn.engine.journey.JourneyStats;
import io.cairn.engine.journey.JourneyStatus;
import io.cairn.engine.profile.ProfileImporter;
import io.cairn.engine.profile.TagCatalog;
import io.cairn.engine.profile.TagDefinition;
import io.cairn.engine.profile.TagType;
import io.cairn.connectors.sandbox.SandboxMessage;
import io.cairn.engine.sandbox.SandboxMessages;
import io.cairn.engine.testing.EngineTestApplication;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.support.TransactionTemplate;

@SpringBootTest(
    classes = EngineTestApplication.class,
    properties = {"cairn.dispatch.poll-interval=50ms", "cairn.journeys.monitor-interval=100ms"})
class CohortJourneyIT {

  @Autowired JourneyRuntime runtime;
  @Autowired JourneyStore store;
  @Autowired JourneyLauncher launcher;
  @Autowired JourneyService journeys;
  @Autowired TransactionTemplate tx;
  @Autowired SandboxMessages sandbox;
  @Autowired TagCatalog catalog;
  @Autowired ProfileImporter importer;

  /** 5,000 users: ids u0…u4999, every 10th without a first name, every 7th without an email. */
  private void importUsers() {
    catalog.define(new TagDefinition("first_name", "First name", TagType.TEXT, "user", null));
    catalog.define(new TagDefinition("city", "City", TagType.ENUM, "user", null));
    StringBuilder csv = new StringBuilder("id,mobile,email,first_name,city\n");
    for (int i = 0; i < 5_000; i++) {
      csv.append("u").append(i).append(",+8613").append(100000 + i).append(',')
          .append(i % 7 == 0 ? "" : "u" + i + "@example.com").append(',')
          .append(i % 10 == 0 ? "" : "N" + i).append(",C").append(i % 3).append('\n');
    }
    var report =
        importer.importCsv(
            "user", new java.io.ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), null);
    assertThat(report.imported()).isEqualTo(5_000);
  }

  @Test
  void shouldSplitCohortAndSendEveryMemberExactlyOneMessage() throws Exception {
    byte[] bpmn =
        new String(
                getClass().getResourceAsStream("/journeys/split-sms-email.bpmn").readAllBytes(),
                StandardCharsets.UTF_8)
            .replace("SEGMENT_ID", "1")
            .getBytes(StandardCharsets.UTF_8);
    importUsers();
    String definitionId = runtime.deploy("split", "split_sms_email", bpmn);
    long journeyId = store.insertJourney("split", "split_sms_email", JourneyMode.AUDIENCE, definitionId, 1L, bpmn);
    RoaringBitmap audience = RoaringBitmap.bitmapOfRange(0, 5_000);

    tx.executeWithoutResult(
        s -> launcher.launch(store.lock(journeyId).orElseThrow(), "user", audience));
    awaitStatus(journeyId, JourneyStatus.COMPLETED);

    List<SandboxMessage> sms = sandbox.list(Channel.SMS, null, 0, 10_000).items();
    List<SandboxMessage> email = sandbox.list(Channel.EMAIL, null, 0, 10_000).items();
    Set<String> keys = new HashSet<>();
    for (SandboxMessage m : sms) {
      assertThat(keys.add(m.recipient())).as("one message per user").isTrue();
    }
    for (SandboxMessage m : email) {
      String user = m.recipient().replace("@example.com", "");
      assertThat(keys.add("+8613" + (100000 + Integer.parseInt(user.substring(1)))))
          .as("one branch per user")
          .isTrue();
    }
    JourneyStats stats = journeys.stats(journeyId);
    List<ActionStats> actions = stats.actions();
    assertThat(actions).hasSize(2);
    long recipients = actions.stream().mapToLong(ActionStats::recipients).sum();
    assertThat(recipients).isEqualTo(5_000);
    ActionStats smsStats =
        actions.stream().filter(a -> a.elementId().equals("sms")).findFirst().orElseThrow();
    assertThat(smsStats.recipients()).isBetween(2_900L, 3_100L);
    assertThat(smsStats.sent()).isEqualTo(sms.size()).isEqualTo(smsStats.recipients());
    ActionStats emailStats =
        actions.stream().filter(a -> a.elementId().equals("email")).findFirst().orElseThrow();
    assertThat(emailStats.sent() + emailStats.skipped()).isEqualTo(emailStats.recipients());
    assertThat(emailStats.sent()).isEqualTo(email.size());
    assertThat(stats.nodes())
        .anySatisfy(
            n -> {
              assertThat(n.elementId()).isEqualTo("split");
              assertThat(n.entered()).isEqualTo(5_000);
              assertThat(n.left()).isEqualTo(5_000);
            });
    assertThat(sms)
        .allSatisfy(m -> assertThat(m.body()).matches("【Cairn】Hi (N[0-9]+|friend), offer in C[0-2]"));
    assertThat(email).allSatisfy(m -> assertThat(m.subject()).matches("N[0-9]+, a gift"));
    assertThat(emailStats.skipped()).isPositive();
  }

  private void awaitStatus(long journeyId, JourneyStatus status) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (journeys.get(journeyId).status() != status) {
      assertThat(Instant.now()).as("journey reached " + status).isBefore(deadline);
      Thread.sleep(100);
    }
  }
}
