// Shapes of the standards API (GET /api/v1/standards…) as the public pages use them.
export interface Ref {
  raw?: string;
  clause?: string;
}
export interface Requirement {
  id: string;
  kind?: string;
  kind_label?: string;
  path?: string;
  text: string;
  ref?: Ref;
  note?: string;
  dimension?: string;
}
export interface WorkContent {
  id: string;
  name: string;
  skills?: Requirement[];
  knowledge?: Requirement[];
}
export interface Func {
  id: string;
  name: string;
  level?: string;
  work_contents: WorkContent[];
}
export interface Level {
  id: string;
  name: string;
  en?: string;
  rank: number;
  description?: { text: string };
}
export interface Direction {
  id: string;
  name: string;
  en?: string;
  definition?: { text: string } | null;
}
export interface Alternative {
  id: string;
  text: string;
  review?: boolean;
  note?: string;
}
export interface Eligibility {
  level: string;
  alternatives: Alternative[];
  requires_text?: string;
  ref?: string;
}
export interface Position {
  id: string;
  name: string;
  direction?: string;
  duties?: { text: string } | null;
  requirements: Requirement[];
}
export interface BasicGroupSet {
  id: string;
  name: string;
  groups: { id: string; name: string; items: Requirement[] }[];
}
export interface StandardSummary {
  id: string;
  code?: string;
  kind: string;
  status: string;
  title: { zh: string; en: string };
  short_name: { zh: string; en: string };
  source?: { title?: string; issuer?: string };
  levels: Level[];
  directions: Direction[];
  counts: Record<string, number>;
}
export interface Standard extends StandardSummary {
  definition?: { text: string } | null;
  clauses: { id: string; title?: string; text: string }[];
  positions: Position[];
  eligibility: Eligibility[];
  basic_requirements: BasicGroupSet[];
  work_requirements: { direction: string; level: string; functions: Func[] }[];
  weight_tables: unknown[];
}
export interface LevelView {
  standard: string;
  direction: string;
  level: Level;
  functions: Func[];
  inherited_functions: Func[];
  basic_requirements: BasicGroupSet[];
  eligibility?: Eligibility;
  exam_subjects: { kind: string; name: string; min_duration_at_level?: number; pass_score?: number; required?: boolean }[];
  weights: { exam_kind: string; title: string; table: string; rows: { group: string; label: string; weight: number }[] }[];
}
export interface WeightTable {
  id: string;
  title: string;
  exam_kind: string;
  columns: string[];
  rows: { group: string; label: string; target?: string; weights: (number | null)[] }[];
}
export interface SearchHit {
  standard: string;
  path: string;
  kind: string;
  level: string;
  direction: string;
  context: string;
  text: string;
}

// Every requirement line of a set of functions (skills and knowledge), for the level comparison.
export function requirementTexts(functions: Func[]): Set<string> {
  const out = new Set<string>();
  for (const f of functions) for (const w of f.work_contents || []) for (const r of [...(w.skills || []), ...(w.knowledge || [])]) out.add(norm(r.text));
  return out;
}
export function norm(s: string): string {
  return s.replace(/\s+/g, '').replace(/[，。；、,.;]/g, '');
}
