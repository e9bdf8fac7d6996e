package dev.cachalot.rules.diagnostic;

import dev.cachalot.rules.element.DaoMethod;
import dev.cachalot.rules.element.DaoParameter;
import java.util.ArrayList;
import java.util.List;

/** How messages name methods and types, the same at compile time and at run time. */
public final class Names {

  private Names() {}

  /** {@code ProductDao.findById(long)}: the declaring interface, the name, the parameter types. */
  public static String method(DaoMethod method) {
    List<String> types = new ArrayList<>();
    for (DaoParameter parameter : method.parameters()) {
      types.add(parameter.type().toString());
    }
    return method(method.declaringType().simpleName(), method.name(), types);
  }

  /** {@code ProductDao.findById(long)}: owner, method and parameter types without packages. */
  public static String method(String owner, String name, List<String> parameterTypes) {
    StringBuilder text = new StringBuilder();
    if (owner != null) {
      text.append(owner).append('.');
    }
    text.append(name).append('(');
    for (int i = 0; i < parameterTypes.size(); i++) {
      text.append(i == 0 ? "" : ", ").append(withoutPackages(parameterTypes.get(i)));
    }
    return text.append(')').toString();
  }

  /** {@code List<Product>} for {@code java.util.List<com.acme.Product>}. */
  public static String withoutPackages(String typeName) {
    return typeName.replaceAll("\\b[a-z][a-z0-9_]*\\.", "");
  }
}
