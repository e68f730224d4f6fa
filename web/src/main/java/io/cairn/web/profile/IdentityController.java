package io.cairn.web.profile;

import io.cairn.engine.profile.EntityIdentities;
import io.cairn.engine.profile.IdentityDirectory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Identity lookups. The value travels as a query parameter, so it may reach access logs of proxies
 * in front of Cairn; prefer {@code form=sha256} from systems that hold hashes.
 */
@RestController
@RequestMapping("/api/identities")
class IdentityController {

  private final IdentityDirectory directory;

  IdentityController(IdentityDirectory directory) {
    this.directory = directory;
  }

  /** {@code GET /api/identities?entityType=user&idType=mobile&value=…[&form=sha256]} */
  @GetMapping
  EntityIdentities find(
      @RequestParam(defaultValue = "user") String entityType,
      @RequestParam String idType,
      @RequestParam String value,
      @RequestParam(required = false) String form) {
    return directory.find(entityType, idType, form, value);
  }

  /** {@code GET /api/identities/user/u-42} */
  @GetMapping("/{entityType}/{externalId}")
  EntityIdentities of(@PathVariable String entityType, @PathVariable String externalId) {
    return directory.of(entityType, externalId);
  }
}
