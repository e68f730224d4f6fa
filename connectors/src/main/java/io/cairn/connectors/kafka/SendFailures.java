package io.cairn.connectors.kafka;

import io.cairn.connectors.channel.Outcome;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.protocol.Errors;

/**
 * What a failed send means for the delivery ledger. Two questions decide it: did the record leave
 * the client, and does the error say the broker refused it?
 *
 * <ul>
 *   <li>Failed while the producer was still taking the record (waiting for the topic's metadata or
 *       for buffer space, a record above {@code max.request.size}, an authorization error on the
 *       topic's metadata): the record was never sent. A retriable error or time-out is {@link
 *       Outcome.Retryable}, anything else {@link Outcome.Rejected}.
 *   <li>Failed after it was handed over: a refusal that a broker gives without writing (record or
 *       batch too large, invalid record or topic, authorization, authentication, serialisation) is
 *       {@link Outcome.Rejected}; anything else, above all a time-out or a retriable error after
 *       the producer's own resends ran out, is {@link Outcome.Ambiguous}, because the broker may
 *       have written it and only the answer was lost.
 * </ul>
 */
final class SendFailures {

  private SendFailures() {}

  /**
   * @param failure the producer's exception
   * @param handedOver false when the producer failed the record before queueing it for sending
   */
  static Outcome outcome(Exception failure, boolean handedOver) {
    String code = code(failure);
    String reason = reason(failure);
    if (!handedOver) {
      return failure instanceof RetriableException
          ? new Outcome.Retryable("not sent: " + reason)
          : new Outcome.Rejected(code, reason);
    }
    return refusedWithoutWriting(failure)
        ? new Outcome.Rejected(code, reason)
        : new Outcome.Ambiguous("may be written: " + reason);
  }

  private static boolean refusedWithoutWriting(Exception failure) {
    return failure instanceof RecordTooLargeException
        || failure instanceof RecordBatchTooLargeException
        || failure instanceof InvalidRecordException
        || failure instanceof InvalidTopicException
        || failure instanceof AuthorizationException
        || failure instanceof AuthenticationException
        || failure instanceof SerializationException;
  }

  /** The Kafka protocol's name for the error, e.g. {@code MESSAGE_TOO_LARGE}. */
  private static String code(Exception failure) {
    Errors error = Errors.forException(failure);
    return error == Errors.UNKNOWN_SERVER_ERROR ? failure.getClass().getSimpleName() : error.name();
  }

  private static String reason(Exception failure) {
    String text = failure.getClass().getSimpleName();
    if (failure.getMessage() != null) {
      text += ": " + failure.getMessage();
    }
    return text.length() <= 200 ? text : text.substring(0, 200);
  }
}
