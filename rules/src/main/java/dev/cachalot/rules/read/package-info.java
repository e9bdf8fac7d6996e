/**
 * The reading of one DAO interface through the element port: which methods the decorator
 * implements, the role, key and cache of each, and what each annotation says about its cache;
 * everything that can be checked from the interface alone.
 */
package dev.cachalot.rules.read;
