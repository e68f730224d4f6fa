package io.cairn.engine.profile.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.engine.profile.IdentityDirectory;
import io.cairn.engine.testing.EngineTestApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

@SpringBootTest(classes = EngineTestApplication.class)
class IdentityHashBackfillIT {

  // sha256("+4915112345678") and sha256("old@example.com"), golden vectors from sha256sum
  static final String MOBILE_SHA = "536afd523e19dc83fccba822ef5e4ca646111314aaf0aa286667c5bea18dd70b";
  static final String EMAIL_SHA = "7eaa9a1d93cc8e36287f79472892b6aa024d9cebefe3669644de33a5354a29b8";

  @Autowired IdentityHashBackfill backfill;
  @Autowired IdentityDirectory directory;
  @Autowired JdbcTemplate jdbc;

  @Test
  void shouldHashIdentitiesStoredBeforeV11OnceAndResumeOnlyWhenPending() {
    // rows as V1..V10 left them: raw only
    jdbc.update("INSERT INTO cairn_entity (entity_type, id, external_id) VALUES ('user', 900001, 'legacy')");
    jdbc.update(
        "INSERT INTO cairn_identity (entity_type, id_type, entity_id, id_value) VALUES"
            + " ('user', 'mobile', 900001, '004915112345678'), ('user', 'email', 900001, 'Old@example.com')");
    jdbc.update("INSERT INTO cairn_identity_backfill (name) VALUES ('sha256')");

    backfill.runIfPending();

    assertThat(directory.find("user", "mobile", "sha256", MOBILE_SHA).externalId()).isEqualTo("legacy");
    assertThat(directory.find("user", "email", "sha256", EMAIL_SHA).externalId()).isEqualTo("legacy");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cairn_identity_backfill", Integer.class)).isZero();

    backfill.runIfPending(); // not pending any more: nothing doubles
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM cairn_identity WHERE entity_id = 900001 AND id_form = 'sha256'",
                Integer.class))
        .isEqualTo(2);
  }
}
