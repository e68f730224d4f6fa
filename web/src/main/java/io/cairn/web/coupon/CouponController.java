package io.cairn.web.coupon;

import io.cairn.engine.coupon.CodeImportReport;
import io.cairn.engine.coupon.Coupon;
import io.cairn.engine.coupon.Coupons;
import io.cairn.engine.coupon.IssuedCode;
import io.cairn.engine.coupon.NewCoupon;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Coupons ({@code /api/coupons}), for ADMIN and MARKETER like the rest of the marketing API.
 * Answers show a pool's counts, never its codes; the one exception is {@code GET
 * /{id}/issued/{entityType}/{externalId}}, the code one user holds, for support desks (sent with
 * {@code Cache-Control: no-store}).
 */
@RestController
@RequestMapping("/api/coupons")
class CouponController {

  private final Coupons coupons;

  CouponController(Coupons coupons) {
    this.coupons = coupons;
  }

  /** {@code {"name":"Spring 10 % off","description":"..."}}: 201 with the new, empty coupon. */
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Coupon> create(@RequestBody NewCoupon draft) {
    Coupon c = coupons.create(draft);
    return ResponseEntity.created(URI.create("/api/coupons/" + c.id())).body(c);
  }

  @GetMapping
  Coupon.Page list(
      @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
      @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
    return coupons.list(page, size);
  }

  /** The coupon with its pool's counts: total, issued, left. */
  @GetMapping("/{id}")
  Coupon get(@PathVariable long id) {
    return coupons.get(id);
  }

  @PostMapping("/{id}/disable")
  Coupon disable(@PathVariable long id) {
    return coupons.disable(id);
  }

  @PostMapping("/{id}/enable")
  Coupon enable(@PathVariable long id) {
    return coupons.enable(id);
  }

  /**
   * {@code curl --data-binary @codes.csv -H 'Content-Type: text/csv' …/api/coupons/7/codes}: the
   * body is streamed. Answers the per-line report.
   */
  @PostMapping(
      path = "/{id}/codes",
      consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE, MediaType.APPLICATION_OCTET_STREAM_VALUE})
  CodeImportReport importRaw(@PathVariable long id, InputStream body) {
    return coupons.importCodes(id, body);
  }

  /** The same as a multipart upload, part {@code file}. */
  @PostMapping(path = "/{id}/codes", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  CodeImportReport importFile(@PathVariable long id, @RequestPart("file") MultipartFile file)
      throws IOException {
    try (InputStream in = file.getInputStream()) {
      return coupons.importCodes(id, in);
    }
  }

  @GetMapping("/{id}/issued/{entityType}/{externalId}")
  ResponseEntity<IssuedCode> issued(
      @PathVariable long id, @PathVariable String entityType, @PathVariable String externalId) {
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .body(coupons.issuedTo(id, entityType, externalId));
  }
}
