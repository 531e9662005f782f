// Typed wrappers over the submit and outbox commands. Every rejection is an IpcError envelope
// (see index.ts). Runs report progress over a Channel and resolve with the run's report.
import { Channel } from "@tauri-apps/api/core";
import { call } from ".";
import type { OutboxStatus } from "../bindings/OutboxStatus";
import type { ProgressEvent } from "../bindings/ProgressEvent";
import type { SendReport } from "../bindings/SendReport";
import type { SandboxApproval } from "../bindings/SandboxApproval";
import type { SandboxFaults } from "../bindings/SandboxFaults";
import type { SubmitInput } from "../bindings/SubmitInput";
import type { SubmitPreview } from "../bindings/SubmitPreview";

function channel(onProgress: (event: ProgressEvent) => void): Channel<ProgressEvent> {
  const c = new Channel<ProgressEvent>();
  c.onmessage = onProgress;
  return c;
}

/** What submitting draft `draftId` would do, with the exact first request (secrets redacted). */
export function submitPreview(draftId: number, settings: SubmitInput): Promise<SubmitPreview> {
  return call("submit_preview", { draftId, settings });
}

/** Queues the draft and sends it; resolves when the run ends. */
export function submitStart(
  draftId: number,
  settings: SubmitInput,
  onProgress: (event: ProgressEvent) => void,
): Promise<SendReport> {
  return call("submit_start", { draftId, settings, onProgress: channel(onProgress) });
}

/** Sends every queued application of the active destination. */
export function outboxSendQueued(onProgress: (event: ProgressEvent) => void): Promise<SendReport> {
  return call("outbox_send_queued", { onProgress: channel(onProgress) });
}

/**
 * Sends unknown application `id` again. Call only after the user confirmed the warning: if the
 * first request reached Tencent, this creates a second application.
 */
export function outboxResendUnknown(
  id: number,
  onProgress: (event: ProgressEvent) => void,
): Promise<SendReport> {
  return call("outbox_resend_unknown", { id, onProgress: channel(onProgress) });
}

/** Pauses the running job (false when nothing runs). */
export function outboxPause(): Promise<boolean> {
  return call("outbox_pause");
}

/** Resumes a paused job (false when nothing runs). */
export function outboxResume(): Promise<boolean> {
  return call("outbox_resume");
}

/** Cancels the running job; the rest stays queued (false when nothing runs). */
export function outboxCancel(): Promise<boolean> {
  return call("outbox_cancel");
}

/** What runs, what is queued and what is unresolved for the active destination. */
export function outboxStatus(): Promise<OutboxStatus> {
  return call("outbox_status");
}

export function sandboxFaultsGet(): Promise<SandboxFaults> {
  return call("sandbox_faults_get");
}

export function sandboxFaultsSet(faults: SandboxFaults): Promise<SandboxFaults> {
  return call("sandbox_faults_set", { faults });
}

/** How long the built-in sandbox takes to approve an application. */
export function sandboxApprovalGet(): Promise<SandboxApproval> {
  return call("sandbox_approval_get");
}

/** Sets (and saves) the built-in sandbox's review delay; `null` seconds: never. */
export function sandboxApprovalSet(approval: SandboxApproval): Promise<SandboxApproval> {
  return call("sandbox_approval_set", { approval });
}
