// Script shapes of the scoring contract (docs/api-scoring-certificates.md).
export interface ScriptSummary {
  script: string; plan_id: number; plan_title: string; item_id: string; item_type: string; stem_excerpt: string;
  state: string; mine: 'pending' | 'submitted'; max_total: number;
}
export interface Criterion { id: string; description: string; max_points: number }
export interface CriterionResult {
  id: string; max_points: number; scores: number[]; median: number; spread: number; needs_adjudication: boolean; adjudicated: number | boolean | null; final: number | null;
}
export interface ScriptView {
  script: string; plan_id: number; state: string;
  item: { item_id: string; type: string; stem: string; task?: { instructions: string; materials: string[]; time_minutes: number } | null; reference_answer?: string };
  rubric: Criterion[]; response: unknown; mine: Record<string, number> | null; submitted: boolean; criteria?: CriterionResult[]; total?: number;
  // Comprehensive review (综合评审): the candidate's achievements instead of an answer, never whose.
  review?: boolean; materials?: ReviewMaterial[];
}
export interface ReviewMaterial { id: number; kind: string; title: string; summary: string; created_ms: number }
export interface AdjudicationRow { script: string; plan_id: number; criterion: string; description: string; max_points: number; scores: number[]; spread: number; limit: number }

// A candidate's answer as text, whatever JSON shape the exam page saved.
export function responseText(r: unknown): string {
  if (r === null || r === undefined) return '';
  if (typeof r === 'string') return r;
  if (typeof r === 'object') {
    const o = r as Record<string, unknown>;
    if (typeof o.text === 'string') return o.text;
    if (typeof o.answer === 'string') return o.answer;
  }
  return JSON.stringify(r, null, 2);
}
