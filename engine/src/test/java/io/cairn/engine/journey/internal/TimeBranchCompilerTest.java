package io.cairn.engine.journey.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.junit.jupiter.api.Test;

class TimeBranchCompilerTest {

  @Test
  void shouldPutATimerWaitingUntilItsTimeOnEveryBranchOfATimeBranch() {
    byte[] compiled =
        JourneyCompiler.standard()
            .compile(BranchValidationTest.journey("time-branch.bpmn").getBytes(StandardCharsets.UTF_8));
    BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream(compiled));

    IntermediateCatchEvent morning = model.getModelElementById("cairnAt_t_morning");
    IntermediateCatchEvent evening = model.getModelElementById("cairnAt_t_evening");
    assertThat(morning.getName()).isEqualTo("Morning: at 2030-01-02T09:00:00Z");
    assertThat(timeDate(morning)).isEqualTo("2030-01-02T09:00:00Z");
    // 17:00 in Shanghai is 09:00 UTC
    assertThat(timeDate(evening)).isEqualTo("2030-01-03T09:00:00Z");

    SequenceFlow branch = model.getModelElementById("t_morning");
    SequenceFlow go = model.getModelElementById("cairnGo_t_morning");
    assertThat(branch.getSource().getId()).isEqualTo("times");
    assertThat(branch.getTarget()).isEqualTo(morning);
    assertThat(go.getSource()).isEqualTo(morning);
    assertThat(go.getTarget().getId()).isEqualTo("sms_morning");
  }

  private static String timeDate(IntermediateCatchEvent event) {
    TimerEventDefinition timer =
        (TimerEventDefinition) event.getEventDefinitions().iterator().next();
    return timer.getTimeDate().getTextContent();
  }
}
