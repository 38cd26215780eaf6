// How the exam page stores a candidate's response for each item type (the `response` of
// PUT /attempts/{id}/answers/{item}; docs/web.md):
//   single_choice, true_false, multiple_choice → {"choice": ["A", …]}   (option ids; sorted for multiple)
//   fill_in                                   → {"blanks": ["…", …]}   (one string per blank, in blank order)
//   short_answer, practical                   → {"text": "…"}
export interface CandidateItem {
  position: number;
  item_id: string;
  item_version: number;
  section: string;
  type: string;
  stem: string;
  options: { id: string; text: string }[];
  blanks: string[];
  task: { instructions: string; materials: string[] | string; time_minutes: number } | null;
  points: number;
}

export function choicesOf(v: unknown): string[] {
  if (v && typeof v === 'object' && Array.isArray((v as { choice?: unknown }).choice)) return (v as { choice: unknown[] }).choice.map(String);
  if (typeof v === 'string' && v) return [v];
  return [];
}
export function blanksOf(v: unknown, n: number): string[] {
  const arr = v && typeof v === 'object' && Array.isArray((v as { blanks?: unknown }).blanks) ? (v as { blanks: unknown[] }).blanks.map(String) : [];
  while (arr.length < n) arr.push('');
  return arr.slice(0, n);
}
export function textOf(v: unknown): string {
  if (v && typeof v === 'object' && typeof (v as { text?: unknown }).text === 'string') return (v as { text: string }).text;
  return typeof v === 'string' ? v : '';
}
export function isAnswered(item: CandidateItem, v: unknown): boolean {
  if (v === undefined || v === null) return false;
  switch (item.type) {
    case 'fill_in':
      return blanksOf(v, Math.max(1, item.blanks.length)).some((s) => s.trim() !== '');
    case 'short_answer':
    case 'practical':
      return textOf(v).trim() !== '';
    default:
      return choicesOf(v).length > 0;
  }
}
