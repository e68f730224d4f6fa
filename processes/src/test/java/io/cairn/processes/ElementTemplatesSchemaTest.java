package io.cairn.processes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.AllowSchemaLoader;
import com.networknt.schema.resource.SchemaLoaders;
import com.networknt.schema.resource.SchemaMappers;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Cairn element template is valid against Camunda's official element-templates JSON schema
 * (the Camunda 7 one, vendored in {@code src/test/resources/element-templates-schema}), and the
 * same validator rejects broken templates, so a pass means something.
 */
class ElementTemplatesSchemaTest {

  private static final String VENDORED = "classpath:element-templates-schema/schema.json";

  /** The schema's own {@code $id}, against which its internal {@code $ref}s resolve. */
  private static final String SCHEMA_ID = "http://camunda.org/schema/element-templates/1.0";

  private static JsonSchema schema;

  @BeforeAll
  static void loadSchemaOffline() {
    JsonSchemaFactory factory =
        JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V7,
            builder ->
                builder
                    .schemaMappers(ElementTemplatesSchemaTest::useVendoredCopy)
                    .schemaLoaders(ElementTemplatesSchemaTest::refuseTheNetwork));
    schema = factory.getSchema(SchemaLocation.of(ElementTemplates.SCHEMA_URL));
  }

  private static void useVendoredCopy(SchemaMappers.Builder mappers) {
    mappers.mapPrefix(ElementTemplates.SCHEMA_URL, VENDORED).mapPrefix(SCHEMA_ID, VENDORED);
  }

  /** Anything not vendored fails loudly instead of being fetched from the web. */
  private static void refuseTheNetwork(SchemaLoaders.Builder loaders) {
    loaders.values(
        list -> list.add(0, new AllowSchemaLoader(iri -> iri.toString().startsWith("classpath:"))));
  }

  @Test
  void shouldDeclareCamundasSchemaOnEveryTemplate() {
    assertThat(ElementTemplates.all())
        .isNotEmpty()
        .allSatisfy(
            t -> assertThat(t.path("$schema").asText()).isEqualTo(ElementTemplates.SCHEMA_URL));
  }

  @Test
  void shouldValidateEveryTemplateAgainstCamundasSchema() {
    for (JsonNode template : ElementTemplates.all()) {
      assertThat(schema.validate(template)).as(template.path("id").asText()).isEmpty();
    }
  }

  @Test
  void shouldValidateTheWholeFileAsModelerLoadsIt() {
    assertThat(schema.validate(ElementTemplates.file())).isEmpty();
  }

  static Stream<Arguments> breakages() {
    return Stream.of(
        breakage("missing appliesTo", t -> t.remove("appliesTo")),
        breakage("missing id", t -> t.remove("id")),
        breakage("version not an integer", t -> t.put("version", "one")),
        breakage(
            "unknown binding type", t -> binding(t, "template").put("type", "camunda:nonsense")),
        breakage("binding without a name", t -> binding(t, "template").remove("name")),
        breakage(
            "multi-line Text on a camunda:property binding",
            t -> property(t, "template").put("type", "Text")),
        breakage("dropdown without choices", t -> property(t, "onEmptyValue").remove("choices")),
        breakage(
            "notEmpty constraint not a boolean",
            t -> property(t, "template").putObject("constraints").put("notEmpty", "yes")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("breakages")
  void shouldRejectABrokenTemplate(String what, Consumer<ObjectNode> breakage) {
    ObjectNode broken = ElementTemplates.require("io.cairn.sendSms").deepCopy();
    breakage.accept(broken);

    Set<ValidationMessage> errors = schema.validate(broken);

    assertThat(errors).as(what).isNotEmpty();
    ArrayNode file = (ArrayNode) ElementTemplates.file();
    file.add(broken);
    assertThat(schema.validate(file)).as(what + " inside the file").isNotEmpty();
  }

  private static Arguments breakage(String what, Consumer<ObjectNode> change) {
    return Arguments.of(what, change);
  }

  private static ObjectNode property(ObjectNode template, String bindingName) {
    for (JsonNode p : template.path("properties")) {
      if (p.path("binding").path("name").asText().equals(bindingName)) {
        return (ObjectNode) p;
      }
    }
    throw new AssertionError("no property bound to " + bindingName);
  }

  private static ObjectNode binding(ObjectNode template, String bindingName) {
    return (ObjectNode) property(template, bindingName).get("binding");
  }
}
