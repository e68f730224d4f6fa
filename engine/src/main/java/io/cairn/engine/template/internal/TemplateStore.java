package io.cairn.engine.template.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.connectors.channel.Channel;
import io.cairn.engine.template.EmailContent;
import io.cairn.engine.template.PushContent;
import io.cairn.engine.template.SmsContent;
import io.cairn.engine.template.Template;
import io.cairn.engine.template.TemplateVariable;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/** SQL of cairn_template and cairn_template_use. */
@Component
public class TemplateStore {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COLUMNS =
      "id, name, channel, entity_type, content, variables, version, created_at, updated_at";

  private final JdbcTemplate jdbc;

  TemplateStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<Template> find(long id) {
    return jdbc.query("SELECT " + COLUMNS + " FROM cairn_template WHERE id = ?", this::map, id)
        .stream()
        .findFirst();
  }

  /** A page by optional channel and name fragment (case-insensitive), newest first. */
  public Template.Page list(
      long workspaceId, Channel channel, String nameContains, int page, int size) {
    StringBuilder where = new StringBuilder(" WHERE workspace_id = ?");
    List<Object> args = new ArrayList<>();
    args.add(workspaceId);
    if (channel != null) {
      where.append(" AND channel = ?");
      args.add(channel.name());
    }
    if (nameContains != null && !nameContains.isBlank()) {
      // LIKE's wildcards in the fragment are matched literally
      where.append(" AND LOWER(name) LIKE ? ESCAPE '!'");
      String f = nameContains.strip().toLowerCase(java.util.Locale.ROOT);
      args.add("%" + f.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
    }
    Long total =
        jdbc.queryForObject("SELECT COUNT(*) FROM cairn_template" + where, Long.class, args.toArray());
    List<Object> pageArgs = new ArrayList<>(args);
    pageArgs.add(size);
    pageArgs.add((long) page * size);
    List<Template> items =
        jdbc.query(
            "SELECT " + COLUMNS + " FROM cairn_template" + where + " ORDER BY id DESC LIMIT ? OFFSET ?",
            this::map,
            pageArgs.toArray());
    return new Template.Page(items, total == null ? 0 : total, page, size);
  }

  /** @return the new id; DuplicateKeyException when the name is taken */
  public long insert(long workspaceId, Template t) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(
        con -> {
          PreparedStatement ps =
              con.prepareStatement(
                  "INSERT INTO cairn_template (name, channel, entity_type, content, variables,"
                      + " version, created_at, updated_at, workspace_id)"
                      + " VALUES (?,?,?,?,?,?,?,?,?)",
                  Statement.RETURN_GENERATED_KEYS);
          ps.setString(1, t.name());
          ps.setString(2, t.channel().name());
          ps.setString(3, t.entityType());
          ps.setString(4, json(content(t)));
          ps.setString(5, json(t.variables()));
          ps.setInt(6, 1);
          ps.setTimestamp(7, Timestamp.from(t.createdAt()));
          ps.setTimestamp(8, Timestamp.from(t.updatedAt()));
          ps.setLong(9, workspaceId);
          return ps;
        },
        key);
    return key.getKey().longValue();
  }

  /** Replaces name, content and variables (the channel stays) and bumps the version. */
  public void update(Template t) {
    jdbc.update(
        "UPDATE cairn_template SET name = ?, entity_type = ?, content = ?, variables = ?,"
            + " version = version + 1, updated_at = ? WHERE id = ?",
        t.name(),
        t.entityType(),
        json(content(t)),
        json(t.variables()),
        Timestamp.from(t.updatedAt()),
        t.id());
  }

  public void delete(long id) {
    jdbc.update("DELETE FROM cairn_template WHERE id = ?", id);
  }

  /** Records that an action execution copied a template (in the enqueueing transaction). */
  void recordUse(long actionId, long templateId, int version, Map<String, String> replacements) {
    jdbc.update(
        "INSERT INTO cairn_template_use (action_id, template_id, version, replacements)"
            + " VALUES (?,?,?,?)",
        actionId,
        templateId,
        version,
        json(replacements));
  }

  /** The replacement texts (tag code → text) an action execution copied; empty when none. */
  Map<String, String> replacements(long actionId) {
    List<String> found =
        jdbc.queryForList(
            "SELECT replacements FROM cairn_template_use WHERE action_id = ?",
            String.class,
            actionId);
    if (found.isEmpty()) {
      return Map.of();
    }
    try {
      return Map.copyOf(JSON.readValue(found.get(0), new TypeReference<Map<String, String>>() {}));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored template use of action " + actionId + " is unreadable", e);
    }
  }

  /** Action executions still sending with a copy of the template. */
  List<Long> unfinishedActions(long templateId) {
    return jdbc.queryForList(
        "SELECT u.action_id FROM cairn_template_use u JOIN cairn_action_execution a"
            + " ON a.id = u.action_id WHERE u.template_id = ? AND a.finished_at IS NULL"
            + " ORDER BY u.action_id",
        Long.class,
        templateId);
  }

  private static Object content(Template t) {
    return switch (t.channel()) {
      case SMS -> t.sms();
      case EMAIL -> t.email();
      case PUSH -> t.push();
      default -> throw new IllegalArgumentException("no templates for " + t.channel());
    };
  }

  private Template map(ResultSet rs, int i) throws SQLException {
    Channel channel = Channel.valueOf(rs.getString(3));
    String content = rs.getString(5);
    try {
      List<TemplateVariable> variables =
          JSON.readValue(rs.getString(6), new TypeReference<List<TemplateVariable>>() {});
      return new Template(
          rs.getLong(1),
          rs.getString(2),
          channel,
          rs.getString(4),
          channel == Channel.SMS ? JSON.readValue(content, SmsContent.class) : null,
          channel == Channel.EMAIL ? JSON.readValue(content, EmailContent.class) : null,
          channel == Channel.PUSH ? JSON.readValue(content, PushContent.class) : null,
          List.copyOf(variables),
          rs.getInt(7),
          instant(rs.getTimestamp(8)),
          instant(rs.getTimestamp(9)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored template " + rs.getLong(1) + " is unreadable", e);
    }
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  private static String json(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
