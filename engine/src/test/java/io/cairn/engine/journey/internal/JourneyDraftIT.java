package io.cairn.engine.journey.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.engine.journey.Journey;
import io.cairn.engine.journey.JourneyService;
import io.cairn.engine.journey.JourneyStatus;
import io.cairn.engine.problem.ConflictException;
import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.problem.Violation;
import io.cairn.engine.segment.SegmentService;
import io.cairn.engine.testing.EngineTestApplication;
import io.cairn.engine.workspace.Workspaces;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * An invalid journey can be saved as a draft: INCOMPLETE with every problem by element id, unable
 * to start, editable until it validates; once started it is changed by versions only.
 */
@SpringBootTest(classes = EngineTestApplication.class)
class JourneyDraftIT {

  @Autowired JourneyService journeys;
  @Autowired SegmentService segments;

  private String valid() throws Exception {
    long segment =
        segments.createStatic("drafts", "user", RoaringBitmap.bitmapOf(1, 2), "test").id();
    return new String(getClass().getResourceAsStream("/journeys/wait-sms.bpmn").readAllBytes(), UTF_8)
        .replace("SEGMENT_ID", String.valueOf(segment));
  }

  @Test
  void shouldKeepAnInvalidJourneyIncompleteUntilAnEditMakesItValid() throws Exception {
    String valid = valid();
    String broken =
        valid
            .replace("<camunda:property name=\"template\" value=\"Still thinking about it?\" />", "")
            .replace("name=\"amount\" value=\"2\"", "name=\"amount\" value=\"31\"");

    Journey draft = journeys.saveDraft(Workspaces.DEFAULT, "Draft", broken.getBytes(UTF_8));
    assertThat(draft.status()).isEqualTo(JourneyStatus.INCOMPLETE);
    assertThat(draft.processKey()).isEqualTo("wait_sms");
    assertThat(journeys.problems(draft.id()))
        .extracting(Violation::field)
        .containsExactlyInAnyOrder("sms", "wait");
    assertThatThrownBy(() -> journeys.start(draft.id()))
        .isInstanceOfSatisfying(
            ConflictException.class, e -> assertThat(e.type()).isEqualTo("journey-incomplete"));

    Journey fixed = journeys.edit(draft.id(), valid.getBytes(UTF_8));
    assertThat(fixed.status()).isEqualTo(JourneyStatus.NOT_STARTED);
    assertThat(journeys.problems(draft.id())).isEmpty();
    assertThat(journeys.edit(draft.id(), broken.getBytes(UTF_8)).status())
        .as("a journey not started may become a draft again")
        .isEqualTo(JourneyStatus.INCOMPLETE);
    journeys.edit(draft.id(), valid.getBytes(UTF_8));

    assertThat(journeys.start(draft.id()).status()).isEqualTo(JourneyStatus.RUNNING);
    assertThatThrownBy(() -> journeys.edit(draft.id(), valid.getBytes(UTF_8)))
        .isInstanceOfSatisfying(
            ConflictException.class, e -> assertThat(e.type()).isEqualTo("journey-started"));
  }

  @Test
  void shouldSaveAValidDraftReadyToStartAndKeepEvenUnreadableFilesWithTheirProblem()
      throws Exception {
    assertThat(journeys.saveDraft(Workspaces.DEFAULT, "Ready", valid().getBytes(UTF_8)).status())
        .isEqualTo(JourneyStatus.NOT_STARTED);

    Journey garbage = journeys.saveDraft(Workspaces.DEFAULT, "Garbage", "not xml".getBytes(UTF_8));
    assertThat(garbage.status()).isEqualTo(JourneyStatus.INCOMPLETE);
    assertThat(journeys.problems(garbage.id())).extracting(Violation::field).containsExactly("bpmn");
    assertThatThrownBy(() -> journeys.saveDraft(Workspaces.DEFAULT, " ", valid().getBytes(UTF_8)))
        .as("a draft needs a name")
        .isInstanceOf(InvalidInputException.class);
  }
}
