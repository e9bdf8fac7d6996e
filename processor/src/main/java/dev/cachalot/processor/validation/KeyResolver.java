package dev.cachalot.processor.validation;

import dev.cachalot.processor.model.KeyModel;
import dev.cachalot.processor.model.KeyPart;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Parses key expressions ({@code "tenant, product.id"}) and resolves each path, step by step, to a
 * record component, a getter or a public field, so that the writer can compile it to plain accessor
 * calls. Rules shared by every annotation that takes a {@code key}.
 */
public final class KeyResolver {

  /** The name that denotes the value a write-through write returns. */
  public static final String RESULT = "result";

  private static final Pattern PATH =
      Pattern.compile(
          "\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*"
              + "(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");

  private final Types types;
  private final Elements elements;

  public KeyResolver(Types types, Elements elements) {
    this.types = types;
    this.elements = elements;
  }

  /** Where a key expression stands, for diagnostics. */
  public record Site(
      Element element,
      javax.lang.model.element.AnnotationMirror annotation,
      javax.lang.model.element.AnnotationValue value,
      String method) {}

  /**
   * Resolves {@code expression} over {@code parameters} (name to type, in order) and, when {@code
   * result} is not null, the name {@code result}. Returns null after reporting an error.
   *
   * @param fromPackage the package of the generated decorator, which decides what is accessible
   */
  public KeyModel resolve(
      String expression,
      Map<String, TypeMirror> parameters,
      TypeMirror result,
      PackageElement fromPackage,
      Site site,
      Report report) {
    List<KeyPart> parts = new ArrayList<>();
    boolean usesResult = false;
    for (String rawPart : expression.split(",", -1)) {
      String part = rawPart.strip();
      if (!PATH.matcher(part).matches()) {
        report.error(
            Message.MALFORMED_KEY, site.element(), site.annotation(), site.value(), expression);
        return null;
      }
      String[] steps = part.split("\\.");
      String root = steps[0];
      TypeMirror type = parameters.get(root);
      if (type == null && root.equals(RESULT) && result != null) {
        type = result;
        usesResult = true;
      }
      if (type == null) {
        report.error(
            Message.KEY_UNKNOWN_PARAMETER,
            site.element(),
            site.annotation(),
            site.value(),
            expression,
            site.method(),
            root,
            parameters.isEmpty() ? "none" : String.join(", ", parameters.keySet()),
            root.equals(RESULT)
                ? "; result names the returned value only in a write-through write that returns"
                    + " the value type"
                : "");
        return null;
      }
      List<KeyPart.Accessor> path = new ArrayList<>();
      for (int i = 1; i < steps.length; i++) {
        String step = steps[i];
        TypeMirror owner = upperBound(type);
        if (owner.getKind() != TypeKind.DECLARED) {
          report.error(
              Message.KEY_PROPERTY_OF_NON_OBJECT,
              site.element(),
              site.annotation(),
              site.value(),
              expression,
              String.join(".", java.util.Arrays.copyOf(steps, i)),
              owner,
              step,
              step);
          return null;
        }
        Property property = find((DeclaredType) owner, step, fromPackage);
        if (property == null) {
          String capitalized = step.substring(0, 1).toUpperCase(Locale.ROOT) + step.substring(1);
          Set<String> known = properties((DeclaredType) owner, fromPackage);
          report.error(
              Message.KEY_UNKNOWN_PROPERTY,
              site.element(),
              site.annotation(),
              site.value(),
              expression,
              types.asElement(owner).getSimpleName(),
              step,
              step,
              "get" + capitalized,
              capitalized,
              step,
              known.isEmpty() ? "(it has none)" : String.join(", ", known));
          return null;
        }
        path.add(property.accessor());
        type = property.type();
      }
      parts.add(new KeyPart(root, path, type));
    }
    return new KeyModel(parts, usesResult);
  }

  private TypeMirror upperBound(TypeMirror type) {
    TypeMirror current = type;
    while (current.getKind() == TypeKind.TYPEVAR) {
      current = ((TypeVariable) current).getUpperBound();
    }
    return current;
  }

  private record Property(KeyPart.Accessor accessor, TypeMirror type) {}

