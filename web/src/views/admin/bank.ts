// Item-bank vocabulary shared by the bank pages.
import { api } from '@/api/client';

export const ITEM_TYPES = ['single_choice', 'multiple_choice', 'true_false', 'fill_in', 'short_answer', 'practical'];
export const ITEM_STATUSES = ['draft', 'in_review', 'approved', 'retired'];
export const EXAM_KINDS = ['theory', 'skill'];

export interface FunctionOption { target: string; label: string }

// The weight-table rows of a standard (职业功能 and basic requirements) as filter options.
export async function loadFunctions(standard: string): Promise<FunctionOption[]> {
  if (!standard) return [];
  const w = await api.get<{ weight_tables: { rows: { target: string; label: string }[] }[] }>(
    `standards/${encodeURIComponent(standard)}/weights`,
  );
  const seen = new Map<string, string>();
  for (const tb of w.weight_tables || []) for (const r of tb.rows) if (!seen.has(r.target)) seen.set(r.target, r.label);
  return [...seen.entries()].map(([target, label]) => ({ target, label }));
}

export interface Item {
  id: string;
  version: number;
  type: string;
  status: string;
  stem: string;
  options?: { id: string; text: string }[];
  answer?: string[];
  points: number;
  author?: string;
  reviewer?: string;
  updated_ms?: number;
  alignment?: { standard?: string; levels?: string[]; exam_kind?: string; function?: string; work_content?: string; requirements?: string[] };
  [k: string]: unknown;
}
