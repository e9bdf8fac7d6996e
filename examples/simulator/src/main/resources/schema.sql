-- The simulator's tables, one per lane, recreated at every start (spring.sql.init.mode=always).
DROP TABLE IF EXISTS users_cache_aside;
DROP TABLE IF EXISTS users_write_through;
DROP TABLE IF EXISTS users_write_behind;

CREATE TABLE users_cache_aside   (id VARCHAR(32) PRIMARY KEY, name VARCHAR(100) NOT NULL, version BIGINT NOT NULL);
CREATE TABLE users_write_through (id VARCHAR(32) PRIMARY KEY, name VARCHAR(100) NOT NULL, version BIGINT NOT NULL);
CREATE TABLE users_write_behind  (id VARCHAR(32) PRIMARY KEY, name VARCHAR(100) NOT NULL, version BIGINT NOT NULL);
