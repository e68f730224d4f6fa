package io.cairn.connectors.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.connectors.platform.internal.PlatformHttp;
import io.cairn.connectors.sms.SmsSettings;
import io.cairn.connectors.sms.SmsText;
import io.cairn.connectors.sms.SmsType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import okhttp3.OkHttpClient;

/**
 * The SMS platform's management and report operations of the reference's contract (the sending is
 * {@link SmsPlatformConnector}):
 *
 * <ul>
 *   <li>{@code POST {prefix}/sms/smsTemplate} {@code {remark, templateContent, templateName,
 *       templateType}} → {@code templateCode}: {@link #submitTemplate};
 *   <li>{@code GET {prefix}/sms/smsTemplate/{templateCode}} → {@code templateStatus} (0 in review,
 *       1 approved, 2 rejected), {@code templateType}, {@code reason}, {@code templateContent}:
 *       {@link #templateStatus};
 *   <li>{@code GET {prefix}/sms/smsSign/{signName}} → {@code signStatus} (0 in review, 1 approved,
 *       otherwise rejected), {@code reason}: {@link #signatureStatus};
 *   <li>{@code POST {prefix}/sms/sendDetails} {@code {currentPage, pageSize, startDate, endDate}} →
 *       {@code sendDetailDTOs[]} ({@code outId}, {@code sendStatus} 1 failed / 2 delivered, {@code
 *       errCode}, {@code receiveDate}, {@code sendDate}) and {@code totalCount}: {@link #reports}.
 *       Cairn's variant leaves the contract's {@code outId} filter out: its out-ids are per
 *       recipient, so it asks for every report of a time window.
 * </ul>
 *
 * <p>Every answer must be a 2xx JSON object with {@code code} {@code OK} (and the configured {@code
 * platformName}, when one is configured); anything else is a {@link PlatformException}. Dates are
 * {@code yyyy-MM-dd HH:mm[:ss]} in the endpoint's zone (or epoch seconds or milliseconds). Path
 * segments are URL-encoded. Thread-safe; never retries; logs nothing.
 */
public final class SmsPlatformClient {

  /** The contract's largest report page. */
  public static final int MAX_PAGE_SIZE = 1000;

  /** The contract's longest report window. */
  public static final Duration MAX_WINDOW = Duration.ofDays(30);

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final PlatformHttp http;
  private final Clock clock;

