package dev.cachalot.rules;

import dev.cachalot.rules.diagnostic.Report;
import dev.cachalot.rules.element.DaoType;
import dev.cachalot.rules.element.Site;
import dev.cachalot.rules.element.TypeRef;
import dev.cachalot.rules.link.CacheRegistry;
import dev.cachalot.rules.link.CacheUse;
import dev.cachalot.rules.link.Linker;
import dev.cachalot.rules.plan.DaoPlan;
import dev.cachalot.rules.read.DaoReader;
import dev.cachalot.rules.read.Reading;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans decorators, the one entry point of the rules for both builders: reads each interface
 * ({@link DaoReader}), registers what all of them say about their caches ({@link CacheRegistry},
 * which lives as long as this planner: a whole compilation for the processor, one interface for the
 * run-time fallback), then completes each reading into a plan ({@link Linker}). Reading every
 * interface before linking any makes the result independent of their order. Not thread-safe.
 */
public final class Planner {

  /** The outcome for one interface: its plan, unless it has errors, and what was found. */
  public record Planned(DaoType dao, DaoPlan plan, Report report) {

    /** Whether a decorator can be built: no errors (warnings allowed). */
    public boolean succeeded() {
      return plan != null && !report.hasErrors();
    }
  }

  private final CacheRegistry<TypeRef, Site> registry =
      new CacheRegistry<>(TypeRef::isSameType, TypeRef::toString);
  private final DaoReader reader = new DaoReader();
  private final Linker linker = new Linker();

  /** Plans {@code daos} together, each with its own report. */
  public List<Planned> plan(List<? extends DaoType> daos) {
    List<Reading> readings = new ArrayList<>();
    List<Report> reports = new ArrayList<>();
    for (DaoType dao : daos) {
      Report report = new Report();
      readings.add(reader.read(dao, report));
      reports.add(report);
    }
    for (int i = 0; i < readings.size(); i++) {
      for (CacheUse<TypeRef, Site> use : readings.get(i).uses()) {
        registry.register(use, reports.get(i));
      }
      readings.get(i).failedCaches().forEach(registry::markFailed);
    }
    List<Planned> planned = new ArrayList<>();
    for (int i = 0; i < readings.size(); i++) {
      Report report = reports.get(i);
      DaoPlan plan = linker.link(readings.get(i), registry, report);
      planned.add(new Planned(readings.get(i).dao(), report.hasErrors() ? null : plan, report));
    }
    return planned;
  }
}
