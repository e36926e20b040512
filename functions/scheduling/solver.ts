// Solving a Period of Sessions: the greedy heuristic gives a start, simulated annealing over
// the hearings' days then large-neighbourhood search (search.ts search()) improve it within
// budgets of evaluations and rounds, and HiGHS runs as well where the
// model is small enough, warm-started from the search: it may improve the timetable, and
// its bound says how far from optimal the answer can be (provenGap). Hearings left out
// come back with the constraint and the resource that ran out.
//
// Deployed, this module and what only it needs (search, days, heuristic, the MIP and the
// HiGHS glue) are a file of their own, solver.mjs, loaded by the first proposal
// (load-solver.ts): it imports no logger or other state of the function's own bundle,
// of which that file would carry a second copy.
import type { Placement } from './grid';
import { solveHeuristic } from './heuristic';
import { dayCandidate, dayCost } from './days';
import { MipAborted, realizeDays, solveDayBound, solveMip } from './mip';
import { DAY_EVALUATIONS, LNS_ROUNDS, search } from './search';
import { type Instance, type PreparedInstance, type ScoreBreakdown, WEIGHTS, evaluate, prepare, violations } from './model';
import { type Unscheduled, diagnose } from './timetable';

export interface Solution {
  placements: Placement[];
  unscheduled: Unscheduled[];
  score: number;
  breakdown: ScoreBreakdown;
  /** Who produced the timetable kept: the heuristic start, the search improving it, or HiGHS. */
  method: 'heuristic' | 'search' | 'mip';
  /**
   * (score − HiGHS's lower bound) / score: 0 means proven optimal, 0.01 within 1 %.
   * Null when HiGHS did not run (model too large, 'never') or failed.
   */
  provenGap: number | null;
  /** Moves the search evaluated, and whether its wall-clock safety net stopped it early. */
  evaluations: number;
  searchTimedOut: boolean;
  /** What HiGHS ended with ('not run' when it did not). */
  mipStatus: string;
}

/**
 * Binary variables the MIP may have; above this the search alone answers (provenGap null).
 * HiGHS's WebAssembly memory reached 2 GB and aborted at 100 requests (about 7,000
 * binaries) without leaving the root node; at 60 requests (about 3,700) its root stays
 * under 200 MB (bench/scheduling.ts). The memory ceiling in mip.ts guards the rest.
 */
export const MIP_MAX_VARIABLES = 6_000;

/** A time-indexed model this small is proven first, before the day-level steps (see solve()). */
const SMALL_MODEL = 1_000;

export const mipSize = (prep: PreparedInstance) => prep.hearings.reduce((sum, h) => sum + prep.grid.days.length * Math.max(0, prep.grid.slotsPerDay - h.length + 1), 0);

export interface SolveOptions {
  /** 'auto': HiGHS too when the model has at most MIP_MAX_VARIABLES binaries. */
  mip?: 'auto' | 'never' | 'always';
  /** HiGHS's time limit, seconds (all its steps together). */
  timeLimitSeconds?: number;
  /**
   * When set, HiGHS's steps also end this many seconds after the start of solve(): the
   * whole proposal, search and proof, answers within it (issue 17: proven within 10 s).
   */
  deadlineSeconds?: number;
  /** Seed of the search: the same instance and seed give the same timetable (when the safety net does not stop it). */
  seed?: number;
  /** The search's budget, in moves evaluated (default evaluationsFor()). */
  evaluations?: number;
  /** Large-neighbourhood rounds after the annealing (default LNS_ROUNDS). */
  rounds?: number;
  /** The wall-clock safety net, ms from the start of solve() to the end of the search (default SEARCH_MAX_MS). */
  searchMaxMs?: number;
  /** Largest model, in binaries, HiGHS is given under 'auto'. */
  mipMaxVariables?: number;
  /** Where the warning that HiGHS failed goes: the function's logger (this module has none of its own). */
  logger?: { warn(message: string, details: Record<string, unknown>): void };
}

/** The default budget: DAY_EVALUATIONS from 200 requests, less below (a small grid is searched through sooner). */
export const evaluationsFor = (prep: PreparedInstance) => Math.min(DAY_EVALUATIONS, 15_000 * Math.max(1, prep.hearings.length));

/** The search's start: one greedy order with descent; above 150 requests the descent's repairs cost seconds the search spends better. */
export const searchStart = (prep: PreparedInstance) => solveHeuristic(prep, prep.hearings.length > 150 ? { starts: 1, passes: 0 } : { starts: 1 });

