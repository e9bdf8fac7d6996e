package dev.cachalot.processor.validation;

import com.palantir.javapoet.ClassName;
import dev.cachalot.processor.model.DaoModel;
import dev.cachalot.processor.model.InvalidationModel;
import dev.cachalot.processor.model.MethodModel;
import dev.cachalot.rules.BatchMethodRules;
import dev.cachalot.rules.CacheModel;
import dev.cachalot.rules.CacheRegistry;
import dev.cachalot.rules.CacheUse.Explicit;
import dev.cachalot.rules.CacheUse.Setting;
import dev.cachalot.rules.Message;
import dev.cachalot.rules.Role;
import dev.cachalot.rules.Strategy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Completes a {@link DaoReader.Reading} once every interface of the round is registered: resolves
 * each cache to its compilation-wide {@link CacheModel}, checks what needs the merged cache (a
 * known value type, the batch method against it) and names the decorator.
 */
public final class DaoValidator {

  private final Types types;
  private final Elements elements;

  public DaoValidator(Types types, Elements elements) {
    this.types = types;
    this.elements = elements;
  }

  /** Returns the model of the interface read in {@code reading}; errors go to {@code report}. */
  public DaoModel validate(
      DaoReader.Reading reading, CacheRegistry<TypeMirror, Site> registry, Report report) {
    TypeElement dao = reading.element();
    Map<String, CacheModel<TypeMirror>> caches = new LinkedHashMap<>();
    List<String> invalidatedOnly = new ArrayList<>();
    Map<String, ExecutableElement> batchMethods = new LinkedHashMap<>();
    for (MethodModel method : reading.methods()) {
      if (method.cache() != null && !caches.containsKey(method.cache())) {
        if (registry.valueType(method.cache()) == null) {
          if (registry.hasFailed(method.cache())) {
            continue;
          }
          report.error(
              Message.NO_VALUE_TYPE,
              method.element(),
              method.cache(),
              method.strategy().annotation(),
              method.strategy().annotation(),
              DaoReader.describe(method.element()),
              method.cache());
          continue;
        }
        CacheModel<TypeMirror> cache = registry.model(method.cache());
        registry.checkBufferSize(
            cache, site -> site.element().getEnclosingElement().equals(dao), report);
        caches.put(method.cache(), cache);
      }
      if (method.role() == Role.WRITE
          && method.strategy() == Strategy.WRITE_BEHIND
          && !batchMethods.containsKey(method.cache())) {
        CacheModel<TypeMirror> cache = caches.get(method.cache());
        if (cache != null && !cache.batchMethod().isEmpty()) {
          ExecutableElement batch = batchMethod(dao, cache, registry, report);
          if (batch != null) {
            batchMethods.put(cache.name(), batch);
          }
        }
      }
    }
    for (MethodModel method : reading.methods()) {
      for (InvalidationModel invalidation : method.invalidations()) {
        String cache = invalidation.cache();
        if (caches.containsKey(cache) || invalidatedOnly.contains(cache)) {
          continue;
        }
        if (registry.hasStrategy(cache) && registry.valueType(cache) != null) {
          caches.put(cache, registry.model(cache));
        } else {
          invalidatedOnly.add(cache);
        }
      }
    }
    return new DaoModel(
        dao, decoratorName(dao), reading.methods(), caches, invalidatedOnly, batchMethods);
  }

  /** {@code com.acme.CachedProductDao}, or {@code com.acme.CachedOuter_Inner} for a nested one. */
  public ClassName decoratorName(TypeElement dao) {
    return ClassName.get(
        elements.getPackageOf(dao).getQualifiedName().toString(),
        DaoReader.decoratorSimpleName(dao));
  }

  private ExecutableElement batchMethod(
      TypeElement dao,
      CacheModel<TypeMirror> cache,
      CacheRegistry<TypeMirror, Site> registry,
      Report report) {
    Explicit<Site> given = registry.explicit(cache.name(), Setting.BATCH_METHOD);
    // The batch method is a method of the interface that names it. Another interface that writes
    // the same cache uses a method of that name if it has one of the right shape, and otherwise
    // writes value by value.
    boolean givenHere = given.site().element().getEnclosingElement().equals(dao);
    Element where = given.site().element();
    String name = cache.batchMethod();
    String value =
        types.asElement(cache.valueType()) == null
            ? cache.valueType().toString()
            : types.asElement(cache.valueType()).getSimpleName().toString();
    ExecutableElement found = null;
    for (ExecutableElement candidate :
        javax.lang.model.util.ElementFilter.methodsIn(elements.getAllMembers(dao))) {
      if (candidate.getSimpleName().contentEquals(name)) {
        found = candidate;
        if (accepts(dao, candidate, cache.valueType())) {
          return candidate;
        }
      }
    }
    if (!givenHere) {
      return null;
    }
    Site site = new Site(where, given.site().annotation(), given.site().value());
    if (found == null) {
      BatchMethodRules.reportMissing(report, site, name, dao.getSimpleName().toString(), value);
    } else {
      BatchMethodRules.reportWrongParameters(
          report, site, name, DaoReader.describe(found), value, cache.name());
    }
    return null;
  }

  /** Whether {@code method} takes exactly one parameter that a {@code List<V>} can be passed to. */
  private boolean accepts(TypeElement dao, ExecutableElement method, TypeMirror valueType) {
    if (method.getParameters().size() != 1 || !method.getTypeParameters().isEmpty()) {
      return false;
    }
    TypeMirror parameter =
        ((ExecutableType) types.asMemberOf((DeclaredType) dao.asType(), method))
            .getParameterTypes()
            .get(0);
    TypeMirror listOfValues =
        types.getDeclaredType(elements.getTypeElement("java.util.List"), valueType);
    return BatchMethodRules.PARAMETER_TYPES.contains(types.erasure(parameter).toString())
        && types.isAssignable(listOfValues, parameter);
  }
}
