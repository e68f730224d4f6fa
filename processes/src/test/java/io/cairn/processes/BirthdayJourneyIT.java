package io.cairn.processes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.connectors.channel.Channel;
import io.cairn.connectors.sandbox.SandboxMessage;
import io.cairn.engine.journey.Journey;
import io.cairn.engine.journey.JourneyRun;
import io.cairn.engine.journey.JourneyService;
import io.cairn.engine.journey.JourneyStatus;
import io.cairn.engine.profile.ProfileImporter;
import io.cairn.engine.profile.TagCatalog;
import io.cairn.engine.profile.TagDefinition;
import io.cairn.engine.profile.TagType;
import io.cairn.engine.sandbox.SandboxMessages;
import io.cairn.engine.segment.NewSegment;
import io.cairn.engine.segment.Segment;
import io.cairn.engine.segment.SegmentService;
import io.cairn.engine.segment.SegmentStatus;
import io.cairn.engine.testing.EngineTestApplication;
import io.cairn.engine.testing.TestClock;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The birthday sample (periodic audience entry: daily at 09:00 Asia/Shanghai) on the real engine
 * under a moved clock: each morning's run greets exactly the users whose birthday it is that day,
 * once, and each run is its own execution record named by its day.
 */
@SpringBootTest(
    classes = {EngineTestApplication.class, TestClock.Config.class},
    properties = {
      "cairn.dispatch.poll-interval=50ms",
      "cairn.journeys.monitor-interval=100ms",
      "cairn.journeys.schedule-interval=100ms"
    })
class BirthdayJourneyIT {

  private static final Path SAMPLE = Path.of("src/main/resources/cairn/journeys/birthday.bpmn");
  private static final ObjectMapper JSON = new ObjectMapper();
  /** 09:00 in Shanghai on 2 January 2030. */
  private static final Instant FIRST_MORNING = Instant.parse("2030-01-02T01:00:00Z");

  @Autowired JourneyService journeys;
  @Autowired SegmentService segments;
  @Autowired TagCatalog catalog;
  @Autowired ProfileImporter importer;
  @Autowired SandboxMessages sandbox;
  @Autowired TestClock clock;

  @AfterAll
  static void resetClock() {
    TestClock.reset();
  }

  @Test
  void shouldGreetEachDaysBirthdayUsersOnceInThatDaysRun() throws Exception {
    catalog.define(new TagDefinition("first_name", "First name", TagType.TEXT, "user", null));
    catalog.define(
        new TagDefinition("birthday_today", "Birthday today", TagType.BOOLEAN, "user", null));
    importBirthdays(Set.of(1, 2));
    Segment today =
        segments.create(
            new NewSegment(
                "Birthday today",
                "user",
                "RULE",
                JSON.readTree(
                    "{\"groups\":[{\"conditions\":[{\"tag\":\"birthday_today\",\"op\":\"in\","
                        + "\"values\":[true]}]}]}"),
                null));
    awaitActive(today.id());
    String xml =
        Files.readString(SAMPLE, UTF_8)
            .replace("name=\"segmentId\" value=\"0\"", "name=\"segmentId\" value=\"" + today.id() + "\"");
    Journey journey = journeys.deploy("Birthday", xml.getBytes(UTF_8));
    journeys.start(journey.id());
    assertThat(journeys.get(journey.id()).status()).isEqualTo(JourneyStatus.RUNNING);
    assertThat(journeys.schedule(journey.id()).nextRunAt()).isEqualTo(FIRST_MORNING);
    assertThat(journeys.runs(journey.id())).as("nothing before 09:00").isEmpty();

    clock.set(FIRST_MORNING);
    await(() -> greeted().size() == 2, "the first morning's greetings");
    assertThat(greeted()).containsExactly("+8613700000001", "+8613700000002");

    importBirthdays(Set.of(5));
    segments.refresh(today.id());
    awaitActive(today.id());
    clock.advance(Duration.ofDays(1));
    await(() -> greeted().size() == 3, "the second morning's greeting");
    assertThat(greeted()).containsExactly("+8613700000001", "+8613700000002", "+8613700000005");

    List<JourneyRun> runs = journeys.runs(journey.id());
    assertThat(runs)
        .extracting(JourneyRun::name)
        .containsExactly("Birthday_20300102", "Birthday_20300103");
    assertThat(sandbox.list(Channel.SMS, null, 0, 100).items())
        .extracting(SandboxMessage::body)
        .allSatisfy(b -> assertThat(b).startsWith("【Cairn】Happy birthday, N"));
    assertThat(journeys.get(journey.id()).status())
        .as("a daily journey stays RUNNING between runs")
        .isEqualTo(JourneyStatus.RUNNING);
  }

  /** Ten users; {@code birthdays} have birthday_today = true (the nightly import's job). */
  private void importBirthdays(Set<Integer> birthdays) {
    StringBuilder csv = new StringBuilder("id,mobile,first_name,birthday_today\n");
    for (int i = 0; i < 10; i++) {
      csv.append("b").append(i).append(",+86137").append(String.format("%08d", i)).append(",N")
          .append(i).append(',').append(birthdays.contains(i)).append('\n');
    }
    importer.importCsv("user", new ByteArrayInputStream(csv.toString().getBytes(UTF_8)), null);
  }

  private Set<String> greeted() {
    Set<String> out = new TreeSet<>();
    for (SandboxMessage m : sandbox.list(Channel.SMS, null, 0, 100).items()) {
      assertThat(out.add(m.recipient())).as("greeted once: " + m.recipient()).isTrue();
    }
    return out;
  }

  private void awaitActive(long segmentId) throws InterruptedException {
    await(() -> segments.get(segmentId).status() != SegmentStatus.GENERATING, "segment computed");
    assertThat(segments.get(segmentId).status()).isEqualTo(SegmentStatus.ACTIVE);
  }

  private static void await(BooleanSupplier done, String what) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (!done.getAsBoolean()) {
      assertThat(Instant.now()).as(what).isBefore(deadline);
      Thread.sleep(50);
    }
  }
}
