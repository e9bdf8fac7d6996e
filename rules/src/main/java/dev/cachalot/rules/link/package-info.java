/**
 * The rules across methods and interfaces: one strategy, key type, value type and set of settings
 * per named cache ({@link dev.cachalot.rules.link.CacheRegistry}), and the completion of a reading
 * into a plan once the caches it uses are known ({@link dev.cachalot.rules.link.Linker}).
 */
package dev.cachalot.rules.link;
