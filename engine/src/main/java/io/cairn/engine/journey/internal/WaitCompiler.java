package io.cairn.engine.journey.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.CatchEvent;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.TimeDate;
import org.camunda.bpm.model.bpmn.instance.TimeDuration;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;

/**
 * The wait component: a timer intermediate catch event whose timer Cairn writes from the validated
 * {@link WaitSpec}. In cohort mode the run's token (and its whole cohort) waits in one Camunda
 * timer job; in event mode each user's instance waits in its own.
 */
final class WaitCompiler implements ElementCompiler {

  @Override
  public String templateId() {
    return Component.WAIT.templateId;
  }

  @Override
  public void compile(BpmnModelInstance model, FlowElement element, Map<String, String> props) {
    // The validator already checked the spec against the clock of the save; compile without
    // re-checking "not in the past", which depends on when the file is compiled.
    List<String> problems = new ArrayList<>();
    WaitSpec spec = WaitSpec.parse(props, null, problems);
    if (spec == null) {
      throw new IllegalStateException("wait " + element.getId() + " was not validated: " + problems);
    }
    timer((CatchEvent) element, model, spec);
  }

  static void timer(CatchEvent event, BpmnModelInstance model, WaitSpec spec) {
    event.getEventDefinitions().clear();
    TimerEventDefinition timer = model.newInstance(TimerEventDefinition.class);
    if (spec.duration() != null) {
      TimeDuration duration = model.newInstance(TimeDuration.class);
      duration.setTextContent(spec.duration().toString());
      timer.setTimeDuration(duration);
    } else {
      TimeDate date = model.newInstance(TimeDate.class);
      date.setTextContent(spec.until().toString());
      timer.setTimeDate(date);
    }
    event.getEventDefinitions().add(timer);
  }
}
