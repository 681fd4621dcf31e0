import { DataSource } from 'typeorm';
import { suggestRoutes } from '../services/routing/routing-suggestion.service';
import { WrittenRequest } from './history-writer';

// Replays the history in time order: before each request's dispatch, ask for suggestions as of the moment it
// came in (only what had happened by then counts) and compare them with the department that finally
// completed it. The rules-alone baseline is what the matching rules say, most specific first.

export interface Accuracy {
  top1: number;
  top3: number;
}

export interface EvalResult {
  requests: number;
  suggestions: Accuracy;
  rulesAlone: Accuracy;
  /** Mean wall time of one suggestion (with `concurrency` running at once). */
  msPerSuggestion: number;
}

export async function replay(dataSource: DataSource, history: WrittenRequest[], o: { concurrency: number; progress?: (done: number) => void }): Promise<EvalResult> {
  let top1 = 0, top3 = 0, rules1 = 0, rules3 = 0, done = 0, next = 0;
  const started = Date.now();
  const worker = async () => {
    while (next < history.length) {
      const h = history[next++];
      const suggested = (await suggestRoutes(dataSource.manager, h, h.createdAt)).map((s) => s.departmentId);
      if (suggested[0] === h.finalDepartmentId) top1++;
      if (suggested.slice(0, 3).includes(h.finalDepartmentId)) top3++;
      if (h.ruleDepartmentIds[0] === h.finalDepartmentId) rules1++;
      if (h.ruleDepartmentIds.slice(0, 3).includes(h.finalDepartmentId)) rules3++;
      if (++done % 500 === 0) o.progress?.(done);
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, worker));
  const n = history.length || 1;
  return {
    requests: history.length,
    suggestions: { top1: top1 / n, top3: top3 / n },
    rulesAlone: { top1: rules1 / n, top3: rules3 / n },
    msPerSuggestion: ((Date.now() - started) * o.concurrency) / n,
  };
}
