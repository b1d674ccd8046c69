import net from "node:net";
import { expect, test } from "vitest";
import {
  databasePort,
  isDriverFault,
  isRefusedDatabaseConnection,
  openPostgresPool,
} from "./postgres-pool";

/** A real refused connection: a port that was just free. */
async function refusedConnection(): Promise<{ error: Error; port: number }> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  const error = await new Promise<Error>((resolve) =>
    net.connect(port, "127.0.0.1").on("error", resolve),
  );
  return { error, port };
}

test("a refused connection to the database's port is a fault to contain", async () => {
  const { error, port } = await refusedConnection();
  expect(isDriverFault(error)).toBe(false);
  expect(isRefusedDatabaseConnection(error, new Set([port]))).toBe(true);
});

test("a refused connection to any other port still ends the process", async () => {
  const { error, port } = await refusedConnection();
  expect(isRefusedDatabaseConnection(error, new Set([port + 1]))).toBe(false);
  expect(isRefusedDatabaseConnection(new Error("connect ECONNREFUSED"), new Set([port]))).toBe(
    false,
  );
});

test("the database's port is read from the connection string", () => {
  expect(databasePort("postgres://postgres@127.0.0.1:5433/portal")).toBe(5433);
  expect(databasePort("postgres://postgres@db.example/portal")).toBe(5432);
  expect(databasePort("not a url")).toBe(5432);
});

test("every statement drizzle sends through the pool is prepared, so it is one round trip", async () => {
  // Queries are lazy: nothing connects to this port until one is awaited.
  const { sql, end } = openPostgresPool("postgres://portal@127.0.0.1:9/none", { max: 1 });
  try {
    const query = sql.unsafe("select $1::int", [1], { prepare: false });
    expect((query as unknown as { options: { prepare: boolean } }).options.prepare).toBe(true);
  } finally {
    await end(0);
  }
});
