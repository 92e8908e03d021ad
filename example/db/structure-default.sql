CREATE TABLE "projects" (
  "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  "name" varchar(255) NOT NULL,
  "created_at" datetime NOT NULL,
  "updated_at" datetime NOT NULL
);

CREATE TABLE "schema_migrations" (
  "version" varchar(14) PRIMARY KEY NOT NULL
);

CREATE TABLE "tasks" (
  "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  "project_id" bigint,
  "name" varchar(255) NOT NULL,
  "done" boolean,
  "created_at" datetime NOT NULL,
  "updated_at" datetime NOT NULL
);

CREATE INDEX "index_tasks_on_project_id" ON "tasks" ("project_id");

INSERT INTO "schema_migrations" ("version") VALUES
('20260101000000'),
('20260101000001');
