package dev.cachalot.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/*
 * Design note: the Lua scripts, and why the protocols they implement are correct.
 *
 * Every script runs atomically on the server, and every change of a cache's entries is one script:
 * the change, the deletion of the key's fill lease and the PUBLISH of the invalidation happen in
 * one round trip and cannot be separated by another client's command. Every script reads the
 * cache's generation on the server (KEYS[1]) and builds the entry, lease, writer and doubt keys
 * from it (see KeySpace), so that a change always lands in the current generation even on a node
 * that has not yet heard of a clear. Reads (a plain GET, the hot path) use the generation the node
 * caches, which messages, script replies and reconnects keep current.
 *
 * Fills: the memcache lease. A load that missed asks for the lease (LEASE): the script answers the
 * entry if one exists (another node filled meanwhile), else sets the lease key to a token of this
 * load, NX with a short PX, or reports that another load holds it. A fill (FILL) stores the value
 * only if the lease key still holds its token, and deletes the lease. Every change of the key
 * deletes the lease (REMOVE, PUT, COMPLETE, ABORT) and a clear moves to a generation where the
 * lease does not exist. So a fill lands only if no change of the key ran between its LEASE (before
 * its database read) and its FILL: a load that read the database before a change can never fill
 * after it. An expired lease fails the fill too (nothing is stored), and a token is unique per
 * load, so a lease someone else took after an invalidation does not let an older load fill. Fills
 * publish nothing: they change no value another node could hold (JetCache's broadcast storm).
 *
 * Write-through across nodes: delete on doubt. Each write announces itself (BEGIN) before its
 * database call: its token joins the key's sorted set of writers, scored by a deadline (writers of
 * crashed nodes expire). A BEGIN that finds another writer registered sets the key's doubt flag.
 * When the database call returned (COMPLETE), the script removes the token and stores the value
 * only when no doubt exists: its token was still registered (it did not outlive its deadline), no
 * other writer is registered, and no doubt flag is set; otherwise it deletes the entry. The doubt
 * flag is cleared by the COMPLETE or ABORT that leaves no writer registered, and kept (refreshed)
 * while writers remain. Why that leaves Redis equal to the database (or empty): two writes whose
 * intervals [BEGIN, COMPLETE] do not overlap ran their database calls in interval order, and their
 * cache changes in the same order, so the later one wins in both. Two writes that overlap: at the
 * later BEGIN the other was registered, so the flag is set; at the earlier COMPLETE the other is
 * still registered (it deletes and keeps the flag); at the later COMPLETE the flag is still set (only
 * a COMPLETE that finds no writer registered clears it, and the later one's token was registered
 * until then), so it deletes too. Any number of writers chain the same way. A write that outlived
 * its deadline finds its token gone and deletes; the writers that no longer saw it find it still
 * registered (delete, and set the flag) or, if they began after it expired, complete before or
 * after it: if before, its own COMPLETE deletes what they stored. A write announced while Redis was
 * unreachable has no token (the empty string), which is the same as an expired one. A write whose
 * database call failed (ABORT) deletes the entry. The test that forces every interleaving of two
 * writers on two nodes is RedisWriteThroughTest.
 *
 * Invalidation messages carry "<node>\n<cache>\n<generation>\n" and then "K<key>" or "*" (a clear).
 * A node ignores its own; the others drop the key from their near caches, and adopt a newer
 * generation.
 */

/** The Lua scripts of the Redis store, loaded once per server (EVALSHA, EVAL after NOSCRIPT). */
final class Scripts {

  /**
   * What every script starts with. KEYS[1] is the cache's generation key; ARGV[1] to ARGV[4] are
   * the same for every script: the cache's key prefix, the entry's key (the codec's JSON), the
   * invalidation channel and this node's message head ("<node>\n<cache>\n"); each script's own
   * arguments follow from ARGV[5].
   */
  private static final String PRELUDE =
      """
      local gen = redis.call('GET', KEYS[1]) or '0'
      local entry = ARGV[1] .. gen .. ':' .. ARGV[2]
      local lease = ARGV[1] .. gen .. ':l:' .. ARGV[2]
      local writers = ARGV[1] .. 'w:' .. ARGV[2]
      local doubtFlag = ARGV[1] .. 'd:' .. ARGV[2]
      local function store(value, ttl)
        if ttl == '0' then
          redis.call('SET', entry, value)
        else
          redis.call('SET', entry, value, 'PX', ttl)
        end
      end
      local function publish()
        redis.call('PUBLISH', ARGV[3], ARGV[4] .. gen .. '\\nK' .. ARGV[2])
      end
      local function now()
        local t = redis.call('TIME')
        return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
      end
      -- A write-through write leaves the writers of its key: returns whether its token was still
      -- registered, whether others are, and whether the doubt flag was set. The flag is kept
      -- (refreshed) while writers remain and cleared when none do.
      local function leave(token, ms)
        local mine = redis.call('ZREM', writers, token) == 1
        redis.call('ZREMRANGEBYSCORE', writers, '-inf', now())
        local others = redis.call('ZCARD', writers) > 0
        local flagged = redis.call('EXISTS', doubtFlag) == 1
        if others then
          redis.call('SET', doubtFlag, '1', 'PX', ms)
        else
          redis.call('DEL', doubtFlag)
        end
        return mine, others, flagged
      end
      """;

