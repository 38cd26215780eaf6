// Result and certificate shapes (docs/api-scoring-certificates.md).
export interface Subject { subject: string; name: string; score: number | null; score_display?: string | null; max_score: number; pass_score?: number; weight?: number; passed: boolean; counted: boolean }
export interface ResultView {
  id: number; user_id: number; candidate_name: string; standard: string; standard_title: string; level: string; level_name: string;
  direction: string; state: 'computed' | 'reviewed' | 'published'; revision: number; passed: boolean; total?: number; grade?: string;
  subjects: Subject[]; reasons: { zh: string; en: string }[]; computed_ms: number; published_ms?: number; correction_reason?: string; certificate?: string;
}
export interface CertificateView {
  number: string; user_id: number; result_id: number; holder_name: string; standard: string; standard_title: string; level: string;
  level_name: string; direction: string; valid_from: string; valid_until: string; state: 'valid' | 'expired' | 'revoked';
  revocation_reason?: string; revocation_reason_zh?: string; revoked_at?: string; renews?: string; verify_url: string;
}
