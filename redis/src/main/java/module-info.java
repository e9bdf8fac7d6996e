/**
 * The distributed tier of Cachalot on Redis (Lettuce): {@link dev.cachalot.redis.RedisStore},
 * caches shared by every node with near caches invalidated across nodes, and {@link
 * dev.cachalot.redis.JsonCodec}, the JSON entry codec (Jackson) of every store that keeps entries
 * outside the heap. Value types must be readable by Jackson: open their packages to {@code
 * com.fasterxml.jackson.databind} in a named module of your own.
 */
module dev.cachalot.redis {
  requires transitive dev.cachalot.runtime;
  requires transitive lettuce.core;
  requires transitive com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.datatype.jsr310;
  requires com.fasterxml.jackson.datatype.jdk8;
  requires com.fasterxml.jackson.module.paramnames;
  requires com.github.benmanes.caffeine;
  requires org.slf4j;
  requires static com.google.errorprone.annotations;

  exports dev.cachalot.redis;

  provides dev.cachalot.store.EntryCodec with
      dev.cachalot.redis.JsonCodec;
}
