package io.cairn.processes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.cairn.connectors.content.EmptyValuePolicy;
import io.cairn.connectors.email.EmailSettings;
import io.cairn.connectors.sms.SmsSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Cairn's element templates are valid against Camunda's official schema and in sync with the
 * connectors' settings records (template inputs = record components).
 */
class ElementTemplatesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path TEMPLATES = Path.of(".camunda/element-templates/cairn-journeys.json");

  /** Service-task template id → settings record its inputs must match. */
  private static final Map<String, Class<? extends Record>> ACTIONS =
      Map.of("io.cairn.sendSms", SmsSettings.class, "io.cairn.sendEmail", EmailSettings.class);

  private static final Map<String, String> DELEGATES =
      Map.of("io.cairn.sendSms", "${cairnSendSms}", "io.cairn.sendEmail", "${cairnSendEmail}");

  private static JsonSchema schema() throws IOException {
    try (InputStream in =
        ElementTemplatesTest.class.getResourceAsStream("/element-templates-schema/schema.json")) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
    }
  }

  private static JsonNode templates() throws IOException {
    return JSON.readTree(Files.readString(TEMPLATES));
  }

  @Test
  void everyTemplateIsValidAgainstCamundasSchema() throws IOException {
    JsonSchema schema = schema();
    JsonNode all = templates();
    assertThat(all.size()).isEqualTo(5);
    for (JsonNode template : all) {
      Set<ValidationMessage> errors = schema.validate(template);
      assertThat(errors).as(template.get("id").asText()).isEmpty();
    }
  }

  @Test
  void theSchemaRejectsABrokenTemplate() throws IOException {
    ObjectNode broken = (ObjectNode) templates().get(3).deepCopy();
    broken.remove("appliesTo");
    ((ObjectNode) broken.get("properties").get(1).get("binding")).put("type", "camunda:nonsense");
    assertThat(schema().validate(broken)).isNotEmpty();
  }

  @Test
  void actionTemplateInputsEqualTheSettingsRecords() throws IOException {
    Set<String> ids = new HashSet<>();
    for (JsonNode template : templates()) {
      String id = template.get("id").asText();
      assertThat(ids.add(id)).as("unique id " + id).isTrue();
      if (!ACTIONS.containsKey(id)) {
        continue;
      }
      Set<String> inputs = new TreeSet<>();
      String delegate = null;
      for (JsonNode p : template.get("properties")) {
        JsonNode binding = p.get("binding");
        if (binding.get("type").asText().equals("camunda:property")) {
          inputs.add(binding.get("name").asText());
          if (p.path("type").asText().equals("Dropdown")) {
            Set<String> choices = new TreeSet<>();
            p.get("choices").forEach(c -> choices.add(c.get("value").asText()));
            assertThat(choices)
                .isEqualTo(
                    Arrays.stream(EmptyValuePolicy.values())
                        .map(Enum::name)
                        .collect(Collectors.toCollection(TreeSet::new)));
          }
        } else if (binding.get("name").asText().equals("camunda:delegateExpression")) {
          delegate = p.get("value").asText();
        }
      }
      Set<String> components =
          Arrays.stream(ACTIONS.get(id).getRecordComponents())
              .map(c -> c.getName())
              .collect(Collectors.toCollection(TreeSet::new));
      assertThat(inputs).as(id + " inputs").isEqualTo(components);
      assertThat(delegate).as(id + " delegate").isEqualTo(DELEGATES.get(id));
    }
    assertThat(ids).containsAll(ACTIONS.keySet());
  }
}
