package io.cairn.processes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ScriptTask;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.junit.jupiter.api.Test;

/** The sample journeys use only Cairn's templates and are complete. */
class SampleJourneysTest {

  private static final Path JOURNEYS = Path.of("src/main/resources/cairn/journeys");

  private static Set<String> templateIds() throws IOException {
    Set<String> ids = new HashSet<>();
    JsonNode all =
        new ObjectMapper()
            .readTree(Files.readString(Path.of(".camunda/element-templates/cairn-journeys.json")));
    all.forEach(t -> ids.add(t.get("id").asText()));
    return ids;
  }

  private static List<Path> samples() throws IOException {
    try (Stream<Path> files = Files.list(JOURNEYS)) {
      return files.filter(p -> p.toString().endsWith(".bpmn")).sorted().toList();
    }
  }

  @Test
  void samplesUseOnlyCairnComponentsAndSplitsSumTo100() throws IOException {
    Set<String> templates = templateIds();
    assertThat(samples()).hasSizeGreaterThanOrEqualTo(2);
    for (Path file : samples()) {
      BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
      Bpmn.validateModel(model);
      Process process = model.getModelElementsByType(Process.class).iterator().next();
      assertThat(process.getCamundaHistoryTimeToLiveString()).as(file + " TTL").isNotBlank();
      assertThat(model.getModelElementsByType(ScriptTask.class)).isEmpty();
      for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
        String template =
            node.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "modelerTemplate");
        if (node instanceof ServiceTask) {
          assertThat(template).as(node.getId()).isNotNull();
        }
        if (template != null) {
          assertThat(templates).as(file + " " + node.getId()).contains(template);
        }
      }
      for (ExclusiveGateway split : model.getModelElementsByType(ExclusiveGateway.class)) {
        double sum = 0;
        for (SequenceFlow flow : split.getOutgoing()) {
          sum += Double.parseDouble(property(flow, "percentage"));
        }
        assertThat(sum).as(file + " " + split.getId()).isEqualTo(100.0);
      }
    }
  }

  private static String property(SequenceFlow flow, String name) {
    for (CamundaProperty p :
        flow.getExtensionElements()
            .getElementsQuery()
            .filterByType(CamundaProperties.class)
            .singleResult()
            .getCamundaProperties()) {
      if (p.getCamundaName().equals(name)) {
        return p.getCamundaValue();
      }
    }
    throw new AssertionError(flow.getId() + " has no " + name);
  }
}
