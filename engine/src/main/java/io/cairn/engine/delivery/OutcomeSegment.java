package io.cairn.engine.delivery;

import io.cairn.engine.segment.Segment;
import java.util.List;

/**
 * A static segment made of ledger outcomes.
 *
 * @param segment the segment (STATIC, ACTIVE); its size may be 0
 * @param size its members
 * @param actionIds the action executions whose rows were read
 * @param purgedActionIds action executions in scope whose rows retention had deleted already, so
 *     that their recipients could not be included (empty when none)
 */
public record OutcomeSegment(
    Segment segment, long size, List<Long> actionIds, List<Long> purgedActionIds) {}
