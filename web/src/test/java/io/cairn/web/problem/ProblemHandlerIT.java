package io.cairn.web.problem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.engine.problem.ConflictException;
import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.problem.NotFoundException;
import io.cairn.engine.problem.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Every failure is an RFC 9457 problem with a stable type, the offending fields, and no leak. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "cairn.security.admin-password=it-secret",
      "cairn.demo.enabled=false",
      "spring.servlet.multipart.max-file-size=4KB",
      "spring.servlet.multipart.max-request-size=8KB"
    })
@Import(ProblemHandlerIT.Failing.class)
@ExtendWith(OutputCaptureExtension.class)
class ProblemHandlerIT {

  /** Throws what the engine throws, and one failure the handler does not know. */
  @RestController
  static class Failing {
    @GetMapping("/api/test-failures/{kind}")
    String fail(@PathVariable String kind) {
      switch (kind) {
        case "invalid" ->
            throw new InvalidInputException(
                "invalid-rule",
                "The rule is invalid",
                List.of(new Violation("groups[0].conditions[1].tag", "no such tag")));
        case "missing" -> throw new NotFoundException("segment", 42);
        case "conflict" -> throw new ConflictException("journey-running", "journey 7 is running");
        case "sql" ->
            throw new org.springframework.dao.DuplicateKeyException(
                "insert failed",
                new java.sql.SQLIntegrityConstraintViolationException(
                    "Duplicate entry '+8613912345678' for key 'mobile'", "23000", 1062));
        default -> throw new IllegalStateException("internal detail marker-q7 from the storage layer");
      }
    }
  }

  @Autowired TestRestTemplate rest;

  private TestRestTemplate admin() {
    return rest.withBasicAuth("admin", "it-secret");
  }

