package io.cairn.engine.journey.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;

/**
 * Produces the BPMN the engine executes from the BPMN the marketer saved. Marketers configure
 * components through {@code camunda:property} values only; whatever the engine must evaluate
 * (timer dates and durations, message names) is written here by Cairn from those validated values,
 * so nothing a user typed ever reaches Camunda's expression language. The saved file stays as the
 * marketer drew it; element ids are kept, so statistics and migrations speak the marketer's ids.
 */
final class JourneyCompiler {

  private final Map<String, ElementCompiler> byTemplate;

  JourneyCompiler(List<ElementCompiler> compilers) {
    this.byTemplate =
        compilers.stream().collect(Collectors.toMap(ElementCompiler::templateId, Function.identity()));
  }

  /** The compilers of the components that need one. */
  static JourneyCompiler standard() {
    return new JourneyCompiler(
        List.of(
            new WaitCompiler(),
            new EventEntryCompiler(),
            new TimeBranchCompiler(),
            new BehaviourBranchCompiler(),
            new ResultBranchCompiler()));
  }

  /** Compiles a file {@link JourneyValidator} accepted (so it has no DOCTYPE or entities). */
  byte[] compile(byte[] validated) {
    BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream(validated));
    for (FlowElement element : List.copyOf(model.getModelElementsByType(FlowElement.class))) {
      ElementCompiler compiler = byTemplate.get(template(element));
      if (compiler != null) {
        compiler.compile(model, element, SendActionDelegate.properties(element));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Bpmn.writeModelToStream(out, model);
    return out.toByteArray();
  }

  private static String template(FlowElement element) {
    return element.getAttributeValueNs(Component.CAMUNDA_NS, "modelerTemplate");
  }
}