  public SmsPlatformClient(OkHttpClient shared, PlatformEndpoint endpoint, Clock clock) {
    this.http = new PlatformHttp(shared, Objects.requireNonNull(endpoint, "endpoint"));
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Submits a template for review; a PROMOTIONAL template's content gets its opt-out suffix (the
   * same rule as {@link SmsText#of}) so that every text sent with it carries one.
   *
   * @return the platform's template code
   */
  public String submitTemplate(SmsTemplateDraft draft) {
    SmsSettings rules = new SmsSettings("", null, "", "", draft.type(), draft.optOutSuffix());
    ObjectNode body =
        MAPPER
            .createObjectNode()
            .put("remark", draft.remark().strip())
            .put("templateContent", SmsText.of(rules, draft.content().strip()))
            .put("templateName", draft.name().strip())
            .put("templateType", SmsPlatformConnector.templateType(draft.type()));
    JsonNode answer =
        ok("submit template", http.post(http.endpoint().url("sms", "smsTemplate"), body));
    String code = answer.path("templateCode").asText("");
    if (code.isBlank()) {
      throw new PlatformException("submit template: the answer has no templateCode", false);
    }
    return code;
  }

  /** The review status of a template. */
  public SmsTemplateStatus templateStatus(String templateCode) {
    JsonNode a =
        ok("template status", http.get(http.endpoint().url("sms", "smsTemplate", templateCode)));
    if (!a.path("templateStatus").canConvertToInt()) {
      throw new PlatformException("template status: the answer has no templateStatus", false);
    }
    SmsType type =
        switch (a.path("templateType").asInt(-1)) {
          case 1 -> SmsType.NOTIFICATION;
          case 2 -> SmsType.PROMOTIONAL;
          default -> null;
        };
    return new SmsTemplateStatus(
        templateCode,
        AuditStatus.ofCode(a.get("templateStatus").asInt()),
        type,
        a.path("templateContent").asText(a.path("content").asText("")),
        PlatformHttp.shorten(a.path("reason").asText("")));
  }

  /** The review status of a signature (without 【】). */
  public SignatureStatus signatureStatus(String signName) {
    JsonNode a = ok("signature status", http.get(http.endpoint().url("sms", "smsSign", signName)));
    if (!a.path("signStatus").canConvertToInt()) {
      throw new PlatformException("signature status: the answer has no signStatus", false);
    }
    return new SignatureStatus(
        signName,
        AuditStatus.ofCode(a.get("signStatus").asInt()),
        PlatformHttp.shorten(a.path("reason").asText("")));
  }

  /**
   * One page of the delivery reports of a window.
   *
   * @param from start of the window, truncated to the minute
   * @param to end of the window, truncated to the minute; at most {@link #MAX_WINDOW} after {@code
   *     from}
   * @param page 1-based page number
   * @param pageSize 1 to {@value #MAX_PAGE_SIZE}
   * @throws IllegalArgumentException for a window or page the contract does not allow
   * @throws PlatformException when the platform gives no usable answer
   */
  public SmsReport.Page reports(Instant from, Instant to, int page, int pageSize) {
    if (to.isBefore(from) || Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
      throw new IllegalArgumentException("report window must be 0 to 30 days: " + from + ".." + to);
    }
    if (page < 1 || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException("page must be >= 1 and pageSize 1 to 1000");
    }
    ObjectNode body =
        MAPPER
            .createObjectNode()
            .put("currentPage", page)
            .put("pageSize", pageSize)
            .put("startDate", MINUTES.format(LocalDateTime.ofInstant(from, zone())))
            .put("endDate", MINUTES.format(LocalDateTime.ofInstant(to, zone())));
    JsonNode a = ok("reports", http.post(http.endpoint().url("sms", "sendDetails"), body));
    List<SmsReport> reports = new ArrayList<>();
    for (JsonNode d : a.path("sendDetailDTOs")) {
      SmsReport.State state =
          switch (d.path("sendStatus").asInt(0)) {
            case 2 -> SmsReport.State.DELIVERED;
            case 1 -> SmsReport.State.FAILED;
            default -> SmsReport.State.WAITING;
          };
      Instant at = instant(d.get("receiveDate"));
      if (at == null) {
        at = instant(d.get("sendDate"));
      }
      reports.add(
          new SmsReport(
              d.path("outId").asText(""),
              state,
              PlatformHttp.shorten(d.path("errCode").asText("")),
              at == null ? clock.instant() : at));
    }
    return new SmsReport.Page(reports, a.path("totalCount").asLong(reports.size()));
  }

  private java.time.ZoneId zone() {
    return http.endpoint().zone();
  }

  private Instant instant(JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isNumber() || value.asText().matches("[0-9]{9,13}")) {
      long n = value.asLong();
      return n > 100_000_000_000L ? Instant.ofEpochMilli(n) : Instant.ofEpochSecond(n);
    }
    String text = value.asText().strip();
    for (DateTimeFormatter f : List.of(SECONDS, MINUTES)) {
      try {
        return LocalDateTime.parse(text, f).atZone(zone()).toInstant();
      } catch (DateTimeParseException e) {
        // try the next format
      }
    }
    return null;
  }

  /** The answer of a successful call, or a {@link PlatformException} saying what came back. */
  private JsonNode ok(String operation, PlatformHttp.Reply reply) {
    if (reply.failure() != null) {
      boolean again =
          switch (reply.failure()) {
            case NOT_SENT, NO_ANSWER -> true;
            case STATUS -> reply.status() == 429 || reply.status() >= 500;
            case UNREADABLE -> false;
          };
      String what =
          reply.failure() == PlatformHttp.Failure.STATUS
              ? "HTTP " + reply.status()
              : reply.failure().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
      throw new PlatformException(operation + ": " + what, again);
    }
    if (http.fromAnotherPlatform(reply.answer())) {
      throw new PlatformException(operation + ": answer from another platform", false);
    }
    if (!PlatformHttp.OK.equals(reply.code())) {
      throw new PlatformException(
          operation
              + ": platform code "
              + PlatformHttp.shorten(reply.code())
              + " "
              + reply.message(),
          false);
    }
    return reply.answer();
  }

  @Override
  public String toString() {
    return "SmsPlatformClient[" + http.endpoint() + "]";
  }
}
