-- The article's database: user_1..user_3, in each lane's table.
INSERT INTO users_cache_aside   (id, name, version) VALUES ('user_1', 'Alice', 1), ('user_2', 'Bob', 1), ('user_3', 'Carol', 1);
INSERT INTO users_write_through (id, name, version) VALUES ('user_1', 'Alice', 1), ('user_2', 'Bob', 1), ('user_3', 'Carol', 1);
INSERT INTO users_write_behind  (id, name, version) VALUES ('user_1', 'Alice', 1), ('user_2', 'Bob', 1), ('user_3', 'Carol', 1);
