package io.cairn.web.profile;

import io.cairn.engine.profile.ImportReport;
import io.cairn.engine.profile.JdbcImportRequest;
import io.cairn.engine.profile.ProfileImporter;
import io.cairn.engine.profile.TagCatalog;
import io.cairn.engine.profile.TagDefinition;
import io.cairn.engine.profile.TagType;
import io.cairn.engine.problem.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The tag catalog and profile imports. */
@RestController
@RequestMapping("/api")
class ProfileController {

  /** A tag to define; {@code type} is parsed here so that a bad type names its field. */
  record NewTag(String code, String name, String type, String entityType, String description) {}

  private final TagCatalog catalog;
  private final ProfileImporter importer;

  ProfileController(TagCatalog catalog, ProfileImporter importer) {
    this.catalog = catalog;
    this.importer = importer;
  }

  @PostMapping("/tags")
  @ResponseStatus(HttpStatus.CREATED)
  TagDefinition define(@RequestBody NewTag tag) {
    TagType type;
    try {
      type = TagType.valueOf(String.valueOf(tag.type()));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          "invalid-tag", "type", "type is one of ENUM, BOOLEAN, NUMBER, DATE, MULTI, TEXT");
    }
    return catalog.define(
        new TagDefinition(tag.code(), tag.name(), type, tag.entityType(), tag.description()));
  }

  @GetMapping("/tags")
  List<TagDefinition> tags(@RequestParam(defaultValue = "user") String entityType) {
    return catalog.list(entityType);
  }

  /** {@code curl --data-binary @users.csv -H 'Content-Type: text/csv' …/api/profiles/import?entityType=user} */
  @PostMapping(path = "/profiles/import", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE, MediaType.APPLICATION_OCTET_STREAM_VALUE})
  ImportReport importRaw(
      @RequestParam String entityType,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
          LocalDate snapshotDate,
      InputStream body) {
    return importer.importCsv(entityType, body, snapshotDate);
  }

  /**
   * {@code POST /api/profiles/import/jdbc {"entityType":"user","source":"crm","table":"customers"}}
   * or with {@code "query": "SELECT …"} instead of {@code table}; see {@link
   * ProfileImporter#importJdbc}.
   */
  @PostMapping(path = "/profiles/import/jdbc", consumes = MediaType.APPLICATION_JSON_VALUE)
  ImportReport importJdbc(@RequestBody JdbcImportRequest request) {
    return importer.importJdbc(request);
  }

  /** {@code curl -F file=@users.csv …/api/profiles/import?entityType=user} */
  @PostMapping(path = "/profiles/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ImportReport importMultipart(
      @RequestParam String entityType,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
          LocalDate snapshotDate,
      @RequestPart("file") MultipartFile file)
      throws IOException {
    try (InputStream in = file.getInputStream()) {
      return importer.importCsv(entityType, in, snapshotDate);
    }
  }
}
