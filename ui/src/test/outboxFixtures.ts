import type { OutboxStatus } from "../bindings/OutboxStatus";

/** `outbox_status` of an app on the built-in sandbox with nothing queued, sending or unknown. */
export const IDLE_STATUS: OutboxStatus = {
  running: false,
  sending: null,
  phase: null,
  progress: null,
  queued: 0,
  queuedNumbers: 0,
  unknown: 0,
  recoveredAtStart: [],
  queuedElsewhere: 0,
  scope: { kind: "sandbox", host: "127.0.0.1:48123" },
  connection: "sandbox",
  endpoint: { kind: "sandbox", label: "Sandbox", url: "http://127.0.0.1:48123/" },
};
