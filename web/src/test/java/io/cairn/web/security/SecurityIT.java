package io.cairn.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.ClassUtils;

/** Authentication, roles, the users API and what is (not) served. */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"cairn.security.admin-password=it-secret", "cairn.demo.enabled=false"})
class SecurityIT {

  @Autowired TestRestTemplate rest;
  @Autowired JdbcTemplate jdbc;
  @Autowired UserAccounts accounts;

  private TestRestTemplate admin() {
    return rest.withBasicAuth("admin", "it-secret");
  }

  private static ResponseEntity<JsonNode> postJson(TestRestTemplate http, String path, Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), JsonNode.class);
  }

  private static void assertProblem(ResponseEntity<JsonNode> r, int status, String type) {
    assertThat(r.getStatusCode().value()).as(String.valueOf(r.getBody())).isEqualTo(status);
    assertThat(r.getHeaders().getContentType())
        .isNotNull()
        .matches(t -> t.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON), "problem+json");
    assertThat(r.getBody().get("type").asText()).isEqualTo("urn:cairn:problem:" + type);
    assertThat(r.getBody().get("status").asInt()).isEqualTo(status);
  }

  private void createUser(String name, String password, String role) {
    ResponseEntity<JsonNode> r =
        postJson(
            admin(), "/api/users", Map.of("username", name, "password", password, "roles", List.of(role)));
    assertThat(r.getStatusCode().value()).as(String.valueOf(r.getBody())).isEqualTo(201);
  }

  @Test
  void shouldAnswerUnauthenticatedApiCallsWith401ProblemAndBasicChallenge() {
    ResponseEntity<JsonNode> r = rest.getForEntity("/api/sandbox/messages", JsonNode.class);
    assertProblem(r, 401, "unauthenticated");
    assertThat(r.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Basic realm=\"cairn\"");
    assertThat(r.getHeaders().get(HttpHeaders.SET_COOKIE)).as("stateless: no session").isNull();
  }

  @Test
  void shouldRefuseWrongPasswordsAndUnknownUsersWith401() {
    ResponseEntity<JsonNode> wrong =
        rest.withBasicAuth("admin", "not-it").getForEntity("/api/sandbox/messages", JsonNode.class);
    assertProblem(wrong, 401, "unauthenticated");
    assertThat(wrong.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).contains("Basic");
    assertProblem(
        rest.withBasicAuth("nobody", "it-secret").getForEntity("/api/users", JsonNode.class),
        401,
        "unauthenticated");
  }

  @Test
  void shouldLetAnAdminCreateAMarketerWhoCanReadTheSandboxButNotManageUsers() {
    createUser("mia.marketer", "correct-horse-battery", "MARKETER");
    TestRestTemplate mia = rest.withBasicAuth("mia.marketer", "correct-horse-battery");

    ResponseEntity<JsonNode> sandbox = mia.getForEntity("/api/sandbox/messages?channel=SMS", JsonNode.class);
    assertThat(sandbox.getStatusCode().value()).isEqualTo(200);
    assertThat(sandbox.getBody().get("total").isNumber()).isTrue();
    assertThat(sandbox.getBody().get("items").isArray()).isTrue();

    assertProblem(
        postJson(mia, "/api/users", Map.of("username", "eve", "password", "eve-wants-admin!", "roles", List.of("ADMIN"))),
        403,
        "forbidden");
    assertProblem(mia.getForEntity("/api/users", JsonNode.class), 403, "forbidden");
    assertThat(accounts.exists("eve")).isFalse();
  }

  @Test
  void shouldListUsersWithRolesButNeverTheirHashes() {
    createUser("lister.admin", "another-long-password", "ADMIN");
    ResponseEntity<String> r = admin().getForEntity("/api/users", String.class);
    assertThat(r.getStatusCode().value()).isEqualTo(200);
    assertThat(r.getBody()).contains("\"admin\"", "\"lister.admin\"", "ADMIN");
    assertThat(r.getBody()).doesNotContain("password", "bcrypt", "another-long-password");
    String hash =
        jdbc.queryForObject(
            "SELECT password_hash FROM cairn_user WHERE username = ?", String.class, "lister.admin");
    assertThat(hash).startsWith("{bcrypt}$2");
  }

  @Test
  void shouldLetAnAdminDoWhatAMarketerDoes() {
    assertThat(admin().getForEntity("/api/sandbox/messages", JsonNode.class).getStatusCode().value())
        .isEqualTo(200);
  }

  @Test
  void shouldRefuseDuplicateAndInvalidUsers() {
    createUser("dup.user", "a-long-enough-password", "MARKETER");
    assertProblem(
        postJson(admin(), "/api/users",
            Map.of("username", "dup.user", "password", "a-long-enough-password", "roles", List.of("MARKETER"))),
        409,
        "user-exists");
    ResponseEntity<JsonNode> invalid =
        postJson(admin(), "/api/users",
            Map.of("username", "bad name", "password", "short", "roles", List.of("ROOT")));
    assertProblem(invalid, 400, "invalid-request");
    assertThat(invalid.getBody().get("violations").findValuesAsText("field"))
        .contains("username", "password")
        .anyMatch(f -> f.startsWith("roles"));
    assertThat(accounts.exists("bad name")).isFalse();
  }

  @Test
  void shouldNotServeCamundaRestOrWebapps() {
    assertProblem(rest.getForEntity("/engine-rest/engine", JsonNode.class), 401, "unauthenticated");
    assertProblem(admin().getForEntity("/engine-rest/engine", JsonNode.class), 404, "not-found");
    assertProblem(admin().getForEntity("/camunda/app/cockpit/", JsonNode.class), 404, "not-found");
    assertThat(ClassUtils.isPresent("org.camunda.bpm.engine.rest.impl.CamundaRestResources", null))
        .as("camunda-engine-rest on the classpath")
        .isFalse();
    assertThat(ClassUtils.isPresent("org.camunda.bpm.webapp.impl.IllegalWebAppConfigurationException", null))
        .as("camunda webapps on the classpath")
        .isFalse();
  }

  @Test
  void shouldServeHealthToAnyoneAndApiDocsOnlyToUsers() {
    ResponseEntity<JsonNode> health = rest.getForEntity("/actuator/health", JsonNode.class);
    assertThat(health.getStatusCode().value()).isEqualTo(200);
    assertThat(health.getBody().get("status").asText()).isEqualTo("UP");
    assertThat(health.getBody().has("components")).as("no details to anonymous callers").isFalse();

    assertProblem(rest.getForEntity("/v3/api-docs", JsonNode.class), 401, "unauthenticated");
    assertThat(rest.getForEntity("/swagger-ui/index.html", String.class).getStatusCode().value())
        .isEqualTo(401);
    ResponseEntity<JsonNode> docs = admin().getForEntity("/v3/api-docs", JsonNode.class);
    assertThat(docs.getStatusCode().value()).isEqualTo(200);
    assertThat(docs.getBody().at("/info/title").asText()).isEqualTo("Cairn API");
    assertThat(docs.getBody().at("/components/securitySchemes/basic/scheme").asText()).isEqualTo("basic");
    assertThat(docs.getBody().at("/paths").has("/api/users")).isTrue();
  }

  @Test
  void shouldGenerateTheAdminPasswordOnceAndPrintItOnlyOnce(CapturedOutput output) {
    jdbc.update("DELETE FROM cairn_user WHERE username = 'admin'");
    try {
      new AdminBootstrap(accounts, "").run(null);
      Matcher m = Pattern.compile("password: (\\S{24})").matcher(output.getOut());
      assertThat(m.find()).as(output.getOut()).isTrue();
      String generated = m.group(1);
      assertThat(rest.withBasicAuth("admin", generated).getForEntity("/api/users", JsonNode.class)
              .getStatusCode().value())
          .isEqualTo(200);

      int printed = output.getOut().length();
      new AdminBootstrap(accounts, "").run(null);
      assertThat(output.getOut().substring(printed)).doesNotContain(generated).doesNotContain("password:");
      assertThat(rest.withBasicAuth("admin", generated).getForEntity("/api/users", JsonNode.class)
              .getStatusCode().value())
          .as("a later start keeps the generated password")
          .isEqualTo(200);
    } finally {
      new AdminBootstrap(accounts, "it-secret").run(null);
    }
    assertThat(admin().getForEntity("/api/users", JsonNode.class).getStatusCode().value())
        .as("a configured password replaces the stored one")
        .isEqualTo(200);
  }
}
