/** Micrometer meters for the caches of a {@link dev.cachalot.Cachalot}. */
package dev.cachalot.micrometer;