  private ResponseEntity<JsonNode> send(HttpMethod method, String path, MediaType type, Object body) {
    HttpHeaders headers = new HttpHeaders();
    if (type != null) {
      headers.setContentType(type);
    }
    return admin().exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class);
  }

  private ResponseEntity<JsonNode> postJson(String path, String json) {
    return send(HttpMethod.POST, path, MediaType.APPLICATION_JSON, json);
  }

  private static JsonNode assertProblem(ResponseEntity<JsonNode> r, int status, String type) {
    assertThat(r.getStatusCode().value()).as(String.valueOf(r.getBody())).isEqualTo(status);
    assertThat(r.getHeaders().getContentType())
        .isNotNull()
        .matches(t -> t.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON), "problem+json");
    JsonNode body = r.getBody();
    assertThat(body.get("type").asText()).isEqualTo("urn:cairn:problem:" + type);
    assertThat(body.get("status").asInt()).isEqualTo(status);
    assertThat(body.get("title").asText()).isNotBlank();
    assertThat(body.toString()).doesNotContain("io.cairn.", "Exception", "\tat ");
    return body;
  }

  private static List<String> fields(JsonNode problem) {
    return problem.get("violations").findValuesAsText("field");
  }

  @Test
  void shouldMapEngineExceptionsToTheirStatusAndType() {
    JsonNode invalid = assertProblem(admin().getForEntity("/api/test-failures/invalid", JsonNode.class), 400, "invalid-rule");
    assertThat(invalid.get("title").asText()).isEqualTo("The rule is invalid");
    assertThat(fields(invalid)).containsExactly("groups[0].conditions[1].tag");
    assertThat(invalid.at("/violations/0/message").asText()).isEqualTo("no such tag");

    JsonNode missing = assertProblem(admin().getForEntity("/api/test-failures/missing", JsonNode.class), 404, "not-found");
    assertThat(missing.get("detail").asText()).isEqualTo("segment 42 does not exist");
    assertThat(missing.get("kind").asText()).isEqualTo("segment");

    JsonNode conflict = assertProblem(admin().getForEntity("/api/test-failures/conflict", JsonNode.class), 409, "journey-running");
    assertThat(conflict.get("detail").asText()).isEqualTo("journey 7 is running");
  }

  @Test
  void shouldLogUnknownFailuresWithoutTheirMessages(CapturedOutput output) {
    JsonNode body =
        assertProblem(admin().getForEntity("/api/test-failures/sql", JsonNode.class), 500, "internal-error");
    String errorId = body.get("errorId").asText();
    assertThat(output.getAll())
        .contains(errorId)
        .contains("SQLIntegrityConstraintViolationException (SQLState 23000, code 1062)")
        .contains("ProblemHandlerIT$Failing.fail")
        .doesNotContain("8613912345678");
  }

  @Test
  void shouldAnswerUnknownFailuresWith500AndAnErrorIdOnly() {
    JsonNode body = assertProblem(admin().getForEntity("/api/test-failures/boom", JsonNode.class), 500, "internal-error");
    String errorId = body.get("errorId").asText();
    assertThat(errorId).matches("[0-9a-f-]{36}");
    assertThat(body.get("detail").asText()).contains(errorId);
    assertThat(body.toString()).doesNotContain("marker-q7", "storage layer", "IllegalState", "trace");
  }

  @Test
  void shouldRefuseMalformedJsonNamingWhereItBroke() {
    JsonNode truncated = assertProblem(postJson("/api/users", "{\"username\": "), 400, "malformed-request");
    assertThat(fields(truncated)).containsExactly("body");
    assertThat(truncated.at("/violations/0/message").asText()).contains("line 1");

    assertProblem(postJson("/api/users", "{\"username\":\"a\"} {\"x\":1}"), 400, "malformed-request");
    assertProblem(send(HttpMethod.POST, "/api/users", MediaType.APPLICATION_JSON, ""), 400, "malformed-request");

    JsonNode wrongShape =
        assertProblem(
            postJson("/api/users", "{\"username\":\"ann\",\"password\":\"long-enough-pass\",\"roles\":{\"a\":1}}"),
            400,
            "malformed-request");
    assertThat(fields(wrongShape)).containsExactly("roles");
  }

  @Test
  void shouldRefuseTooDeepJsonBeforeBindingIt() {
    String deep = "[".repeat(65) + "]".repeat(65);
    JsonNode body =
        assertProblem(
            postJson("/api/users", "{\"username\":\"ann\",\"unknown\":" + deep + "}"),
            400,
            "malformed-request");
    assertThat(body.at("/violations/0/message").asText()).contains("nests too deeply");
    String deepButAllowed = "[".repeat(62) + "]".repeat(62);
    String unknownField = "{\"username\":\"no spaces\",\"unknown\":" + deepButAllowed + "}";
    assertThat(postJson("/api/users", unknownField).getBody().get("type").asText())
        .as("JSON within the depth limit is read and then validated")
        .isEqualTo("urn:cairn:problem:invalid-request");
  }

  @Test
  void shouldNameEveryInvalidFieldOfAValidatedBody() {
    JsonNode body =
        assertProblem(
            postJson("/api/users", "{\"username\":\"no spaces\",\"password\":\"short\",\"roles\":[\"ROOT\"]}"),
            400,
            "invalid-request");
    assertThat(fields(body)).contains("username", "password", "roles[0]");
  }

  @Test
  void shouldNameMissingOrIllTypedParameters() {
    assertThat(fields(assertProblem(admin().getForEntity("/api/sandbox/messages?page=abc", JsonNode.class), 400, "invalid-request")))
        .containsExactly("page");
    JsonNode channel =
        assertProblem(admin().getForEntity("/api/sandbox/messages?channel=FAX", JsonNode.class), 400, "invalid-request");
    assertThat(fields(channel)).containsExactly("channel");
    assertThat(channel.at("/violations/0/message").asText()).contains("SMS");
    assertThat(fields(assertProblem(admin().getForEntity("/api/sandbox/messages?size=0", JsonNode.class), 400, "invalid-request")))
        .containsExactly("size");
    assertThat(fields(assertProblem(admin().getForEntity("/api/sandbox/messages?size=100000", JsonNode.class), 400, "invalid-request")))
        .containsExactly("size");
  }

  @Test
  void shouldAnswerUnknownRoutesUnsupportedMediaAndMethodsWithProblems() {
    assertProblem(admin().getForEntity("/api/no-such-thing", JsonNode.class), 404, "not-found");
    assertProblem(send(HttpMethod.POST, "/api/users", MediaType.TEXT_PLAIN, "username=x"), 415, "unsupported-media-type");
    assertProblem(send(HttpMethod.DELETE, "/api/users", null, null), 405, "method-not-allowed");
  }

  @Test
  void shouldRefuseTooLargeUploadsWith413() {
    MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
    form.add(
        "file",
        new ByteArrayResource(new byte[6 * 1024]) {
          @Override
          public String getFilename() {
            return "big.csv";
          }
        });
    assertProblem(send(HttpMethod.POST, "/api/sandbox/messages", MediaType.MULTIPART_FORM_DATA, form), 413, "too-large");
  }
}
