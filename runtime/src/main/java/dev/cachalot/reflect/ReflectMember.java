package dev.cachalot.reflect;

import dev.cachalot.rules.element.MemberRef;
import dev.cachalot.rules.element.TypeRef;
import java.lang.reflect.Member;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;

/** A record component accessor, method or field that a key path may use, found by reflection. */
final class ReflectMember implements MemberRef {

  private final Kind kind;
  private final Member member;
  private final Type type;

  ReflectMember(Kind kind, Member member, Type type) {
    this.kind = kind;
    this.member = member;
    this.type = type;
  }

  /** The method or field, for the builder's method handles. */
  Member member() {
    return member;
  }

  @Override
  public Kind kind() {
    return kind;
  }

  @Override
  public String name() {
    return member.getName();
  }

  @Override
  public TypeRef type() {
    return new ReflectTypeRef(type);
  }

  @Override
  public boolean isPublic() {
    return Modifier.isPublic(member.getModifiers());
  }

  @Override
  public boolean isPrivate() {
    return Modifier.isPrivate(member.getModifiers());
  }

  @Override
  public String packageName() {
    return member.getDeclaringClass().getPackageName();
  }
}
