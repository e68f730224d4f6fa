package io.cairn.engine.segment;

import io.cairn.engine.problem.NotFoundException;
import org.roaringbitmap.RoaringBitmap;
import org.springframework.stereotype.Service;

/** TEMPORARY stand-in until the segments branch lands. */
@Service
public class SegmentService {
  public Segment get(long id) {
    throw new NotFoundException("segment", id);
  }

  public RoaringBitmap members(long id) {
    throw new NotFoundException("segment", id);
  }
}
