package io.cairn.engine.coupon.internal;

import io.cairn.engine.coupon.CodeImportReport;
import io.cairn.engine.problem.ConflictException;
import io.cairn.engine.problem.NotFoundException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports a file of codes into a pool: the file is read to the end first (so a structural error
 * stores nothing), then, under the coupon's row lock, codes the pool already holds are set aside
 * and the rest inserted in batches, all in one transaction.
 */
@Component
public class CodeImports {

  private final CouponStore store;
  private final TransactionTemplate tx;
  private final Clock clock;

  CodeImports(CouponStore store, TransactionTemplate tx, Clock clock) {
    this.store = store;
    this.tx = tx;
    this.clock = clock;
  }

  public CodeImportReport importCodes(long couponId, InputStream csv) {
    CodeFile.Read read = CodeFile.read(csv);
    try {
      return tx.execute(s -> store(couponId, read));
    } catch (DataIntegrityViolationException e) {
      // Not expected under the row lock. The driver's message would quote the code: dropped.
      throw new ConflictException(
          "coupon-import-conflict",
          "coupon " + couponId + ": codes changed meanwhile; import again");
    }
  }

  private CodeImportReport store(long couponId, CodeFile.Read read) {
    if (store.lock(couponId).isEmpty()) {
      throw new NotFoundException("coupon", couponId);
    }
    Set<String> existing = store.existing(couponId, read.codes().keySet());
    List<String> fresh = new ArrayList<>(read.codes().size());
    List<CodeImportReport.Problem> problems = new ArrayList<>(read.problems());
    read.codes()
        .forEach(
            (code, line) -> {
              if (existing.contains(code)) {
                problems.add(
                    new CodeImportReport.Problem(line, "the pool already holds this code"));
              } else {
                fresh.add(code);
              }
            });
    store.insertCodes(couponId, fresh);
    store.addCounts(couponId, fresh.size(), 0, clock.instant());
    problems.sort(Comparator.comparingLong(CodeImportReport.Problem::line));
    long total = store.find(couponId).map(c -> c.total()).orElse(0L);
    return new CodeImportReport(
        read.rows(),
        fresh.size(),
        read.duplicates(),
        existing.size(),
        read.invalid(),
        problems.size() > CodeImportReport.MAX_PROBLEMS
            ? problems.subList(0, CodeImportReport.MAX_PROBLEMS)
            : problems,
        total);
  }
}
