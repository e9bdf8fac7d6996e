package dev.cachalot.processor.model;

import com.palantir.javapoet.ClassName;
import dev.cachalot.rules.CacheModel;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/**
 * A DAO interface ready for generation: every method it must implement, and the caches they use.
 *
 * @param element the interface
 * @param decorator the name of the class to generate
 * @param methods every method the decorator implements, in declaration order
 * @param caches the caches with a strategy that the methods use, by name, in first-use order
 * @param invalidatedOnly the caches that methods only invalidate and this compilation does not
 *     declare, in first-use order
 * @param batchMethods the batch method of each write-behind cache that has one, by cache name
 */
public record DaoModel(
    TypeElement element,
    ClassName decorator,
    List<MethodModel> methods,
    Map<String, CacheModel<TypeMirror>> caches,
    List<String> invalidatedOnly,
    Map<String, ExecutableElement> batchMethods) {

  public DaoModel {
    methods = List.copyOf(methods);
    invalidatedOnly = List.copyOf(invalidatedOnly);
  }
}
