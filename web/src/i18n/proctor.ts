// Proctor console: Chinese first, English second.
import type { Messages } from './index';

const m: Messages = {
  'proc.title': { zh: '监考台', en: 'Proctor console' },
  'proc.my_rooms': { zh: '我的考场', en: 'My rooms' },
  'proc.no_rooms': { zh: '您目前没有被安排监考的考场。', en: 'You are not assigned to any room.' },
  'proc.live': { zh: '每 5 秒自动刷新 · 最近 {time}', en: 'Refreshes every 5 s · last {time}' },
  'proc.empty': { zh: '本考场还没有作答记录（管理员需指定试卷并生成作答记录）。', en: 'No attempts yet (the administrator attaches a paper and prepares attempts).' },
  'proc.seat': { zh: '座位', en: 'Seat' },
  'proc.remaining': { zh: '剩余时间', en: 'Remaining' },
  'proc.extension': { zh: '已延时', en: 'Extended' },
  'proc.admitted': { zh: '已准入', en: 'admitted' },
  'proc.events': { zh: '记录', en: 'Log' },
  'proc.event_log': { zh: '作答 #{id} 的监考记录', en: 'Events of attempt #{id}' },
  'proc.done': { zh: '已对座位 {seat} 执行“{action}”。', en: '{action} done for seat {seat}.' },
  'proc.status.ready': { zh: '未开始', en: 'Not started' },
  'proc.status.in_progress': { zh: '作答中', en: 'Answering' },
  'proc.status.paused': { zh: '已暂停', en: 'Paused' },
  'proc.status.submitted': { zh: '已交卷', en: 'Submitted' },
  'proc.status.absent': { zh: '缺考', en: 'Absent' },
  'proc.status.voided': { zh: '已作废', en: 'Voided' },
  'proc.action.admit': { zh: '准入', en: 'Admit' },
  'proc.action.pause': { zh: '暂停', en: 'Pause' },
  'proc.action.resume': { zh: '恢复', en: 'Resume' },
  'proc.action.extend': { zh: '延时', en: 'Extend' },
  'proc.action.absent': { zh: '记缺考', en: 'Mark absent' },
  'proc.action.void': { zh: '作废', en: 'Void' },
  'proc.action.irregularity': { zh: '记录异常', en: 'Record irregularity' },
  'proc.action.submit': { zh: '代为交卷', en: 'Submit' },
};
export default m;
