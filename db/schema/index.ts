export * from "./constants";
export * from "./organisation";
export * from "./staff";
export * from "./audit";
export * from "./rate-limit";
export * from "./participation";
export * from "./representations";
export * from "./conferences";