  /**
   * ARGV[5..]: token, lease ms, undecodable bytes to ignore (or ''). Returns {gen, 1, entry} when
   * an entry exists, {gen, 0} when the lease is granted, {gen, 2} when another load holds it. An
   * entry of another Redis type (WRONGTYPE) counts as none: the fill overwrites it.
   */
  static final Script LEASE =
      new Script(
          "lease",
          ScriptOutputType.MULTI,
          """
          local found = redis.pcall('GET', entry)
          if type(found) == 'string' and found ~= ARGV[7] then
            return {tonumber(gen), 1, found}
          end
          if redis.call('SET', lease, ARGV[5], 'NX', 'PX', ARGV[6]) then
            return {tonumber(gen), 0}
          end
          return {tonumber(gen), 2}
          """);

  /** ARGV[5..]: token, value, ttl ms ('0': none). Returns {gen, 1 if stored else 0}. */
  static final Script FILL =
      new Script(
          "fill",
          ScriptOutputType.MULTI,
          """
          if redis.call('GET', lease) ~= ARGV[5] then
            return {tonumber(gen), 0}
          end
          store(ARGV[6], ARGV[7])
          redis.call('DEL', lease)
          return {tonumber(gen), 1}
          """);

  /** ARGV[5..]: value, ttl ms. Returns gen. */
  static final Script PUT =
      new Script(
          "put",
          ScriptOutputType.INTEGER,
          """
          store(ARGV[5], ARGV[6])
          redis.call('DEL', lease)
          publish()
          return tonumber(gen)
          """);

  /** No arguments of its own. Returns gen. */
  static final Script REMOVE =
      new Script(
          "remove",
          ScriptOutputType.INTEGER,
          """
          redis.call('DEL', entry, lease)
          publish()
          return tonumber(gen)
          """);

  /** No arguments of its own (the key is empty). Returns the new generation. */
  static final Script CLEAR =
      new Script(
          "clear",
          ScriptOutputType.INTEGER,
          """
          local next = redis.call('INCR', KEYS[1])
          redis.call('PUBLISH', ARGV[3], ARGV[4] .. next .. '\\n*')
          return next
          """);

  /** ARGV[5..]: token, writer ms. Returns gen. */
  static final Script BEGIN =
      new Script(
          "begin",
          ScriptOutputType.INTEGER,
          """
          local t = now()
          redis.call('ZREMRANGEBYSCORE', writers, '-inf', t)
          if redis.call('ZCARD', writers) > 0 then
            redis.call('SET', doubtFlag, '1', 'PX', ARGV[6])
          end
          redis.call('ZADD', writers, t + tonumber(ARGV[6]), ARGV[5])
          redis.call('PEXPIRE', writers, ARGV[6])
          return tonumber(gen)
          """);

  /**
   * ARGV[5..]: token ('' when unannounced), writer ms, value ('' for a delete), ttl ms. Returns
   * {gen, 1 if it deleted on doubt else 0}.
   */
  static final Script COMPLETE =
      new Script(
          "complete",
          ScriptOutputType.MULTI,
          """
          local mine, others, flagged = leave(ARGV[5], ARGV[6])
          local doubt = not mine or others or flagged
          if doubt or ARGV[7] == '' then
            redis.call('DEL', entry)
          else
            store(ARGV[7], ARGV[8])
          end
          redis.call('DEL', lease)
          publish()
          if doubt then
            return {tonumber(gen), 1}
          end
          return {tonumber(gen), 0}
          """);

  /** ARGV[5..]: token ('' when unannounced), writer ms. Returns gen. */
  static final Script ABORT =
      new Script(
          "abort",
          ScriptOutputType.INTEGER,
          """
          leave(ARGV[5], ARGV[6])
          redis.call('DEL', entry, lease)
          publish()
          return tonumber(gen)
          """);

  private Scripts() {}

  /** One script: its source and SHA-1, run by digest and sent whole when the server lacks it. */
  static final class Script {
    private final String name;
    private final ScriptOutputType output;
    private final byte[] source;
    private final String sha;

    Script(String name, ScriptOutputType output, String body) {
      this.name = name;
      this.output = output;
      this.source = (PRELUDE + body).getBytes(StandardCharsets.UTF_8);
      this.sha = sha1(this.source);
    }

    /**
     * Runs the script on {@code generationKey} with ARGV {@code args} (the four common ones, then
     * its own): by digest, or whole when the server does not know it (after a restart). Returns a
     * Long for an integer reply, a List for a table.
     */
    Object run(RedisCommands<byte[], byte[]> redis, byte[][] generationKey, byte[]... args) {
      try {
        return redis.<Object>evalsha(sha, output, generationKey, args);
      } catch (RedisNoScriptException e) {
        return redis.<Object>eval(source, output, generationKey, args);
      }
    }

    @Override
    public String toString() {
      return name + " (" + sha + ")";
    }

    private static String sha1(byte[] source) {
      try {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("the JDK has no SHA-1", e);
      }
    }
  }
}
