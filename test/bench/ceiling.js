// The machine's own ceiling for `npm run bench`: a bare node:http server that answers every
// request with the same bytes the portal sent for its anonymous start page (already compressed,
// with the same content-type and content-encoding), so autocannon measured against it shows what
// this machine, this Node and autocannon itself can do at most. run.js starts it as a child
// process (so it does not share an event loop with autocannon) and reads its port from the line
// it prints.
//
//   node test/bench/ceiling.js <body file> '<headers as JSON>'
import fs from "node:fs";
import http from "node:http";

const [bodyFile, headersJson] = process.argv.slice(2);
if (!bodyFile || !headersJson) {
  console.error("usage: node test/bench/ceiling.js <body file> '<headers as JSON>'");
  process.exit(2);
}
const body = fs.readFileSync(bodyFile);
const headers = { ...JSON.parse(headersJson), "content-length": String(body.length) };

const server = http.createServer((request, response) => {
  // Read (and drop) whatever was sent, as the portal would, then answer.
  request.resume();
  request.on("end", () => {
    response.writeHead(200, headers);
    response.end(body);
  });
});
server.keepAliveTimeout = 5_000;
server.listen(0, "127.0.0.1", () => {
  console.log(`ceiling ready on port ${server.address().port}`);
});
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
