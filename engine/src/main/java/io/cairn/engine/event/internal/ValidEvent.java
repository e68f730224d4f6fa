package io.cairn.engine.event.internal;

import java.time.LocalDate;
import io.cairn.engine.event.StoredAttributes;
import java.util.List;

/**
 * An item that passed validation, ready to store.
 *
 * @param index its position in the batch
 * @param clientId the sender's id for deduplication (null = none)
 * @param eventTime epoch milliseconds
 * @param day the date of eventTime in the events time zone
 */
record ValidEvent(
    int index,
    String clientId,
    String customerId,
    String eventCode,
    long eventTime,
    LocalDate day,
    List<StoredAttributes.Value> attributes) {}
