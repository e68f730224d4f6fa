package io.cairn.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.engine.coupon.internal.CouponIssuer;
import io.cairn.engine.profile.ProfileReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The coupon API over HTTP: create, list, show and disable coupons; import codes with a per-line
 * report; refuse a broken or oversized file naming {@code file} and storing nothing; look up the
 * one code a user holds. No answer but that lookup, and no log line, carries a code; every route
 * needs authentication.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"cairn.security.admin-password=it-secret", "cairn.demo.enabled=false"})
class CouponApiIT {

  @Autowired TestRestTemplate rest;
  @Autowired JdbcTemplate jdbc;
  @Autowired CouponIssuer issuer;
  @Autowired ProfileReader profiles;

  @Test
  void shouldImportReportAndShowCountsButNeverCodes(CapturedOutput output) {
    CairnApi api = new CairnApi(rest.withBasicAuth("admin", "it-secret"));
    ResponseEntity<JsonNode> created =
        api.postJson("/api/coupons", Map.of("name", "Spring 10 %", "description", "web shop"));
    assertThat(created.getStatusCode().value()).isEqualTo(201);
    long id = created.getBody().get("id").asLong();
    assertThat(created.getHeaders().getLocation().getPath()).isEqualTo("/api/coupons/" + id);
    assertThat(created.getBody().get("enabled").asBoolean()).isTrue();

    ResponseEntity<JsonNode> report =
        csv(api, id, "code\nSECRET-AAA1\nSECRET-AAA2\n\nSECRET-AAA1\n" + "Q".repeat(70) + "\n");
    assertThat(report.getStatusCode().value()).isEqualTo(200);
    JsonNode r = report.getBody();
    assertThat(r.get("rows").asLong()).isEqualTo(5);
    assertThat(r.get("imported").asLong()).isEqualTo(2);
    assertThat(r.get("duplicates").asLong()).isEqualTo(1);
    assertThat(r.get("invalid").asLong()).isEqualTo(2);
    assertThat(r.get("problems").findValuesAsText("line")).containsExactly("4", "5", "6");
    assertThat(r.toString()).doesNotContain("SECRET-AAA");

    ResponseEntity<JsonNode> multipart = multipart(api, id, "code\nSECRET-AAA2\nSECRET-AAA3\n");
    assertThat(multipart.getStatusCode().value()).isEqualTo(200);
    assertThat(multipart.getBody().get("imported").asLong()).isEqualTo(1);
    assertThat(multipart.getBody().get("existing").asLong()).isEqualTo(1);

    JsonNode shown = api.get("/api/coupons/" + id).getBody();
    assertThat(shown.get("total").asLong()).isEqualTo(3);
    assertThat(shown.get("issued").asLong()).isZero();
    assertThat(shown.get("left").asLong()).isEqualTo(3);
    assertThat(shown.toString()).doesNotContain("SECRET-AAA");

    // Structural errors: 400 naming the file, nothing stored.
    assertFileRefused(csv(api, id, "SECRET-BBB1\nSECRET-BBB2\n"));
    assertFileRefused(csv(api, id, ""));
    byte[] big = new byte[8 * 1024 * 1024 + 16];
    Arrays.fill(big, (byte) 'Z');
    System.arraycopy("code\n".getBytes(StandardCharsets.UTF_8), 0, big, 0, 5);
    assertFileRefused(csv(api, id, big));
    assertThat(api.get("/api/coupons/" + id).getBody().get("total").asLong()).isEqualTo(3);
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM cairn_coupon_code WHERE code LIKE 'SECRET-BBB%'", Long.class))
        .isZero();

    // Issued to one user: the support desk's lookup shows that code, and only to a signed-in user.
    api.importCsv("user", "id,mobile\nweb-u1,+8613911112222\nweb-u2,+8613911113333\n");
    int u1 = profiles.entityId("user", "web-u1").getAsInt();
    long codeId = issuer.issue(id, "user", new int[] {u1}).codes().get(u1);
    ResponseEntity<JsonNode> held = api.get("/api/coupons/" + id + "/issued/user/web-u1");
    assertThat(held.getStatusCode().value()).isEqualTo(200);
    assertThat(held.getHeaders().getCacheControl()).contains("no-store");
    assertThat(held.getBody().get("code").asText()).isEqualTo("SECRET-AAA1");
    assertThat(held.getBody().get("codeId").asLong()).isEqualTo(codeId);
    assertThat(api.get("/api/coupons/" + id + "/issued/user/web-u2").getStatusCode().value())
        .isEqualTo(404);
    assertThat(api.get("/api/coupons/" + id + "/issued/user/nobody").getStatusCode().value())
        .isEqualTo(404);
    assertThat(api.get("/api/coupons/" + id + "/issued/planet/web-u1").getStatusCode().value())
        .isEqualTo(400);
    assertThat(api.get("/api/coupons/" + id).getBody().get("issued").asLong()).isEqualTo(1);

    ResponseEntity<JsonNode> user =
        api.postJson(
            "/api/users",
            Map.of(
                "username",
                "desk",
                "password",
                "correct-horse-battery",
                "roles",
                List.of("MARKETER")));
    assertThat(user.getStatusCode().value()).isEqualTo(201);
    CairnApi marketer = new CairnApi(rest.withBasicAuth("desk", "correct-horse-battery"));
    assertThat(marketer.get("/api/coupons/" + id + "/issued/user/web-u1").getStatusCode().value())
        .isEqualTo(200);
    assertThat(
            rest.getForEntity("/api/coupons/" + id + "/issued/user/web-u1", String.class)
                .getStatusCode()
                .value())
        .isEqualTo(401);

    assertThat(output.getAll()).doesNotContain("SECRET-AAA", "SECRET-BBB");
  }

