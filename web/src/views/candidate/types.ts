// Shapes of the delivery API (docs/delivery.md) as the candidate pages use them.
export interface WorkPeriod {
  organisation: string;
  position: string;
  from: string;
  to: string;
  related: boolean;
}
export interface Profile {
  user_id?: number;
  full_name: string;
  id_number: string;
  education: string;
  field_related: boolean;
  is_student: boolean;
  technical_school_graduate: boolean;
  work_history: WorkPeriod[];
  titles: { title: string; years_after: number }[];
  certificates: { standard: string; level: string; rank?: number; scope: string; years_after: number }[];
  training: { standard: string; level: string; hours: number; certificate: boolean }[];
  occupation_years?: number;
  work_years?: number;
  updated_ms?: number;
}
export interface Trace {
  zh: string;
  en: string;
  satisfied: boolean;
  children?: Trace[];
}
export interface EligibilityDecision {
  verdict: string;
  eligible: boolean;
  needs_review: boolean;
  level: string;
  standard: string;
  explanation_zh: string[];
  explanation_en: string[];
  matched_alternative?: string;
  source_ref?: string;
  alternatives: { id: string; text: string; satisfied: boolean; review: boolean; missing_zh: string[]; missing_en: string[]; trace?: Trace }[];
}
export interface Room {
  session_id: number;
  code: string;
  name: string;
  capacity: number;
  seats_taken: number;
  starts_ms: number;
}
export interface Plan {
  id: number;
  title: string;
  standard: string;
  direction: string;
  level: string;
  kind: string;
  duration_minutes: number;
  entry_window_minutes: number;
  paper_id: string;
  rooms: Room[];
}
export interface Registration {
  id: number;
  plan_id: number;
  status: 'pending' | 'approved' | 'rejected';
  verdict: string;
  eligibility: EligibilityDecision | string;
  decided_by: number;
  decision_reason: string;
  decided_ms: number;
  session_id: number;
  seat: number;
  ticket: string;
  created_ms: number;
}
export interface AttemptSummary {
  id: number;
  registration_id: number;
  plan_id: number;
  status: string;
  started_ms: number;
  submitted_ms: number;
  deadline_ms: number;
  remaining_ms: number;
  item_count: number;
  answers: { item_id: string; sequence: number; response: unknown; flagged: boolean; flag_sequence: number }[];
}
export function fmtTime(ms: number): string {
  if (!ms) return '—';
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
export const EDUCATION = ['none', 'secondary', 'vocational', 'associate', 'bachelor', 'second_bachelor', 'master', 'doctor'];
export const TITLES = ['technician', 'assistant_engineer', 'engineer', 'senior_engineer', 'professorate_senior_engineer'];

// GB 11643: the check character of an 18-character ID number (ISO 7064 MOD 11-2).
export function idCheckProblem(id: string): string | null {
  const s = id.trim().toUpperCase();
  if (!s) return null;
  if (s.length !== 18) return 'length';
  if (!/^\d{17}[\dX]$/.test(s)) return 'format';
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(s[i]) * w[i];
  return '10X98765432'[sum % 11] === s[17] ? null : 'check_digit';
}
