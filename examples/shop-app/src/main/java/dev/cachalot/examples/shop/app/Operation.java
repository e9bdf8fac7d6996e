package dev.cachalot.examples.shop.app;

/** The calls whose latency the shop measures: the rows of the article's latency table. */
enum Operation {
  WRITE_BEHIND_WRITE("write", "write-behind", "events.record", "2 ms"),
  CACHE_ASIDE_WRITE("write", "cache-aside", "catalog.save", "15 ms"),
  WRITE_THROUGH_WRITE("write", "write-through", "sessions.login, .save", "25 ms"),
  HIT("read", "cache hit", "catalog/sessions.find", "1 ms"),
  CACHE_ASIDE_MISS("read", "cache-aside miss", "catalog.find", "18 ms");

  final String kind;
  final String label;
  final String calls;
  final String article;

  Operation(String kind, String label, String calls, String article) {
    this.kind = kind;
    this.label = label;
    this.calls = calls;
    this.article = article;
  }
}
