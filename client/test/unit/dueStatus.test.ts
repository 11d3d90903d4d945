import { describe, expect, it } from "vitest";
import { DueStatus } from "../../src/dueStatus";
import type { DueCounts } from "../../src/protocol";
import type { FakeStatusBarItem } from "./fakes/vscode";

function itemOf(status: DueStatus): FakeStatusBarItem {
  return (status as unknown as { item: FakeStatusBarItem }).item;
}

describe("DueStatus", () => {
  it("Shows_the_counts_and_studies_the_workspace_when_clicked", async () => {
    const status = new DueStatus(async () => ({ due: 3, new: 0 }));
    await status.refresh();
    const item = itemOf(status);
    expect(item.visible).toBe(true);
    expect(item.text).toBe("$(mortar-board) 3 due");
    expect(item.command).toBe("decklsp.studyWorkspace");
  });

  it("Hides_when_the_server_cannot_count", async () => {
    let fail = false;
    const status = new DueStatus(async () => {
      if (fail) {
        throw new Error("Unhandled method deck/dueCounts");
      }
      return { due: 1, new: 1 };
    });
    await status.refresh();
    fail = true;
    await status.refresh();
    expect(itemOf(status).visible).toBe(false);
  });

  it("Refreshes_asked_for_during_a_request_fold_into_one_more_request", async () => {
    const answers: ((counts: DueCounts) => void)[] = [];
    const status = new DueStatus(() => new Promise<DueCounts>((resolve) => answers.push(resolve)));
    const first = status.refresh();
    void status.refresh();
    void status.refresh();
    answers[0]({ due: 1, new: 0 });
    await first;
    await Promise.resolve();
    expect(answers).toHaveLength(2);
    answers[1]({ due: 0, new: 0 });
    await status.refresh();
    expect(itemOf(status).text).toContain("0 due");
  });
});
