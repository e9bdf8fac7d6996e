package dev.cachalot.spring.boot.sample;

/** Implements two unrelated DAO interfaces: not decoratable. */
public class CatalogAndEvents extends MapCatalogDao implements EventDao {
  @Override
  public void record(Event event) {}

  @Override
  public void insertAll(java.util.List<Event> events) {}

  @Override
  public long count() {
    return 0;
  }
}
