package io.cairn.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** Drives Cairn over HTTP only, as a client would; shared by end-to-end tests and benchmarks. */
final class CairnApi {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final TestRestTemplate http;

  CairnApi(TestRestTemplate http) {
    this.http = http;
  }

  TestRestTemplate http() {
    return http;
  }

  ResponseEntity<JsonNode> postJson(String path, Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.exchange(path, HttpMethod.POST, new HttpEntity<>(json(body), headers), JsonNode.class);
  }

  ResponseEntity<JsonNode> putJson(String path, Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.exchange(path, HttpMethod.PUT, new HttpEntity<>(json(body), headers), JsonNode.class);
  }

  ResponseEntity<JsonNode> get(String path) {
    return http.getForEntity(path, JsonNode.class);
  }

  ResponseEntity<JsonNode> post(String path) {
    return http.exchange(path, HttpMethod.POST, HttpEntity.EMPTY, JsonNode.class);
  }

  ResponseEntity<JsonNode> importCsv(String entityType, Path csv) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(new MediaType("text", "csv", StandardCharsets.UTF_8));
    return http.exchange(
        "/api/profiles/import?entityType=" + entityType,
        HttpMethod.POST,
        new HttpEntity<>(new FileSystemResource(csv), headers),
        JsonNode.class);
  }

  ResponseEntity<JsonNode> importCsv(String entityType, String csv) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(new MediaType("text", "csv", StandardCharsets.UTF_8));
    return http.exchange(
        "/api/profiles/import?entityType=" + entityType,
        HttpMethod.POST,
        new HttpEntity<>(csv.getBytes(StandardCharsets.UTF_8), headers),
        JsonNode.class);
  }

  void defineTag(String code, String name, String type) {
    ResponseEntity<JsonNode> r =
        postJson(
            "/api/tags", Map.of("code", code, "name", name, "type", type, "entityType", "user"));
    assertThat(r.getStatusCode().value()).as("define tag " + code + ": " + r.getBody()).isEqualTo(201);
  }

  /** Creates a segment and waits until it is ACTIVE; returns its JSON. */
  JsonNode createSegment(String name, String ruleJson, Duration timeout) {
    ResponseEntity<JsonNode> r =
        postJson(
            "/api/segments",
            Map.of("name", name, "entityType", "user", "rule", parse(ruleJson)));
    assertThat(r.getStatusCode().value()).as("create segment: " + r.getBody()).isEqualTo(201);
    long id = r.getBody().get("id").asLong();
    return await("/api/segments/" + id, "ACTIVE", timeout);
  }

  ResponseEntity<JsonNode> deployJourney(String name, byte[] bpmn) {
    MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
    form.add(
        "file",
        new ByteArrayResource(bpmn) {
          @Override
          public String getFilename() {
            return "journey.bpmn";
          }
        });
    form.add("name", name);
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return http.exchange(
        "/api/journeys", HttpMethod.POST, new HttpEntity<>(form, headers), JsonNode.class);
  }

  /** Polls {@code path} until its {@code status} is {@code status}; fails on FAILED or timeout. */
  JsonNode await(String path, String status, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      JsonNode body = get(path).getBody();
      String current = body == null || body.get("status") == null ? null : body.get("status").asText();
      if (status.equals(current)) {
        return body;
      }
      assertThat(current).as(path + " failed: " + body).isNotEqualTo("FAILED");
      assertThat(Instant.now()).as(path + " to reach " + status + ", is " + body).isBefore(deadline);
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** A sample journey from {@code processes} with its audience entry set to {@code segmentId}. */
  static String sampleJourney(String file, long segmentId) {
    try (java.io.InputStream in = CairnApi.class.getResourceAsStream("/cairn/journeys/" + file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace(
              "name=\"segmentId\" value=\"0\"", "name=\"segmentId\" value=\"" + segmentId + "\"");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String json(Object body) {
    try {
      return body instanceof String s ? s : JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
