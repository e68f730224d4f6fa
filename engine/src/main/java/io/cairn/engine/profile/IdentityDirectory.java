package io.cairn.engine.profile;

import io.cairn.connectors.channel.IdType;
import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.problem.NotFoundException;
import io.cairn.engine.profile.internal.Identities;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Finds entities by identity and lists an entity's identities. Thread-safe; read-only.
 *
 * <p><b>Forms and normalisation.</b> An identity is (type, form, value). A RAW value is stored as
 * imported after light normalisation: trimmed; mobile numbers reduced to an optional leading
 * {@code +} and digits (spaces, dashes, dots and brackets removed); emails with the domain
 * lower-cased. Every RAW value is also stored as SHA256 of its <em>canonical</em> form: emails
 * entirely lower-cased; mobiles as {@code +} and digits, with an international {@code 00} prefix
 * turned into {@code +} (the E.164 form when the number has a country code; a number without one
 * is hashed as its digits); {@code imei}, {@code idfa}, {@code oaid} lower-cased; {@code openid}
 * and {@code unionid} unchanged. Hashed forms are lower-case hex (SHA256: 64, MD5: 32 characters);
 * upper-case hex is accepted and lower-cased.
 *
 * <p><b>Lookups both ways.</b> A hashed lookup finds entities imported with the hash or with the
 * raw value (through its stored SHA256). A RAW lookup finds entities imported with the raw value or
 * only with its SHA256. MD5 is matched only against MD5 imports.
 *
 * <p>Values are personal data: they never appear in exceptions or logs.
 */
@Service
public class IdentityDirectory {

  private final JdbcTemplate jdbc;

  IdentityDirectory(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The entity holding an identity, with all its identities. When several entities share it, the
   * oldest (first imported) is returned.
   *
   * @param form {@code raw} (also when {@code null}), {@code sha256} or {@code md5}
   * @throws InvalidInputException naming {@code entityType}, {@code idType}, {@code form} or {@code
   *     value} when one is unknown or malformed
   * @throws NotFoundException when no entity holds the identity
   */
  public EntityIdentities find(String entityType, String idType, String form, String value) {
    EntityTypes.require(entityType, "entityType");
    IdType type = idType(idType);
    IdForm idForm = IdForm.parse(form, "form");
    if (value == null || value.isBlank()) {
      throw new InvalidInputException("invalid-identity", "value", "value is required");
    }
    Integer found = null;
    for (Map.Entry<IdForm, String> candidate : candidates(type, idForm, value).entrySet()) {
      List<Integer> ids =
          jdbc.queryForList(
              "SELECT MIN(entity_id) FROM cairn_identity WHERE entity_type = ? AND id_type = ?"
                  + " AND id_form = ? AND id_value = ?",
              Integer.class,
              entityType,
              type.code(),
              candidate.getKey().code(),
              candidate.getValue());
      Integer id = ids.isEmpty() ? null : ids.get(0);
      if (id != null && (found == null || id < found)) {
        found = id;
      }
    }
    if (found == null) {
      throw new NotFoundException("identity", type.code() + "/" + idForm.code());
    }
    String externalId =
        jdbc.queryForObject(
            "SELECT external_id FROM cairn_entity WHERE entity_type = ? AND id = ?",
            String.class,
            entityType,
            found);
    return new EntityIdentities(entityType, externalId, identities(entityType, found));
  }

  /**
   * All identities of an entity.
   *
   * @throws NotFoundException when the entity does not exist
   */
  public EntityIdentities of(String entityType, String externalId) {
    EntityTypes.require(entityType, "entityType");
    List<Integer> id =
        jdbc.queryForList(
            "SELECT id FROM cairn_entity WHERE entity_type = ? AND external_id = ?",
            Integer.class,
            entityType,
            externalId);
    if (id.isEmpty()) {
      throw new NotFoundException(entityType, externalId);
    }
    return new EntityIdentities(entityType, externalId, identities(entityType, id.get(0)));
  }

  private List<Identity> identities(String entityType, int entityId) {
    List<Identity> out = new ArrayList<>();
    // One primary-key lookup per (type, form): the key leads with them, so "entity_id = ?" alone
    // would scan every identity of the entity type.
    for (IdType type : IdType.values()) {
      for (IdForm form : IdForm.values()) {
        jdbc.query(
            "SELECT id_value FROM cairn_identity WHERE entity_type = ? AND id_type = ?"
                + " AND id_form = ? AND entity_id = ?",
            rs -> {
              out.add(new Identity(type.code(), form.code(), rs.getString(1)));
            },
            entityType,
            type.code(),
            form.code(),
            entityId);
      }
    }
    return out;
  }

  private static Map<IdForm, String> candidates(IdType type, IdForm form, String value) {
    try {
      if (form == IdForm.RAW) {
        String raw = Identities.normalise(type, value);
        return Map.of(IdForm.RAW, raw, IdForm.SHA256, Identities.sha256(type, raw));
      }
      return Map.of(form, Identities.hex(form, value));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          "invalid-identity", "value", "value is " + e.getMessage()); // never echo the value
    }
  }

  private static IdType idType(String code) {
    if (code == null || !IdType.isIdType(code)) {
      throw new InvalidInputException(
          "invalid-identity",
          "idType",
          "idType must be one of "
              + Arrays.stream(IdType.values()).map(IdType::code).collect(Collectors.joining(", ")));
    }
    return IdType.fromCode(code);
  }
}
