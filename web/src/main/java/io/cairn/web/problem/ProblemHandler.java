package io.cairn.web.problem;

import io.cairn.engine.problem.ConflictException;
import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.problem.NotFoundException;
import io.cairn.engine.problem.Violation;
import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Maps every failure of a request to an RFC 9457 problem ({@code application/problem+json}) with
 * a stable {@code type} {@code urn:cairn:problem:<slug>}, a {@code title}, a {@code detail} and,
 * for bad input, {@code violations: [{field, message}]}. Unknown failures answer 500 {@code
 * internal-error} with an error id and nothing else; the details go to the log once, under that
 * id.
 */
@RestControllerAdvice
class ProblemHandler {

  static final String URN = "urn:cairn:problem:";

  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

  @ExceptionHandler(InvalidInputException.class)
  ProblemDetail invalid(InvalidInputException e) {
    return problem(HttpStatus.BAD_REQUEST, e.type(), e.title(), e.title(), e.violations());
  }

  @ExceptionHandler(NotFoundException.class)
  ProblemDetail notFound(NotFoundException e) {
    ProblemDetail p =
        problem(
            HttpStatus.NOT_FOUND,
            "not-found",
            "Not found",
            e.getMessage(),
            List.of(new Violation(e.kind(), e.kind() + " " + e.id() + " does not exist")));
    p.setProperty("kind", e.kind());
    p.setProperty("id", e.id());
    return p;
  }

  @ExceptionHandler(ConflictException.class)
  ProblemDetail conflict(ConflictException e) {
    return problem(HttpStatus.CONFLICT, e.type(), "Conflict", e.getMessage(), List.of());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ProblemDetail unreadable(HttpMessageNotReadableException e) {
    return problem(
        HttpStatus.BAD_REQUEST,
        "malformed-request",
        "Malformed request",
        "The request body is not valid JSON of the expected shape",
        List.of(JsonErrors.describe(e.getMostSpecificCause())));
  }

  /** {@code @Valid} request bodies and bound objects. */
  @ExceptionHandler(BindException.class)
  ProblemDetail invalidBody(BindException e) {
    List<Violation> violations = new ArrayList<>();
    for (FieldError f : e.getFieldErrors()) {
      violations.add(new Violation(f.getField(), String.valueOf(f.getDefaultMessage())));
    }
    e.getGlobalErrors()
        .forEach(g -> violations.add(new Violation(g.getObjectName(), g.getDefaultMessage())));
    return invalidRequest("The request has invalid fields", violations);
  }

  /** Constraints on controller method parameters ({@code @RequestParam @Max(500) int size}). */
  @ExceptionHandler(HandlerMethodValidationException.class)
  ProblemDetail invalidParameters(HandlerMethodValidationException e) {
    List<Violation> violations = new ArrayList<>();
    for (ParameterValidationResult r : e.getParameterValidationResults()) {
      RequestParam param = r.getMethodParameter().getParameterAnnotation(RequestParam.class);
      String name =
          param != null && !param.name().isEmpty()
              ? param.name()
              : String.valueOf(r.getMethodParameter().getParameterName());
      r.getResolvableErrors()
          .forEach(err -> violations.add(new Violation(name, err.getDefaultMessage())));
    }
    return invalidRequest("The request has invalid parameters", violations);
  }

  @ExceptionHandler(ConstraintViolationException.class)
  ProblemDetail constraintViolation(ConstraintViolationException e) {
    List<Violation> violations =
        e.getConstraintViolations().stream()
            .map(v -> new Violation(lastNode(v.getPropertyPath().toString()), v.getMessage()))
            .sorted((a, b) -> a.field().compareTo(b.field()))
            .toList();
    return invalidRequest("The request has invalid parameters", violations);
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ProblemDetail missingParameter(MissingServletRequestParameterException e) {
    return invalidRequest(
        "A required parameter is missing",
        List.of(new Violation(e.getParameterName(), "is required")));
  }

  @ExceptionHandler(MissingServletRequestPartException.class)
  ProblemDetail missingPart(MissingServletRequestPartException e) {
    return invalidRequest(
        "A required part is missing",
        List.of(new Violation(e.getRequestPartName(), "is required")));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ProblemDetail mismatch(MethodArgumentTypeMismatchException e) {
    Class<?> type = e.getRequiredType();
    String expected =
        type == null
            ? "is not a valid value"
            : type.isEnum()
                ? "is not one of " + List.of(type.getEnumConstants())
                : "is not a valid " + type.getSimpleName().toLowerCase(Locale.ROOT);
    return invalidRequest("A parameter has the wrong type", List.of(new Violation(e.getName(), expected)));
  }

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  ProblemDetail tooLarge(MaxUploadSizeExceededException e) {
    return problem(
        HttpStatus.PAYLOAD_TOO_LARGE,
        "too-large",
        "Upload too large",
        "The upload exceeds the size limit",
        List.of());
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ProblemDetail mediaType(HttpMediaTypeNotSupportedException e) {
    return problem(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        "unsupported-media-type",
        "Unsupported media type",
        "Supported: " + e.getSupportedMediaTypes(),
        List.of());
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ProblemDetail noRoute(NoResourceFoundException e) {
    return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", "No such route", List.of());
  }

  /**
   * Spring's own request errors (405, 406, …) keep their status and get a slug from it; anything
   * else is our fault: 500 with an error id, logged once.
   */
  @ExceptionHandler(Exception.class)
  ProblemDetail unexpected(Exception e) {
    if (e instanceof ErrorResponse known && known.getStatusCode().is4xxClientError()) {
      HttpStatusCode status = known.getStatusCode();
      HttpStatus named = HttpStatus.resolve(status.value());
      String reason = named == null ? "Client error" : named.getReasonPhrase();
      String slug = reason.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
      ProblemDetail p = ProblemDetail.forStatusAndDetail(status, reason);
      p.setTitle(reason);
      p.setType(URI.create(URN + slug));
      return p;
    }
    String errorId = UUID.randomUUID().toString();
    log.error("unexpected failure, error id {}", errorId, RedactedFailure.of(e));
    ProblemDetail p =
        problem(
            HttpStatus.INTERNAL_SERVER_ERROR,
            "internal-error",
            "Internal error",
            "Something went wrong on our side; quote error id " + errorId,
            List.of());
    p.setProperty("errorId", errorId);
    return p;
  }

  private static ProblemDetail invalidRequest(String detail, List<Violation> violations) {
    return problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail, violations);
  }

  private static String lastNode(String propertyPath) {
    int dot = propertyPath.lastIndexOf('.');
    return dot < 0 ? propertyPath : propertyPath.substring(dot + 1);
  }

  static ProblemDetail problem(
      HttpStatus status, String type, String title, String detail, List<Violation> violations) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
    p.setType(URI.create(URN + type));
    p.setTitle(title);
    if (!violations.isEmpty()) {
      p.setProperty(
          "violations",
          violations.stream()
              .map(v -> Map.of("field", v.field(), "message", String.valueOf(v.message())))
              .toList());
    }
    return p;
  }
}
