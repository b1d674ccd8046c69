// How each web worker's V8 heap is sized: a small young generation (2 MB a half instead of 16),
// collected often and cheaply, since a page's garbage dies young; and an old generation capped
// well above what a worker keeps alive (about 25 MB after start-up), so the heap is collected
// before it grows instead of growing to spare collections. Measured with the benchmark: the peak
// resident memory of a worker under load fell from about 220 MB to 150 MB (see README,
// "Performance"). `npm start` (scripts/supervisor.js) and the benchmark start workers with them.
export const WEB_WORKER_FLAGS = ["--max-semi-space-size=2", "--max-old-space-size=112"];
