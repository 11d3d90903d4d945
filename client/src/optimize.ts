// "Optimize Scheduling": the server fits FSRS parameters to the deck's history (decklsp.optimize, with $/progress),
// the user sees the old and new loss and accepts or not (decklsp.applyParameters).
import * as vscode from "vscode";
import type { ApplyParametersResult, EvaluatedParameters, OptimizeResult } from "./protocol";

export const applyAction = "Use the new parameters";

function figures(e: EvaluatedParameters): string {
  return e.logLoss === null || e.rmseBins === null ? "not measured" : `log loss ${e.logLoss.toFixed(4)}, RMSE ${(e.rmseBins * 100).toFixed(2)}%`;
}

/** What the user is told of a fit; `ask` when accepting is offered. */
export function optimizeMessage(result: OptimizeResult): { text: string; ask: boolean } {
  const reviews = `${result.reviews} reviews`;
  if (result.outcome === "defaults") {
    return { text: `Too little review history to fit parameters (${reviews}): ${result.reason ?? ""} Keeping the current parameters.`, ask: false };
  }
  const comparison = `Current: ${figures(result.current)}. Fitted: ${figures(result.fitted)}.`;
  if (!result.better) {
    return { text: `The current parameters already predict your ${reviews} at least as well. ${comparison}`, ask: false };
  }
  const partly = result.outcome === "initialStabilitiesOnly" ? ` Only the initial stabilities could be fitted: ${result.reason ?? ""}` : "";
  return { text: `Parameters fitted to your ${reviews}. ${comparison}${partly} Schedule with them from now on?`, ask: true };
}

export interface OptimizeServer {
  optimize(uri: string): Promise<OptimizeResult>;
  apply(uri: string, parameters: number[]): Promise<ApplyParametersResult>;
}

export async function optimizeScheduling(uri: string, server: OptimizeServer): Promise<void> {
  const result = await server.optimize(uri);
  const { text, ask } = optimizeMessage(result);
  if (!ask) {
    void vscode.window.showInformationMessage(text);
    return;
  }
  const answer = await vscode.window.showInformationMessage(text, { modal: true }, applyAction);
  if (answer !== applyAction) {
    return;
  }
  const applied = await server.apply(uri, result.parameters);
  void vscode.window.showInformationMessage(`Scheduling now uses your parameters: ${applied.cards} cards rescheduled.`);
}
