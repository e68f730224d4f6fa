package io.cairn.engine.journey.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JourneyCopiesTest {

  @Test
  void shouldNameTheCopyWithinSixtyFourCharacters() {
    assertThat(JourneyCopies.copyName("Welcome")).isEqualTo("Welcome (copy)");
    assertThat(JourneyCopies.copyName("x".repeat(64))).isEqualTo("x".repeat(57) + " (copy)");
    assertThat(JourneyCopies.copyName("x".repeat(50) + "       yyyyyyy"))
        .isEqualTo("x".repeat(50) + " (copy)");
  }

  @Test
  void shouldNotCutACharacterOutsideTheBasicPlaneInHalf() {
    String name = "x".repeat(56) + "😀" + "tail"; // the emoji takes chars 57 and 58
    String copy = JourneyCopies.copyName(name);
    assertThat(copy).isEqualTo("x".repeat(56) + " (copy)");
    assertThat(copy.chars().noneMatch(c -> Character.isSurrogate((char) c))).isTrue();
  }

  @Test
  void shouldRenameTheProcessAndTheDiagramsReferencesToIt() {
    String bpmn =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\""
            + " xmlns:bpmndi=\"http://www.omg.org/spec/BPMN/20100524/DI\" id=\"defs\">"
            + "<bpmn:collaboration id=\"c\"><bpmn:participant id=\"p\" processRef=\"welcome\" />"
            + "</bpmn:collaboration>"
            + "<bpmn:process id=\"welcome\" name=\"Wélcome\" isExecutable=\"true\">"
            + "<bpmn:startEvent id=\"entry\" /></bpmn:process>"
            + "<bpmndi:BPMNDiagram id=\"d\"><bpmndi:BPMNPlane id=\"pl\" bpmnElement=\"welcome\" />"
            + "</bpmndi:BPMNDiagram></bpmn:definitions>";

    String copy =
        new String(
            JourneyCopies.withProcessKey(
                bpmn.getBytes(StandardCharsets.UTF_8), "welcome", "welcome_copy1"),
            StandardCharsets.UTF_8);

    assertThat(copy)
        .contains("id=\"welcome_copy1\"")
        .contains("name=\"Wélcome\"")
        .contains("processRef=\"welcome_copy1\"")
        .contains("bpmnElement=\"welcome_copy1\"")
        .contains("<bpmn:startEvent id=\"entry\"/>")
        .doesNotContain("\"welcome\"");
  }
}