/**
 * The clock the search stops at, counted from the start of solve(): the start, the search
 * and its final pass then answer within 5 s (issue 17) when the move budget runs long (a
 * Period of hundreds of requests on a slow core); the MIP, when it runs, has its own limit.
 */
export const SEARCH_MAX_MS = 4_500;

/** The gap a proof aims at (issue 17: optimality within 1 %). */
export const PROOF_GAP = 0.01;

export async function solve(instance: Instance, options: SolveOptions = {}): Promise<Solution> {
  const began = performance.now();
  const prep = prepare(instance);
  const start = searchStart(prep);
  const startScore = evaluate(prep, start).score;
  const searched = search(prep, start, {
    seed: options.seed ?? 1,
    evaluations: options.evaluations ?? evaluationsFor(prep),
    rounds: options.rounds ?? LNS_ROUNDS,
    maxMs: Math.max(0, (options.searchMaxMs ?? SEARCH_MAX_MS) - (performance.now() - began)),
  });
  const searchedSeconds = (performance.now() - began) / 1000;
  let placements = searched.placements;
  let best = evaluate(prep, placements);
  let method: Solution['method'] = best.score < startScore - 1e-9 ? 'search' : 'heuristic';
  if (best.score > startScore + 1e-9 || violations(prep, placements).length > 0) {
    // Cannot happen (the search keeps its best, checked by its own board): the start answers then.
    placements = start;
    best = evaluate(prep, start);
    method = 'heuristic';
  }
  let provenGap: number | null = null;
  let mipStatus = 'not run';
  const useMip = options.mip === 'always' || ((options.mip ?? 'auto') === 'auto' && mipSize(prep) <= (options.mipMaxVariables ?? MIP_MAX_VARIABLES));
  if (useMip) {
    const seconds = Math.max(0.5, Math.min(options.timeLimitSeconds ?? 5, (options.deadlineSeconds ?? Infinity) - searchedSeconds));
    // HiGHS's absolute gap of 0.5 is over 1 % of a small score (a few hearings, tie-break only): tighter there.
    const absoluteGap = Math.min(0.5, 0.002 * best.score);
    const began = Date.now();
    const left = () => seconds - (Date.now() - began) / 1000;
    /** What each step came to, in order (the proposal's log line and the bench rows). */
    const steps: string[] = [];
    const step = (what: string) => {
      steps.push(what);
      mipStatus = steps.join('; ');
    };
    // A timetable from the hearings of each day, slots and rooms by HiGHS (mip.ts realizeDays), kept when better.
    const realize = async (days: number[][], what: string) => {
      const real = await realizeDays(prep, days, { timeLimitSeconds: Math.max(0.5, Math.min(3, left())) });
      step(`${what} realized ${real?.status ?? 'no dates'}`);
      if (!real) return;
      const scored = evaluate(prep, real.placements);
      if (real.placements.length > 0 && violations(prep, real.placements).length === 0 && scored.score < best.score - 1e-9) {
        placements = real.placements;
        best = scored;
        method = 'mip';
      }
    };
    let bound: number | null = null;
    // What a day-level step proved, for the log line and the bench rows: its bound, the bound
    // it had at the root node (what the model's relaxation and HiGHS's cuts give alone) and
    // the nodes its branching took; figures that do not depend on the machine's load the
    // way the time does.
    const proof = (r: { bound: number | null; rootBound: number | null; nodes: number }) =>
      r.bound === null ? '' : ` (bound ${Math.round(r.bound)}${r.rootBound !== null ? `, root ${Math.round(r.rootBound)}` : ''}, ${r.nodes} nodes)`;
    const proven = () => bound !== null && best.score - bound <= PROOF_GAP * best.score;
    let timeIndexedRan = false;
    // The time-indexed model (it may improve the timetable, and proves small ones).
    const timeIndexed = async (timeLimitSeconds: number) => {
      timeIndexedRan = true;
      const mip = await solveMip(prep, { timeLimitSeconds, start: placements, absoluteGap });
      step(mip.status);
      const scored = evaluate(prep, mip.placements);
      if (mip.placements.length > 0 && violations(prep, mip.placements).length === 0 && scored.score < best.score - 1e-9) {
        placements = mip.placements;
        best = scored;
        method = 'mip';
      }
      if (mip.bound !== null && (bound === null || mip.bound > bound)) bound = mip.bound;
    };
    try {
      // A small model first goes to the time-indexed model, which proves it in a fraction of
      // a second (20 requests: 459 binaries, 0.2 s); the day-level steps below are for the
      // sizes it cannot prove, and would otherwise leave it no time on a busy machine.
      if (mipSize(prep) <= SMALL_MODEL) await timeIndexed(seconds / 2);
      if (!proven()) {
        // First a candidate from annealing at the day level (days.ts): the bound's proof is
        // quick once the timetable in hand is optimal, slow while it is a split day away.
        const candidate = dayCandidate(prep, placements);
        step('days annealed');
        if (candidate) await realize(candidate, 'annealed days');
        // Then the day-level model (mip.ts buildDayModel: symmetric days, connectivity cuts,
        // warm-started from the timetable in hand), in two steps, because its proof of the
        // fewest split days is quick and its proof of the spread that goes with them is not:
        // (1) split days alone: its bound, 1000 × the fewest split days, bounds the score
        //     (every other term is ≥ 0);
        // (2) the whole day-level score, among day assignments with at most those split days
        //     when (1) proved them: a timetable with more scores ≥ 1000 × (fewest + 1), so
        //     min(1000 × (fewest + 1), bound of (2)) bounds the score.
        const first = await solveDayBound(prep, { timeLimitSeconds: Math.max(0.5, (left() - 1) * 0.75), start: placements, symmetric: true, variant: { splitsOnly: true } });
        step(`fewest split days ${first.status}${proof(first)}`);
        if (first.bound !== null && (bound === null || first.bound > bound)) bound = first.bound;
        // Proved: every timetable with nothing left out has at least this many split days
        // (whole numbers above the bound); one with a hearing left out scores ≥ 100000 anyway.
        const fewest = first.optimal && first.bound !== null && first.bound < WEIGHTS.unplaced - 1e-6 ? Math.ceil(first.bound / WEIGHTS.splitDays - 1e-6) : undefined;
        // Its day assignment, when it has fewer split days than the timetable in hand, may be a better timetable.
        if (first.days) {
          const dayOf = prep.hearings.map((h) => first.days!.findIndex((list) => list.includes(h.index)));
          if (Math.floor(dayCost(prep, dayOf) / WEIGHTS.splitDays) < best.breakdown.splitDays) await realize(first.days, 'fewer split days');
        }
        const day = await solveDayBound(prep, {
          timeLimitSeconds: Math.max(0.5, left() - 1),
          start: placements,
          symmetric: true,
          absoluteGap,
          ...(fewest !== undefined ? { variant: { maxSplits: fewest, minSplits: fewest } } : {}),
        });
        step(`day bound ${day.status}${proof(day)}`);
        if (day.bound !== null) {
          const second = fewest !== undefined ? Math.min(WEIGHTS.splitDays * (fewest + 1), day.bound) : day.bound;
          if (bound === null || second > bound) bound = second;
        }
        // Its best day assignment, when not the timetable's own, may be a better timetable.
        if (day.days && left() > 0.2) await realize(day.days, 'bound days');
      }
      // ... then, when that is not yet within 1 %, the time-indexed model with the time left.
      if (!proven() && !timeIndexedRan && left() > 0.5) await timeIndexed(left());
      if (bound !== null) provenGap = best.score <= 1e-9 ? 0 : round(Math.max(0, (best.score - bound) / best.score));
    } catch (error) {
      // HiGHS is WebAssembly loaded from highs.wasm beside the bundle: if it is missing or
      // aborts (memory), the search's timetable (always valid) still answers, unproven.
      if (options.mip === 'always' && !(error instanceof MipAborted)) throw error;
      mipStatus = `failed: ${(error as Error).name}`;
      options.logger?.warn('mip unavailable, search only', { error: (error as Error).name, message: (error as Error).message.slice(0, 200) });
    }
  }
  const placed = new Set(placements.map((p) => p.id));
  const unscheduled = prep.hearings.filter((h) => !placed.has(h.id)).map((h) => diagnose(prep, placements, h.id));
  return {
    placements,
    unscheduled,
    score: round(best.score),
    breakdown: best.breakdown,
    method,
    provenGap,
    evaluations: searched.evaluations,
    searchTimedOut: searched.timedOut,
    mipStatus,
  };
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;
