// The layers keep to their places: models are the only door to the database and never reach up
// into the web layer (the server, the routes, the components) nor read requests or cookies; the
// database layer imports nothing of the app; server helpers never import a React component.
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";

function filesUnder(folder: string): string[] {
  return fs
    .readdirSync(folder, { recursive: true, encoding: "utf8" })
    .map((file) => path.join(folder, file))
    .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file));
}

const importsOf = (file: string) =>
  [...fs.readFileSync(file, "utf8").matchAll(/^(?:import|export)[^;]*?from "([^"]+)"/gms)].map(
    (match) => match[1]!,
  );

function reachingInto(files: string[], forbidden: RegExp) {
  return files.flatMap((file) =>
    importsOf(file)
      .filter((source) => forbidden.test(source))
      .map((source) => `${file} imports ${source}`),
  );
}

test("models import nothing of the web layer", () => {
  const models = filesUnder("app/models");
  expect(models.length).toBeGreaterThan(10);
  expect(
    reachingInto(
      models,
      /^#app\/(server|web|routes|components)\/|^(\.\.\/)+(server|web|routes|components)\//,
    ),
  ).toEqual([]);
});

test("server helpers import no React component", () => {
  const helpers = [
    ...filesUnder("app/server"),
    ...filesUnder("app/web"),
    ...filesUnder("app/utils"),
  ].filter((file) => file.endsWith(".server.ts"));
  expect(helpers.length).toBeGreaterThan(5);
  expect(reachingInto(helpers, /^#app\/components\/|\/components\//)).toEqual([]);
});

test("the database layer imports nothing of the app", () => {
  const database = filesUnder("db");
  expect(database.length).toBeGreaterThan(5);
  expect(reachingInto(database, /^#app\/|^(\.\.\/)+app\//)).toEqual([]);
});

test("models read no request and no cookie", () => {
  const models = filesUnder("app/models");
  expect(reachingInto(models, /cookies\.server|#app\/privacy\/cookies/)).toEqual([]);
  const readingRequests = models.filter((file) =>
    /\brequest\.headers\b|\bRequest\b/.test(fs.readFileSync(file, "utf8")),
  );
  expect(readingRequests).toEqual([]);
});

test("app/utils holds pure helpers; what reads a request is in app/web", () => {
  const readingRequests = filesUnder("app/utils").filter((file) =>
    /\bRequest\b|AppLoadContext/.test(fs.readFileSync(file, "utf8")),
  );
  expect(readingRequests).toEqual([]);
  expect(filesUnder("app/web").length).toBeGreaterThan(5);
});
