-- The hybrid shop's tables (the same as examples/shop-app's), applied by Spring Boot at every start
-- (spring.sql.init.mode=always). Portable SQL: it runs as is on H2 and on PostgreSQL, where it
-- recreates these three tables, empty, in the default schema.

DROP TABLE IF EXISTS analytics_event;
DROP TABLE IF EXISTS user_session;
DROP TABLE IF EXISTS product;

-- The catalog: read on every page view (cache-aside), prices updated now and then.
CREATE TABLE product (
  id          BIGINT       PRIMARY KEY,
  name        VARCHAR(200) NOT NULL,
  category    VARCHAR(50)  NOT NULL,
  price_cents BIGINT       NOT NULL
);

-- Sessions: checked on every request, written on login and when extended (write-through).
CREATE TABLE user_session (
  token      VARCHAR(36)              PRIMARY KEY,
  user_name  VARCHAR(100)             NOT NULL,
  expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Analytics events: many small inserts, written in batches by the flusher (write-behind).
CREATE TABLE analytics_event (
  id          BIGINT                   PRIMARY KEY,
  user_name   VARCHAR(100)             NOT NULL,
  kind        VARCHAR(20)              NOT NULL,
  product_id  BIGINT                   NOT NULL,
  occurred_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX analytics_event_product ON analytics_event (product_id);
