// A slow link for `npm run bench`: a loopback TCP proxy in front of PostgreSQL that holds every
// chunk for `delayMs` in each direction (as a database in another data centre would) and counts
// round trips. A round trip ("turn") is counted each time a client connection starts sending
// after the server last sent to it, unless another connection is already waiting for its answer:
// statements sent side by side on two connections wait together, so they are one round trip (as
// test/integration/round-trips.test.ts counts them). Chunks keep their order: each direction is
// one queue.
//
// With BENCH_TRACE_ROUND_TRIPS=<file>, each message the portal sends is written to that file under
// its turn's number (a Parse with its statement's name and opening words), to see what each turn
// is made of.
import { appendFileSync } from "node:fs";
import net from "node:net";

const TRACE_FILE = process.env.BENCH_TRACE_ROUND_TRIPS;

/**
 * @param {{ targetHost: string, targetPort: number, delayMs: number }} options
 * @returns {Promise<{ port: number, turns: () => number, connections: () => number, close: () => Promise<void> }>}
 */
export async function startSlowProxy({ targetHost, targetPort, delayMs }) {
  let turns = 0;
  let connections = 0;
  /** Connections that have sent and not yet heard back. */
  let waiting = 0;
  const sockets = new Set();

  /** Writes `chunk` to `to` after the delay, in order; ends `to` after what is still queued. */
  const delayed = (to) => {
    let ended = false;
    return {
      write: (chunk) => setTimeout(() => !to.destroyed && to.write(chunk), delayMs),
      end: () => {
        if (ended) return;
        ended = true;
        setTimeout(() => to.end(), delayMs);
      },
    };
  };

  const server = net.createServer((client) => {
    connections++;
    const upstream = net.connect(targetPort, targetHost);
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    sockets.add(client);
    sockets.add(upstream);
    /** Who sent last on this connection: a client send after the server's starts a turn. */
    let lastSender = "server";
    const toServer = delayed(upstream);
    const toClient = delayed(client);
    client.on("data", (chunk) => {
      if (lastSender === "server") {
        if (waiting === 0) turns++;
        waiting++;
      }
      lastSender = "client";
      if (TRACE_FILE) appendFileSync(TRACE_FILE, `#${turns} ${messagesIn(chunk)}\n`);
      toServer.write(chunk);
    });
    upstream.on("data", (chunk) => {
      if (lastSender === "client") waiting--;
      lastSender = "server";
      toClient.write(chunk);
    });
    client.on("end", toServer.end);
    upstream.on("end", toClient.end);
    const close = () => {
      if (lastSender === "client" && sockets.has(client)) waiting--;
      lastSender = "server";
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("error", close);
    upstream.on("error", close);
    client.on("close", () => setTimeout(close, delayMs));
    upstream.on("close", () => setTimeout(close, delayMs));
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  return {
    port: server.address().port,
    turns: () => turns,
    connections: () => connections,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The protocol messages in a chunk from the portal: their type letters, and each Parse's text. */
function messagesIn(chunk) {
  const messages = [];
  for (let at = 0; at + 5 <= chunk.length; at += 1 + chunk.readUInt32BE(at + 1)) {
    const type = String.fromCharCode(chunk[at]);
    if (type !== "P") {
      messages.push(type);
      continue;
    }
    const [name, text] = chunk
      .subarray(at + 5, at + 1 + chunk.readUInt32BE(at + 1))
      .toString("utf8")
      .split("\0");
    messages.push(`P(${name}) ${text.replace(/\s+/g, " ").slice(0, 100)}`);
  }
  return messages.join(" | ");
}
