package io.cairn.engine.coupon;

import io.cairn.engine.coupon.internal.CodeImports;
import io.cairn.engine.coupon.internal.CouponStore;
import io.cairn.engine.problem.ConflictException;
import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.problem.NotFoundException;
import io.cairn.engine.problem.Violation;
import io.cairn.engine.profile.EntityTypes;
import io.cairn.engine.profile.ProfileReader;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Coupons and their code pools (the reference's coupons with imported codes). A new coupon is
 * enabled and empty; codes are imported from CSV files, each stored once per coupon; journeys'
 * "Issue coupon" nodes issue them, at most one per entity per coupon. A disabled coupon issues
 * nothing: its recipients fail with {@code coupon-disabled}. Codes are secrets: no answer but
 * {@link #issuedTo} shows one.
 *
 * <p>Thread-safe. Errors: {@link InvalidInputException} naming the field, {@link
 * NotFoundException}, {@link ConflictException} for a duplicate name.
 */
@Service
public class Coupons {

  private final CouponStore store;
  private final CodeImports imports;
  private final ProfileReader profiles;
  private final Clock clock;

  Coupons(CouponStore store, CodeImports imports, ProfileReader profiles, Clock clock) {
    this.store = store;
    this.imports = imports;
    this.profiles = profiles;
    this.clock = clock;
  }

  /** Creates an enabled coupon with an empty pool. */
  public Coupon create(NewCoupon draft) {
    List<Violation> v = new ArrayList<>();
    String name = draft == null || draft.name() == null ? "" : draft.name().strip();
    if (name.isEmpty() || name.length() > 128) {
      v.add(new Violation("name", "a name has 1 to 128 characters"));
    }
    String description =
        draft == null || draft.description() == null || draft.description().isBlank()
            ? null
            : draft.description().strip();
    if (description != null && description.length() > 512) {
      v.add(new Violation("description", "a description has at most 512 characters"));
    }
    if (!v.isEmpty()) {
      throw new InvalidInputException("invalid-coupon", "The coupon was not created", v);
    }
    try {
      return get(store.insert(name, description, clock.instant()));
    } catch (DuplicateKeyException e) {
      throw new ConflictException("coupon-name-taken", "a coupon named " + name + " exists");
    }
  }

  /** Coupons, newest first. */
  public Coupon.Page list(int page, int size) {
    return new Coupon.Page(store.page(page, size), store.count(), page, size);
  }

  public Coupon get(long id) {
    return store.find(id).orElseThrow(() -> new NotFoundException("coupon", id));
  }

  /** Journeys issue the coupon again. Idempotent. */
  public Coupon enable(long id) {
    return setEnabled(id, true);
  }

  /** Journeys stop issuing the coupon: its recipients fail from now on. Idempotent. */
  public Coupon disable(long id) {
    return setEnabled(id, false);
  }

  private Coupon setEnabled(long id, boolean enabled) {
    if (!store.setEnabled(id, enabled, clock.instant())) {
      throw new NotFoundException("coupon", id);
    }
    return get(id);
  }

  /**
   * Adds the codes of a CSV file (header {@code code}, one code per line) to the coupon's pool.
   * Codes already in the pool or repeated in the file are stored once and reported by line, as are
   * lines without a usable code; the others are all stored, in one transaction, or none is.
   *
   * @throws InvalidInputException naming {@code file} when the file breaks the format (no header,
   *     over 8 MB or 100,000 lines, not UTF-8 CSV); nothing is stored
   */
  public CodeImportReport importCodes(long id, InputStream csv) {
    get(id);
    return imports.importCodes(id, csv);
  }

  /**
   * The code an entity holds of a coupon, for a support desk.
   *
   * @throws NotFoundException when the coupon or the entity does not exist, or the entity holds no
   *     code of the coupon
   */
  public IssuedCode issuedTo(long id, String entityType, String externalId) {
    get(id);
    EntityTypes.require(entityType, "entityType");
    OptionalInt entity = profiles.entityId(entityType, externalId);
    if (entity.isEmpty()) {
      throw new NotFoundException(entityType, externalId);
    }
    CouponStore.Held held =
        store
            .heldBy(id, entityType, entity.getAsInt())
            .orElseThrow(
                () ->
                    new NotFoundException(
                        "code of coupon " + id + " for " + entityType, externalId));
    return new IssuedCode(id, entityType, externalId, held.codeId(), held.code(), held.issuedAt());
  }
}
