package io.cairn.processes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ScriptTask;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.camunda.bpm.model.xml.type.ModelElementType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sample journeys parse with Camunda's model API, use only Cairn's components exactly as
 * Modeler writes them when a template is applied, and are complete (splits sum to 100, history time
 * to live set, a diagram for every element).
 */
class SampleJourneysTest {

  private static final Path JOURNEYS = Path.of("src/main/resources/cairn/journeys");
  private static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";
  private static final String RANDOM_SPLIT = "io.cairn.randomSplit";
  private static final String SPLIT_BRANCH = "io.cairn.splitBranch";

  /** The deployer replaces exactly this text with the real segment id. */
  private static final String SEGMENT_PLACEHOLDER = "name=\"segmentId\" value=\"0\"";

  static Stream<Path> samples() throws IOException {
    try (Stream<Path> files = Files.list(JOURNEYS)) {
      return files.filter(p -> p.toString().endsWith(".bpmn")).sorted().toList().stream();
    }
  }

  private static BpmnModelInstance read(Path file) {
    BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
    Bpmn.validateModel(model);
    return model;
  }

  @Test
  void shouldShipTheDocumentedSamples() throws IOException {
    assertThat(samples().map(p -> p.getFileName().toString()))
        .contains(
            "welcome-split.bpmn",
            "demo-vip-sms.bpmn",
            "win-back.bpmn",
            "abandoned-cart.bpmn",
            "welcome-series.bpmn",
            "birthday.bpmn");
    assertThat(processOf(read(JOURNEYS.resolve("welcome-split.bpmn"))).getId())
        .isEqualTo("welcome_split");
    assertThat(processOf(read(JOURNEYS.resolve("demo-vip-sms.bpmn"))).getId())
        .isEqualTo("demo_vip_sms");
    assertThat(processOf(read(JOURNEYS.resolve("win-back.bpmn"))).getId()).isEqualTo("win_back");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void shouldBeAnExecutableProcessWithHistoryTimeToLive(Path file) {
    Process process = processOf(read(file));

    assertThat(process.isExecutable()).isTrue();
    assertThat(process.getCamundaHistoryTimeToLiveString()).isNotBlank();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void shouldUseOnlyExistingTemplatesOnMatchingElements(Path file) {
    for (BaseElement element : read(file).getModelElementsByType(BaseElement.class)) {
      String templateId = templateOf(element);
      if (templateId == null) {
        continue;
      }
      JsonNode template =
          ElementTemplates.byId(templateId)
              .orElseThrow(() -> new AssertionError(element.getId() + ": unknown " + templateId));
      Set<String> appliesTo = new HashSet<>();
      template.path("appliesTo").forEach(t -> appliesTo.add(t.asText()));
      assertThat(bpmnTypes(element.getElementType()))
          .as(element.getId() + " is one of " + appliesTo)
          .containsAnyElementsOf(appliesTo);
      assertThat(element.getAttributeValueNs(CAMUNDA_NS, "modelerTemplateVersion"))
          .as(element.getId() + " template version")
          .isEqualTo(template.path("version").asText());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void shouldCarryEveryTemplateInputAsModelerWritesIt(Path file) {
    for (BaseElement element : read(file).getModelElementsByType(BaseElement.class)) {
      String templateId = templateOf(element);
      if (templateId != null) {
        assertAppliedAsModelerWould(element, ElementTemplates.require(templateId));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void shouldContainOnlyCairnComponentsAndPlainFlow(Path file) {
    BpmnModelInstance model = read(file);

    assertThat(model.getModelElementsByType(ScriptTask.class)).isEmpty();
    for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
      assertThat(templateOf(task)).as(task.getId() + " has a Cairn template").isNotNull();
    }
    for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
      assertThat(flow.getConditionExpression()).as(flow.getId() + " condition").isNull();
    }
  }

  /** Samples entered by an audience (cohort mode); the others have an event entry. */
  static Stream<Path> audienceSamples() throws IOException {
    return samples()
        .filter(
            p -> {
              try {
                return Files.readString(p, StandardCharsets.UTF_8).contains("io.cairn.audienceEntry");
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("audienceSamples")
  void shouldGiveEveryRandomSplitBranchPercentagesSummingTo100(Path file) {
    List<Gateway> splits =
        read(file).getModelElementsByType(Gateway.class).stream()
            .filter(g -> RANDOM_SPLIT.equals(templateOf(g)))
            .toList();

    for (Gateway split : splits) {
      assertThat(split.getOutgoing())
          .as(split.getId() + " branches")
          .hasSizeGreaterThanOrEqualTo(2);
      BigDecimal sum = BigDecimal.ZERO;
      for (SequenceFlow branch : split.getOutgoing()) {
        assertThat(templateOf(branch)).as(branch.getId()).isEqualTo(SPLIT_BRANCH);
        String percentage = camundaProperties(branch).get("percentage");
        assertThat(percentage).as(branch.getId() + " percentage").isNotBlank();
        sum = sum.add(new BigDecimal(percentage));
      }
      assertThat(sum).as(split.getId() + " sum").isEqualByComparingTo("100");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void shouldOpenInModelerWithNamesAndADiagramForEveryElement(Path file) {
    BpmnModelInstance model = read(file);
    Set<String> drawn = new HashSet<>();
    model
        .getModelElementsByType(BpmnShape.class)
        .forEach(s -> drawn.add(s.getBpmnElement().getId()));
    model
        .getModelElementsByType(BpmnEdge.class)
        .forEach(e -> drawn.add(e.getBpmnElement().getId()));

    for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
      assertThat(drawn).as(element.getId() + " drawn").contains(element.getId());
      if (element instanceof FlowNode || templateOf(element) != null) {
        assertThat(element.getName()).as(element.getId() + " name").isNotBlank();
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("audienceSamples")
  void shouldLeaveTheSegmentIdAsThePlaceholderTheDeployerReplaces(Path file) throws IOException {
    String xml = Files.readString(file, StandardCharsets.UTF_8);

    assertThat(xml.split(Pattern.quote(SEGMENT_PLACEHOLDER), -1)).hasSize(2);
  }

  private static void assertAppliedAsModelerWould(BaseElement element, JsonNode template) {
    String where = element.getId() + " (" + template.path("id").asText() + ")";
    Map<String, String> properties = camundaProperties(element);
    Set<String> expectedNames = new HashSet<>();
    for (JsonNode input : template.path("properties")) {
      JsonNode binding = input.path("binding");
      String name = binding.path("name").asText();
      String value;
      if (binding.path("type").asText().equals("property")) {
        value = attribute(element, name);
      } else {
        expectedNames.add(name);
        value = properties.get(name);
      }
      assertThat(value).as(where + " " + name).isNotNull();
      assertSatisfies(input, value, where + " " + name);
    }
    assertThat(properties.keySet()).as(where + " properties").isEqualTo(expectedNames);
    ExtensionElements extensions = element.getExtensionElements();
    if (extensions != null) {
      assertThat(extensions.getElements())
          .as(where + " extension elements")
          .allMatch(CamundaProperties.class::isInstance);
    }
  }

  private static void assertSatisfies(JsonNode input, String value, String what) {
    switch (input.path("type").asText("String")) {
      case "Hidden" -> assertThat(value).as(what).isEqualTo(input.path("value").asText());
      case "Dropdown" -> {
        Set<String> choices = new HashSet<>();
        input.path("choices").forEach(c -> choices.add(c.path("value").asText()));
        assertThat(choices).as(what).contains(value);
      }
      default -> {}
    }
    JsonNode constraints = input.path("constraints");
    if (constraints.path("notEmpty").asBoolean(false)) {
      assertThat(value).as(what).isNotEmpty();
    }
    JsonNode pattern = constraints.path("pattern");
    String regex = pattern.isTextual() ? pattern.asText() : pattern.path("value").asText(null);
    if (regex != null) {
      assertThat(Pattern.compile(regex).matcher(value).find()).as(what + " ~ " + regex).isTrue();
    }
  }

  private static Process processOf(BpmnModelInstance model) {
    assertThat(model.getModelElementsByType(Process.class)).hasSize(1);
    return model.getModelElementsByType(Process.class).iterator().next();
  }

  private static String templateOf(BaseElement element) {
    return element.getAttributeValueNs(CAMUNDA_NS, "modelerTemplate");
  }

  /** A template's {@code property} binding name: {@code camunda:x} or a plain BPMN attribute. */
  private static String attribute(BaseElement element, String bindingName) {
    return bindingName.startsWith("camunda:")
        ? element.getAttributeValueNs(CAMUNDA_NS, bindingName.substring("camunda:".length()))
        : element.getAttributeValue(bindingName);
  }

  private static Map<String, String> camundaProperties(BaseElement element) {
    Map<String, String> byName = new LinkedHashMap<>();
    ExtensionElements extensions = element.getExtensionElements();
    if (extensions == null) {
      return byName;
    }
    for (CamundaProperties group :
        extensions.getElementsQuery().filterByType(CamundaProperties.class).list()) {
      for (CamundaProperty p : group.getCamundaProperties()) {
        // The model API reads value="" (what Modeler writes for an untouched input) as null.
        String value = p.getCamundaValue() == null ? "" : p.getCamundaValue();
        assertThat(byName.put(p.getCamundaName(), value))
            .as(element.getId() + " duplicate " + p.getCamundaName())
            .isNull();
      }
    }
    return byName;
  }

  /** {@code bpmn:ServiceTask}, {@code bpmn:Task}, … for an element type and its supertypes. */
  private static Set<String> bpmnTypes(ModelElementType type) {
    Set<String> names = new HashSet<>();
    for (ModelElementType t = type; t != null; t = t.getBaseType()) {
      String local = t.getTypeName();
      names.add("bpmn:" + Character.toUpperCase(local.charAt(0)) + local.substring(1));
    }
    return names;
  }
}
