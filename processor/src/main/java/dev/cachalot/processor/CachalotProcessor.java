package dev.cachalot.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import dev.cachalot.processor.model.DaoModel;
import dev.cachalot.processor.validation.DaoReader;
import dev.cachalot.processor.validation.DaoValidator;
import dev.cachalot.processor.validation.Report;
import dev.cachalot.processor.validation.Site;
import dev.cachalot.processor.writer.DecoratorWriter;
import dev.cachalot.rules.CacheRegistry;
import dev.cachalot.rules.CacheUse;
import dev.cachalot.rules.Message;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
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
 * <p>Each round: find the interfaces, read each into a model and a report ({@link DaoReader}),
 * register every cache use of the round ({@link CacheRegistry}, which lives for the compilation),
 * complete each model against the merged caches ({@link DaoValidator}), and write a decorator only
 * for an interface whose report is clean ({@link DecoratorWriter}). An interface that mentions a
 * type that does not exist yet (another processor may generate it) waits for a later round. An
 * unexpected exception becomes an error on the interface instead of crashing javac.
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

  private CacheRegistry<TypeMirror, Site> registry;
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
    if (registry == null) {
      registry =
          new CacheRegistry<>(processingEnv.getTypeUtils()::isSameType, TypeMirror::toString);
    }
    Set<TypeElement> daos = new LinkedHashSet<>();
    for (String name : deferred) {
      TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
      if (type != null) {
        daos.add(type);
      }
    }
    deferred.clear();
    for (TypeElement annotation : annotations) {
      for (Element element : round.getElementsAnnotatedWith(annotation)) {
        TypeElement dao = owningType(element);
        if (dao != null) {
          daos.add(dao);
        }
      }
    }
    if (round.processingOver()) {
      for (TypeElement dao : daos) {
        error(dao, Message.UNRESOLVED_TYPES.format(dao.getSimpleName(), unresolvedType(dao), "it"));
      }
      return false;
    }
    processRound(daos);
    return false;
  }

  private void processRound(Set<TypeElement> candidates) {
    DaoReader reader = new DaoReader(processingEnv.getTypeUtils(), processingEnv.getElementUtils());
    Map<TypeElement, DaoReader.Reading> readings = new LinkedHashMap<>();
    Map<TypeElement, Report> reports = new LinkedHashMap<>();
    for (TypeElement dao : candidates) {
      try {
        if (dao.getKind() != ElementKind.INTERFACE) {
          reportNotAnInterface(dao);
          continue;
        }
        String unresolved = unresolvedType(dao);
        if (unresolved != null) {
          deferred.add(dao.getQualifiedName().toString());
          continue;
        }
        Report report = new Report();
        readings.put(dao, reader.read(dao, report));
        reports.put(dao, report);
      } catch (RuntimeException unexpected) {
        unexpected(dao, unexpected);
      }
    }
    for (Map.Entry<TypeElement, DaoReader.Reading> reading : readings.entrySet()) {
      for (CacheUse<TypeMirror, Site> use : reading.getValue().uses()) {
        registry.register(use, reports.get(reading.getKey()));
      }
      reading.getValue().failedCaches().forEach(registry::markFailed);
    }
    DaoValidator validator =
        new DaoValidator(processingEnv.getTypeUtils(), processingEnv.getElementUtils());
    DecoratorWriter writer =
        new DecoratorWriter(processingEnv.getTypeUtils(), processingEnv.getElementUtils());
    for (Map.Entry<TypeElement, DaoReader.Reading> reading : readings.entrySet()) {
      TypeElement dao = reading.getKey();
      Report report = reports.get(dao);
      try {
        DaoModel model = validator.validate(reading.getValue(), registry, report);
        report.printTo(processingEnv.getMessager());
        if (!report.hasErrors()) {
          JavaFile file = writer.write(model);
          file.writeTo(processingEnv.getFiler());
        }
      } catch (IOException | RuntimeException unexpected) {
        unexpected(dao, unexpected);
      }
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

  private void reportNotAnInterface(TypeElement type) {
    List<Element> annotated = new ArrayList<>();
    if (DaoReader.isAnnotated(type)) {
      annotated.add(type);
    }
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (DaoReader.isAnnotated(method)) {
        annotated.add(method);
      }
      for (VariableElement parameter : method.getParameters()) {
        if (DaoReader.isAnnotated(parameter) && !DaoReader.isAnnotated(method)) {
          annotated.add(parameter);
        }
      }
    }
    String owner = kindOf(type) + " " + type.getSimpleName();
    for (Element element : annotated) {
      String annotation =
          element.getAnnotationMirrors().stream()
              .filter(m -> m.getAnnotationType().toString().startsWith("dev.cachalot.annotations."))
              .map(m -> m.getAnnotationType().asElement().getSimpleName().toString())
              .findFirst()
              .orElse("?");
      String where;
      if (element == type) {
        where = owner;
      } else if (element instanceof ExecutableElement method) {
        where = "method " + DaoReader.describe(method) + " of " + owner;
      } else {
        where =
            "parameter "
                + element.getSimpleName()
                + " of "
                + DaoReader.describe((ExecutableElement) element.getEnclosingElement())
                + " in "
                + owner;
      }
      error(element, Message.NOT_AN_INTERFACE.format(annotation, where, type.getSimpleName()));
    }
  }

  private static String kindOf(TypeElement type) {
    return switch (type.getKind()) {
      case ENUM -> "enum";
      case RECORD -> "record";
      case ANNOTATION_TYPE -> "annotation type";
      default -> "class";
    };
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
