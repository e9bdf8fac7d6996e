/**
 * The plan of a decorator: what each method of a DAO interface does, with which cache and key, and
 * the caches it uses with their settings. The same plan, from the same rules, drives the
 * processor's JavaPoet writer and the runtime's Byte Buddy builder.
 */
package dev.cachalot.rules.plan;
