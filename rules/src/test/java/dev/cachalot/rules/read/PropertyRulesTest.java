package dev.cachalot.rules.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachalot.rules.element.MemberRef;
import dev.cachalot.rules.element.TypeRef;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lookup order of a key path step, and what the decorator may call. */
class PropertyRulesTest {

  private record Member(Kind kind, String name, TypeRef type, boolean isPublic, boolean isPrivate)
      implements MemberRef {
    @Override
    public String packageName() {
      return "com.acme";
    }
  }

  /** A declared type with the given members; enough of a type for the property rules. */
  private record Owner(String erasureName, List<MemberRef> properties) implements TypeRef {
    Owner(List<MemberRef> properties) {
      this("com.acme.Product", properties);
    }

    @Override
    public Kind kind() {
      return Kind.DECLARED;
    }

    @Override
    public TypeRef boxed() {
      return this;
    }

    @Override
    public boolean isSameType(TypeRef other) {
      return other == this;
    }

    @Override
    public boolean isAssignableTo(TypeRef target) {
      return target == this;
    }

    @Override
    public String simpleName() {
      return "Product";
    }

    @Override
    public List<TypeRef> typeArguments() {
      return List.of();
    }

    @Override
    public TypeRef upperBound() {
      return this;
    }

    @Override
    public TypeRef lowerBound() {
      return null;
    }

    @Override
    public TypeRef componentType() {
      return null;
    }

    @Override
    public boolean hasValueEquality() {
      return true;
    }
  }

  private static final TypeRef LONG = named("java.lang.Long");
  private static final TypeRef BOOLEAN = named("java.lang.Boolean");

  private static TypeRef named(String name) {
    return new Owner(name, List.of());
  }

  private static MemberRef component(String name) {
    return new Member(MemberRef.Kind.RECORD_COMPONENT, name, LONG, true, false);
  }

  private static MemberRef method(String name, TypeRef type) {
    return new Member(MemberRef.Kind.METHOD, name, type, true, false);
  }

  private static MemberRef field(String name, boolean isPublic, boolean isPrivate) {
    return new Member(MemberRef.Kind.FIELD, name, LONG, isPublic, isPrivate);
  }

  @Test
  void aRecordComponentComesBeforeAGetterAndAField() {
    MemberRef component = component("id");
    Owner owner = new Owner(List.of(field("id", true, false), method("getId", LONG), component));

    assertThat(PropertyRules.find(owner, "id", "com.acme")).isSameAs(component);
  }

  @Test
  void aGetterComesBeforeAField() {
    MemberRef getter = method("getId", LONG);
    Owner owner = new Owner(List.of(field("id", true, false), getter));

    assertThat(PropertyRules.find(owner, "id", "com.acme")).isSameAs(getter);
  }

  @Test
  void anIsGetterCountsOnlyWhenItReturnsABoolean() {
    MemberRef active = method("isActive", BOOLEAN);
    MemberRef notABoolean = method("isCount", LONG);
    Owner owner = new Owner(List.of(active, notABoolean));

    assertThat(PropertyRules.find(owner, "active", "com.acme")).isSameAs(active);
    assertThat(PropertyRules.find(owner, "count", "com.acme")).isNull();
  }

  @Test
  void aPrivateFieldIsNotAPropertyAndAPackagePrivateOneOnlyFromItsPackage() {
    Owner owner = new Owner(List.of(field("secret", false, true), field("local", false, false)));

    assertThat(PropertyRules.find(owner, "secret", "com.acme")).isNull();
    assertThat(PropertyRules.find(owner, "local", "com.acme")).isNotNull();
    assertThat(PropertyRules.find(owner, "local", "com.other")).isNull();
  }

  @Test
  void getClassIsNoProperty() {
    Owner owner = new Owner(List.of(method("getClass", LONG)));

    assertThat(PropertyRules.find(owner, "class", "com.acme")).isNull();
    assertThat(PropertyRules.names(owner, "com.acme")).isEmpty();
  }

  @Test
  void messagesListThePropertiesByTheirPathNames() {
    Owner owner =
        new Owner(
            List.of(
                component("id"),
                method("getName", LONG),
                method("isActive", BOOLEAN),
                method("size", LONG),
                field("stock", true, false),
                field("secret", false, true)));

    assertThat(PropertyRules.names(owner, "com.acme"))
        .containsExactly("active", "id", "name", "stock");
  }
}