  private Property find(DeclaredType owner, String name, PackageElement fromPackage) {
    TypeElement type = (TypeElement) owner.asElement();
    if (type.getKind() == ElementKind.RECORD) {
      for (RecordComponentElement component : type.getRecordComponents()) {
        if (component.getSimpleName().contentEquals(name)
            && accessible(component.getAccessor(), fromPackage)) {
          return new Property(
              new KeyPart.Accessor(name, false), returnType(owner, component.getAccessor()));
        }
      }
    }
    String capitalized = name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    List<? extends Element> members = elements.getAllMembers(type);
    for (ExecutableElement method : ElementFilter.methodsIn(members)) {
      if (!isGetter(method, fromPackage)) {
        continue;
      }
      String methodName = method.getSimpleName().toString();
      TypeMirror returned = returnType(owner, method);
      if (methodName.equals("get" + capitalized)
          || (methodName.equals("is" + capitalized) && isBoolean(returned))) {
        return new Property(new KeyPart.Accessor(methodName, false), returned);
      }
    }
    for (Element field : ElementFilter.fieldsIn(members)) {
      if (field.getSimpleName().contentEquals(name)
          && !field.getModifiers().contains(Modifier.STATIC)
          && accessible(field, fromPackage)) {
        return new Property(new KeyPart.Accessor(name, true), types.asMemberOf(owner, field));
      }
    }
    return null;
  }

  /** The names of the properties a key path can use on {@code owner}, sorted. */
  private Set<String> properties(DeclaredType owner, PackageElement fromPackage) {
    Set<String> names = new TreeSet<>();
    TypeElement type = (TypeElement) owner.asElement();
    if (type.getKind() == ElementKind.RECORD) {
      for (RecordComponentElement component : type.getRecordComponents()) {
        names.add(component.getSimpleName().toString());
      }
    }
    List<? extends Element> members = elements.getAllMembers(type);
    for (ExecutableElement method : ElementFilter.methodsIn(members)) {
      String methodName = method.getSimpleName().toString();
      if (!isGetter(method, fromPackage) || methodName.equals("getClass")) {
        continue;
      }
      if (methodName.startsWith("get") && methodName.length() > 3) {
        names.add(decapitalize(methodName.substring(3)));
      } else if (methodName.startsWith("is")
          && methodName.length() > 2
          && isBoolean(returnType(owner, method))) {
        names.add(decapitalize(methodName.substring(2)));
      }
    }
    for (Element field : ElementFilter.fieldsIn(members)) {
      if (!field.getModifiers().contains(Modifier.STATIC) && accessible(field, fromPackage)) {
        names.add(field.getSimpleName().toString());
      }
    }
    return names;
  }

  private boolean isGetter(ExecutableElement method, PackageElement fromPackage) {
    return method.getParameters().isEmpty()
        && method.getTypeParameters().isEmpty()
        && method.getReturnType().getKind() != TypeKind.VOID
        && !method.getModifiers().contains(Modifier.STATIC)
        && accessible(method, fromPackage);
  }

  private boolean accessible(Element member, PackageElement fromPackage) {
    Set<Modifier> modifiers = member.getModifiers();
    if (modifiers.contains(Modifier.PUBLIC)) {
      return true;
    }
    return !modifiers.contains(Modifier.PRIVATE)
        && elements.getPackageOf(member).equals(fromPackage);
  }

  private TypeMirror returnType(DeclaredType owner, ExecutableElement method) {
    return ((ExecutableType) types.asMemberOf(owner, method)).getReturnType();
  }

  private boolean isBoolean(TypeMirror type) {
    return type.getKind() == TypeKind.BOOLEAN
        || (type.getKind() == TypeKind.DECLARED
            && ((TypeElement) types.asElement(type))
                .getQualifiedName()
                .contentEquals("java.lang.Boolean"));
  }

  private static String decapitalize(String name) {
    return name.substring(0, 1).toLowerCase(Locale.ROOT) + name.substring(1);
  }

  /** Returns the parameters of a method as name to type, in order. */
  public static Map<String, TypeMirror> parameters(ExecutableElement method, ExecutableType type) {
    Map<String, TypeMirror> parameters = new LinkedHashMap<>();
    for (int i = 0; i < method.getParameters().size(); i++) {
      parameters.put(
          method.getParameters().get(i).getSimpleName().toString(),
          type.getParameterTypes().get(i));
    }
    return parameters;
  }
}
