package io.cairn.web.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
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

/** The identity and JDBC-import routes over HTTP: authentication, problems naming fields, happy paths. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "cairn.security.admin-password=it-secret",
      "cairn.demo.enabled=false",
      "cairn.sources.crm.url=" + ProfileApiIT.CRM_URL,
      "cairn.sources.crm.username=crm",
      "cairn.sources.crm.password=" + ProfileApiIT.CRM_PASSWORD
    })
@ExtendWith(OutputCaptureExtension.class)
class ProfileApiIT {

  static final String CRM_URL = "jdbc:h2:mem:cairn-web-crm;DB_CLOSE_DELAY=-1";
  static final String CRM_PASSWORD = "pw-marker-5519";
  // sha256("dave@example.com"), a golden vector from sha256sum
  static final String DAVE_SHA = "7b34211350ff567970974e1e2b98d319a601969e74fd1a957bc889b8332d00eb";

  @Autowired TestRestTemplate rest;

  @BeforeAll
  static void crm() throws SQLException {
    try (Connection c = DriverManager.getConnection(CRM_URL, "crm", CRM_PASSWORD);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE members (id VARCHAR(20), email VARCHAR(60))");
      s.execute("INSERT INTO members VALUES ('w1', 'dave@example.com'), ('w2', 'erin@example.com')");
    }
  }

  private TestRestTemplate admin() {
    return rest.withBasicAuth("admin", "it-secret");
  }

  private ResponseEntity<JsonNode> postJdbc(TestRestTemplate client, String json) {
    HttpHeaders h = new HttpHeaders();
    h.setContentType(MediaType.APPLICATION_JSON);
    return client.exchange(
        "/api/profiles/import/jdbc", HttpMethod.POST, new HttpEntity<>(json, h), JsonNode.class);
  }

  private ResponseEntity<JsonNode> get(TestRestTemplate client, String path) {
    return client.getForEntity(path, JsonNode.class);
  }

  private static JsonNode problem(ResponseEntity<JsonNode> r, int status, String field) {
    assertThat(r.getStatusCode().value()).as(String.valueOf(r.getBody())).isEqualTo(status);
    assertThat(r.getHeaders().getContentType()).isNotNull();
    assertThat(r.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .isTrue();
    if (field != null) {
      assertThat(r.getBody().get("violations").findValuesAsText("field")).contains(field);
    }
    return r.getBody();
  }

  @Test
  void shouldAnswer401WithoutCredentials() {
    problem(get(rest, "/api/identities?idType=email&value=x@y.io"), 401, null);
    problem(get(rest, "/api/identities/user/w1"), 401, null);
    problem(postJdbc(rest, "{\"entityType\":\"user\",\"source\":\"crm\",\"table\":\"members\"}"), 401, null);
  }

  @Test
  void shouldImportFromASourceAndFindTheEntityByRawOrHashedIdentity(CapturedOutput output) {
    ResponseEntity<JsonNode> imported =
        postJdbc(
            admin(),
            "{\"entityType\":\"user\",\"source\":\"crm\",\"table\":\"members\","
                + "\"snapshotDate\":\"2024-05-01\"}");
    assertThat(imported.getStatusCode().value()).as(String.valueOf(imported.getBody())).isEqualTo(200);
    assertThat(imported.getBody().get("imported").asLong()).isEqualTo(2);

    ResponseEntity<JsonNode> byQuery =
        postJdbc(
            admin(),
            "{\"entityType\":\"user\",\"source\":\"crm\","
                + "\"query\":\"SELECT id, email FROM members WHERE id = 'w2'\"}");
    assertThat(byQuery.getBody().get("imported").asLong()).isEqualTo(1);

    String sha = DAVE_SHA;
    JsonNode found =
        get(admin(), "/api/identities?entityType=user&idType=email&form=sha256&value=" + sha)
            .getBody();
    assertThat(found.get("externalId").asText()).isEqualTo("w1");
    assertThat(found.get("identities").findValuesAsText("form")).containsExactly("raw", "sha256");

    JsonNode raw = get(admin(), "/api/identities?idType=email&value=Dave@Example.com").getBody();
    assertThat(raw.get("externalId").asText()).isEqualTo("w1");

    JsonNode byId = get(admin(), "/api/identities/user/w2").getBody();
    assertThat(byId.get("identities").findValuesAsText("value"))
        .containsExactly("erin@example.com", sha256("erin@example.com"));

    assertThat(output.getAll()).doesNotContain("dave@example.com", "erin@example.com", sha, CRM_PASSWORD);
  }

  @Test
  void shouldNameTheOffendingFieldIn400sAnd404s(CapturedOutput output) {
    problem(get(admin(), "/api/identities?idType=fax&value=1"), 400, "idType");
    problem(get(admin(), "/api/identities?idType=email&form=sha1&value=1"), 400, "form");
    problem(get(admin(), "/api/identities?idType=email&form=sha256&value=abc"), 400, "value");
    problem(get(admin(), "/api/identities?idType=email"), 400, "value");
    problem(get(admin(), "/api/identities?entityType=planet&idType=email&value=a@b.io"), 400, "entityType");
    JsonNode missing = problem(get(admin(), "/api/identities?idType=email&value=zed@example.com"), 404, null);
    assertThat(missing.toString()).doesNotContain("zed");
    problem(get(admin(), "/api/identities/user/nobody-here"), 404, null);

    JsonNode unknown = problem(postJdbc(admin(), "{\"entityType\":\"user\",\"source\":\"erp\",\"table\":\"members\"}"), 400, "source");
    assertThat(unknown.toString()).contains("crm").doesNotContain(CRM_PASSWORD);
    problem(postJdbc(admin(), "{\"entityType\":\"user\",\"source\":\"crm\",\"table\":\"members; DROP TABLE members\"}"), 400, "table");
    problem(postJdbc(admin(), "{\"entityType\":\"user\",\"source\":\"crm\",\"table\":\"nothing_here\"}"), 400, "table");
    problem(postJdbc(admin(), "{\"entityType\":\"user\",\"source\":\"crm\",\"query\":\"SELECT id FROM members; DELETE FROM members\"}"), 400, "query");
    problem(postJdbc(admin(), "{\"entityType\":\"user\",\"source\":\"crm\",\"query\":\"UPDATE members SET email = NULL\"}"), 400, "query");
    problem(postJdbc(admin(), "{\"entityType\":\"user\",\"source\":\"crm\"}"), 400, "table");
    problem(postJdbc(admin(), "{\"entityType\":\"user\",\"source\":\"crm\",\"query\":\"SELECT email FROM members\"}"), 400, "header");

    assertThat(output.getAll()).doesNotContain(CRM_PASSWORD);
  }

  static String sha256(String s) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
