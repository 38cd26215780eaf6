// Result and certificate shapes (docs/api-scoring-certificates.md).
export interface SubjectScore {
  subject: string;
  name: string;
  score: number;
  max_score: number;
  pass_score?: number;
  weight?: number;
  passed: boolean;
  counted: boolean;
}
export interface ResultView {
  id: number;
  standard: string;
  standard_title: string;
  level: string;
  level_name: string;
  direction: string;
  state: string;
  revision: number;
  passed: boolean;
  total?: number;
  grade?: string;
  subjects: SubjectScore[];
  reasons: { zh: string; en: string }[];
  computed_ms: number;
  published_ms?: number;
  correction_reason?: string;
  certificate?: string;
  profile?: CapabilityProfile;
}
export interface CapabilityProfile {
  functions: { function: string; name: string; percent: number; proficiency?: string; label_zh?: string }[];
  strong: { id: string; text: string; percent: number }[];
  weak: { id: string; text: string; percent: number }[];
  sentences: { zh: string; en: string }[];
}
export interface CertificateView {
  number: string;
  result_id: number;
  holder_name: string;
  standard: string;
  standard_title: string;
  level: string;
  level_name: string;
  direction: string;
  valid_from: string;
  valid_until: string;
  state: string;
  revocation_reason?: string;
  revocation_reason_zh?: string;
  verify_url: string;
}
