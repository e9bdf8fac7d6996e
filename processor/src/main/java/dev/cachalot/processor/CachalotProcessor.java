package dev.cachalot.processor;

import com.google.auto.service.AutoService;
import dev.cachalot.processor.javac.JavacDaoType;
import dev.cachalot.processor.javac.JavacEnvironment;
import dev.cachalot.processor.javac.JavacSite;
import dev.cachalot.processor.writer.DecoratorWriter;
import dev.cachalot.rules.Planner;
import dev.cachalot.rules.diagnostic.Message;
import dev.cachalot.rules.diagnostic.Report;
import dev.cachalot.rules.diagnostic.Severity;
import dev.cachalot.rules.element.DaoType;
import dev.cachalot.rules.read.DaoReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;

/**
 * Generates {@code Cached<Interface>} for every DAO interface whose methods carry Cachalot's
 * annotations.
 *
 * <p>Each round: find the interfaces, plan them together with the rules ({@link Planner}, whose
 * cache registry lives for the compilation, so that interfaces of different rounds share caches),
 * print what the planner found, and write a decorator for each interface whose plan has no errors
 * ({@link DecoratorWriter}). An interface that mentions a type that does not exist yet (another
 * processor may generate it) waits for a later round. An unexpected exception becomes an error on
 * the interface instead of crashing javac.
 */
@AutoService(Processor.class)
public final class CachalotProcessor extends AbstractProcessor {

  private static final Set<String> ANNOTATIONS =
      Set.of(
          "dev.cachalot.annotations.CacheAside",
          "dev.cachalot.annotations.WriteThrough",
          "dev.cachalot.annotations.WriteBehind",
          "dev.cachalot.annotations.Invalidate",
          "dev.cachalot.annotations.Invalidate.List",
          "dev.cachalot.annotations.CacheDefaults",
          "dev.cachalot.annotations.Key",
          "dev.cachalot.annotations.CacheValue");

  private Planner planner;
  private JavacEnvironment env;
  private final Set<String> deferred = new LinkedHashSet<>();

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return ANNOTATIONS;
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (planner == null) {
      planner = new Planner();
      env = new JavacEnvironment(processingEnv.getTypeUtils(), processingEnv.getElementUtils());
    }
    Set<TypeElement> candidates = new LinkedHashSet<>();
    for (String name : deferred) {
      TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
      if (type != null) {
        candidates.add(type);
      }
    }
    deferred.clear();
    for (TypeElement annotation : annotations) {
      for (Element element : round.getElementsAnnotatedWith(annotation)) {
        TypeElement dao = owningType(element);
        if (dao != null) {
          candidates.add(dao);
        }
      }
    }
    // An interface that only inherits annotated methods carries no annotation of its own.
    for (TypeElement type : ElementFilter.typesIn(round.getRootElements())) {
      addInheritingInterfaces(type, candidates);
    }
    // A generic interface is decorated through a sub-interface that gives its type arguments.
    candidates.removeIf(
        type -> type.getKind() == ElementKind.INTERFACE && !type.getTypeParameters().isEmpty());
    if (round.processingOver()) {
      for (TypeElement dao : candidates) {
        error(
            dao,
            Message.UNRESOLVED_TYPES.format(
                dao.getSimpleName(), String.valueOf(unresolvedType(dao))));
      }
      return false;
    }
    List<DaoType> ready = new ArrayList<>();
    for (TypeElement dao : candidates) {
      if (unresolvedType(dao) != null) {
        deferred.add(dao.getQualifiedName().toString());
      } else {
        ready.add(env.dao(dao));
      }
    }
    processRound(ready);
    return false;
  }

  private void processRound(List<DaoType> daos) {
    List<Planner.Planned> planned;
    try {
      planned = planner.plan(daos);
    } catch (RuntimeException unexpected) {
      for (DaoType dao : daos) {
        unexpected(element(dao), unexpected);
      }
      return;
    }
    DecoratorWriter writer = new DecoratorWriter(processingEnv.getTypeUtils());
    for (Planner.Planned result : planned) {
      print(result.report());
      if (!result.succeeded()) {
        continue;
      }
      try {
        writer.write(result.plan()).writeTo(processingEnv.getFiler());
      } catch (IOException | RuntimeException unexpected) {
        unexpected(element(result.dao()), unexpected);
      }
    }
  }

  private void print(Report report) {
    for (Report.Entry entry : report.entries()) {
      JavacSite site = (JavacSite) entry.site();
      processingEnv
          .getMessager()
          .printMessage(
              entry.severity() == Severity.ERROR ? Diagnostic.Kind.ERROR : Diagnostic.Kind.WARNING,
              entry.text(),
              site.element(),
              site.annotation(),
              site.value());
    }
  }

  private static TypeElement element(DaoType dao) {
    return ((JavacDaoType) dao).element();
  }

  /** Adds {@code type} and its nested types that are interfaces inheriting annotated methods. */
  private void addInheritingInterfaces(TypeElement type, Set<TypeElement> candidates) {
    if (type.getKind() == ElementKind.INTERFACE
        && !candidates.contains(type)
        && type.getTypeParameters().isEmpty()
        && DaoReader.hasStrategy(env.dao(type))) {
      candidates.add(type);
    }
    for (TypeElement nested : ElementFilter.typesIn(type.getEnclosedElements())) {
      addInheritingInterfaces(nested, candidates);
    }
  }

  /** The interface or class that {@code element} (a method, a parameter or a type) belongs to. */
  private static TypeElement owningType(Element element) {
    Element current = element;
    while (current != null && !(current instanceof TypeElement)) {
      current = current.getEnclosingElement();
    }
    return (TypeElement) current;
  }

  /** The first type the interface's methods mention that does not resolve, or null. */
  private String unresolvedType(TypeElement dao) {
    for (ExecutableElement method :
        ElementFilter.methodsIn(processingEnv.getElementUtils().getAllMembers(dao))) {
      ExecutableType type =
          (ExecutableType)
              processingEnv.getTypeUtils().asMemberOf((DeclaredType) dao.asType(), method);
      List<TypeMirror> mentioned = new ArrayList<>(type.getParameterTypes());
      mentioned.add(type.getReturnType());
      mentioned.addAll(type.getThrownTypes());
      for (TypeMirror mirror : mentioned) {
        String unresolved = unresolved(mirror);
        if (unresolved != null) {
          return unresolved;
        }
      }
    }
    return null;
  }

  private static String unresolved(TypeMirror type) {
    if (type.getKind() == TypeKind.ERROR) {
      return type.toString();
    }
    if (type.getKind() == TypeKind.DECLARED) {
      for (TypeMirror argument : ((DeclaredType) type).getTypeArguments()) {
        String unresolved = unresolved(argument);
        if (unresolved != null) {
          return unresolved;
        }
      }
    }
    return null;
  }

  private void unexpected(Element element, Exception exception) {
    StringWriter trace = new StringWriter();
    exception.printStackTrace(new PrintWriter(trace));
    error(element, Message.UNEXPECTED.format(element, exception, trace));
  }

  private void error(Element element, String message) {
    processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, message, element);
  }
}