  @Test
  void shouldListDisableAndRefuseBadRequestsNamingTheField() {
    CairnApi api = new CairnApi(rest.withBasicAuth("admin", "it-secret"));
    long a = api.postJson("/api/coupons", Map.of("name", "List A")).getBody().get("id").asLong();
    api.postJson("/api/coupons", Map.of("name", "List B"));

    JsonNode page = api.get("/api/coupons?page=0&size=1").getBody();
    assertThat(page.get("items")).hasSize(1);
    assertThat(page.get("total").asLong()).isGreaterThanOrEqualTo(2);
    assertThat(api.get("/api/coupons?size=0").getStatusCode().value()).isEqualTo(400);

    JsonNode disabled = api.post("/api/coupons/" + a + "/disable").getBody();
    assertThat(disabled.get("enabled").asBoolean()).isFalse();
    assertThat(api.get("/api/coupons/" + a).getBody().get("enabled").asBoolean()).isFalse();
    assertThat(api.post("/api/coupons/" + a + "/enable").getBody().get("enabled").asBoolean())
        .isTrue();

    ResponseEntity<JsonNode> blank = api.postJson("/api/coupons", Map.of("name", " "));
    assertThat(blank.getStatusCode().value()).isEqualTo(400);
    assertThat(blank.getBody().get("violations").findValuesAsText("field")).containsExactly("name");
    assertThat(api.postJson("/api/coupons", Map.of("name", "List A")).getStatusCode().value())
        .isEqualTo(409);
    assertThat(api.get("/api/coupons/987654").getStatusCode().value()).isEqualTo(404);
    assertThat(api.post("/api/coupons/987654/disable").getStatusCode().value()).isEqualTo(404);
    assertThat(csv(api, 987654, "code\nX\n").getStatusCode().value()).isEqualTo(404);

    for (String path : List.of("/api/coupons", "/api/coupons/" + a)) {
      assertThat(rest.getForEntity(path, String.class).getStatusCode().value()).isEqualTo(401);
    }
    assertThat(
            rest.exchange(
                    "/api/coupons/" + a + "/disable",
                    HttpMethod.POST,
                    HttpEntity.EMPTY,
                    String.class)
                .getStatusCode()
                .value())
        .isEqualTo(401);
    assertThat(
            rest.exchange(
                    "/api/coupons/" + a + "/codes",
                    HttpMethod.POST,
                    new HttpEntity<>("code\nX\n".getBytes(StandardCharsets.UTF_8), csvHeaders()),
                    String.class)
                .getStatusCode()
                .value())
        .isEqualTo(401);
  }

  private static void assertFileRefused(ResponseEntity<JsonNode> answer) {
    assertThat(answer.getStatusCode().value()).isEqualTo(400);
    assertThat(answer.getBody().get("type").asText()).endsWith("invalid-csv");
    assertThat(answer.getBody().get("violations").findValuesAsText("field"))
        .containsExactly("file");
  }

  private static HttpHeaders csvHeaders() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(new MediaType("text", "csv", StandardCharsets.UTF_8));
    return headers;
  }

  private static ResponseEntity<JsonNode> csv(CairnApi api, long id, String body) {
    return csv(api, id, body.getBytes(StandardCharsets.UTF_8));
  }

  private static ResponseEntity<JsonNode> csv(CairnApi api, long id, byte[] body) {
    return api.http()
        .exchange(
            "/api/coupons/" + id + "/codes",
            HttpMethod.POST,
            new HttpEntity<>(body, csvHeaders()),
            JsonNode.class);
  }

  private static ResponseEntity<JsonNode> multipart(CairnApi api, long id, String body) {
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    parts.add(
        "file",
        new ByteArrayResource(body.getBytes(StandardCharsets.UTF_8)) {
          @Override
          public String getFilename() {
            return "codes.csv";
          }
        });
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return api.http()
        .exchange(
            "/api/coupons/" + id + "/codes",
            HttpMethod.POST,
            new HttpEntity<>(parts, headers),
            JsonNode.class);
  }
}
