package io.cairn.engine.journey.internal;

import java.util.Map;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;

/**
 * Turns one Cairn component, as the marketer configured it, into the executable BPMN the engine
 * runs: for example a wait gets the timer definition Cairn writes from its validated properties.
 * Runs after {@link JourneyValidator} accepted the file, so the properties are known to be valid.
 */
interface ElementCompiler {

  /** The element template id ({@code camunda:modelerTemplate}) this compiler handles. */
  String templateId();

  /**
   * Rewrites {@code element} (and, where needed, its surroundings) in {@code model}.
   *
   * @param properties the element's {@code camunda:property} values
   */
  void compile(BpmnModelInstance model, FlowElement element, Map<String, String> properties);
}
