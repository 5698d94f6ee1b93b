//! Purpose: injected failures and delays on chosen routes or GraphQL fields (502s, secondary rate limits, slowness).

export interface FaultSpec {
  /** HTTP method to match (any when omitted). */
  method?: string;
  /** Path (without `/api/v3` and query) to match: a RegExp, the exact path, or GitHub's route template. */
  path?: RegExp | string;
  /** Matches GraphQL requests whose document has this root field (e.g. `addLabelsToLabelable`). */
  graphqlField?: string;
  /** Status to answer with; omit together with `delayMs` for a slow but otherwise normal answer. */
  status?: number;
  /** How many requests it hits (default 1; `Infinity` for a lasting outage). */
  times?: number;
  /** Hits only this fraction of matching requests, evenly spread (0.3: the 4th, 7th, 10th…); default all. */
  ratio?: number;
  headers?: Record<string, string>;
  body?: unknown;
  delayMs?: number;
}

export interface Fault {
  spec: FaultSpec;
  remaining: number;
  hits: number;
  /** Matching requests seen (for `ratio`). */
  seen: number;
  remove: () => void;
}

export interface FaultTarget {
  method: string;
  path: string;
  template?: string;
  graphqlFields: string[];
}

export class Faults {
  private list: Fault[] = [];

  add(spec: FaultSpec): Fault {
    const fault: Fault = {
      spec,
      remaining: spec.times ?? 1,
      hits: 0,
      seen: 0,
      remove: () => {
        this.list = this.list.filter((f) => f !== fault);
      },
    };
    this.list.push(fault);
    return fault;
  }

  clear(): void {
    this.list = [];
  }

  /** The first live fault matching this request, consumed by one. */
  take(target: FaultTarget): Fault | undefined {
    const fault = this.list.find((f) => f.remaining > 0 && matches(f.spec, target) && sampled(f));
    if (!fault) return undefined;
    fault.remaining -= 1;
    fault.hits += 1;
    return fault;
  }
}

/** Deterministic: of n matching requests, floor(n × ratio) are hit. */
function sampled(fault: Fault): boolean {
  const ratio = fault.spec.ratio;
  if (ratio === undefined) return true;
  fault.seen += 1;
  return Math.floor(fault.seen * ratio) > Math.floor((fault.seen - 1) * ratio);
}

function matches(spec: FaultSpec, target: FaultTarget): boolean {
  if (spec.method && spec.method.toUpperCase() !== target.method.toUpperCase()) return false;
  if (spec.graphqlField && !target.graphqlFields.includes(spec.graphqlField)) return false;
  if (spec.path instanceof RegExp) return spec.path.test(target.path);
  if (typeof spec.path === "string") return spec.path === target.path || spec.path === target.template;
  return true;
}

const REASONS: Record<number, string> = {
  401: "Bad credentials",
  403: "Forbidden",
  404: "Not Found",
  422: "Validation Failed",
  429: "Too Many Requests",
  500: "Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

export function faultBody(fault: Fault): unknown {
  const status = fault.spec.status ?? 500;
  return fault.spec.body ?? { message: REASONS[status] ?? "Error", documentation_url: "https://docs.github.com/rest" };
}
