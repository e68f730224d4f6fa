package io.cairn.web.problem;

import io.cairn.engine.problem.ConflictException;
import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.problem.NotFoundException;
import io.cairn.engine.problem.Violation;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Maps every failure to an RFC 9457 problem with a stable {@code type} ({@code
 * urn:cairn:problem:<slug>}) and, for bad input, {@code violations: [{field, message}]}. Unknown
 * failures answer 500 with an error id and nothing else; the details go to the log once.
 */
@RestControllerAdvice
class ProblemHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

  @ExceptionHandler(InvalidInputException.class)
  ProblemDetail invalid(InvalidInputException e) {
    return problem(HttpStatus.BAD_REQUEST, e.type(), e.title(), e.violations());
  }

  @ExceptionHandler(NotFoundException.class)
  ProblemDetail notFound(NotFoundException e) {
    return problem(
        HttpStatus.NOT_FOUND, "not-found", e.getMessage(), List.of(new Violation(e.kind(), e.getMessage())));
  }

  @ExceptionHandler(ConflictException.class)
  ProblemDetail conflict(ConflictException e) {
    return problem(HttpStatus.CONFLICT, e.type(), e.getMessage(), List.of());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ProblemDetail unreadable(HttpMessageNotReadableException e) {
    String reason = e.getMostSpecificCause().getMessage();
    String first = reason == null ? "unreadable body" : reason.split("\n")[0];
    if (first.length() > 200) {
      first = first.substring(0, 200);
    }
    return problem(
        HttpStatus.BAD_REQUEST,
        "malformed-request",
        "The request body is not valid JSON of the expected shape",
        List.of(new Violation("body", first)));
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ProblemDetail missingParameter(MissingServletRequestParameterException e) {
    return problem(
        HttpStatus.BAD_REQUEST,
        "invalid-request",
        "A required parameter is missing",
        List.of(new Violation(e.getParameterName(), "is required")));
  }

  @ExceptionHandler(MissingServletRequestPartException.class)
  ProblemDetail missingPart(MissingServletRequestPartException e) {
    return problem(
        HttpStatus.BAD_REQUEST,
        "invalid-request",
        "A required part is missing",
        List.of(new Violation(e.getRequestPartName(), "is required")));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ProblemDetail mismatch(MethodArgumentTypeMismatchException e) {
    return problem(
        HttpStatus.BAD_REQUEST,
        "invalid-request",
        "A parameter has the wrong type",
        List.of(new Violation(e.getName(), "is not a valid value")));
  }

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  ProblemDetail tooLarge(MaxUploadSizeExceededException e) {
    return problem(HttpStatus.PAYLOAD_TOO_LARGE, "too-large", "The upload is too large", List.of());
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ProblemDetail mediaType(HttpMediaTypeNotSupportedException e) {
    return problem(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        "unsupported-media-type",
        "Supported: " + e.getSupportedMediaTypes(),
        List.of());
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ProblemDetail method(HttpRequestMethodNotSupportedException e) {
    return problem(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", e.getMessage(), List.of());
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ProblemDetail noRoute(NoResourceFoundException e) {
    return problem(HttpStatus.NOT_FOUND, "not-found", "No such route", List.of());
  }

  @ExceptionHandler(Exception.class)
  ProblemDetail unexpected(Exception e) {
    String errorId = UUID.randomUUID().toString();
    log.error("unexpected failure, error id {}", errorId, e);
    ProblemDetail p =
        problem(
            HttpStatus.INTERNAL_SERVER_ERROR,
            "internal-error",
            "Something went wrong on our side; quote error id " + errorId,
            List.of());
    p.setProperty("errorId", errorId);
    return p;
  }

  private static ProblemDetail problem(
      HttpStatus status, String type, String detail, List<Violation> violations) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
    p.setType(URI.create("urn:cairn:problem:" + type));
    if (!violations.isEmpty()) {
      p.setProperty(
          "violations",
          violations.stream().map(v -> Map.of("field", v.field(), "message", v.message())).toList());
    }
    return p;
  }
}
