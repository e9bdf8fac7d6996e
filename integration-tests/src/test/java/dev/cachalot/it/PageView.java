package dev.cachalot.it;

/** An analytics event; a class with public fields, so key paths resolve to the fields. */
public final class PageView {
  public final long id;
  public final String page;

  public PageView(long id, String page) {
    this.id = id;
    this.page = page;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PageView that && id == that.id && page.equals(that.page);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(id) * 31 + page.hashCode();
  }

  @Override
  public String toString() {
    return "PageView[" + id + ", " + page + "]";
  }
}
