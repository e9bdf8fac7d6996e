package dev.cachalot.processor.validation;

import dev.cachalot.processor.model.KeyModel;
import dev.cachalot.processor.model.KeyPart;
import dev.cachalot.rules.KeyExpression;
import dev.cachalot.rules.Message;
import dev.cachalot.rules.PropertyRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Resolves key expressions over a method's parameters at compile time: the syntax and the lookup
 * order are {@link KeyExpression}'s and {@link PropertyRules}'; this class answers the lookups from
 * the compiler's view of the types, so that the writer can compile each path to plain accessor
 * calls.
 */
public final class KeyResolver {

  private final Types types;
  private final Elements elements;

  public KeyResolver(Types types, Elements elements) {
    this.types = types;
    this.elements = elements;
  }

  /**
   * Resolves {@code expression} over {@code parameters} (name to type, in order) and, when {@code
   * result} is not null, the name {@code result}. Returns null after reporting an error at {@code
   * site}.
   *
   * @param fromPackage the package of the generated decorator, which decides what is accessible
   * @param method the method, for messages
   */
  public KeyModel resolve(
      String expression,
      Map<String, TypeMirror> parameters,
      TypeMirror result,
      PackageElement fromPackage,
      Site site,
      String method,
      Report report) {
    List<List<String>> parsed = KeyExpression.parse(expression);
    if (parsed == null) {
      report.report(site, Message.MALFORMED_KEY, expression);
      return null;
    }
    List<KeyPart> parts = new ArrayList<>();
    boolean usesResult = false;
    for (List<String> steps : parsed) {
      String root = steps.get(0);
      TypeMirror type = parameters.get(root);
      if (type == null && root.equals(KeyExpression.RESULT) && result != null) {
        type = result;
        usesResult = true;
      }
      if (type == null) {
        report.report(
            site,
            Message.KEY_UNKNOWN_PARAMETER,
            expression,
            method,
            root,
            parameters.isEmpty() ? "none" : String.join(", ", parameters.keySet()),
            KeyExpression.unknownRootHint(root));
        return null;
      }
      List<KeyPart.Accessor> path = new ArrayList<>();
      for (int i = 1; i < steps.size(); i++) {
        String step = steps.get(i);
        TypeMirror owner = upperBound(type);
        if (owner.getKind() != TypeKind.DECLARED) {
          report.report(
              site,
              Message.KEY_PROPERTY_OF_NON_OBJECT,
              expression,
              String.join(".", steps.subList(0, i)),
              owner,
              step,
              step);
          return null;
        }
        CompileTimeMembers members = new CompileTimeMembers((DeclaredType) owner, fromPackage);
        Element accessor = PropertyRules.find(members, step);
        if (accessor == null) {
          PropertyRules.reportUnknown(
              report,
              site,
              expression,
              types.asElement(owner).getSimpleName().toString(),
              step,
              members.propertyNames());
          return null;
        }
        boolean field = accessor.getKind() == ElementKind.FIELD;
        path.add(new KeyPart.Accessor(accessor.getSimpleName().toString(), field));
        type =
            field ? types.asMemberOf((DeclaredType) owner, accessor) : members.returnType(accessor);
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

  /** The members of one declared type as the compiler sees them, for {@link PropertyRules}. */
  private final class CompileTimeMembers implements PropertyRules.Members<Element> {
    private final DeclaredType owner;
    private final TypeElement type;
    private final PackageElement fromPackage;
    private final List<? extends Element> members;

    CompileTimeMembers(DeclaredType owner, PackageElement fromPackage) {
      this.owner = owner;
      this.type = (TypeElement) owner.asElement();
      this.fromPackage = fromPackage;
      this.members = elements.getAllMembers(type);
    }

    @Override
    public Element recordComponent(String name) {
      if (type.getKind() != ElementKind.RECORD) {
        return null;
      }
      for (RecordComponentElement component : type.getRecordComponents()) {
        if (component.getSimpleName().contentEquals(name)
            && accessible(component.getAccessor(), fromPackage)) {
          return component.getAccessor();
        }
      }
      return null;
    }

    @Override
    public Element getter(String name) {
      for (ExecutableElement method : ElementFilter.methodsIn(members)) {
        if (method.getSimpleName().contentEquals(name) && isGetter(method)) {
          return method;
        }
      }
      return null;
    }

    @Override
    public boolean returnsBoolean(Element getter) {
      return isBoolean(returnType(getter));
    }

    @Override
    public Element field(String name) {
      for (VariableElement field : ElementFilter.fieldsIn(members)) {
        if (field.getSimpleName().contentEquals(name)
            && !field.getModifiers().contains(Modifier.STATIC)
            && accessible(field, fromPackage)) {
          return field;
        }
      }
      return null;
    }

    TypeMirror returnType(Element method) {
      return ((ExecutableType) types.asMemberOf(owner, method)).getReturnType();
    }

    /** The names a key path can use on this type, sorted, for messages. */
    Set<String> propertyNames() {
      Set<String> names = new TreeSet<>();
      if (type.getKind() == ElementKind.RECORD) {
        for (RecordComponentElement component : type.getRecordComponents()) {
          names.add(component.getSimpleName().toString());
        }
      }
      for (ExecutableElement method : ElementFilter.methodsIn(members)) {
        if (isGetter(method)) {
          String property =
              PropertyRules.propertyOfGetter(
                  method.getSimpleName().toString(), isBoolean(returnType(method)));
          if (property != null) {
            names.add(property);
          }
        }
      }
      for (VariableElement field : ElementFilter.fieldsIn(members)) {
        if (!field.getModifiers().contains(Modifier.STATIC) && accessible(field, fromPackage)) {
          names.add(field.getSimpleName().toString());
        }
      }
      return names;
    }

    private boolean isGetter(ExecutableElement method) {
      return method.getParameters().isEmpty()
          && method.getTypeParameters().isEmpty()
          && method.getReturnType().getKind() != TypeKind.VOID
          && !method.getModifiers().contains(Modifier.STATIC)
          && accessible(method, fromPackage);
    }
  }

  private boolean accessible(Element member, PackageElement fromPackage) {
    Set<Modifier> modifiers = member.getModifiers();
    if (modifiers.contains(Modifier.PUBLIC)) {
      return true;
    }
    return !modifiers.contains(Modifier.PRIVATE)
        && elements.getPackageOf(member).equals(fromPackage);
  }

  private boolean isBoolean(TypeMirror type) {
    return type.getKind() == TypeKind.BOOLEAN
        || (type.getKind() == TypeKind.DECLARED
            && ((TypeElement) types.asElement(type))
                .getQualifiedName()
                .contentEquals("java.lang.Boolean"));
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
