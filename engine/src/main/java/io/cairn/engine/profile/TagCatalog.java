package io.cairn.engine.profile;

import io.cairn.connectors.channel.IdType;
import io.cairn.engine.problem.ConflictException;
import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.problem.Violation;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** The tag catalog: typed attributes per entity type. Thread-safe. */
@Service
public class TagCatalog {

  private static final String COLUMNS = "code, name, type, entity_type, description";

  private final JdbcTemplate jdbc;
  private final Clock clock;

  TagCatalog(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Defines a tag.
   *
   * @throws InvalidInputException naming the offending field
   * @throws ConflictException when the code is already defined for the entity type
   */
  public TagDefinition define(TagDefinition tag) {
    List<Violation> v = new ArrayList<>();
    if (tag.code() == null || !tag.code().matches("[a-z][a-z0-9_]{0,63}")) {
      v.add(new Violation("code", "a code is a lower-case letter then up to 63 of a-z, 0-9, _"));
    } else if (tag.code().equals("id") || IdType.isIdType(tag.code())) {
      v.add(new Violation("code", "'" + tag.code() + "' is reserved for ids and identities"));
    }
    if (tag.name() == null || tag.name().isBlank() || tag.name().length() > 128) {
      v.add(new Violation("name", "a name has 1 to 128 characters"));
    }
    if (tag.type() == null) {
      v.add(new Violation("type", "type is one of ENUM, BOOLEAN, NUMBER, DATE, MULTI, TEXT"));
    }
    if (tag.entityType() == null || !EntityTypes.ALL.contains(tag.entityType())) {
      v.add(new Violation("entityType", "entityType must be one of user, merchant, store"));
    }
    if (tag.description() != null && tag.description().length() > 1024) {
      v.add(new Violation("description", "at most 1,024 characters"));
    }
    if (!v.isEmpty()) {
      throw new InvalidInputException("invalid-tag", "The tag is not valid", v);
    }
    if (find(tag.entityType(), tag.code()).isPresent()) {
      throw new ConflictException(
          "tag-exists", "tag " + tag.code() + " is already defined for " + tag.entityType());
    }
    jdbc.update(
        "INSERT INTO cairn_tag (code, name, type, entity_type, description, created_at)"
            + " VALUES (?,?,?,?,?,?)",
        tag.code(),
        tag.name().trim(),
        tag.type().name(),
        tag.entityType(),
        tag.description(),
        Timestamp.from(clock.instant()));
    return tag;
  }

  public List<TagDefinition> list(String entityType) {
    return jdbc.query(
        "SELECT " + COLUMNS + " FROM cairn_tag WHERE entity_type = ? ORDER BY code",
        (rs, i) -> tag(rs),
        entityType);
  }

  public Optional<TagDefinition> find(String entityType, String code) {
    return jdbc.query(
            "SELECT " + COLUMNS + " FROM cairn_tag WHERE entity_type = ? AND code = ?",
            (rs, i) -> tag(rs),
            entityType,
            code)
        .stream()
        .findFirst();
  }

  private static TagDefinition tag(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new TagDefinition(
        rs.getString(1),
        rs.getString(2),
        TagType.valueOf(rs.getString(3)),
        rs.getString(4),
        rs.getString(5));
  }
}
