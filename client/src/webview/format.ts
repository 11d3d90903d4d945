// Words and numbers on the study page.

export const ratingLabels = ["1 Not at all", "2", "3", "4", "5 Perfectly"] as const;

/** "45s", "2m 05s", "1h 04m". */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) {
    return `${seconds}s`;
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    return `${minutes}m ${String(seconds % 60).padStart(2, "0")}s`;
  }
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, "0")}m`;
}

/** "3 of 9 done · 6 left". */
export function formatProgress(progress: { done: number; remaining: number; total: number }): string {
  return `${progress.done} of ${progress.total} done · ${progress.remaining} left`;
}
