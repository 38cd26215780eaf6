// Exam-plan shapes shared by the plan pages.
export interface Room {
  session_id: number;
  code: string;
  name: string;
  capacity: number;
  seats_taken: number;
  starts_ms: number;
  proctors: number[];
  examiners: number[];
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
  require_admission: boolean;
  paper_id: string;
  created_ms: number;
  rooms: Room[];
}
export interface Violation { code: string; field: string; message: string; message_zh: string; ref: string }
