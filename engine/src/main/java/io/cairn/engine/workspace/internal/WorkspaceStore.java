package io.cairn.engine.workspace.internal;

import io.cairn.engine.workspace.Workspace;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/** SQL of cairn_workspace, cairn_workspace_member and the workspace_id columns. */
@Component
public class WorkspaceStore {

  private static final String COLUMNS = "id, name, created_at";

  private final JdbcTemplate jdbc;

  WorkspaceStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** @return the new id; DuplicateKeyException when the name is taken */
  public long insert(String name, Instant now) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(
        con -> {
          PreparedStatement ps =
              con.prepareStatement(
                  "INSERT INTO cairn_workspace (name, created_at) VALUES (?,?)",
                  Statement.RETURN_GENERATED_KEYS);
          ps.setString(1, name);
          ps.setTimestamp(2, Timestamp.from(now));
          return ps;
        },
        key);
    return key.getKey().longValue();
  }

  public Optional<Workspace> find(long id) {
    return jdbc
        .query("SELECT " + COLUMNS + " FROM cairn_workspace WHERE id = ?", WorkspaceStore::row, id)
        .stream()
        .findFirst();
  }

  /** Locks the workspace row until the caller's transaction ends. */
  public boolean lock(long id) {
    return !jdbc.queryForList("SELECT id FROM cairn_workspace WHERE id = ? FOR UPDATE", Long.class, id)
        .isEmpty();
  }

  public List<Workspace> list() {
    return jdbc.query(
        "SELECT " + COLUMNS + " FROM cairn_workspace ORDER BY id", WorkspaceStore::row);
  }

  public List<Workspace> listOf(String username) {
    return jdbc.query(
        "SELECT w.id, w.name, w.created_at FROM cairn_workspace w JOIN cairn_workspace_member m"
            + " ON m.workspace_id = w.id WHERE m.username = ? ORDER BY w.id",
        WorkspaceStore::row,
        username);
  }

  /** Throws DuplicateKeyException when the name is taken. */
  public void rename(long id, String name) {
    jdbc.update("UPDATE cairn_workspace SET name = ? WHERE id = ?", name, id);
  }

  public void delete(long id) {
    jdbc.update("DELETE FROM cairn_workspace_member WHERE workspace_id = ?", id);
    jdbc.update("DELETE FROM cairn_workspace WHERE id = ?", id);
  }

  public boolean isMember(long id, String username) {
    return jdbc.queryForObject(
            "SELECT COUNT(*) FROM cairn_workspace_member WHERE workspace_id = ? AND username = ?",
            Long.class,
            id,
            username)
        > 0;
  }

  /** Adds a membership; adding an existing one changes nothing. */
  public void addMember(long id, String username) {
    if (!isMember(id, username)) {
      try {
        jdbc.update(
            "INSERT INTO cairn_workspace_member (workspace_id, username) VALUES (?,?)",
            id,
            username);
      } catch (org.springframework.dao.DuplicateKeyException concurrent) {
        // the same membership added concurrently: it exists, which is what was asked
      }
    }
  }

  public void removeMember(long id, String username) {
    jdbc.update(
        "DELETE FROM cairn_workspace_member WHERE workspace_id = ? AND username = ?", id, username);
  }

  public List<String> members(long id) {
    return jdbc.queryForList(
        "SELECT username FROM cairn_workspace_member WHERE workspace_id = ? ORDER BY username",
        String.class,
        id);
  }

  /**
   * The workspace of a row of an owned table, empty when there is no such (live) row.
   *
   * @param table and {@code live} come from {@link io.cairn.engine.workspace.Owned}, never from
   *     input
   */
  public Optional<Long> workspaceOf(String table, String live, long id) {
    return jdbc
        .queryForList(
            "SELECT workspace_id FROM " + table + " WHERE id = ? AND " + live, Long.class, id)
        .stream()
        .findFirst();
  }

  public long count(String table, String live, long workspaceId) {
    return jdbc.queryForObject(
        "SELECT COUNT(*) FROM " + table + " WHERE workspace_id = ? AND " + live,
        Long.class,
        workspaceId);
  }

  private static Workspace row(ResultSet rs, int i) throws SQLException {
    return new Workspace(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant());
  }
}
