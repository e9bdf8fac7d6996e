package dev.cachalot.rules.read;

import dev.cachalot.rules.diagnostic.Message;
import dev.cachalot.rules.diagnostic.Names;
import dev.cachalot.rules.diagnostic.Report;
import dev.cachalot.rules.element.DaoMethod;
import dev.cachalot.rules.element.DaoParameter;
import dev.cachalot.rules.element.MemberRef;
import dev.cachalot.rules.element.Site;
import dev.cachalot.rules.element.TypeRef;
import dev.cachalot.rules.plan.KeyPart;
import dev.cachalot.rules.plan.KeyPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Resolves a {@code key} expression over a method's parameters: the syntax is {@link
 * KeyExpression}'s, each step is found by {@link PropertyRules} on the type the previous step
 * produced, so that the decorator can compute the key with plain accessor calls.
 */
final class KeyResolver {

  private KeyResolver() {}

  /**
   * Resolves {@code expression} over the parameters of {@code method} and, when {@code result} is
   * not null, the name {@code result}, with the accessors a decorator in {@code fromPackage} may
   * call. Returns null after reporting an error at {@code site}.
   */
  static KeyPlan resolve(
      String expression,
      DaoMethod method,
      TypeRef result,
      String fromPackage,
      Site site,
      Report report) {
    List<List<String>> parsed = KeyExpression.parse(expression);
    if (parsed == null) {
      report.report(site, Message.MALFORMED_KEY, expression);
      return null;
    }
    List<KeyPart> parts = new ArrayList<>();
    for (List<String> steps : parsed) {
      String root = steps.get(0);
      int index = indexOf(method, root);
      TypeRef type;
      if (index >= 0) {
        type = method.parameters().get(index).type();
      } else if (root.equals(KeyExpression.RESULT) && result != null) {
        index = KeyPart.RESULT;
        type = result;
      } else {
        reportUnknownRoot(expression, method, root, site, report);
        return null;
      }
      List<MemberRef> path = new ArrayList<>();
      for (int i = 1; i < steps.size(); i++) {
        String step = steps.get(i);
        TypeRef owner = type.upperBound();
        if (owner.kind() != TypeRef.Kind.DECLARED) {
          report.report(
              site,
              Message.KEY_PROPERTY_OF_NON_OBJECT,
              expression,
              String.join(".", steps.subList(0, i)),
              owner,
              step);
          return null;
        }
        MemberRef accessor = PropertyRules.find(owner, step, fromPackage);
        if (accessor == null) {
          Set<String> known = PropertyRules.names(owner, fromPackage);
          report.report(
              site,
              Message.KEY_UNKNOWN_PROPERTY,
              expression,
              owner.simpleName(),
              step,
              PropertyRules.capitalize(step),
              known.isEmpty() ? "(it has none)" : String.join(", ", known));
          return null;
        }
        path.add(accessor);
        type = accessor.type();
      }
      parts.add(new KeyPart(index, root, path, type));
    }
    return new KeyPlan(parts);
  }

  private static void reportUnknownRoot(
      String expression, DaoMethod method, String root, Site site, Report report) {
    List<DaoParameter> parameters = method.parameters();
    if (!parameters.isEmpty() && !parameters.get(0).isNamePresent()) {
      report.report(
          site,
          Message.PARAMETER_NAMES_MISSING,
          expression,
          Names.method(method),
          method.declaringType().qualifiedName());
      return;
    }
    List<String> names = new ArrayList<>();
    for (DaoParameter parameter : parameters) {
      names.add(parameter.name());
    }
    report.report(
        site,
        Message.KEY_UNKNOWN_PARAMETER,
        expression,
        Names.method(method),
        root,
        names.isEmpty() ? "none" : String.join(", ", names),
        KeyExpression.unknownRootHint(root));
  }

  /** The key of the named parameters, whole, in the order given. */
  static KeyPlan wholeParameters(DaoMethod method, List<String> names) {
    List<KeyPart> parts = new ArrayList<>();
    for (String name : names) {
      int index = indexOf(method, name);
      parts.add(new KeyPart(index, name, List.of(), method.parameters().get(index).type()));
    }
    return new KeyPlan(parts);
  }

  static int indexOf(DaoMethod method, String name) {
    List<DaoParameter> parameters = method.parameters();
    for (int i = 0; i < parameters.size(); i++) {
      if (parameters.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** The boxed types of the parts, as the cache's key type. */
  static List<TypeRef> keyTypes(KeyPlan key) {
    List<TypeRef> types = new ArrayList<>();
    for (KeyPart part : key.parts()) {
      types.add(part.type().boxed());
    }
    return types;
  }
}
